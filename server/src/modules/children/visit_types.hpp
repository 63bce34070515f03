#pragma once
// Plain types of visits (走访, issue 4 item 6): a visit as the API shows it, its input, the outcome of an edit
// (saved, or a conflict with the current record) and one line of the due list.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hulei::children {

struct Visit {
    std::int64_t id = 0;
    std::int64_t child_id = 0;
    std::int64_t visited_at = 0;
    std::optional<std::int64_t> visitor_person_id;
    std::optional<std::int64_t> visitor_user_id;
    std::string method;  ///< home | school | phone
    std::string findings;
    std::optional<std::string> risks, follow_up;
    bool urgent = false;
    std::int64_t version = 1;
    std::int64_t created_at = 0, updated_at = 0;
    std::optional<std::int64_t> created_by, updated_by;
};

/// Fields of a new visit or an edit (an edit leaves absent fields unchanged; `version` is the base version).
struct VisitInput {
    std::optional<std::int64_t> visited_at;
    std::optional<std::string> method, findings;
    std::optional<std::optional<std::string>> risks, follow_up;
    std::optional<bool> urgent;
    std::optional<std::optional<std::int64_t>> visitor_person_id;
    std::optional<std::int64_t> version;
};

/// A saved visit, and whether the office is to be notified (an urgent follow-up).
struct VisitSaved {
    Visit visit;
    bool notify_office = false;
};

/// The outcome of an edit: saved, or a conflict (the edit's base version is stale; `visit` is the current one).
struct VisitEdit {
    bool conflict = false;
    Visit visit;
    bool notify_office = false;
};

/// One child on the due list.
struct VisitDueItem {
    std::int64_t child_id = 0;
    std::string name;
    std::int64_t village_id = 0;
    std::string village;
    std::vector<std::string> categories;
    std::string risk_level;
    int interval_days = 0;
    std::optional<std::int64_t> last_visited_at;
    std::string due_date;  ///< YYYY-MM-DD (Asia/Shanghai)
    std::int64_t days_left = 0;
    std::string status;  ///< overdue | due_soon
};

}  // namespace hulei::children
