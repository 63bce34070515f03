// Pure due-date rules of the annual re-check (issue 5 item 4): dates around the due day, leap years, never.
#include "modules/screening/screening_coverage.hpp"

#include <gtest/gtest.h>

#include "modules/plan/plan_rules.hpp"

namespace hulei::screening {
namespace {

std::int64_t day(const char* text) {
    return *plan::parse_date(text);
}

constexpr MonthDay kMarch31{3, 31};

TEST(ScreeningCoverage, ParsesMonthDay) {
    EXPECT_EQ(parse_month_day("03-31")->month, 3);
    EXPECT_EQ(parse_month_day("03-31")->day, 31);
    EXPECT_TRUE(parse_month_day("02-29"));
    EXPECT_TRUE(parse_month_day("12-31"));
    EXPECT_FALSE(parse_month_day("02-30"));
    EXPECT_FALSE(parse_month_day("04-31"));
    EXPECT_FALSE(parse_month_day("13-01"));
    EXPECT_FALSE(parse_month_day("00-10"));
    EXPECT_FALSE(parse_month_day("3-31"));
    EXPECT_FALSE(parse_month_day("03/31"));
    EXPECT_FALSE(parse_month_day(""));
}

TEST(ScreeningCoverage, NeverChecked) {
    EXPECT_EQ(recheck_state(std::nullopt, day("2026-01-01"), kMarch31), RecheckState::Never);
    EXPECT_EQ(recheck_state(std::nullopt, day("2026-12-31"), kMarch31), RecheckState::Never);
}

TEST(ScreeningCoverage, CheckedThisYearIsCurrent) {
    EXPECT_EQ(recheck_state(day("2026-01-01"), day("2026-11-29"), kMarch31), RecheckState::Current);
    EXPECT_EQ(recheck_state(day("2026-03-30"), day("2026-04-01"), kMarch31), RecheckState::Current);
    EXPECT_EQ(recheck_state(day("2026-11-29"), day("2026-11-29"), kMarch31), RecheckState::Current);
}

TEST(ScreeningCoverage, AroundTheDueDay) {
    const auto last = day("2025-06-01");
    EXPECT_EQ(recheck_state(last, day("2026-01-01"), kMarch31), RecheckState::Due);
    EXPECT_EQ(recheck_state(last, day("2026-03-30"), kMarch31), RecheckState::Due);
    EXPECT_EQ(recheck_state(last, day("2026-03-31"), kMarch31), RecheckState::Due);  // the due day itself
    EXPECT_EQ(recheck_state(last, day("2026-04-01"), kMarch31), RecheckState::Overdue);
    EXPECT_EQ(recheck_state(day("2025-12-31"), day("2026-12-31"), kMarch31), RecheckState::Overdue);
    EXPECT_EQ(recheck_state(day("2019-03-31"), day("2026-02-01"), kMarch31), RecheckState::Due);
}

TEST(ScreeningCoverage, LeapYears) {
    const MonthDay feb29{2, 29};
    EXPECT_EQ(due_day_of(2024, feb29), day("2024-02-29"));
    EXPECT_EQ(due_day_of(2026, feb29), day("2026-02-28"));
    EXPECT_EQ(due_day_of(2000, feb29), day("2000-02-29"));
    EXPECT_EQ(due_day_of(2100, feb29), day("2100-02-28"));
    const auto last = day("2025-05-01");
    EXPECT_EQ(recheck_state(last, day("2026-02-28"), feb29), RecheckState::Due);
    EXPECT_EQ(recheck_state(last, day("2026-03-01"), feb29), RecheckState::Overdue);
    EXPECT_EQ(recheck_state(day("2023-05-01"), day("2024-02-29"), feb29), RecheckState::Due);
    EXPECT_EQ(recheck_state(day("2023-05-01"), day("2024-03-01"), feb29), RecheckState::Overdue);
    // 03-31 in a leap year: the extra day does not move it.
    EXPECT_EQ(due_day_of(2024, kMarch31), day("2024-03-31"));
    EXPECT_EQ(recheck_state(day("2023-12-31"), day("2024-02-29"), kMarch31), RecheckState::Due);
    EXPECT_EQ(recheck_state(day("2024-02-29"), day("2024-12-31"), kMarch31), RecheckState::Current);
    EXPECT_EQ(recheck_state(day("2024-02-29"), day("2025-04-01"), kMarch31), RecheckState::Overdue);
}

}  // namespace
}  // namespace hulei::screening
