#include <gtest/gtest.h>

#include "modules/org/org_types.hpp"

namespace hulei::org {
namespace {

TEST(SeparationOfDuties, AdminRolesExcludeEachOther) {
    EXPECT_TRUE(separation_violation({"sysadmin"}, "secadmin").has_value());
    EXPECT_TRUE(separation_violation({"secadmin"}, "auditor").has_value());
    EXPECT_TRUE(separation_violation({"auditor"}, "sysadmin").has_value());
}

TEST(SeparationOfDuties, AdminRolesExcludeBusinessRoles) {
    EXPECT_TRUE(separation_violation({"coordinator"}, "sysadmin").has_value());
    EXPECT_TRUE(separation_violation({"auditor"}, "police").has_value());
}

TEST(SeparationOfDuties, BusinessRolesCombine) {
    EXPECT_FALSE(separation_violation({"village"}, "school").has_value());
    EXPECT_FALSE(separation_violation({}, "sysadmin").has_value());
    EXPECT_FALSE(separation_violation({"coordinator", "leader"}, "police").has_value());
}

TEST(UnitKinds, ChineseLabelsAndCodesParse) {
    EXPECT_EQ(parse_unit_kind("村（社区）"), "village");
    EXPECT_EQ(parse_unit_kind("村(社区)"), "village");
    EXPECT_EQ(parse_unit_kind("社区"), "village");
    EXPECT_EQ(parse_unit_kind("派出所"), "police_station");
    EXPECT_EQ(parse_unit_kind("school"), "school");
    EXPECT_EQ(parse_unit_kind(" 学校 "), "school");
    EXPECT_FALSE(parse_unit_kind("医院2").has_value());
    EXPECT_FALSE(parse_unit_kind("").has_value());
}

}  // namespace
}  // namespace hulei::org
