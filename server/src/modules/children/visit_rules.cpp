#include "modules/children/visit_rules.hpp"

#include <algorithm>

#include "modules/plan/plan_rules.hpp"

namespace hulei::children {

int required_interval_days(const std::vector<std::string>& categories, const std::string& risk_level,
                           const VisitIntervals& iv) {
    int best = 0;
    auto take = [&](int d) {
        if (d > 0 && (best == 0 || d < best)) best = d;
    };
    for (const auto& c : categories) {
        if (c == "in_difficulty")
            take(iv.in_difficulty);
        else if (c == "de_facto_orphan")
            take(iv.de_facto_orphan);
        else if (c == "left_behind")
            take(iv.left_behind);
        else
            take(iv.fallback);
    }
    if (categories.empty()) take(iv.fallback);
    if (risk_level == "high") take(iv.high_risk);
    return best > 0 ? best : std::max(1, iv.fallback);
}

bool valid_client_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

bool visitor_serves_child(std::int64_t person_unit, bool on_team, std::int64_t child_village,
                          std::optional<std::int64_t> child_school,
                          const std::vector<std::int64_t>& covering_stations) {
    if (on_team || person_unit == child_village || (child_school && person_unit == *child_school)) return true;
    return std::find(covering_stations.begin(), covering_stations.end(), person_unit) != covering_stations.end();
}

bool valid_visit_method(const std::string& method) {
    return method == "home" || method == "school" || method == "phone";
}

VisitDue visit_due(std::optional<std::int64_t> last_visit_ms, std::int64_t child_created_ms, std::int64_t now_ms,
                   int interval_days, int due_soon_days) {
    VisitDue d;
    d.interval_days = interval_days;
    const std::int64_t base = plan::shanghai_day(last_visit_ms ? *last_visit_ms : child_created_ms);
    d.due_day = base + interval_days;
    d.due_date = plan::format_date(d.due_day);
    const std::int64_t today = plan::shanghai_day(now_ms);
    d.days_left = d.due_day - today;
    d.status = d.days_left < 0 ? "overdue" : d.days_left <= due_soon_days ? "due_soon" : "ok";
    return d;
}

}  // namespace hulei::children
