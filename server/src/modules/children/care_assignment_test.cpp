#include "modules/children/care_assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/error.hpp"

namespace hulei::children {
namespace {

constexpr std::int64_t kQingshi = 1;   // 青石村
constexpr std::int64_t kHexi = 2;      // 河西村
constexpr std::int64_t kSchool = 101;  // 青石小学
constexpr std::int64_t kStation = 201; // 五团派出所
constexpr std::int64_t kStation2 = 202;

Coverage township() {
    Coverage c;
    c.police_units_of_village[kQingshi] = {kStation};
    c.police_units_of_village[kHexi] = {kStation2};
    c.unit_names = {{kQingshi, "青石村"}, {kHexi, "河西村"}, {kSchool, "青石小学"}, {kStation, "五团派出所"}};
    return c;
}

struct Builder {
    std::vector<ChildNeed> children;
    std::vector<CarePerson> persons;
    std::int64_t next_person = 1000;

    std::int64_t person(Seat seat, std::int64_t unit, char sex) {
        persons.push_back({next_person, "p" + std::to_string(next_person), sex, seat, unit});
        return next_person++;
    }
    void persons_of(Seat seat, std::int64_t unit, char sex, int n) {
        for (int i = 0; i < n; ++i) person(seat, unit, sex);
    }
    ChildNeed& child(char sex, std::int64_t village = kQingshi, bool guardian_female = false) {
        ChildNeed c;
        c.id = static_cast<std::int64_t>(children.size()) + 1;
        c.sex = sex;
        c.village_id = village;
        c.school_id = kSchool;
        c.guardian_female = guardian_female;
        children.push_back(c);
        return children.back();
    }
};

AssignmentResult run(const Builder& b, const AssignmentRules& rules = {}, const Coverage& cov = township()) {
    AssignmentResult r = assign_teams(b.children, b.persons, cov, rules);
    auto violations = check_assignment(b.children, b.persons, cov, rules, r);
    EXPECT_TRUE(violations.empty()) << violations.front();
    return r;
}

std::map<std::int64_t, int> load_of(const AssignmentResult& r, Seat seat) {
    std::map<std::int64_t, int> load;
    for (const auto& [child, team] : r.teams)
        if (auto it = team.find(seat); it != team.end()) load[it->second]++;
    return load;
}

const Shortfall* shortfall_of(const AssignmentResult& r, std::int64_t unit) {
    for (const auto& s : r.shortfalls)
        if (s.unit_id == unit) return &s;
    return nullptr;
}

TEST(CareAssignment, TinyVillageWithoutWomanNeedsOneFemale) {
    Builder b;
    for (int i = 0; i < 3; ++i) b.child('F');
    b.person(Seat::Village, kQingshi, 'M');
    b.person(Seat::Teacher, kSchool, 'M');
    b.person(Seat::Police, kStation, 'M');
    auto r = run(b);
    EXPECT_EQ(r.assigned, 0);
    ASSERT_EQ(r.incomplete.size(), 3u);
    for (const auto& inc : r.incomplete) {
        EXPECT_EQ(inc.reason, "团队中没有女性：需要增加女性包保人（青石村）");
        EXPECT_EQ(inc.open_seats, std::vector<Seat>{Seat::Village});
    }
    ASSERT_EQ(r.shortfalls.size(), 1u);
    EXPECT_EQ(r.shortfalls[0].unit, "青石村");
    EXPECT_EQ(r.shortfalls[0].seat, Seat::Village);
    EXPECT_EQ(r.shortfalls[0].female_needed, 1);
    EXPECT_EQ(r.shortfalls[0].persons_needed, 1);

    // What the shortfall says fixes it: add one woman to the village.
    b.person(Seat::Village, kQingshi, 'F');
    auto fixed = run(b);
    EXPECT_EQ(fixed.assigned, 3);
    EXPECT_TRUE(fixed.shortfalls.empty());
}

TEST(CareAssignment, FemaleGuardianSatisfiesTheWomanRule) {
    Builder b;
    b.child('F', kQingshi, /*guardian_female=*/true);
    b.person(Seat::Village, kQingshi, 'M');
    b.person(Seat::Teacher, kSchool, 'M');
    b.person(Seat::Police, kStation, 'M');
    auto r = run(b);
    EXPECT_EQ(r.assigned, 1);
    EXPECT_TRUE(r.incomplete.empty());
}

TEST(CareAssignment, WomanIsPlacedWhereFemaleCapacityExists) {
    Builder b;
    for (int i = 0; i < 4; ++i) b.child('M');
    b.person(Seat::Village, kQingshi, 'M');
    auto teacher = b.person(Seat::Teacher, kSchool, 'F');
    b.person(Seat::Police, kStation, 'M');
    auto r = run(b);
    EXPECT_EQ(r.assigned, 4);
    for (const auto& [child, team] : r.teams) EXPECT_EQ(team.at(Seat::Teacher), teacher);
}

TEST(CareAssignment, BoysDoNotTakeTheWomenGirlsNeed) {
    // Caps 2 children / 1 girl: the village's woman must keep room for a girl, so one boy's woman is the teacher.
    Builder b;
    b.child('M');
    b.child('M');
    b.child('F', kQingshi, true);
    b.child('F', kQingshi, true);
    auto woman = b.person(Seat::Village, kQingshi, 'F');
    b.person(Seat::Village, kQingshi, 'M');
    b.person(Seat::Teacher, kSchool, 'F');
    b.person(Seat::Teacher, kSchool, 'M');
    b.persons_of(Seat::Police, kStation, 'M', 2);
    AssignmentRules rules;
    rules.max_children_per_person = 2;
    rules.max_girls_per_person = 1;
    auto r = run(b, rules);
    EXPECT_EQ(r.assigned, 4);
    EXPECT_EQ(load_of(r, Seat::Village)[woman], 2);
}

TEST(CareAssignment, NoPersonCoversMoreThanFiveGirls) {
    Builder b;
    for (int i = 0; i < 7; ++i) b.child('F', kQingshi, true);
    b.person(Seat::Village, kQingshi, 'F');
    b.persons_of(Seat::Teacher, kSchool, 'M', 2);
    b.persons_of(Seat::Police, kStation, 'M', 2);
    auto r = run(b);
    EXPECT_EQ(r.assigned, 5);
    ASSERT_EQ(r.incomplete.size(), 2u);
    EXPECT_EQ(r.incomplete[0].reason, "青石村：没有可用的儿童主任/村干部（女童包保均已满额）");
    const Shortfall* s = shortfall_of(r, kQingshi);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->female_needed, 0);
    EXPECT_EQ(s->persons_needed, 1);
    // Two teachers share the seven girls evenly (4 and 3), never more than five.
    auto teachers = load_of(r, Seat::Teacher);
    EXPECT_EQ(teachers.size(), 2u);
    for (auto [p, n] : teachers) EXPECT_LE(n, 4);
}

TEST(CareAssignment, NoPersonCoversMoreThanTwentyChildren) {
    Builder b;
    for (int i = 0; i < 45; ++i) b.child('M', kQingshi, true);
    b.person(Seat::Village, kQingshi, 'M');
    b.persons_of(Seat::Teacher, kSchool, 'M', 3);
    b.persons_of(Seat::Police, kStation, 'M', 3);
    auto r = run(b);
    EXPECT_EQ(r.assigned, 20);
    EXPECT_EQ(r.incomplete.size(), 25u);
    const Shortfall* s = shortfall_of(r, kQingshi);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->persons_needed, 2);  // ⌈45/20⌉ − 1
    EXPECT_EQ(s->female_needed, 0);
    for (auto [p, n] : load_of(r, Seat::Teacher)) EXPECT_EQ(n, 15);  // balanced
}

TEST(CareAssignment, CapsArePolicy) {
    Builder b;
    for (int i = 0; i < 6; ++i) b.child('F', kQingshi, true);
    b.persons_of(Seat::Village, kQingshi, 'M', 3);
    b.persons_of(Seat::Teacher, kSchool, 'M', 3);
    b.persons_of(Seat::Police, kStation, 'M', 3);
    AssignmentRules rules;
    rules.max_girls_per_person = 2;
    auto r = run(b, rules);
    EXPECT_EQ(r.assigned, 6);
    for (auto [p, n] : load_of(r, Seat::Village)) EXPECT_EQ(n, 2);
    rules.max_girls_per_person = 1;
    r = run(b, rules);
    EXPECT_EQ(r.assigned, 3);
    ASSERT_NE(shortfall_of(r, kSchool), nullptr);
    EXPECT_EQ(shortfall_of(r, kSchool)->persons_needed, 3);
    rules.require_woman = false;
    rules.max_girls_per_person = 5;
    Builder men = b;
    men.children[0].guardian_female = false;
    EXPECT_EQ(run(men, rules).assigned, 6);
    rules.max_children_per_person = 0;
    EXPECT_THROW(assign_teams(b.children, b.persons, township(), rules), core::Error);
}

TEST(CareAssignment, OutOfUnitPersonsAreNeverUsed) {
    Builder b;
    auto& c = b.child('M', kQingshi, true);
    c.current[Seat::Village] = b.person(Seat::Village, kHexi, 'F');  // another village's cadre
    c.current[Seat::Teacher] = b.person(Seat::Teacher, 999, 'F');    // another school's teacher
    b.person(Seat::Police, kStation2, 'F');                         // station not covering 青石村
    auto r = run(b);
    EXPECT_EQ(r.assigned, 0);
    EXPECT_FALSE(r.teams.count(1));
    ASSERT_EQ(r.incomplete.size(), 1u);
    EXPECT_EQ(r.incomplete[0].reason,
              "青石村：没有儿童主任/村干部；青石小学：没有教师；青石村：覆盖该村的派出所没有民警");
    EXPECT_EQ(r.seats_kept, 0);
}

TEST(CareAssignment, PoliceServeOnlyTheVillagesTheirStationCovers) {
    Builder b;
    for (int i = 0; i < 10; ++i) b.child('M', kQingshi, true);
    for (int i = 0; i < 10; ++i) b.child('M', kHexi, true);
    b.person(Seat::Village, kQingshi, 'M');
    b.person(Seat::Village, kHexi, 'M');
    b.person(Seat::Teacher, kSchool, 'M');
    b.person(Seat::Teacher, kSchool, 'M');
    auto officer1 = b.person(Seat::Police, kStation, 'M');
    auto officer2 = b.person(Seat::Police, kStation2, 'M');
    auto r = run(b);
    EXPECT_EQ(r.assigned, 20);
    for (const auto& c : b.children)
        EXPECT_EQ(r.teams.at(c.id).at(Seat::Police), c.village_id == kQingshi ? officer1 : officer2);

    // A village without coverage gets no officer and says so; shared coverage balances across stations.
    Coverage cov = township();
    cov.police_units_of_village.erase(kHexi);
    r = run(b, {}, cov);
    EXPECT_EQ(r.assigned, 10);
    EXPECT_EQ(r.incomplete[0].reason, "河西村：没有覆盖该村的派出所");
    cov.police_units_of_village[kQingshi] = {kStation, kStation2};
    cov.police_units_of_village[kHexi] = {kStation2};
    r = run(b, {}, cov);
    EXPECT_EQ(r.assigned, 20);  // 河西村 (one station) is served first; 青石村 overflows to 五团派出所
    auto police = load_of(r, Seat::Police);
    EXPECT_EQ(police[officer1], 10);
    EXPECT_EQ(police[officer2], 10);
}

TEST(CareAssignment, ValidExistingAssignmentsAreKept) {
    Builder b;
    for (int i = 0; i < 12; ++i) b.child(i % 2 ? 'F' : 'M', kQingshi, i % 3 == 0);
    b.persons_of(Seat::Village, kQingshi, 'F', 2);
    b.persons_of(Seat::Teacher, kSchool, 'M', 2);
    b.persons_of(Seat::Police, kStation, 'M', 2);
    auto first = run(b);
    EXPECT_EQ(first.assigned, 12);
    for (auto& c : b.children) c.current = first.teams.at(c.id);
    // New persons appear; balancing must not move anyone who is validly assigned.
    b.persons_of(Seat::Village, kQingshi, 'F', 3);
    b.persons_of(Seat::Teacher, kSchool, 'F', 3);
    auto second = run(b);
    EXPECT_EQ(second.teams, first.teams);
    EXPECT_EQ(second.seats_kept, 36);
    EXPECT_EQ(second.seats_new, 0);
}

TEST(CareAssignment, ExistingAssignmentThatBreaksARuleIsReplaced) {
    Builder b;
    auto cadre = b.person(Seat::Village, kQingshi, 'F');
    auto other_cadre = b.person(Seat::Village, kQingshi, 'F');
    auto teacher = b.person(Seat::Teacher, kSchool, 'M');
    auto female_teacher = b.person(Seat::Teacher, kSchool, 'F');
    auto officer = b.person(Seat::Police, kStation, 'M');
    auto other_officer = b.person(Seat::Police, kStation, 'M');
    for (int i = 0; i < 7; ++i) {
        auto& c = b.child('F', kQingshi, true);
        c.current = {{Seat::Village, cadre}, {Seat::Teacher, teacher}, {Seat::Police, officer}};
    }
    // A boy whose team is all men and whose guardian is a man: one seat must become a woman.
    auto& boy = b.child('M', kQingshi, false);
    boy.current = {{Seat::Village, b.person(Seat::Village, kQingshi, 'M')}, {Seat::Teacher, teacher},
                   {Seat::Police, officer}};
    // A child who moved school keeps nothing of the old teacher.
    auto& moved = b.child('M', kQingshi, true);
    moved.school_id = 102;
    moved.current = {{Seat::Teacher, teacher}};
    b.person(Seat::Teacher, 102, 'M');

    auto r = run(b);
    auto village = load_of(r, Seat::Village);
    EXPECT_EQ(village[cadre], 5);  // the first five girls by id stay
    for (int id = 1; id <= 5; ++id) EXPECT_EQ(r.teams.at(id).at(Seat::Village), cadre);
    EXPECT_NE(r.teams.at(6).at(Seat::Village), cadre);
    EXPECT_NE(r.teams.at(7).at(Seat::Village), cadre);
    EXPECT_EQ(r.teams.at(6).at(Seat::Teacher), female_teacher);  // teacher was over the girl cap too
    EXPECT_EQ(r.teams.at(6).at(Seat::Police), other_officer);    // and so was the officer
    // The boy: the woman goes where female capacity is most plentiful (the village, replacing his male
    // cadre); his other kept seats stay.
    EXPECT_EQ(r.teams.at(8).at(Seat::Village), other_cadre);
    EXPECT_EQ(r.teams.at(8).at(Seat::Teacher), teacher);
    EXPECT_EQ(r.teams.at(8).at(Seat::Police), officer);
    EXPECT_NE(r.teams.at(9).at(Seat::Teacher), teacher);
    EXPECT_EQ(r.assigned, 9);
}

TEST(CareAssignment, MissingGuardianAndSchoolAreReported) {
    Builder b;
    auto& c = b.child('F', kQingshi, false);
    c.has_guardian = false;
    c.school_id.reset();
    b.person(Seat::Village, kQingshi, 'F');
    b.person(Seat::Police, kStation, 'M');
    auto r = run(b);
    ASSERT_EQ(r.incomplete.size(), 1u);
    EXPECT_EQ(r.incomplete[0].reason, "未登记学校：无法分配教师；没有登记监护人或受托人");
    EXPECT_EQ(r.teams.at(1).size(), 2u);
    EXPECT_TRUE(r.shortfalls.empty());
}

// ---- randomised instances, validated by the independent checker ----

struct Instance {
    std::vector<ChildNeed> children;
    std::vector<CarePerson> persons;
    Coverage coverage;
    AssignmentRules rules;
};

long long ceil_div(long long a, long long b) { return (a + b - 1) / b; }

// Feasible: every child has school, guardian and coverage; each village alone has enough women for its
// woman-needing children and enough persons for all; each school/station has enough for every child it may serve.
Instance generate(unsigned seed, bool feasible) {
    std::mt19937 rng(seed);
    auto uni = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    Instance in;
    in.rules.max_children_per_person = uni(1, 20);
    in.rules.max_girls_per_person = uni(1, 7);
    in.rules.require_woman = uni(0, 9) > 0;
    const int villages = uni(1, 6), schools = uni(1, 3), stations = uni(1, 3);
    for (int v = 1; v <= villages; ++v) {
        auto& cov = in.coverage.police_units_of_village[v];
        cov.push_back(200 + uni(1, stations));
        if (uni(0, 3) == 0) cov.push_back(200 + uni(1, stations));
        if (!feasible && uni(0, 5) == 0) cov.clear();
    }
    const int n = uni(0, 150);
    for (int i = 0; i < n; ++i) {
        ChildNeed c;
        c.id = 1 + i * 3;  // non-contiguous ids
        c.sex = uni(0, 1) ? 'F' : 'M';
        c.village_id = uni(1, villages);
        c.school_id = 100 + uni(1, schools);
        if (!feasible && uni(0, 9) == 0) c.school_id.reset();
        c.has_guardian = feasible || uni(0, 9) > 0;
        c.guardian_female = uni(0, 2) == 0;
        in.children.push_back(c);
    }
    const int cap = in.rules.max_children_per_person;
    const int girl_cap = std::min(in.rules.max_girls_per_person, cap);
    std::int64_t next = 5000;
    auto add = [&](Seat seat, std::int64_t unit, int women, int total) {
        for (int i = 0; i < total; ++i)
            in.persons.push_back({next++, "", i < women ? 'F' : (uni(0, 3) == 0 ? 'F' : 'M'), seat, unit});
    };
    auto count = [&](auto pred, long long& all, long long& girls, long long& needy, long long& needy_girls) {
        all = girls = needy = needy_girls = 0;
        for (const auto& c : in.children) {
            if (!pred(c)) continue;
            ++all;
            bool girl = c.sex == 'F', need = !(c.has_guardian && c.guardian_female);
            girls += girl;
            needy += need;
            needy_girls += girl && need;
        }
    };
    long long all, girls, needy, needy_girls;
    for (int v = 1; v <= villages; ++v) {
        count([&](const ChildNeed& c) { return c.village_id == v; }, all, girls, needy, needy_girls);
        if (feasible) {
            int women = static_cast<int>(std::max(ceil_div(needy, cap), ceil_div(needy_girls, girl_cap))) + uni(0, 1);
            int total = static_cast<int>(std::max({ceil_div(all, cap), ceil_div(girls, girl_cap), 0LL}));
            add(Seat::Village, v, women, std::max(total, women) + uni(0, 1));
        } else {
            add(Seat::Village, v, uni(0, 1), uni(0, 4));
        }
    }
    for (int s = 1; s <= schools; ++s) {
        count([&](const ChildNeed& c) { return c.school_id == 100 + s; }, all, girls, needy, needy_girls);
        int total = static_cast<int>(std::max(ceil_div(all, cap), ceil_div(girls, girl_cap)));
        add(Seat::Teacher, 100 + s, 0, feasible ? total + uni(0, 1) : uni(0, 4));
    }
    for (int s = 1; s <= stations; ++s) {
        auto covers = [&](const ChildNeed& c) {
            const auto& cov = in.coverage.police_units_of_village[c.village_id];
            return std::find(cov.begin(), cov.end(), 200 + s) != cov.end();
        };
        count(covers, all, girls, needy, needy_girls);
        int total = static_cast<int>(std::max(ceil_div(all, cap), ceil_div(girls, girl_cap)));
        add(Seat::Police, 200 + s, 0, feasible ? total + uni(0, 1) : uni(0, 4));
    }
    // Existing assignments: any person at all (many invalid), on about a third of the children.
    for (auto& c : in.children) {
        if (in.persons.empty() || uni(0, 2) != 0) continue;
        for (Seat seat : {Seat::Village, Seat::Teacher, Seat::Police})
            if (uni(0, 1)) c.current[seat] = in.persons[uni(0, static_cast<int>(in.persons.size()) - 1)].id;
    }
    if (feasible) {
        // Kept assignments may occupy women; give each village spare women for them so it stays feasible.
        std::map<std::int64_t, int> kept_on_women;
        for (const auto& c : in.children)
            for (const auto& [seat, pid] : c.current)
                for (const auto& p : in.persons)
                    if (p.id == pid && p.sex == 'F' && p.seat == Seat::Village && p.unit_id == c.village_id)
                        kept_on_women[c.village_id]++;
        for (auto [v, k] : kept_on_women) add(Seat::Village, v, static_cast<int>(ceil_div(k, girl_cap)),
                                              static_cast<int>(ceil_div(k, girl_cap)));
    }
    std::shuffle(in.persons.begin(), in.persons.end(), rng);
    return in;
}

TEST(CareAssignment, RandomInstancesNeverBreakARule) {
    int feasible_runs = 0, infeasible_with_shortfall = 0;
    for (unsigned seed = 1; seed <= 200; ++seed) {
        bool feasible = seed % 2 == 0;
        Instance in = generate(seed, feasible);
        AssignmentResult r = assign_teams(in.children, in.persons, in.coverage, in.rules);
        auto violations = check_assignment(in.children, in.persons, in.coverage, in.rules, r);
        ASSERT_TRUE(violations.empty()) << "seed " << seed << ": " << violations.front();
        if (feasible) {
            ++feasible_runs;
            EXPECT_EQ(r.assigned, static_cast<std::int64_t>(in.children.size()))
                << "seed " << seed << ": " << (r.incomplete.empty() ? "" : r.incomplete[0].reason);
            EXPECT_TRUE(r.shortfalls.empty()) << "seed " << seed;
        } else if (!r.shortfalls.empty()) {
            ++infeasible_with_shortfall;
        }
        // Stability: feeding the result back changes nothing.
        for (auto& c : in.children) {
            c.current.clear();
            if (auto it = r.teams.find(c.id); it != r.teams.end()) c.current = it->second;
        }
        AssignmentResult again = assign_teams(in.children, in.persons, in.coverage, in.rules);
        ASSERT_TRUE(check_assignment(in.children, in.persons, in.coverage, in.rules, again).empty());
        EXPECT_GE(again.assigned, r.assigned) << "seed " << seed;
        if (feasible) {
            EXPECT_EQ(again.teams, r.teams) << "seed " << seed;
            EXPECT_EQ(again.seats_new, 0) << "seed " << seed;
        }
        // A seat only changes hands to bring a woman onto a team that had none.
        std::map<std::int64_t, char> sex_of;
        for (const auto& p : in.persons) sex_of[p.id] = p.sex;
        for (const auto& [child, team] : r.teams) {
            for (const auto& [seat, person] : team) {
                auto now = again.teams.at(child).find(seat);
                ASSERT_NE(now, again.teams.at(child).end()) << "seed " << seed << " child " << child;
                if (now->second != person) {
                    EXPECT_EQ(sex_of[now->second], 'F') << "seed " << seed << " child " << child;
                }
            }
        }
    }
    EXPECT_EQ(feasible_runs, 100);
    EXPECT_GT(infeasible_with_shortfall, 50);
}

// Adding exactly what the shortfalls name makes every seat-capacity and woman problem go away.
TEST(CareAssignment, ShortfallsAreSufficient) {
    int checked = 0;
    for (unsigned seed = 1001; seed <= 1200; ++seed) {
        Instance in = generate(seed, false);
        for (auto& c : in.children) {
            c.has_guardian = true;
            if (!c.school_id) c.school_id = 101;
            c.current.clear();
        }
        for (auto& [v, cov] : in.coverage.police_units_of_village) {
            if (cov.empty()) cov.push_back(201);
            cov.resize(1);  // disjoint-or-single coverage: the exact case
        }
        AssignmentResult r = assign_teams(in.children, in.persons, in.coverage, in.rules);
        std::int64_t next = 900000;
        for (const auto& s : r.shortfalls)
            for (int i = 0; i < s.persons_needed; ++i)
                in.persons.push_back({next++, "", i < s.female_needed ? 'F' : 'M', s.seat, s.unit_id});
        AssignmentResult fixed = assign_teams(in.children, in.persons, in.coverage, in.rules);
        EXPECT_EQ(fixed.assigned, static_cast<std::int64_t>(in.children.size()))
            << "seed " << seed << ": " << (fixed.incomplete.empty() ? "" : fixed.incomplete[0].reason);
        ++checked;
    }
    EXPECT_EQ(checked, 200);
}

}  // namespace
}  // namespace hulei::children
