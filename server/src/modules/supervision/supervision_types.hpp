#pragma once
// Plain types of the supervision module (督办): actions addressed to one unit each, the unit's responses,
// and the escalation proposals for overdue tasks.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/plan/plan_types.hpp"

namespace hulei::supervision {

struct ActionInput {
    std::string kind;                         ///< notice | warning | listed | inspection | unannounced
    std::vector<std::int64_t> unit_ids;       ///< one action per unit
    std::optional<std::int64_t> campaign_id, task_id;
    std::string title, content;
    std::optional<std::string> deadline;      ///< "YYYY-MM-DD"; listed: defaults to today + rectification days
    std::optional<std::string> findings;      ///< the same findings for every unit
    std::map<std::int64_t, std::string> findings_by_unit;  ///< findings per unit (inspection, unannounced)
};

struct ActionQuery {
    std::optional<std::int64_t> campaign_id, unit_id;
    std::string status;  ///< "", "open" or "closed"
    std::int64_t offset = 0, limit = 20;
};

struct ResponseView {
    std::int64_t id = 0;
    std::int64_t action_id = 0;
    plan::UnitRef unit;
    std::string text;
    std::int64_t created_at = 0;
    std::string created_by;  ///< display name at the time
};

struct Action {
    std::int64_t id = 0;
    std::string kind;
    plan::UnitRef unit;
    std::optional<std::int64_t> campaign_id;
    std::optional<std::string> campaign_name;
    std::optional<plan::TaskRef> task;
    std::string title, content;
    std::optional<std::string> deadline, findings;
    std::string status;  ///< open | closed
    std::int64_t created_at = 0;
    std::string created_by;
    std::optional<std::int64_t> closed_at;
    std::optional<std::string> closed_by, close_note;
    std::int64_t response_count = 0;
    std::vector<ResponseView> responses;  ///< filled by get()
};

struct ActionPage {
    std::vector<Action> items;
    std::int64_t total = 0;
};

/// The next rung of the ladder proposed for an overdue (task, unit) pair, ready to issue.
struct Proposal {
    plan::OverduePair pair;
    std::string kind;                      ///< notice | warning | listed
    std::optional<std::string> deadline;   ///< listed: today + supervision.rectification_days
    std::string title, content;            ///< suggested wording
    std::vector<std::int64_t> issued;      ///< ladder actions already issued in this overdue spell
};

/// A unit's to-do list: its (task, unit) pairs needing attention and the open actions addressed to it.
struct Todo {
    std::vector<plan::TodoTask> tasks;
    std::vector<Action> actions;
};

}  // namespace hulei::supervision
