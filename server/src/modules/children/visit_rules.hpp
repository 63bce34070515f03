#pragma once
// Pure rules of visits (issue 4 item 6): the required visit interval of a child by category and risk, the
// next due day and the status (overdue | due_soon | ok), in Asia/Shanghai calendar days; client ids of retried
// saves; who may be named as a visit's visitor. No I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hulei::children {

/// Interval policy values (days), as read from the policies visits.interval_days.* and visits.due_soon_days.
struct VisitIntervals {
    int in_difficulty = 30;
    int de_facto_orphan = 30;
    int left_behind = 90;
    int fallback = 90;  ///< visits.interval_days.default: any other category
    int high_risk = 30;
    int due_soon_days = 7;
};

/// The required interval of a child: the smallest of its categories' intervals (a category without its own
/// policy takes the default; no category at all takes the default) and, when the risk is high, high_risk.
int required_interval_days(const std::vector<std::string>& categories, const std::string& risk_level,
                           const VisitIntervals& iv);

/// Whether `method` is one of home | school | phone.
bool valid_visit_method(const std::string& method);

/// Whether `id` may be a client id (a phone's own id of a visit or photo, for retries): 1–64 characters of
/// [A-Za-z0-9_-].
bool valid_client_id(std::string_view id);

/// Whether a care person may be named as a visit's visitor: he serves the child — on its team, of its village or
/// school unit, or of a police station covering its village (`covering_stations`). Activity is checked apart.
bool visitor_serves_child(std::int64_t person_unit, bool on_team, std::int64_t child_village,
                          std::optional<std::int64_t> child_school, const std::vector<std::int64_t>& covering_stations);

struct VisitDue {
    int interval_days = 0;
    std::int64_t due_day = 0;    ///< Shanghai day number of the next due date
    std::string due_date;        ///< the same as YYYY-MM-DD
    std::string status;          ///< overdue | due_soon | ok
    std::int64_t days_left = 0;  ///< due_day - today (negative when overdue)
};

/// The next due date: the Shanghai day of the last visit (else of the child's creation) plus the interval;
/// overdue when today is past it, due_soon when it is at most due_soon_days away, else ok.
VisitDue visit_due(std::optional<std::int64_t> last_visit_ms, std::int64_t child_created_ms, std::int64_t now_ms,
                   int interval_days, int due_soon_days);

}  // namespace hulei::children
