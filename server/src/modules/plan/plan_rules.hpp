#pragma once
// Pure rules of the plan module: calendar dates in Asia/Shanghai, deadline phrases as dates, the status
// of a (task, unit) pair, unit groups such as 各学校, and task number paths. No I/O, no database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/org/org_types.hpp"

namespace hulei::plan {

// ---- calendar dates ---------------------------------------------------------------------------
// A calendar date is a day number: days since 1970-01-01. Stored and sent as "YYYY-MM-DD".

/// The day number of a valid "YYYY-MM-DD" (years 1900–2999), else nullopt.
std::optional<std::int64_t> parse_date(std::string_view text);
/// "YYYY-MM-DD" of a day number.
std::string format_date(std::int64_t day);
/// The day number of year/month/day (no validation).
std::int64_t day_of(int year, int month, int day);
/// Days in a month of a year (leap years included).
int days_in_month(int year, int month);
/// The Asia/Shanghai (UTC+8, no DST) calendar day of an epoch-millisecond instant.
std::int64_t shanghai_day(std::int64_t epoch_ms);
/// "YYYY-MM-DD HH:MM" of an instant in Asia/Shanghai (exports, watermarks).
std::string shanghai_minute(std::int64_t epoch_ms);

// ---- deadlines --------------------------------------------------------------------------------

/// The calendar date a written deadline stands for, "YYYY-MM-DD", or nullopt when it names no fixed date.
/// - A day: 2025年6月30日前, 2025年6月30日, 2025.6.30, 2025-06-30 → that day (the day itself is the deadline).
/// - The end of a period: 2024年12月底前, 2024年12月末, 2024年12月 → 2024-12-31; 2024年底前, 2024年年底,
///   2024年内 → 2024-12-31; 上半年 → 06-30, 下半年 → 12-31; 第N季度/N季度 → the quarter's last day;
///   上旬/中旬/下旬 → the 10th, the 20th, the month's last day.
/// - "Before a period" (前/以前/之前 right after a month, quarter, half or year without 底/末/内):
///   the end of the period before it — 2024年6月前 → 2024-05-31, 2025年前 → 2024-12-31.
/// - Without a year (12月底前) the `default_year` is used; none → nullopt.
/// - Frequencies (每月, 每季度), 长期坚持/持续, and relative spans (30日内, 3个月内, 之日起) → nullopt.
/// Full-width digits and Chinese numerals (二〇二四年十二月) are read too.
std::optional<std::string> deadline_date(std::string_view text, std::optional<int> default_year = std::nullopt);

// ---- status of a (task, unit) pair --------------------------------------------------------------

enum class Status { Completed, Overdue, DueSoon, OnTrack, NotStarted };

/// "completed" | "overdue" | "due_soon" | "on_track" | "not_started".
std::string_view status_name(Status s);
/// 已完成 | 逾期 | 即将到期 | 正常推进 | 未开始.
std::string_view status_label(Status s);
/// The status of a name, or nullopt.
std::optional<Status> parse_status(std::string_view name);

/// What the status of one responsible unit on one task depends on (all days are Shanghai day numbers).
struct StatusInput {
    std::int64_t today = 0;
    std::int64_t campaign_start = 0;
    std::optional<std::int64_t> deadline;        ///< the task's deadline_date
    std::int64_t interval_days = 30;             ///< the task's reporting interval, else the policy default
    std::int64_t due_soon_days = 7;              ///< policy plan.due_soon_days
    std::optional<std::int64_t> last_report;     ///< the day of the unit's latest report on the task
    bool completed = false;                      ///< the unit filed a report marked completed
};

struct StatusResult {
    Status status = Status::NotStarted;
    std::optional<std::int64_t> next_report_due;  ///< later of campaign start and last report, plus the interval
    std::int64_t overdue_days = 0;                ///< days past the earliest missed date (0 unless overdue)
};

/// The status: completed (a completed report) > overdue (deadline passed, or the interval elapsed since the
/// later of the campaign start and the last report) > due_soon (deadline or next report due within
/// due_soon_days, today included) > not_started (no report yet) > on_track.
StatusResult task_status(const StatusInput& in);

// ---- unit groups --------------------------------------------------------------------------------

/// The unit kind a written group stands for: 各学校 → school; 各村（社区）, 各村, 各社区, 各村(居) → village;
/// 镇属各部门, 各部门, 镇直各部门 → department. Other groups (各有关部门, 各有关单位) → nullopt: the user maps them.
std::optional<std::string> group_kind(std::string_view written);
/// The units of `kind` in `units`, in the given order.
std::vector<org::Unit> units_of_kind(const std::vector<org::Unit>& units, std::string_view kind);
/// `s` trimmed, with full-width parentheses as half-width ones (the org module's name folding).
std::string fold_name(std::string_view s);

// ---- task numbers -------------------------------------------------------------------------------

/// The number of the nearest ancestor present in `existing`: "四/（二）/1" → "四/（二）" (else "四"), or nullopt.
std::optional<std::string> parent_number(std::string_view number, const std::vector<std::string>& existing);

}  // namespace hulei::plan
