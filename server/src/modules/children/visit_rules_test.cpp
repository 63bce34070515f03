#include "modules/children/visit_rules.hpp"

#include <gtest/gtest.h>

#include "modules/plan/plan_rules.hpp"

namespace hulei::children {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kShanghai = 8 * 3'600'000;

/// Epoch ms of a Shanghai wall-clock time.
std::int64_t at(int y, int m, int d, int hour = 12, int minute = 0) {
    return plan::day_of(y, m, d) * kDay - kShanghai + hour * 3'600'000LL + minute * 60'000LL;
}

TEST(VisitRules, IntervalIsSmallestOfCategoriesAndRisk) {
    const VisitIntervals iv;
    EXPECT_EQ(required_interval_days({"left_behind"}, "low", iv), 90);
    EXPECT_EQ(required_interval_days({"in_difficulty"}, "low", iv), 30);
    EXPECT_EQ(required_interval_days({"de_facto_orphan"}, "medium", iv), 30);
    EXPECT_EQ(required_interval_days({"left_behind", "in_difficulty"}, "low", iv), 30);
    EXPECT_EQ(required_interval_days({"migrant"}, "low", iv), 90);
    EXPECT_EQ(required_interval_days({}, "low", iv), 90);
    EXPECT_EQ(required_interval_days({"left_behind"}, "high", iv), 30);
    VisitIntervals custom;
    custom.left_behind = 60;
    custom.fallback = 120;
    custom.high_risk = 14;
    EXPECT_EQ(required_interval_days({"left_behind", "orphan"}, "low", custom), 60);
    EXPECT_EQ(required_interval_days({"orphan"}, "low", custom), 120);
    EXPECT_EQ(required_interval_days({"orphan", "in_difficulty"}, "high", custom), 14);
}

TEST(VisitRules, Methods) {
    EXPECT_TRUE(valid_visit_method("home"));
    EXPECT_TRUE(valid_visit_method("school"));
    EXPECT_TRUE(valid_visit_method("phone"));
    EXPECT_FALSE(valid_visit_method("email"));
    EXPECT_FALSE(valid_visit_method(""));
    EXPECT_FALSE(valid_visit_method("Home"));
}

TEST(VisitRules, ClientIds) {
    EXPECT_TRUE(valid_client_id("a"));
    EXPECT_TRUE(valid_client_id("0f8e2c1a-7b3d-4e5f-9a1b-2c3d4e5f6a7b"));
    EXPECT_TRUE(valid_client_id("visit_2026-11-29_A"));
    EXPECT_TRUE(valid_client_id(std::string(64, 'x')));
    EXPECT_FALSE(valid_client_id(""));
    EXPECT_FALSE(valid_client_id(std::string(65, 'x')));
    EXPECT_FALSE(valid_client_id("has space"));
    EXPECT_FALSE(valid_client_id("semi;colon"));
    EXPECT_FALSE(valid_client_id("走访1"));
    EXPECT_FALSE(valid_client_id("a/b"));
}

TEST(VisitRules, VisitorServesTheChild) {
    // Child of village 12, school 20; stations 30 and 31 cover village 12.
    const std::vector<std::int64_t> stations = {30, 31};
    EXPECT_TRUE(visitor_serves_child(12, false, 12, 20, stations));       // of the child's village
    EXPECT_TRUE(visitor_serves_child(20, false, 12, 20, stations));       // of the child's school
    EXPECT_TRUE(visitor_serves_child(31, false, 12, 20, stations));       // a covering police station
    EXPECT_TRUE(visitor_serves_child(99, true, 12, 20, stations));        // on the child's team, wherever his unit
    EXPECT_FALSE(visitor_serves_child(13, false, 12, 20, stations));      // another village
    EXPECT_FALSE(visitor_serves_child(21, false, 12, 20, stations));      // another school
    EXPECT_FALSE(visitor_serves_child(32, false, 12, 20, stations));      // a station not covering the village
    EXPECT_FALSE(visitor_serves_child(20, false, 12, std::nullopt, {}));  // no school: a school's teacher is not his
}

TEST(VisitRules, DueFromLastVisitOrCreation) {
    const auto created = at(2026, 1, 1);
    auto d = visit_due(std::nullopt, created, at(2026, 1, 2), 90, 7);
    EXPECT_EQ(d.due_date, "2026-04-01");
    EXPECT_EQ(d.status, "ok");
    EXPECT_EQ(d.interval_days, 90);
    d = visit_due(at(2026, 3, 1), created, at(2026, 3, 2), 30, 7);
    EXPECT_EQ(d.due_date, "2026-03-31");
    EXPECT_EQ(d.days_left, 29);
}

TEST(VisitRules, StatusBoundariesInShanghaiDays) {
    const auto last = at(2026, 3, 1, 9);
    // Due 2026-03-31: 7 days before is due_soon, 8 days before is ok, the day itself due_soon, the next overdue.
    EXPECT_EQ(visit_due(last, 0, at(2026, 3, 23, 23, 59), 30, 7).status, "ok");
    EXPECT_EQ(visit_due(last, 0, at(2026, 3, 24, 0, 0), 30, 7).status, "due_soon");
    EXPECT_EQ(visit_due(last, 0, at(2026, 3, 31, 23, 59), 30, 7).status, "due_soon");
    EXPECT_EQ(visit_due(last, 0, at(2026, 4, 1, 0, 0), 30, 7).status, "overdue");
    EXPECT_EQ(visit_due(last, 0, at(2026, 4, 1, 0, 0), 30, 7).days_left, -1);
    // A visit at 01:00 Shanghai (17:00 UTC the day before) counts for the Shanghai day.
    EXPECT_EQ(visit_due(at(2026, 3, 1, 1), 0, at(2026, 3, 2), 30, 7).due_date, "2026-03-31");
    EXPECT_EQ(visit_due(at(2026, 2, 28, 23, 30), 0, at(2026, 3, 2), 30, 7).due_date, "2026-03-30");
}

}  // namespace
}  // namespace hulei::children
