#include "modules/children/care_rules.hpp"

#include <gtest/gtest.h>

namespace hulei::children {
namespace {

// Two townships: 五团镇 (1) with villages 11, 12, stations 21, 22 and a school 31; 河西镇 (2) with village 13 and
// station 23. Unit 40 hangs under no town (its own "township" 0) with village 41 and station 42.
std::vector<CoverageUnit> units() {
    return {{1, std::nullopt, "五团镇", "town"},
            {2, std::nullopt, "河西镇", "town"},
            {11, 1, "青石村", "village"},
            {12, 1, "白沙社区", "village"},
            {13, 2, "河西村", "village"},
            {21, 1, "五团镇派出所", "police_station"},
            {22, 1, "白沙警务室", "police_station"},
            {23, 2, "河西派出所", "police_station"},
            {31, 1, "中心小学", "school"},
            {40, std::nullopt, "独立单位", "other"},
            {41, 40, "飞地村", "village"},
            {42, 40, "飞地派出所", "police_station"}};
}

using Ids = std::vector<std::int64_t>;

TEST(CareRules, RoleFitsSeatAndUnitKind) {
    EXPECT_EQ(role_fit("村干部")->seat, Seat::Village);
    EXPECT_STREQ(role_fit("儿童主任")->kind, "village");
    EXPECT_STREQ(role_fit("教师")->kind, "school");
    EXPECT_EQ(role_fit("民警")->seat, Seat::Police);
    EXPECT_STREQ(role_fit("民警")->kind, "police_station");
    EXPECT_FALSE(role_fit("厨师"));
    EXPECT_FALSE(role_fit(""));
    EXPECT_EQ(seat_of_code(seat_code(Seat::Teacher)), Seat::Teacher);
    EXPECT_FALSE(seat_of_code("guardian"));
    EXPECT_TRUE(holds_care_persons("village"));
    EXPECT_TRUE(holds_care_persons("school"));
    EXPECT_TRUE(holds_care_persons("police_station"));
    EXPECT_FALSE(holds_care_persons("department"));
    EXPECT_FALSE(holds_care_persons("town"));
}

TEST(CareRules, DefaultCoverageIsTheTownship) {
    const auto cov = default_coverage(units());
    EXPECT_EQ(cov.police_units_of_village.at(11), (Ids{21, 22}));
    EXPECT_EQ(cov.police_units_of_village.at(12), (Ids{21, 22}));
    EXPECT_EQ(cov.police_units_of_village.at(13), (Ids{23}));
    EXPECT_EQ(cov.police_units_of_village.at(41), (Ids{42}));
    EXPECT_EQ(cov.unit_names.at(21), "五团镇派出所");
}

TEST(CareRules, ConfiguredStationCoversExactlyItsVillages) {
    // 21 covers only 11; 22 stays on the default (its township's villages 11 and 12).
    auto cov = coverage_with(units(), {{21, {11}}});
    EXPECT_EQ(cov.police_units_of_village.at(11), (Ids{21, 22}));
    EXPECT_EQ(cov.police_units_of_village.at(12), (Ids{22}));
    // Both configured: 12 is left uncovered.
    cov = coverage_with(units(), {{21, {11}}, {22, {11}}});
    EXPECT_EQ(cov.police_units_of_village.at(11), (Ids{21, 22}));
    EXPECT_FALSE(cov.police_units_of_village.count(12));
    // An empty configuration is the default.
    cov = coverage_with(units(), {{21, {}}});
    EXPECT_EQ(cov.police_units_of_village.at(12), (Ids{21, 22}));
    // Ids that are not villages are ignored.
    cov = coverage_with(units(), {{21, {31}}, {22, {12}}});
    EXPECT_FALSE(cov.police_units_of_village.count(31));
    EXPECT_FALSE(cov.police_units_of_village.count(11));
}

TEST(CareRules, UncoveredVillagesAreNamedWithTheOfficersTheyNeed) {
    const auto cov = coverage_with(units(), {{21, {11}}, {22, {11}}});  // 12 uncovered
    std::vector<ChildNeed> kids;
    for (int i = 0; i < 7; ++i) {
        ChildNeed c;
        c.id = i + 1;
        c.village_id = i < 6 ? 12 : 11;
        c.sex = i < 4 ? 'F' : 'M';
        kids.push_back(c);
    }
    AssignmentRules rules;
    rules.max_children_per_person = 20;
    rules.max_girls_per_person = 3;
    const auto gaps = uncovered_villages(kids, cov, rules);
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].unit_id, 12);
    EXPECT_EQ(gaps[0].unit, "白沙社区");
    EXPECT_EQ(gaps[0].seat, Seat::Police);
    EXPECT_EQ(gaps[0].persons_needed, 2);  // 4 girls, at most 3 each
    EXPECT_EQ(gaps[0].female_needed, 0);
    EXPECT_TRUE(uncovered_villages(kids, default_coverage(units()), rules).empty());
}

TEST(CareRules, CoverableVillagesAreTheStationsTownship) {
    EXPECT_EQ(coverable_villages(units(), 21), (Ids{11, 12}));
    EXPECT_EQ(coverable_villages(units(), 23), (Ids{13}));
    EXPECT_EQ(coverable_villages(units(), 42), (Ids{41}));
    EXPECT_TRUE(coverable_villages(units(), 999).empty());
}

TEST(CareRules, OnlyTheCoordinatorKeepsItsGrantScope) {
    security::Principal office;
    office.unit_id = 5;
    office.grants.push_back({1, "coordinator", security::Scope::Township, {}});
    EXPECT_FALSE(care_units(office, "children:care:manage"));

    security::Principal police;
    police.unit_id = 21;
    police.grants.push_back({2, "police", security::Scope::Township, {}});
    EXPECT_EQ(care_units(police, "children:care:manage"), (std::set<std::int64_t>{21}));
    EXPECT_EQ(care_units(police, "children:care:list"), (std::set<std::int64_t>{21}));

    security::Principal village;
    village.unit_id = 11;
    village.grants.push_back({3, "village", security::Scope::Units, {11, 12}});
    EXPECT_EQ(care_units(village, "children:care:manage"), (std::set<std::int64_t>{11}));

    security::Principal listed_office;
    listed_office.unit_id = 5;
    listed_office.grants.push_back({4, "coordinator", security::Scope::Units, {11, 12}});
    EXPECT_EQ(care_units(listed_office, "children:care:manage"), (std::set<std::int64_t>{11, 12}));

    security::Principal auditor;
    auditor.unit_id = 5;
    auditor.grants.push_back({5, "auditor", security::Scope::Township, {}});
    EXPECT_TRUE(care_units(auditor, "children:care:list")->empty());
}

}  // namespace
}  // namespace hulei::children
