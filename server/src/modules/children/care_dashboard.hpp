#pragma once
// Pure figures of the children's dashboard (issue 4): children per village and category, complete teams and
// visits overdue or due soon, from groups of children the database has already counted. The visit rules are
// those of visit_rules.hpp (required_interval_days, visit_due); no I/O.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/children/care_types.hpp"
#include "modules/children/visit_rules.hpp"

namespace hulei::children {

/// Active children of one village sharing categories, risk level, visit base day and team state, counted.
struct DashboardGroup {
    std::int64_t village_id = 0;
    std::string village_name;
    std::string categories;  ///< codes joined by ',' as stored
    std::string risk_level;
    std::int64_t base_day = 0;  ///< Shanghai day number of the last visit, else of the record's creation
    bool team_complete = false;
    std::int64_t count = 0;
};

/// Milliseconds since the epoch of the start of Shanghai day `day` (the inverse of plan::shanghai_day).
std::int64_t shanghai_day_start_ms(std::int64_t day);

/// The dashboard: each village's figures and the totals. `urgent_open` gives the unacknowledged urgent visits
/// per village (villages with no child in the groups are left out). Villages by id.
Dashboard build_dashboard(const std::vector<DashboardGroup>& groups,
                          const std::map<std::int64_t, std::int64_t>& urgent_open, const VisitIntervals& iv,
                          std::int64_t now_ms);

}  // namespace hulei::children
