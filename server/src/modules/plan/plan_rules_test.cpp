#include "modules/plan/plan_rules.hpp"

#include <gtest/gtest.h>

namespace hulei::plan {
namespace {

std::int64_t d(const char* s) { return *parse_date(s); }

// ---- dates --------------------------------------------------------------------------------------

TEST(PlanDates, ParseAndFormatRoundTrip) {
    EXPECT_EQ(d("1970-01-01"), 0);
    EXPECT_EQ(d("2024-02-29") - d("2024-02-28"), 1);
    EXPECT_EQ(format_date(d("2024-12-31")), "2024-12-31");
    EXPECT_EQ(d("2025-01-01") - d("2024-01-01"), 366);
    EXPECT_FALSE(parse_date("2023-02-29"));
    EXPECT_FALSE(parse_date("2024-13-01"));
    EXPECT_FALSE(parse_date("2024-1-01"));
    EXPECT_FALSE(parse_date("2024/01/01"));
    EXPECT_FALSE(parse_date(""));
}

TEST(PlanDates, ShanghaiDayIsUtcPlusEight) {
    // 2024-03-31T15:59:59Z is 23:59:59 in Shanghai; one second later it is 1 April there.
    const std::int64_t before = (d("2024-03-31") * 86400 + 15 * 3600 + 59 * 60 + 59) * 1000;
    EXPECT_EQ(shanghai_day(before), d("2024-03-31"));
    EXPECT_EQ(shanghai_day(before + 1000), d("2024-04-01"));
    EXPECT_EQ(shanghai_minute(before + 1000), "2024-04-01 00:00");
}

// ---- deadlines ------------------------------------------------------------------------------------

TEST(DeadlineDate, EndOfPeriod) {
    EXPECT_EQ(deadline_date("2024年12月底前"), "2024-12-31");
    EXPECT_EQ(deadline_date("2024年底前"), "2024-12-31");
    EXPECT_EQ(deadline_date("2024年年底前"), "2024-12-31");
    EXPECT_EQ(deadline_date("2024年内"), "2024-12-31");
    EXPECT_EQ(deadline_date("2024年2月底"), "2024-02-29");
    EXPECT_EQ(deadline_date("2025年2月末前完成"), "2025-02-28");
    EXPECT_EQ(deadline_date("2024年6月"), "2024-06-30");
    EXPECT_EQ(deadline_date("2024年上半年"), "2024-06-30");
    EXPECT_EQ(deadline_date("2024年下半年完成"), "2024-12-31");
    EXPECT_EQ(deadline_date("2024年第三季度"), "2024-09-30");
    EXPECT_EQ(deadline_date("2024年一季度末"), "2024-03-31");
}

TEST(DeadlineDate, ADay) {
    EXPECT_EQ(deadline_date("2025年6月30日前"), "2025-06-30");
    EXPECT_EQ(deadline_date("2025年6月30号之前"), "2025-06-30");
    EXPECT_EQ(deadline_date("于2025年3月1日完成"), "2025-03-01");
    EXPECT_EQ(deadline_date("2025.6.30前"), "2025-06-30");
    EXPECT_EQ(deadline_date("2025-06-30"), "2025-06-30");
    EXPECT_EQ(deadline_date("2024年5月上旬"), "2024-05-10");
    EXPECT_EQ(deadline_date("2024年5月中旬前"), "2024-05-20");
    EXPECT_EQ(deadline_date("2024年5月下旬"), "2024-05-31");
}

TEST(DeadlineDate, BeforeAPeriodIsTheEndOfThePreviousOne) {
    EXPECT_EQ(deadline_date("2024年6月前"), "2024-05-31");
    EXPECT_EQ(deadline_date("2024年3月以前"), "2024-02-29");
    EXPECT_EQ(deadline_date("2024年1月前"), "2023-12-31");
    EXPECT_EQ(deadline_date("2025年前"), "2024-12-31");
    EXPECT_EQ(deadline_date("2024年第二季度前"), "2024-03-31");
    EXPECT_EQ(deadline_date("2024年下半年前"), "2024-06-30");
}

TEST(DeadlineDate, FullWidthDigitsAndChineseNumerals) {
    EXPECT_EQ(deadline_date("２０２４年１２月底前"), "2024-12-31");
    EXPECT_EQ(deadline_date("二〇二四年十二月底前"), "2024-12-31");
    EXPECT_EQ(deadline_date("二〇二五年三月三十一日前"), "2025-03-31");
    EXPECT_EQ(deadline_date("2024年十月前"), "2024-09-30");
}

TEST(DeadlineDate, WithoutAYearUsesTheDefault) {
    EXPECT_EQ(deadline_date("12月底前"), std::nullopt);
    EXPECT_EQ(deadline_date("12月底前", 2024), "2024-12-31");
    EXPECT_EQ(deadline_date("6月30日前", 2025), "2025-06-30");
    EXPECT_EQ(deadline_date("6月前", 2024), "2024-05-31");
}

TEST(DeadlineDate, NoFixedDate) {
    EXPECT_EQ(deadline_date("长期坚持"), std::nullopt);
    EXPECT_EQ(deadline_date("持续推进"), std::nullopt);
    EXPECT_EQ(deadline_date("每季度"), std::nullopt);
    EXPECT_EQ(deadline_date("每年12月底前", 2024), std::nullopt);
    EXPECT_EQ(deadline_date("30日内"), std::nullopt);
    EXPECT_EQ(deadline_date("自印发之日起3个月内"), std::nullopt);
    EXPECT_EQ(deadline_date("5年内"), std::nullopt);
    EXPECT_EQ(deadline_date("2024年"), std::nullopt);
    EXPECT_EQ(deadline_date(""), std::nullopt);
    EXPECT_EQ(deadline_date("2024年13月底前"), std::nullopt);
    EXPECT_EQ(deadline_date("2023年2月29日前"), std::nullopt);
}

TEST(DeadlineDate, AStartDateIsNotADeadline) {
    EXPECT_EQ(deadline_date("自2024年3月1日起至2024年6月30日"), "2024-06-30");
    EXPECT_EQ(deadline_date("2024年3月起"), std::nullopt);
}

// ---- status ---------------------------------------------------------------------------------------

StatusInput base() {
    StatusInput in;
    in.today = d("2024-03-10");
    in.campaign_start = d("2024-03-01");
    in.interval_days = 30;
    in.due_soon_days = 7;
    return in;
}

TEST(TaskStatus, NothingReportedEarlyIsNotStarted) {
    const auto r = task_status(base());
    EXPECT_EQ(r.status, Status::NotStarted);
    EXPECT_EQ(r.next_report_due, d("2024-03-31"));
    EXPECT_EQ(r.overdue_days, 0);
}

TEST(TaskStatus, CompletedWinsOverEverything) {
    auto in = base();
    in.today = d("2025-01-01");
    in.deadline = d("2024-06-30");
    in.last_report = d("2024-03-02");
    in.completed = true;
    EXPECT_EQ(task_status(in).status, Status::Completed);
}

TEST(TaskStatus, IntervalElapsedSinceCampaignStartIsOverdue) {
    auto in = base();
    in.today = d("2024-03-31");  // due today: not yet overdue
    EXPECT_EQ(task_status(in).status, Status::DueSoon);
    in.today = d("2024-04-01");
    const auto r = task_status(in);
    EXPECT_EQ(r.status, Status::Overdue);
    EXPECT_EQ(r.overdue_days, 1);
}

TEST(TaskStatus, IntervalCountsFromTheLastReport) {
    auto in = base();
    in.last_report = d("2024-03-20");
    in.today = d("2024-04-05");
    auto r = task_status(in);
    EXPECT_EQ(r.status, Status::OnTrack);
    EXPECT_EQ(r.next_report_due, d("2024-04-19"));
    in.today = d("2024-04-12");  // 7 days before the next report
    EXPECT_EQ(task_status(in).status, Status::DueSoon);
    in.today = d("2024-04-22");
    r = task_status(in);
    EXPECT_EQ(r.status, Status::Overdue);
    EXPECT_EQ(r.overdue_days, 3);
}

TEST(TaskStatus, ReportsBeforeTheCampaignStartCountFromTheStart) {
    auto in = base();
    in.last_report = d("2024-01-01");
    in.today = d("2024-03-20");
    EXPECT_EQ(task_status(in).next_report_due, d("2024-03-31"));
}

TEST(TaskStatus, DeadlinePassedIsOverdueEvenWithRecentReports) {
    auto in = base();
    in.deadline = d("2024-03-05");
    in.last_report = d("2024-03-09");
    const auto r = task_status(in);
    EXPECT_EQ(r.status, Status::Overdue);
    EXPECT_EQ(r.overdue_days, 5);
}

TEST(TaskStatus, TheLargerOverdueWins) {
    auto in = base();
    in.deadline = d("2024-04-20");
    in.today = d("2024-04-25");  // report due 03-31: 25 days; deadline: 5 days
    EXPECT_EQ(task_status(in).overdue_days, 25);
}

TEST(TaskStatus, DeadlineSoonIsDueSoon) {
    auto in = base();
    in.interval_days = 90;
    in.deadline = d("2024-03-17");
    EXPECT_EQ(task_status(in).status, Status::DueSoon);
    in.deadline = d("2024-03-18");
    EXPECT_EQ(task_status(in).status, Status::NotStarted);
    in.last_report = d("2024-03-09");
    EXPECT_EQ(task_status(in).status, Status::OnTrack);
}

TEST(TaskStatus, ACampaignNotYetStartedIsNotStarted) {
    auto in = base();
    in.campaign_start = d("2024-06-01");
    EXPECT_EQ(task_status(in).status, Status::NotStarted);
}

TEST(TaskStatus, NamesAndLabels) {
    EXPECT_EQ(status_name(Status::DueSoon), "due_soon");
    EXPECT_EQ(status_label(Status::Overdue), "逾期");
    EXPECT_EQ(parse_status("on_track"), Status::OnTrack);
    EXPECT_EQ(parse_status("late"), std::nullopt);
}

// ---- unit groups ----------------------------------------------------------------------------------

TEST(UnitGroups, KnownGroupsExpandToAKind) {
    EXPECT_EQ(group_kind("各学校"), "school");
    EXPECT_EQ(group_kind("各村（社区）"), "village");
    EXPECT_EQ(group_kind("各村(社区)"), "village");
    EXPECT_EQ(group_kind(" 各村 "), "village");
    EXPECT_EQ(group_kind("各社区"), "village");
    EXPECT_EQ(group_kind("镇属各部门"), "department");
    EXPECT_EQ(group_kind("各部门"), "department");
}

TEST(UnitGroups, VagueGroupsAreLeftToTheUser) {
    EXPECT_EQ(group_kind("各有关部门"), std::nullopt);
    EXPECT_EQ(group_kind("各有关单位"), std::nullopt);
    EXPECT_EQ(group_kind("社会事务办公室"), std::nullopt);
}

TEST(UnitGroups, UnitsOfKindKeepOrder) {
    std::vector<org::Unit> units = {{1, {}, "青石村", "village", "V1", {}},
                                    {2, {}, "中心小学", "school", "S1", {}},
                                    {3, {}, "白沙社区", "village", "V2", {}}};
    const auto v = units_of_kind(units, "village");
    ASSERT_EQ(v.size(), 2u);
    EXPECT_EQ(v[0].name, "青石村");
    EXPECT_EQ(v[1].name, "白沙社区");
    EXPECT_TRUE(units_of_kind(units, "department").empty());
}

TEST(UnitGroups, FoldNameMakesParenthesesHalfWidth) {
    EXPECT_EQ(fold_name(" 各村（社区） "), "各村(社区)");
}

// ---- numbers --------------------------------------------------------------------------------------

TEST(TaskNumbers, ParentIsTheNearestExistingAncestor) {
    const std::vector<std::string> all = {"四", "四/（二）", "四/（二）/1", "四/（三）/1"};
    EXPECT_EQ(parent_number("四/（二）/1", all), "四/（二）");
    EXPECT_EQ(parent_number("四/（三）/1", all), "四");
    EXPECT_EQ(parent_number("四", all), std::nullopt);
    EXPECT_EQ(parent_number("五/（一）", all), std::nullopt);
}

}  // namespace
}  // namespace hulei::plan
