#include "modules/children/care_dashboard.hpp"

#include <gtest/gtest.h>

#include "modules/plan/plan_rules.hpp"

namespace hulei::children {
namespace {

TEST(CareDashboard, DayStartIsTheInverseOfShanghaiDay) {
    for (std::int64_t day : {0LL, 1LL, 20'000LL, 20'789LL}) {
        EXPECT_EQ(plan::shanghai_day(shanghai_day_start_ms(day)), day);
        EXPECT_EQ(plan::shanghai_day(shanghai_day_start_ms(day) - 1), day - 1);
    }
}

TEST(CareDashboard, CountsVillagesCategoriesTeamsAndVisits) {
    const std::int64_t today = 20'000;
    const std::int64_t now = shanghai_day_start_ms(today) + 10 * 3'600'000;  // 10:00 in Shanghai
    VisitIntervals iv;  // 30 days for in_difficulty and high risk, 90 otherwise, due soon within 7 days
    std::vector<DashboardGroup> groups = {
        // village 12: 3 left-behind children visited 100 days ago (overdue), team complete
        {12, "青石村", "left_behind", "low", today - 100, true, 3},
        // 2 in difficulty, base 25 days ago: due in 5 days (due soon), team incomplete
        {12, "青石村", "in_difficulty,left_behind", "low", today - 25, false, 2},
        // 1 left-behind but high risk, base 10 days ago: due in 20 days (ok)
        {12, "青石村", "left_behind", "high", today - 10, false, 1},
        // village 13: 4 migrant children recorded today (ok), complete
        {13, "白沙社区", "migrant", "low", today, true, 4},
        // 1 child with no category, base exactly 90 days ago: due today (due soon, days_left 0)
        {13, "白沙社区", "", "medium", today - 90, false, 1},
    };
    const auto d = build_dashboard(groups, {{12, 2}, {99, 5}}, iv, now);
    ASSERT_EQ(d.villages.size(), 2u);
    const auto& q = d.villages[0];
    EXPECT_EQ(q.id, 12);
    EXPECT_EQ(q.name, "青石村");
    EXPECT_EQ(q.figures.children, 6);
    EXPECT_EQ(q.figures.teams_complete, 3);
    EXPECT_EQ(q.figures.teams_incomplete, 3);
    EXPECT_EQ(q.figures.visits_overdue, 3);
    EXPECT_EQ(q.figures.visits_due_soon, 2);
    EXPECT_EQ(q.figures.urgent_open, 2);
    EXPECT_EQ(q.figures.by_category.at("left_behind"), 6);
    EXPECT_EQ(q.figures.by_category.at("in_difficulty"), 2);
    const auto& b = d.villages[1];
    EXPECT_EQ(b.figures.children, 5);
    EXPECT_EQ(b.figures.visits_overdue, 0);
    EXPECT_EQ(b.figures.visits_due_soon, 1);
    EXPECT_EQ(b.figures.urgent_open, 0);
    EXPECT_EQ(d.totals.children, 11);
    EXPECT_EQ(d.totals.teams_complete, 7);
    EXPECT_EQ(d.totals.teams_incomplete, 4);
    EXPECT_EQ(d.totals.visits_overdue, 3);
    EXPECT_EQ(d.totals.visits_due_soon, 3);
    EXPECT_EQ(d.totals.urgent_open, 2);  // village 99 has no child in scope
    EXPECT_EQ(d.totals.by_category.at("migrant"), 4);
    EXPECT_FALSE(d.totals.by_category.count(""));
}

TEST(CareDashboard, NothingInScopeIsEmpty) {
    const auto d = build_dashboard({}, {{12, 1}}, VisitIntervals{}, 0);
    EXPECT_TRUE(d.villages.empty());
    EXPECT_EQ(d.totals.children, 0);
    EXPECT_EQ(d.totals.urgent_open, 0);
}

}  // namespace
}  // namespace hulei::children
