#include "security/permissions.hpp"

#include <algorithm>
#include <map>

namespace hulei::security {

const std::vector<RoleInfo>& roles() {
    static const std::vector<RoleInfo> all = {
        {"sysadmin", "系统管理员", true},
        {"secadmin", "安全管理员", true},
        {"auditor", "审计管理员", true},
        {"leader", "领导", false},
        {"coordinator", "领导小组办公室", false},
        {"unit_officer", "部门/单位填报员", false},
        {"police", "派出所民警", false},
        {"judicial", "司法所", false},
        {"school", "学校", false},
        {"village", "村（社区）干部/儿童主任", false},
        {"womens_federation", "妇联", false},
    };
    return all;
}

const RoleInfo* find_role(std::string_view name) {
    for (const auto& r : roles())
        if (r.name == name) return &r;
    return nullptr;
}

namespace {

const std::map<std::string, std::vector<std::string>, std::less<>>& table() {
    // Every business role may read the unit tree (names of units are not personal data).
    static const std::map<std::string, std::vector<std::string>, std::less<>> t = {
        {"sysadmin",
         {"org:unit:list", "org:unit:create", "org:unit:update", "org:unit:delete", "org:user:list",
          "org:user:create", "org:user:update", "org:user:reset_password", "org:grant:list",
          "policy:policy:list", "policy:policy:update", "policy:general:update"}},
        {"secadmin",
         {"org:unit:list", "org:user:list", "org:grant:list", "org:grant:create", "org:grant:delete",
          "auth:session:list", "auth:session:revoke", "auth:user:unlock", "auth:totp:reset",
          "policy:policy:list", "policy:policy:update", "policy:security:update"}},
        // reports (强制报告): the auditor reads a report's reporter (and nothing else of it), with a reason.
        {"auditor", {"audit:log:list", "audit:log:verify", "reports:reporter:read"}},
        // plan and supervision: the office (coordinator, leader; township scope) sees every task and status;
        // only the coordinator reads every unit's reports and attachments (plan:report:read) — leaders see
        // figures. Units see and report their own (PlanService, SupervisionService). Only the coordinator
        // changes campaigns and issues 督办; it answers 督办 addressed to its own unit like any unit.
        // children: villages keep their own villages' ledger, schools read their own pupils, the police and the
        // women's federation read within their grant's scope, the coordinator keeps all; the three
        // administrators and the leader see no child's record (leaders get aggregated figures). Visits: the
        // village, school, police, women's federation and the office record and read visits of the children in
        // their scope; the office alone acknowledges urgent follow-ups (children:visit:ack). Care persons (children:care:list, :manage): a role
        // with children:care:all_units (the coordinator) within its grant's scope, the village, school and police
        // in the account's own unit only (care_units narrows their grants).
        // registry (性侵违法犯罪人员信息库): the police alone, whatever the grant's scope (the registry is the
        // station's, kept whole); no other role — the three administrators, the leader and the office included —
        // sees any of it.
        // screening (从业查询): a school checks its own staff (screening:check:create) and sees their statuses
        // (screening:check:list) — never a registry record; the office may check for any unit within its grant.
        // The police review possible matches (screening:review:list, :decide) with the candidate records.
        // Monitoring alerts (screening:alert:list) go to the police and the office within their grants; the
        // police close them (screening:alert:close).
        // reports (强制报告): every mandated unit's user submits reports and follows his own unit's receipts
        // (reports:report:create: the office, departments, judicial office, schools, villages, women's federation);
        // the police handle the reports of the stations in their grant (reports:report:handle) and, with the
        // auditor, read a reporter's identity (reports:reporter:read); the office lists overdue reports without
        // their content and escalates them (reports:overdue:list, reports:report:escalate); the office, leaders
        // and police read the figures (reports:stats:read; small counts suppressed outside the police).
        // cases (案件): the police alone open and work cases of the stations in their grant (cases:case:*), and
        // reveal a victim's identity with a reason (cases:victim:reveal); the judicial office lists and closes the
        // support items assigned to its unit (cases:support:list, :close) — never a case or a victim; the police
        // and the office (township grant) read a case's review (cases:review:read), the office raises supervision
        // from it (cases:review:act); the office, leaders and police read the figures (cases:stats:read; small
        // counts suppressed outside the police). Villages, schools and the administrators see nothing of a case.
        {"leader", {"org:unit:list", "plan:campaign:list", "plan:matrix:view", "plan:export", "supervision:action:list",
                    "reports:stats:read", "cases:stats:read"}},
        {"coordinator",
         {"org:unit:list", "plan:campaign:list", "plan:campaign:create", "plan:campaign:update", "plan:task:update",
          "plan:progress:create", "plan:report:read", "plan:matrix:view", "plan:export", "supervision:action:list",
          "supervision:action:create", "supervision:action:close", "supervision:response:create",
          "children:child:list", "children:child:read", "children:child:create", "children:child:update",
          "children:child:import", "children:child:export", "children:quality:view", "children:team:assign",
          "children:team:list", "children:visit:create", "children:visit:list", "children:visit:ack",
          "children:care:list", "children:care:manage", "children:care:all_units",
          "screening:check:create", "screening:check:list", "screening:alert:list",
          "reports:report:create", "reports:overdue:list", "reports:report:escalate", "reports:stats:read",
          "cases:stats:read", "cases:review:read", "cases:review:act"}},
        {"unit_officer", {"org:unit:list", "plan:campaign:list", "plan:progress:create", "supervision:action:list", "supervision:response:create",
                          "reports:report:create"}},
        {"police", {"org:unit:list", "plan:campaign:list", "plan:progress:create", "supervision:action:list", "supervision:response:create",
                    "children:child:list", "children:child:read", "children:team:list", "children:visit:create",
                    "children:visit:list", "children:care:list", "children:care:manage",
                    "registry:record:list", "registry:record:read", "registry:record:create", "registry:record:update",
                    "registry:checkin:create", "screening:review:list", "screening:review:decide",
                    "screening:alert:list", "screening:alert:close",
                    "reports:report:handle", "reports:reporter:read", "reports:overdue:list", "reports:stats:read",
                    "cases:case:list", "cases:case:read", "cases:case:create", "cases:case:update",
                    "cases:victim:reveal", "cases:support:list", "cases:support:close", "cases:stats:read",
                    "cases:review:read"}},
        {"judicial", {"org:unit:list", "plan:campaign:list", "plan:progress:create", "supervision:action:list", "supervision:response:create",
                      "reports:report:create", "cases:support:list", "cases:support:close"}},
        {"school", {"org:unit:list", "plan:campaign:list", "plan:progress:create", "supervision:action:list", "supervision:response:create",
                    "children:child:list", "children:child:read", "children:team:list", "children:visit:create",
                    "children:visit:list", "children:care:list", "children:care:manage",
                    "screening:check:create", "screening:check:list", "reports:report:create"}},
        {"village", {"org:unit:list", "plan:campaign:list", "plan:progress:create", "supervision:action:list", "supervision:response:create",
                     "children:child:list", "children:child:read", "children:child:create", "children:child:update",
                     "children:child:import", "children:child:export", "children:quality:view", "children:team:assign",
                     "children:team:list", "children:visit:create", "children:visit:list",
                     "children:care:list", "children:care:manage", "reports:report:create"}},
        {"womens_federation",
         {"org:unit:list", "plan:campaign:list", "plan:progress:create", "supervision:action:list", "supervision:response:create",
          "children:child:list", "children:child:read", "children:visit:create", "children:visit:list",
          "reports:report:create"}},
    };
    return t;
}

}  // namespace

const std::vector<std::string>& permissions_of(std::string_view role) {
    static const std::vector<std::string> none;
    auto it = table().find(role);
    return it == table().end() ? none : it->second;
}

bool role_has(std::string_view role, std::string_view permission) {
    const auto& perms = permissions_of(role);
    return std::find(perms.begin(), perms.end(), permission) != perms.end();
}

}  // namespace hulei::security
