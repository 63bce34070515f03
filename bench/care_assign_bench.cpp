// Care-team assignment at county scale: 200,000 children in 500 villages, 400 schools and 20 police
// stations, with the care persons the rules then require (at most 5 girls and 20 children each, per seat).
// Prints the time, and the ratio to a lower bound measured in the same run: grouping the children by
// village, school and sex once (a pass any assignment must make), and the independent checker's time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <tuple>

#include "modules/children/care_assignment.hpp"

using namespace hulei::children;

namespace {

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main() {
    const int n_children = 200000, villages = 500, schools = 400, stations = 20;
    std::mt19937 rng(7);
    auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    Coverage coverage;
    for (int v = 1; v <= villages; ++v) coverage.police_units_of_village[v] = {100000 + (v - 1) / 25};
    std::vector<ChildNeed> kids(n_children);
    std::vector<int> vn(villages + 1), vg(villages + 1), sn(schools), sg(schools), pn(stations), pg(stations);
    for (int i = 0; i < n_children; ++i) {
        auto& c = kids[i];
        c.id = i + 1;
        c.sex = uni(0, 1) ? 'F' : 'M';
        c.village_id = uni(1, villages);
        const int township = static_cast<int>(c.village_id - 1) / 25;
        c.school_id = 10000 + township * 20 + uni(0, 19);
        c.guardian_female = uni(0, 1);
        const bool girl = c.sex == 'F';
        vn[c.village_id]++;
        vg[c.village_id] += girl;
        sn[*c.school_id - 10000]++;
        sg[*c.school_id - 10000] += girl;
        pn[township]++;
        pg[township] += girl;
    }
    std::vector<CarePerson> persons;
    std::int64_t id = 1;
    auto add = [&](Seat seat, std::int64_t unit, int n, int girls) {
        const int need = std::max((n + 19) / 20, (girls + 4) / 5) + 1;
        for (int i = 0; i < need; ++i) persons.push_back({id++, "", i % 2 ? 'F' : 'M', seat, unit});
    };
    for (int v = 1; v <= villages; ++v) add(Seat::Village, v, vn[v], vg[v]);
    for (int s = 0; s < schools; ++s) add(Seat::Teacher, 10000 + s, sn[s], sg[s]);
    for (int t = 0; t < stations; ++t) add(Seat::Police, 100000 + t, pn[t], pg[t]);

    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::tuple<std::int64_t, std::int64_t, char, std::int64_t>> grouped;
    grouped.reserve(kids.size());
    for (const auto& c : kids) grouped.emplace_back(c.village_id, c.school_id.value_or(0), c.sex, c.id);
    std::sort(grouped.begin(), grouped.end());
    const double bound_s = seconds(t0);

    const AssignmentRules rules;
    t0 = std::chrono::steady_clock::now();
    const auto result = assign_teams(kids, persons, coverage, rules);
    const double assign_s = seconds(t0);
    t0 = std::chrono::steady_clock::now();
    const auto violations = check_assignment(kids, persons, coverage, rules, result);
    const double check_s = seconds(t0);

    std::printf("care teams: %d children, %zu care persons\n", n_children, persons.size());
    std::printf("name                         seconds    x lower bound\n");
    std::printf("lower bound (group+sort)   %9.3f         1.0\n", bound_s);
    std::printf("independent checker        %9.3f    %8.1f\n", check_s, check_s / bound_s);
    std::printf("hulei assign_teams         %9.3f    %8.1f\n", assign_s, assign_s / bound_s);
    std::printf("care_assign_seconds=%.3f complete=%lld incomplete=%zu violations=%zu\n", assign_s,
                static_cast<long long>(result.assigned), result.incomplete.size(), violations.size());
    return violations.empty() && result.incomplete.empty() ? 0 : 1;
}
