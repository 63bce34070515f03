#pragma once
// Pure rules of care persons and police coverage (issue 4 items 4–5): which seat and unit kind a role fills,
// which units a caller may see or manage care persons in, and which police stations cover which villages
// (the default "every station covers its township", or the configured police_coverage rows). No I/O.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modules/children/care_assignment.hpp"
#include "security/principal.hpp"

namespace hulei::children {

/// The stored code of a seat: village | teacher | police.
const char* seat_code(Seat s);
/// The seat of a stored code; nullopt for anything else.
std::optional<Seat> seat_of_code(const std::string& s);

/// The seat a role fills and the unit kind it must belong to.
struct RoleFit {
    Seat seat;
    const char* kind;  ///< village | school | police_station
};
/// 村干部/儿童主任 → village seat, kind village; 教师 → teacher, school; 民警 → police, police_station.
std::optional<RoleFit> role_fit(const std::string& role);
/// The Chinese name of a unit kind a role needs (村（社区）, 学校, 派出所).
const char* kind_label(Seat seat);
/// Whether units of this kind can have care persons (village, school, police_station — the kinds a role fits).
bool holds_care_persons(std::string_view unit_kind);

/// Units in which the caller may use a care-person permission (children:care:list, children:care:manage);
/// std::nullopt = every unit. A grant whose role also holds children:care:all_units (the office) keeps its
/// scope; any other grant covers the account's own unit alone (a police officer with a township grant manages
/// his own station's officers only).
std::optional<std::set<std::int64_t>> care_units(const security::Principal& p, std::string_view permission);

/// A unit as coverage needs it.
struct CoverageUnit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string name;
    std::string kind;
};

/// The township of every unit: its nearest ancestor (or itself) of kind town; 0 when there is none.
std::map<std::int64_t, std::int64_t> townships_of(const std::vector<CoverageUnit>& units);

/// The default coverage: every police station covers every village of its township (units without a town
/// ancestor share one township). Unit names for the messages.
Coverage default_coverage(const std::vector<CoverageUnit>& units);

/// The coverage in force: a station with configured villages (station → villages, from police_coverage)
/// covers exactly those; any other station its township's villages (the default).
Coverage coverage_with(const std::vector<CoverageUnit>& units,
                       const std::map<std::int64_t, std::vector<std::int64_t>>& configured);

/// Villages with active children but no covering police station: one shortfall each (seat Police, the unit
/// being the village itself), persons_needed = max(⌈n/C⌉, ⌈g/G'⌉), the officers a covering station would
/// need for its n children (g girls), C = max_children_per_person, G' = min(max_girls_per_person, C).
std::vector<Shortfall> uncovered_villages(const std::vector<ChildNeed>& children, const Coverage& coverage,
                                          const AssignmentRules& rules);

/// The villages a station may be configured to cover: the villages of its own township, by id.
std::vector<std::int64_t> coverable_villages(const std::vector<CoverageUnit>& units, std::int64_t station_id);

}  // namespace hulei::children
