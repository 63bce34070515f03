// Which units a user acts for (PlanService::own_units, is_office): grant by grant, under one permission.
#include <gtest/gtest.h>

#include "modules/plan/plan_service.hpp"

namespace hulei::plan {
namespace {

using security::Grant;
using security::Principal;
using security::Scope;
using Units = std::set<std::int64_t>;

Principal user_of(std::int64_t unit, std::vector<Grant> grants) {
    Principal p;
    p.user_id = 1;
    p.unit_id = unit;
    p.grants = std::move(grants);
    return p;
}

TEST(PlanScope, OwnUnitGrantActsForTheAccountsUnit) {
    const auto p = user_of(12, {{1, "village", Scope::OwnUnit, {}}});
    EXPECT_EQ(PlanService::own_units(p), Units{12});
    EXPECT_EQ(PlanService::own_units(p, "plan:progress:create"), Units{12});
    EXPECT_EQ(PlanService::own_units(p, "supervision:response:create"), Units{12});
    EXPECT_FALSE(PlanService::is_office(p));
}

TEST(PlanScope, TownshipGrantDoesNotMakeEveryUnitOwn) {
    const auto p = user_of(5, {{1, "police", Scope::Township, {}}});
    EXPECT_EQ(PlanService::own_units(p, "plan:progress:create"), Units{5});
}

TEST(PlanScope, UnitsGrantActsForTheListedUnitsOnly) {
    // A clerk of 社会事务办公室 (3) holding the village role for 青石村 (12) and 白沙社区 (13).
    const auto p = user_of(3, {{1, "village", Scope::Units, {12, 13}}});
    EXPECT_EQ(PlanService::own_units(p), (Units{12, 13}));
    EXPECT_EQ(PlanService::own_units(p, "plan:progress:create"), (Units{12, 13}));
    EXPECT_EQ(PlanService::own_units(p, "supervision:action:list"), (Units{12, 13}));
}

TEST(PlanScope, OnlyGrantsCarryingThePermissionCount) {
    // The leader's grant reads (own unit 1) but does not report; the village grant does both for 12.
    const auto p = user_of(1, {{1, "leader", Scope::Township, {}}, {2, "village", Scope::Units, {12}}});
    EXPECT_TRUE(PlanService::is_office(p));
    EXPECT_EQ(PlanService::own_units(p), (Units{1, 12}));
    EXPECT_EQ(PlanService::own_units(p, "plan:progress:create"), Units{12});
    EXPECT_EQ(PlanService::own_units(p, "supervision:response:create"), Units{12});
}

TEST(PlanScope, OfficeNeedsTownshipScope) {
    const auto township = user_of(4, {{1, "coordinator", Scope::Township, {}}});
    EXPECT_TRUE(PlanService::is_office(township));
    EXPECT_TRUE(PlanService::reads_all_reports(township));
    // A coordinator of one unit (a county deployment's department office) is not the township's office.
    const auto own = user_of(4, {{1, "coordinator", Scope::OwnUnit, {}}});
    EXPECT_FALSE(PlanService::is_office(own));
    EXPECT_FALSE(PlanService::reads_all_reports(own));
    const auto listed = user_of(4, {{1, "coordinator", Scope::Units, {12, 13}}});
    EXPECT_FALSE(PlanService::is_office(listed));
}

TEST(PlanScope, LeaderSeesStatusesButNotReports) {
    const auto p = user_of(1, {{1, "leader", Scope::Township, {}}});
    EXPECT_TRUE(PlanService::is_office(p));
    EXPECT_FALSE(PlanService::reads_all_reports(p));
}

TEST(PlanScope, AdministratorsActForNoUnit) {
    for (const char* role : {"sysadmin", "secadmin", "auditor"}) {
        const auto p = user_of(2, {{1, role, Scope::Township, {}}});
        EXPECT_TRUE(PlanService::own_units(p).empty()) << role;
        EXPECT_TRUE(PlanService::own_units(p, "plan:progress:create").empty()) << role;
        EXPECT_TRUE(PlanService::own_units(p, "supervision:action:list").empty()) << role;
        EXPECT_FALSE(PlanService::is_office(p)) << role;
    }
}

TEST(PlanScope, SystemPrincipalIsTheOfficeWithoutAUnit) {
    const auto p = PlanService::system_principal();
    EXPECT_TRUE(PlanService::is_office(p));
    EXPECT_TRUE(PlanService::own_units(p, "plan:progress:create").empty());
}

}  // namespace
}  // namespace hulei::plan
