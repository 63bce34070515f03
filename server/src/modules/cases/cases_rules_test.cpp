#include "modules/cases/cases_rules.hpp"

#include <gtest/gtest.h>

namespace hulei::cases {
namespace {

TEST(CasesRules, CrimeTypesByCodeOrLabel) {
    EXPECT_EQ(crime_types().size(), 9u);
    EXPECT_EQ(crime_type_code("rape"), "rape");
    EXPECT_EQ(crime_type_code("猥亵儿童罪"), "child_molestation");
    EXPECT_EQ(crime_type_code("强制猥亵，侮辱罪"), "forcible_indecency");  // full-width comma folds to 、
    EXPECT_EQ(crime_type_code("其他"), "other");
    EXPECT_EQ(crime_type_code("盗窃罪"), "");
    EXPECT_EQ(crime_type_label("custodial_sexual_assault"), "负有照护职责人员性侵罪");
}

TEST(CasesRules, EveryCrimeTypeButOtherHasARegistryType) {
    for (const auto& t : crime_types()) {
        if (t.code == "other")
            EXPECT_EQ(registry_type_of(t.code), "");
        else
            EXPECT_EQ(registry_type_of(t.code), t.code);
    }
    EXPECT_EQ(registry_type_of("unknown"), "");
}

TEST(CasesRules, StagesInOrder) {
    EXPECT_TRUE(may_move("accepted", "filed"));
    EXPECT_TRUE(may_move("accepted", "not_filed"));
    EXPECT_FALSE(may_move("accepted", "investigating"));
    EXPECT_FALSE(may_move("accepted", "judged"));
    EXPECT_TRUE(may_move("filed", "investigating"));
    EXPECT_TRUE(may_move("filed", "withdrawn"));
    EXPECT_TRUE(may_move("investigating", "prosecuting"));
    EXPECT_TRUE(may_move("investigating", "withdrawn"));
    EXPECT_TRUE(may_move("prosecuting", "judged"));
    EXPECT_FALSE(may_move("prosecuting", "withdrawn"));
    EXPECT_FALSE(may_move("judged", "filed"));
    EXPECT_FALSE(may_move("withdrawn", "filed"));
    EXPECT_FALSE(may_move("not_filed", "filed"));
    EXPECT_TRUE(is_final("judged"));
    EXPECT_TRUE(is_final("withdrawn"));
    EXPECT_FALSE(is_final("prosecuting"));
    EXPECT_EQ(stage_label("prosecuting"), "移送起诉");
    EXPECT_FALSE(valid_stage("closed"));
}

TEST(CasesRules, RelationsAndSupportKinds) {
    EXPECT_TRUE(valid_relation("teacher"));
    EXPECT_TRUE(valid_relation("online"));
    EXPECT_FALSE(valid_relation("boss"));
    EXPECT_TRUE(valid_support_kind("legal_aid"));
    EXPECT_TRUE(valid_support_kind("school_return"));
    EXPECT_FALSE(valid_support_kind("housing"));
    EXPECT_EQ(support_kind_label("psychological"), "心理疏导");
}

TEST(CasesRules, AgeOnADay) {
    EXPECT_EQ(age_on("2010-06-15", "2026-06-14"), 15);
    EXPECT_EQ(age_on("2010-06-15", "2026-06-15"), 16);
    EXPECT_EQ(age_on("2008-02-29", "2026-02-28"), 17);
    EXPECT_FALSE(age_on("2010-13-01", "2026-01-01").has_value());
}

TEST(CasesRules, MaskedName) {
    EXPECT_EQ(mask_victim_name("王小花"), "王**");
}

}  // namespace
}  // namespace hulei::cases
