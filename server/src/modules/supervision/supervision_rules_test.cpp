#include "modules/supervision/supervision_rules.hpp"

#include <gtest/gtest.h>

namespace hulei::supervision {
namespace {

constexpr std::int64_t kToday = 20000;
const LadderPolicy kPolicy{7, 21, 45};

TEST(Ladder, NothingBelowTheFirstThreshold) {
    EXPECT_EQ(next_rung(0, kToday, {}, kPolicy), std::nullopt);
    EXPECT_EQ(next_rung(6, kToday, {}, kPolicy), std::nullopt);
    EXPECT_EQ(next_rung(7, kToday, {}, kPolicy), "notice");
}

TEST(Ladder, RungsAreClimbedOneAtATime) {
    EXPECT_EQ(next_rung(100, kToday, {}, kPolicy), "notice");
    EXPECT_EQ(next_rung(100, kToday, {{"notice", kToday - 10}}, kPolicy), "warning");
    EXPECT_EQ(next_rung(100, kToday, {{"notice", kToday - 10}, {"warning", kToday - 5}}, kPolicy), "listed");
    EXPECT_EQ(next_rung(100, kToday, {{"listed", kToday - 1}}, kPolicy), std::nullopt);
}

TEST(Ladder, TheNextRungWaitsForItsThreshold) {
    EXPECT_EQ(next_rung(20, kToday, {{"notice", kToday - 3}}, kPolicy), std::nullopt);
    EXPECT_EQ(next_rung(21, kToday, {{"notice", kToday - 3}}, kPolicy), "warning");
    EXPECT_EQ(next_rung(44, kToday, {{"notice", kToday - 30}, {"warning", kToday - 3}}, kPolicy), std::nullopt);
    EXPECT_EQ(next_rung(45, kToday, {{"notice", kToday - 30}, {"warning", kToday - 3}}, kPolicy), "listed");
}

TEST(Ladder, ActionsFromAnEarlierOverdueSpellDoNotCount) {
    // Overdue for 10 days (since kToday - 9); a warning issued before that belongs to an earlier spell.
    EXPECT_EQ(next_rung(10, kToday, {{"warning", kToday - 40}}, kPolicy), "notice");
    EXPECT_EQ(next_rung(10, kToday, {{"notice", kToday - 10}}, kPolicy), "notice");  // the due day itself
    EXPECT_EQ(next_rung(10, kToday, {{"notice", kToday - 9}}, kPolicy), std::nullopt);
}

TEST(Ladder, OtherKindsAreNotRungs) {
    EXPECT_EQ(next_rung(30, kToday, {{"inspection", kToday - 1}, {"unannounced", kToday - 1}}, kPolicy), "notice");
}

TEST(Ladder, ThresholdsArePolicy) {
    const LadderPolicy quick{1, 2, 3};
    EXPECT_EQ(next_rung(1, kToday, {}, quick), "notice");
    EXPECT_EQ(next_rung(3, kToday, {{"notice", kToday}, {"warning", kToday}}, quick), "listed");
}

TEST(Kinds, CodesAndLabels) {
    EXPECT_TRUE(valid_kind("listed"));
    EXPECT_FALSE(valid_kind("fine"));
    EXPECT_EQ(kind_label("unannounced"), "暗访");
    EXPECT_EQ(parse_kind("约谈警示"), "warning");
    EXPECT_EQ(parse_kind("inspection"), "inspection");
    EXPECT_EQ(parse_kind("罚款"), std::nullopt);
}

}  // namespace
}  // namespace hulei::supervision
