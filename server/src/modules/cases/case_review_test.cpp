#include "modules/cases/case_review.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hulei::cases {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kT0 = 1'764'000'000'000;  // 2025-11-24 16:00 UTC = 2025-11-25 00:00 in Shanghai

const UnitRef kVillage{11, "青石村"};
const UnitRef kSchool{21, "青石小学"};
const UnitRef kTrainer{31, "启航培训学校"};
const UnitRef kClinic{41, "镇卫生院"};

/// Facts where everything passes that can: one in-time report, child in the ledger with a full team and a
/// recent visit, suspect screened before hire and this year.
ReviewFacts all_good() {
    ReviewFacts f;
    f.reports.push_back({1, kSchool, false, kT0, kT0 + 3 * kHour});
    f.child.available = true;
    f.child.in_ledger = true;
    f.child.village = kVillage;
    f.child.team_complete = true;
    f.child.visited_on_schedule = true;
    f.child.last_visit_at = kT0 - 10 * kDay;
    f.screening.available = true;
    f.screening.employer = kTrainer;
    f.screening.screened_before_hire = true;
    f.screening.screened_this_year = true;
    return f;
}

const ReviewCheck& find(const std::vector<ReviewCheck>& checks, const std::string& key) {
    auto it = std::find_if(checks.begin(), checks.end(), [&](const ReviewCheck& c) { return c.key == key; });
    if (it == checks.end()) throw std::runtime_error("no check " + key);
    return *it;
}

std::vector<std::string> keys_with(const std::vector<ReviewCheck>& checks, const std::string& result) {
    std::vector<std::string> out;
    for (const auto& c : checks)
        if (c.result == result) out.push_back(c.key);
    return out;
}

std::vector<std::string> keys(const std::vector<ReviewCheck>& checks) {
    std::vector<std::string> out;
    for (const auto& c : checks) out.push_back(c.key);
    return out;
}

TEST(CaseReview, FixedOrderAndEverythingPassesExceptWhatIsNotBuilt) {
    const auto checks = review_case(all_good(), 24);
    EXPECT_EQ(keys(checks), (std::vector<std::string>{"report_timely:21", "child_in_ledger", "care_team_complete",
                                                      "visited_on_schedule", "screened_before_hire",
                                                      "screened_this_year", "prevention_education"}));
    EXPECT_TRUE(keys_with(checks, "fail").empty());
    EXPECT_EQ(keys_with(checks, "not_available"), std::vector<std::string>{"prevention_education"});
    for (const auto& c : checks) {
        EXPECT_FALSE(c.label.empty()) << c.key;
        EXPECT_FALSE(c.detail.empty()) << c.key;
        EXPECT_FALSE(c.unit) << c.key << ": a passed check names no unit";
    }
    EXPECT_EQ(find(checks, "report_timely:21").label, "报告单位是否在24小时内报告");
    EXPECT_EQ(find(checks, "report_timely:21").detail, "发现后3小时报告");
}

TEST(CaseReview, PreventionEducationIsNeverAPass) {
    auto f = all_good();
    EXPECT_EQ(find(review_case(f, 24), "prevention_education").result, "not_available");
    EXPECT_EQ(find(review_case(f, 24), "prevention_education").detail, "宣传教育活动模块尚未上线");
    f.prevention_available = true;  // even then: no fact here could make it pass
    EXPECT_EQ(find(review_case(f, 24), "prevention_education").result, "not_available");
}

TEST(CaseReview, LateReportFailsNamingTheReportingUnit) {
    auto f = all_good();
    f.reports = {{1, kSchool, true, kT0, kT0 + 31 * kHour}};
    const auto checks = review_case(f, 24);
    const auto& c = find(checks, "report_timely:21");
    EXPECT_EQ(c.result, "fail");
    ASSERT_TRUE(c.unit);
    EXPECT_EQ(c.unit->id, 21);
    EXPECT_EQ(c.unit->name, "青石小学");
    EXPECT_EQ(c.detail, "发现后31小时报告，超过24小时时限");
}

TEST(CaseReview, OneCheckPerReportingUnitPassingWhenOneOfItsReportsWasInTime) {
    auto f = all_good();
    f.reports = {{1, kSchool, true, kT0, kT0 + 40 * kHour},
                 {2, kClinic, false, kT0, kT0 + 30 * 60'000},
                 {3, kSchool, false, kT0, kT0 + 5 * kHour}};
    const auto checks = review_case(f, 24);
    EXPECT_EQ(std::count_if(checks.begin(), checks.end(),
                            [](const ReviewCheck& c) { return c.key.rfind("report_timely:", 0) == 0; }),
              2);
    EXPECT_EQ(checks[0].key, "report_timely:21");
    EXPECT_EQ(checks[0].result, "pass");
    EXPECT_EQ(checks[0].detail, "发现后5小时报告");
    EXPECT_EQ(checks[1].key, "report_timely:41");
    EXPECT_EQ(checks[1].detail, "发现后不足1小时报告");
}

TEST(CaseReview, AUnitThatKnewButDidNotReportFailsOnce) {
    auto f = all_good();
    // The village recorded suspected harm twice and never reported; the school recorded it and did report.
    f.child.harm_signals = {{kVillage, kT0 - 3 * kDay}, {kSchool, kT0 - 2 * kDay}, {kVillage, kT0 - 5 * kDay}};
    const auto checks = review_case(f, 24);
    EXPECT_EQ(keys_with(checks, "fail"), std::vector<std::string>{"unit_reported:11"});
    const auto& c = find(checks, "unit_reported:11");
    ASSERT_TRUE(c.unit);
    EXPECT_EQ(c.unit->id, 11);
    EXPECT_EQ(c.unit->name, "青石村");
    EXPECT_EQ(c.label, "知情单位是否履行强制报告义务");
    EXPECT_NE(c.detail.find(std::string("2025-11-20")), std::string::npos) << c.detail;  // the earliest signal
    EXPECT_THROW(find(checks, "unit_reported:21"), std::runtime_error);                  // covered by report_timely:21
    // Right after the report checks.
    EXPECT_EQ(checks[1].key, "unit_reported:11");
}

TEST(CaseReview, NoReportAtAllStillNamesTheUnitsThatKnew) {
    auto f = all_good();
    f.reports.clear();
    f.child.harm_signals = {{kSchool, kT0}};
    const auto checks = review_case(f, 24);
    EXPECT_EQ(keys_with(checks, "fail"), std::vector<std::string>{"unit_reported:21"});
    EXPECT_EQ(checks[0].key, "unit_reported:21");
}

TEST(CaseReview, ChildNotIdentifiedMakesTheLedgerChecksNotAvailable) {
    auto f = all_good();
    f.child = ChildFact{};  // nothing identifies the child
    const auto checks = review_case(f, 24);
    for (const char* key : {"child_in_ledger", "care_team_complete", "visited_on_schedule"}) {
        EXPECT_EQ(find(checks, key).result, "not_available") << key;
        EXPECT_FALSE(find(checks, key).unit) << key;
        EXPECT_NE(find(checks, key).detail.find("未能识别受害儿童"), std::string::npos) << key;
    }
}

TEST(CaseReview, ChildNotInTheLedgerFailsNamingTheVillageAndTheRestIsNotAvailable) {
    auto f = all_good();
    f.child = ChildFact{};
    f.child.available = true;
    f.child.village = kVillage;
    const auto checks = review_case(f, 24);
    const auto& ledger = find(checks, "child_in_ledger");
    EXPECT_EQ(ledger.result, "fail");
    ASSERT_TRUE(ledger.unit);
    EXPECT_EQ(ledger.unit->id, 11);
    EXPECT_EQ(find(checks, "care_team_complete").result, "not_available");
    EXPECT_EQ(find(checks, "care_team_complete").detail, "儿童未在台账中，无从核查");
    EXPECT_EQ(find(checks, "visited_on_schedule").result, "not_available");
    EXPECT_EQ(keys_with(checks, "fail"), std::vector<std::string>{"child_in_ledger"});
}

TEST(CaseReview, ChildNotInTheLedgerWithAnUnknownVillageStillFails) {
    auto f = all_good();
    f.child = ChildFact{};
    f.child.available = true;
    const auto checks = review_case(f, 24);
    const auto& c = find(checks, "child_in_ledger");
    EXPECT_EQ(c.result, "fail");
    EXPECT_FALSE(c.unit);
    EXPECT_NE(c.detail.find("责任单位未知"), std::string::npos);
}

TEST(CaseReview, IncompleteTeamFailsNamingTheVillage) {
    auto f = all_good();
    f.child.team_complete = false;
    const auto checks = review_case(f, 24);
    EXPECT_EQ(keys_with(checks, "fail"), std::vector<std::string>{"care_team_complete"});
    ASSERT_TRUE(find(checks, "care_team_complete").unit);
    EXPECT_EQ(find(checks, "care_team_complete").unit->name, "青石村");
}

TEST(CaseReview, OverdueVisitFailsWithTheLastVisitDate) {
    auto f = all_good();
    f.child.visited_on_schedule = false;
    f.child.last_visit_at = kT0 - 200 * kDay;
    const auto checks = review_case(f, 24);
    const auto& c = find(checks, "visited_on_schedule");
    EXPECT_EQ(c.result, "fail");
    ASSERT_TRUE(c.unit);
    EXPECT_EQ(c.unit->id, 11);
    EXPECT_NE(c.detail.find("2025-05-09"), std::string::npos) << c.detail;
}

TEST(CaseReview, ScreeningFailuresNameTheEmployer) {
    auto f = all_good();
    f.screening.screened_before_hire = false;
    const auto checks = review_case(f, 24);
    EXPECT_EQ(keys_with(checks, "fail"), std::vector<std::string>{"screened_before_hire"});
    EXPECT_EQ(find(checks, "screened_before_hire").unit->id, 31);
    EXPECT_EQ(find(checks, "screened_this_year").result, "pass");

    f.screening.screened_before_hire = true;
    f.screening.screened_this_year = false;
    const auto again = review_case(f, 24);
    EXPECT_EQ(keys_with(again, "fail"), std::vector<std::string>{"screened_this_year"});
    EXPECT_EQ(find(again, "screened_this_year").unit->name, "启航培训学校");
}

TEST(CaseReview, ScreeningNotAvailableSaysWhyAndNeverPasses) {
    auto f = all_good();
    f.screening = ScreeningFact{};  // does not work with minors, or the employer is unknown
    f.screening.screened_before_hire = f.screening.screened_this_year = true;  // ignored when not available
    auto checks = review_case(f, 24);
    EXPECT_EQ(find(checks, "screened_before_hire").result, "not_available");
    EXPECT_EQ(find(checks, "screened_this_year").result, "not_available");
    EXPECT_NE(find(checks, "screened_before_hire").detail.find("从业信息"), std::string::npos);

    f.screening.employer = kTrainer;  // the employer is known, the ID number is not
    checks = review_case(f, 24);
    EXPECT_EQ(find(checks, "screened_before_hire").result, "not_available");
    EXPECT_FALSE(find(checks, "screened_before_hire").unit);
    EXPECT_NE(find(checks, "screened_this_year").detail.find("身份证号"), std::string::npos);
}

TEST(CaseReview, NotAvailableIsNeverPassEvenWhenTheFlagsSaySo) {
    ReviewFacts f;
    f.child.in_ledger = f.child.team_complete = f.child.visited_on_schedule = true;  // not available: ignored
    const auto checks = review_case(f, 24);
    EXPECT_TRUE(keys_with(checks, "pass").empty());
    EXPECT_TRUE(keys_with(checks, "fail").empty());
    EXPECT_EQ(checks.size(), 6u);
}

// The external check: a case whose suspect was never screened and whose victim was never visited names exactly
// those failures and those units.
TEST(CaseReview, NeverScreenedAndNeverVisitedNamesExactlyThoseFailuresAndUnits) {
    auto f = all_good();
    f.child.visited_on_schedule = false;
    f.child.last_visit_at.reset();
    f.screening.screened_before_hire = false;
    f.screening.screened_this_year = false;
    const auto checks = review_case(f, 24);
    EXPECT_EQ(keys_with(checks, "fail"),
              (std::vector<std::string>{"visited_on_schedule", "screened_before_hire", "screened_this_year"}));
    EXPECT_EQ(find(checks, "visited_on_schedule").unit->id, kVillage.id);
    EXPECT_EQ(find(checks, "visited_on_schedule").detail, "发现前从未走访");
    EXPECT_EQ(find(checks, "screened_before_hire").unit->id, kTrainer.id);
    EXPECT_EQ(find(checks, "screened_this_year").unit->id, kTrainer.id);
    for (const auto& c : checks)
        if (c.result != "fail") EXPECT_FALSE(c.unit) << c.key;
}

TEST(CaseReview, DetailsCarryNoPersonalData) {
    auto f = all_good();
    f.child.harm_signals = {{kClinic, kT0}};
    f.child.visited_on_schedule = false;
    for (const auto& c : review_case(f, 24)) {
        // Only unit names (in `unit`), dates and hours appear; no digit run long enough to be an ID or phone number.
        int run = 0, longest = 0;
        for (char ch : c.detail) {
            run = (ch >= '0' && ch <= '9') ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        EXPECT_LT(longest, 6) << c.key << ": " << c.detail;
    }
}

}  // namespace
}  // namespace hulei::cases
