#pragma once
// The supervision module's use cases (督办): the office issues actions (通报提醒, 约谈警示, 挂牌整治 with a
// rectification deadline, 督导检查 and 暗访 with findings), one per addressed unit; the unit responds with
// evidence; the office closes (挂牌整治 only on evidence). Overdue (task, unit) pairs get escalation
// proposals from the ladder. Each method checks permission and scope and audits in the same transaction.
//
// The office is the plan module's (holders of plan:matrix:view — coordinator, leader): it sees every
// action; a unit's users see the actions addressed to their own units (PlanService::own_units).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/org/org_service.hpp"
#include "modules/plan/plan_service.hpp"
#include "modules/supervision/supervision_types.hpp"
#include "security/principal.hpp"

namespace hulei::supervision {

class SupervisionService {
public:
    SupervisionService(db::Database& db, core::Clock& clock, plan::PlanService& plan, org::OrgService& org)
        : db_(db), clock_(clock), plan_(plan), org_(org) {}

    /// Issues one action per addressed unit, all or nothing (supervision:action:create).
    std::vector<Action> create(const security::Principal& p, const ActionInput& in);
    /// Actions the caller may see, filtered, newest first (supervision:action:list).
    ActionPage list(const security::Principal& p, const ActionQuery& q);
    /// One action with its responses; NotFound when the caller may not see it.
    Action get(const security::Principal& p, std::int64_t id);
    /// A response (evidence of rectification) by a user of the addressed unit (supervision:response:create).
    ResponseView respond(const security::Principal& p, std::int64_t id, const std::string& text);
    /// Closes an open action with a note (supervision:action:close); 挂牌整治 needs at least one response.
    Action close(const security::Principal& p, std::int64_t id, const std::string& note);
    /// The next ladder rung for every overdue (task, unit) pair of a campaign, or of all (supervision:action:create).
    std::vector<Proposal> proposals(const security::Principal& p, std::optional<std::int64_t> campaign_id);
    /// The caller's units' to-do list: tasks overdue, due soon or not started, and open actions addressed to them.
    Todo todo(const security::Principal& p);
    /// Opens one action addressed to `unit_id` inside the caller's write transaction, by the system (no user):
    /// for alerts raised by another module (screening monitoring). The caller decides that it is due; audited.
    std::int64_t open_by_system(db::Tx& tx, const std::string& kind, std::int64_t unit_id, const std::string& title,
                                const std::string& content, std::int64_t now);

private:
    Action load(db::Tx& tx, std::int64_t id) const;
    Action action_of(const db::Row& r) const;
    void fill_names(const security::Principal& p, std::vector<Action>& actions);

    db::Database& db_;
    core::Clock& clock_;
    plan::PlanService& plan_;
    org::OrgService& org_;
};

}  // namespace hulei::supervision
