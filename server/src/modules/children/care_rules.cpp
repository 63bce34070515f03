#include "modules/children/care_rules.hpp"

#include <algorithm>

#include "security/permissions.hpp"

namespace hulei::children {

const char* seat_code(Seat s) {
    switch (s) {
        case Seat::Village:
            return "village";
        case Seat::Teacher:
            return "teacher";
        case Seat::Police:
            return "police";
    }
    return "village";
}

std::optional<Seat> seat_of_code(const std::string& s) {
    if (s == "village") return Seat::Village;
    if (s == "teacher") return Seat::Teacher;
    if (s == "police") return Seat::Police;
    return std::nullopt;
}

std::optional<RoleFit> role_fit(const std::string& role) {
    if (role == "村干部" || role == "儿童主任") return RoleFit{Seat::Village, "village"};
    if (role == "教师") return RoleFit{Seat::Teacher, "school"};
    if (role == "民警") return RoleFit{Seat::Police, "police_station"};
    return std::nullopt;
}

const char* kind_label(Seat seat) {
    return seat == Seat::Village ? "村（社区）" : seat == Seat::Teacher ? "学校" : "派出所";
}

bool holds_care_persons(std::string_view unit_kind) {
    return unit_kind == "village" || unit_kind == "school" || unit_kind == "police_station";
}

std::optional<std::set<std::int64_t>> care_units(const security::Principal& p, std::string_view permission) {
    std::set<std::int64_t> units;
    for (const auto& g : p.grants) {
        if (!security::role_has(g.role, permission)) continue;
        if (!security::role_has(g.role, "children:care:all_units")) {
            units.insert(p.unit_id);
            continue;
        }
        switch (g.scope) {
            case security::Scope::Township:
                return std::nullopt;
            case security::Scope::OwnUnit:
                units.insert(p.unit_id);
                break;
            case security::Scope::Units:
                units.insert(g.unit_ids.begin(), g.unit_ids.end());
                break;
        }
    }
    return units;
}

std::map<std::int64_t, std::int64_t> townships_of(const std::vector<CoverageUnit>& units) {
    std::map<std::int64_t, const CoverageUnit*> by_id;
    for (const auto& u : units) by_id[u.id] = &u;
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& u : units) {
        std::set<std::int64_t> seen;
        std::int64_t town = 0;
        for (auto it = by_id.find(u.id); it != by_id.end() && seen.insert(it->first).second;) {
            if (it->second->kind == "town") {
                town = it->first;
                break;
            }
            if (!it->second->parent_id) break;
            it = by_id.find(*it->second->parent_id);
        }
        out[u.id] = town;
    }
    return out;
}

Coverage coverage_with(const std::vector<CoverageUnit>& units,
                       const std::map<std::int64_t, std::vector<std::int64_t>>& configured) {
    Coverage cov;
    for (const auto& u : units) cov.unit_names[u.id] = u.name;
    const auto township = townships_of(units);
    std::map<std::int64_t, std::vector<std::int64_t>> stations;  // township → stations on the default
    for (const auto& u : units) {
        if (u.kind != "police_station") continue;
        auto c = configured.find(u.id);
        if (c == configured.end() || c->second.empty()) stations[township.at(u.id)].push_back(u.id);
    }
    std::set<std::int64_t> villages;
    for (const auto& u : units)
        if (u.kind == "village") villages.insert(u.id);
    std::map<std::int64_t, std::set<std::int64_t>> covering;  // village → stations
    for (const auto& u : units) {
        if (u.kind != "village") continue;
        if (auto it = stations.find(township.at(u.id)); it != stations.end())
            covering[u.id].insert(it->second.begin(), it->second.end());
    }
    for (const auto& [station, list] : configured)
        for (auto v : list)
            if (villages.count(v)) covering[v].insert(station);
    for (const auto& [village, set] : covering)
        if (!set.empty()) cov.police_units_of_village[village] = std::vector<std::int64_t>(set.begin(), set.end());
    return cov;
}

Coverage default_coverage(const std::vector<CoverageUnit>& units) {
    return coverage_with(units, {});
}

std::vector<Shortfall> uncovered_villages(const std::vector<ChildNeed>& children, const Coverage& coverage,
                                          const AssignmentRules& rules) {
    std::map<std::int64_t, std::pair<int, int>> counts;  // village → (children, girls)
    for (const auto& c : children) {
        auto it = coverage.police_units_of_village.find(c.village_id);
        if (it != coverage.police_units_of_village.end() && !it->second.empty()) continue;
        auto& [n, g] = counts[c.village_id];
        ++n;
        if (c.sex == 'F') ++g;
    }
    const int cap = std::max(1, rules.max_children_per_person);
    const int girls_cap = std::max(1, std::min(rules.max_girls_per_person, cap));
    std::vector<Shortfall> out;
    for (const auto& [village, ng] : counts) {
        auto name = coverage.unit_names.find(village);
        Shortfall s;
        s.unit_id = village;
        s.unit = name != coverage.unit_names.end() ? name->second : "单位#" + std::to_string(village);
        s.seat = Seat::Police;
        s.persons_needed = std::max((ng.first + cap - 1) / cap, (ng.second + girls_cap - 1) / girls_cap);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<std::int64_t> coverable_villages(const std::vector<CoverageUnit>& units, std::int64_t station_id) {
    const auto township = townships_of(units);
    auto it = township.find(station_id);
    if (it == township.end()) return {};
    std::vector<std::int64_t> out;
    for (const auto& u : units)
        if (u.kind == "village" && township.at(u.id) == it->second) out.push_back(u.id);
    return out;
}

}  // namespace hulei::children
