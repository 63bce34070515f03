#include "modules/reports/reports_rules.hpp"

#include <gtest/gtest.h>

namespace hulei::reports {
namespace {

constexpr std::int64_t kT0 = 1'764'000'000'000;

TEST(ReportsRules, TriggersOneToNine) {
    EXPECT_FALSE(valid_trigger(0));
    EXPECT_TRUE(valid_trigger(1));
    EXPECT_TRUE(valid_trigger(9));
    EXPECT_FALSE(valid_trigger(10));
    EXPECT_EQ(trigger_label(8), "被组织乞讨");
    EXPECT_EQ(trigger_label(10), "");
}

TEST(ReportsRules, CategoriesFromKinds) {
    EXPECT_EQ(category_of_kind("village"), "village");
    EXPECT_EQ(category_of_kind("school"), "school");
    EXPECT_EQ(category_of_kind("department"), "state_organ");
    EXPECT_EQ(category_of_kind("womens_federation"), "other");
    EXPECT_TRUE(valid_category("hotel"));
    EXPECT_FALSE(valid_category("bank"));
}

TEST(ReportsRules, LateReportIsStrictlyOverTheLimit) {
    EXPECT_FALSE(is_late(kT0, kT0 + 24 * kMsPerHour, 24));
    EXPECT_TRUE(is_late(kT0, kT0 + 24 * kMsPerHour + 1, 24));
}

TEST(ReportsRules, ClockSteps) {
    const Limits limits{24, 24, 3, 30};
    ClockFacts f{kT0 - kMsPerHour, kT0, std::nullopt, std::nullopt, std::nullopt};
    auto c = clock_of(f, limits, kT0 + 24 * kMsPerHour);
    EXPECT_FALSE(c.accept.overdue);  // exactly at the limit: still in time
    EXPECT_FALSE(c.feedback.due_at.has_value());
    c = clock_of(f, limits, kT0 + 24 * kMsPerHour + 1);
    EXPECT_TRUE(c.accept.overdue);
    EXPECT_TRUE(c.overdue());

    f.accepted_at = kT0 + 25 * kMsPerHour;  // accepted late
    c = clock_of(f, limits, kT0 + 26 * kMsPerHour);
    EXPECT_FALSE(c.accept.overdue);
    EXPECT_TRUE(c.accept.late);
    ASSERT_TRUE(c.feedback.due_at.has_value());
    EXPECT_EQ(*c.feedback.due_at, *f.accepted_at + 3 * kMsPerDay);
    EXPECT_FALSE(c.overdue());
    c = clock_of(f, limits, *f.accepted_at + 3 * kMsPerDay + 1);
    EXPECT_TRUE(c.feedback.overdue);
    EXPECT_FALSE(c.outcome.overdue);
    f.feedback_at = *f.accepted_at + kMsPerDay;
    c = clock_of(f, limits, *f.accepted_at + 31 * kMsPerDay);
    EXPECT_FALSE(c.feedback.overdue);
    EXPECT_TRUE(c.outcome.overdue);
}

TEST(ReportsRules, StationOfTheTownship) {
    const std::vector<TreeUnit> units = {
        {1, std::nullopt, "town"}, {2, 1, "police_station"}, {3, 1, "village"},        {4, std::nullopt, "town"},
        {5, 4, "department"},      {6, 5, "school"},         {7, 4, "police_station"}, {8, std::nullopt, "other"},
    };
    EXPECT_EQ(station_for(units, 3), 2);
    EXPECT_EQ(station_for(units, 6), 7);
    EXPECT_EQ(station_for(units, 8), 2);  // no township: the first station
    EXPECT_FALSE(station_for({{1, std::nullopt, "town"}}, 1).has_value());
}

TEST(ReportsRules, SmallCountsSuppressed) {
    EXPECT_FALSE(shown(0, 5).suppressed);
    EXPECT_TRUE(shown(1, 5).suppressed);
    EXPECT_TRUE(shown(4, 5).suppressed);
    EXPECT_FALSE(shown(5, 5).suppressed);
    EXPECT_FALSE(shown(3, 0).suppressed);
    auto r = rate_of(2, 3, 5);
    EXPECT_FALSE(r.percent.has_value());
    r = rate_of(2, 3, 0);
    ASSERT_TRUE(r.percent.has_value());
    EXPECT_DOUBLE_EQ(*r.percent, 66.7);
    r = rate_of(6, 8, 5);
    EXPECT_DOUBLE_EQ(*r.percent, 75.0);
}

TEST(ReportsRules, ReceiptCodes) {
    const std::vector<std::uint32_t> r = {0, 1, 31, 32, 10, 17, 18, 21, 22, 27, 30, 5};
    const auto code = receipt_code_of(r);
    EXPECT_EQ(code.size(), 12u);
    EXPECT_EQ(code, "01Z0AHJNPVY5");
    EXPECT_TRUE(valid_receipt_code(code));
    EXPECT_TRUE(valid_receipt_code("01z0ahjnpvy5"));
    EXPECT_EQ(normalise_receipt_code("01z0ahjnpvy5"), code);
    EXPECT_FALSE(valid_receipt_code("01Z0AHJNPVYI"));
    EXPECT_FALSE(valid_receipt_code("01Z0AHJNPVY"));
}

}  // namespace
}  // namespace hulei::reports
