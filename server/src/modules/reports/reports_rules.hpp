#pragma once
// Pure rules of mandatory reports: the nine trigger situations, unit categories, the clock of a report, the
// police station serving a unit and small-count suppression. No I/O; tested in reports_rules_test.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/reports/reports_types.hpp"

namespace hulei::reports {

inline constexpr std::int64_t kMsPerHour = 3'600'000;
inline constexpr std::int64_t kMsPerDay = 24 * kMsPerHour;

/// The Chinese label of trigger situation 1–9 (2020 意见 第4条); "" outside 1–9.
std::string_view trigger_label(std::int64_t trigger);
bool valid_trigger(std::int64_t trigger);

/// The categories of reporting units, in display order.
const std::vector<std::string>& unit_categories();
bool valid_category(std::string_view category);
/// The default category of a unit kind: village → village, school → school, town/department/police_station/
/// judicial_office → state_organ, anything else → other.
std::string category_of_kind(std::string_view kind);

/// The limits of the clock (policies reports.*), in hours and days.
struct Limits {
    std::int64_t late_report_hours = 24;
    std::int64_t accept_hours = 24;
    std::int64_t feedback_days = 3;
    std::int64_t outcome_days = 30;
};

/// What the clock is computed from.
struct ClockFacts {
    std::int64_t discovered_at = 0;
    std::int64_t reported_at = 0;
    std::optional<std::int64_t> accepted_at, feedback_at, outcome_at;
};

/// Whether a report made at `reported_at` of a discovery at `discovered_at` is late (gap over the limit).
bool is_late(std::int64_t discovered_at, std::int64_t reported_at, std::int64_t late_report_hours);

/// The clock at `now`: acceptance due reported_at + accept_hours; feedback due accepted_at + feedback_days;
/// outcome due accepted_at + outcome_days. A step is overdue when now is past its due time and it is not done,
/// late when it was done after its due time. `late_report` is computed from the facts.
ReportClock clock_of(const ClockFacts& f, const Limits& limits, std::int64_t now);

/// A unit of the tree, for routing.
struct TreeUnit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string kind;
};

/// The police station a unit's report goes to: the first (lowest id) police station of the unit's township
/// (its nearest ancestor, or itself, of kind town); without one, the first police station at all; nullopt
/// when there is no station.
std::optional<std::int64_t> station_for(const std::vector<TreeUnit>& units, std::int64_t unit_id);

/// A count as shown to a role with `threshold` (0: exact): 1 ≤ value < threshold is suppressed.
Count shown(std::int64_t value, std::int64_t threshold);
/// A rate as shown: percent (one decimal) of numerator over denominator; absent when the denominator is 0 or
/// suppressed.
Rate rate_of(std::int64_t numerator, std::int64_t denominator, std::int64_t threshold);

/// A 12-character receipt code from 12 random values (each taken modulo 32) in Crockford's base32
/// (no I, L, O, U).
std::string receipt_code_of(const std::vector<std::uint32_t>& random12);
/// Whether `code` looks like a receipt code (12 characters of the alphabet); lower case is accepted.
bool valid_receipt_code(std::string_view code);
/// The code in canonical (upper) case.
std::string normalise_receipt_code(std::string_view code);

}  // namespace hulei::reports
