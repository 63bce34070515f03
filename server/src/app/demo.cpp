#include "app/demo.hpp"

#include <cstdio>

#include "app/services.hpp"
#include "core/error.hpp"
#include "modules/cases/cases_demo.hpp"
#include "modules/children/visit_demo.hpp"
#include "modules/plan/plan_demo.hpp"
#include "modules/screening/screening_demo.hpp"

namespace hulei::app {

namespace {

struct DemoUnit {
    const char* name;
    const char* kind;
    const char* code;
    std::vector<std::string> aliases;
};

/// The seed plan's bodies (public institutions, no person's name) plus invented schools and villages.
const std::vector<DemoUnit>& demo_units() {
    static const std::vector<DemoUnit> units = {
        {"党政综合办公室", "department", "WT-DZB", {"党政办"}},
        {"社会事务办公室", "department", "WT-SWB", {"社会事务办"}},
        {"社会治安和应急管理办公室", "department", "WT-ZAB", {"社会治安和应急管理办", "综治办"}},
        {"五团镇派出所", "police_station", "WT-PCS", {"派出所"}},
        {"司法所", "judicial_office", "WT-SFS", {"五团镇司法所"}},
        {"镇妇联", "womens_federation", "WT-FL", {"妇联", "五团镇妇联"}},
        {"五团镇中心小学", "school", "WT-S01", {"中心小学"}},
        {"五团镇中学", "school", "WT-S02", {}},
        {"青溪小学", "school", "WT-S03", {}},
        {"五团镇中心幼儿园", "school", "WT-S04", {"中心幼儿园"}},
        {"青石村", "village", "WT-V01", {}},
        {"白沙社区", "village", "WT-V02", {}},
        {"柳塘村", "village", "WT-V03", {}},
        {"新桥村", "village", "WT-V04", {}},
        {"枫林村", "village", "WT-V05", {}},
        {"石门村", "village", "WT-V06", {}},
    };
    return units;
}

struct DemoAccount {
    const char* username;
    const char* display_name;
    const char* role;
    const char* unit;
    const char* scope;
    const char* sex;
};

const std::vector<DemoAccount>& demo_accounts() {
    static const std::vector<DemoAccount> accounts = {
        {"sysadmin", "系统管理员（演示）", "sysadmin", "党政综合办公室", "township", "M"},
        {"secadmin", "安全管理员（演示）", "secadmin", "党政综合办公室", "township", "F"},
        {"auditor", "审计管理员（演示）", "auditor", "党政综合办公室", "township", "F"},
        {"leader", "分管领导（演示）", "leader", "五团镇", "township", "M"},
        {"coordinator", "领导小组办公室（演示）", "coordinator", "社会治安和应急管理办公室", "township", "F"},
        {"officer", "部门填报员（演示）", "unit_officer", "社会事务办公室", "own_unit", "F"},
        {"police", "派出所民警（演示）", "police", "五团镇派出所", "township", "M"},
        {"judicial", "司法所工作人员（演示）", "judicial", "司法所", "own_unit", "M"},
        {"school", "学校安全专干（演示）", "school", "五团镇中心小学", "own_unit", "F"},
        {"village", "青石村儿童主任（演示）", "village", "青石村", "own_unit", "F"},
        {"village2", "白沙社区儿童主任（演示）", "village", "白沙社区", "own_unit", "F"},
        {"womens", "镇妇联干部（演示）", "womens_federation", "镇妇联", "own_unit", "F"},
    };
    return accounts;
}

}  // namespace

bool has_units(App& app) {
    return app.db().read([](db::Tx& tx) { return tx.scalar_i64("SELECT count(*) FROM units") > 0; });
}

std::vector<DemoUser> seed_demo(App& app, const DemoOptions& options) {
    if (has_units(app)) throw core::Error::conflict("not_empty", "数据库中已有单位，演示数据只能写入空数据库");
    auto& org = org_service(app);
    const auto sys = org::OrgService::system_principal();

    org::UnitInput town;
    town.name = "五团镇";
    town.kind = "town";
    town.code = "WT";
    town.aliases = std::vector<std::string>{"五团镇人民政府", "镇政府"};
    const auto town_id = org.create_unit(sys, town).id;
    for (const auto& u : demo_units()) {
        org::UnitInput in;
        in.name = u.name;
        in.kind = u.kind;
        in.code = u.code;
        in.parent_id = std::optional<std::int64_t>(town_id);
        in.aliases = u.aliases;
        org.create_unit(sys, in);
    }
    for (int i = 1; i <= options.extra_villages; ++i) {
        char name[64], code[32];
        std::snprintf(name, sizeof name, "合成%04d村", i);
        std::snprintf(code, sizeof code, "WT-X%04d", i);
        org::UnitInput in;
        in.name = std::string(name);
        in.kind = "village";
        in.code = std::string(code);
        in.parent_id = std::optional<std::int64_t>(town_id);
        org.create_unit(sys, in);
    }

    std::vector<DemoUser> users;
    std::vector<security::Principal> principals;  // the demo users acting in the demo campaign
    for (const auto& a : demo_accounts()) {
        auto unit = org.resolve_unit(a.unit);
        if (!unit) throw core::Error::internal(std::string("demo unit missing: ") + a.unit);
        org::UserInput in;
        in.username = a.username;
        in.display_name = a.display_name;
        in.unit_id = unit->id;
        in.sex = a.sex;
        in.initial_password = kDemoPassword;
        in.must_change_password = false;
        const auto user = org.create_user(sys, in);
        const auto grant = org.add_grant(sys, user.id, {a.role, a.scope, {}});
        users.push_back({a.username, a.role, a.unit});
        security::Principal acting;
        acting.user_id = user.id;
        acting.username = user.username;
        acting.display_name = user.display_name;
        acting.unit_id = user.unit_id;
        acting.grants = {grant};
        acting.ip = "local";
        acting.request_id = "demo";
        principals.push_back(std::move(acting));
    }
    // The seed plan, imported like an upload, with a few progress reports (the demo campaign).
    plan::seed_demo_campaign(plan_service(app), principals);
    children_service(app).seed_demo();  // synthetic children across the demo villages
    care_service(app).seed_demo();      // care persons of the demo villages, schools and station
    if (options.visit_history)
        children::seed_demo_visits(children_service(app), visit_service(app), principals, app.clock().now_ms());
    if (options.screening_history)
        screening::seed_demo(registry_service(app), screening_service(app), screening_coverage(app), principals,
                             app.clock().now_ms());
    if (options.case_history)
        cases::seed_demo(reports_service(app), cases_service(app), children_service(app), principals,
                         app.clock().now_ms());
    return users;
}

}  // namespace hulei::app
