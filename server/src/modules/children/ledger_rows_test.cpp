// Synthetic data only: invented names and ID numbers built with core::id_checksum on made-up digits.
#include "modules/children/ledger_rows.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/id_number.hpp"

namespace hulei::children {
namespace {

constexpr std::string_view kToday = "2026-11-29";

/// A valid ID number: invented region 110101, birth YYYYMMDD, sequence 001 (male) or 002 (female).
std::string make_id(std::string_view birth, char sex, std::string_view region = "110101") {
    std::string first17 = std::string(region) + std::string(birth) + (sex == 'M' ? "001" : "002");
    return first17 + core::id_checksum(first17);
}

const std::vector<std::string> kHeaders{"姓名", "性别", "身份证号", "村（社区）", "类别",
                                        "学校", "班级", "监护人", "监护人性别", "监护人电话", "父母务工地"};

std::vector<std::string> child(std::string name, std::string sex, std::string id, std::string village = "东村",
                               std::string categories = "留守儿童", std::string phone = "13800001111") {
    return {std::move(name), std::move(sex), std::move(id), std::move(village), std::move(categories),
            "实验小学", "三年级二班", "测试监护人", "女", std::move(phone), "广东东莞"};
}

io::Sheet sheet_of(std::vector<std::vector<std::string>> rows, std::vector<std::string> headers = kHeaders) {
    io::Sheet s;
    s.headers = std::move(headers);
    for (std::size_t i = 0; i < rows.size(); ++i) s.source_rows.push_back(i + 2);
    s.rows = std::move(rows);
    return s;
}

bool has_problem(const std::vector<RowProblem>& problems, int row, std::string_view reason_part,
                 std::string_view column = {}) {
    return std::any_of(problems.begin(), problems.end(), [&](const RowProblem& p) {
        return p.row == row && p.reason.find(reason_part) != std::string::npos &&
               (column.empty() || p.column == column);
    });
}

TEST(LedgerRows, CleanSheetIsParsedCompletely) {
    const auto id1 = make_id("20150310", 'M');
    const auto id2 = make_id("20120701", 'F');
    const auto parsed = parse_ledger(
        sheet_of({child("测试甲", "男", id1), child("测试乙", "女", id2, "西村", "困境儿童、残疾儿童", "0551-6612345")}),
        kToday);
    ASSERT_TRUE(parsed.rejected.empty()) << parsed.rejected.front().reason;
    EXPECT_TRUE(parsed.warnings.empty());
    ASSERT_EQ(parsed.rows.size(), 2u);
    const auto& a = parsed.rows[0];
    EXPECT_EQ(a.row, 2);
    EXPECT_EQ(a.name, "测试甲");
    EXPECT_EQ(a.sex, 'M');
    EXPECT_EQ(a.id_number, id1);
    EXPECT_EQ(a.birth_date, "2015-03-10");
    EXPECT_EQ(a.village, "东村");
    EXPECT_EQ(a.categories, std::vector<std::string>{"left_behind"});
    EXPECT_EQ(a.school, "实验小学");
    EXPECT_EQ(a.class_name, "三年级二班");
    EXPECT_EQ(a.guardian, "测试监护人");
    EXPECT_EQ(a.guardian_sex, "F");
    EXPECT_EQ(a.guardian_phone, "13800001111");
    EXPECT_EQ(a.parents_workplace, "广东东莞");
    const auto& b = parsed.rows[1];
    EXPECT_EQ(b.row, 3);
    EXPECT_EQ(b.sex, 'F');
    EXPECT_EQ(b.categories, (std::vector<std::string>{"in_difficulty", "disabled"}));
    EXPECT_EQ(b.guardian_phone, "0551-6612345");
}

TEST(LedgerRows, OptionalColumnsMayBeAbsentOrEmpty) {
    const auto id = make_id("20150310", 'M');
    auto parsed = parse_ledger(sheet_of({{"测试甲", "M", id, "东村", "留守"}},
                                        {"姓名", "性别", "身份证号", "村（社区）", "类别"}),
                               kToday);
    ASSERT_EQ(parsed.rows.size(), 1u);
    EXPECT_FALSE(parsed.rows[0].school.has_value());
    EXPECT_FALSE(parsed.rows[0].guardian_phone.has_value());

    auto row = child("测试甲", "男", id);
    for (std::size_t i = 5; i < row.size(); ++i) row[i].clear();
    parsed = parse_ledger(sheet_of({row}), kToday);
    ASSERT_EQ(parsed.rows.size(), 1u);
    EXPECT_FALSE(parsed.rows[0].guardian.has_value());
    EXPECT_FALSE(parsed.rows[0].guardian_sex.has_value());
}

TEST(LedgerRows, UsesSourceRowNumbers) {
    auto sheet = sheet_of({child("测试甲", "男", "123")});
    sheet.source_rows = {7};
    const auto parsed = parse_ledger(sheet, kToday);
    EXPECT_TRUE(has_problem(parsed.rejected, 7, "身份证号", "身份证号"));
}

TEST(LedgerRows, MissingRequiredColumnsAreNamedAtRowOne) {
    const auto parsed = parse_ledger(
        sheet_of({{"测试甲", "男", make_id("20150310", 'M')}}, {"姓名", "性别", "身份证号"}), kToday);
    EXPECT_TRUE(parsed.rows.empty());
    ASSERT_EQ(parsed.rejected.size(), 2u);
    EXPECT_TRUE(has_problem(parsed.rejected, 1, "缺少必填列：村（社区）", "村（社区）"));
    EXPECT_TRUE(has_problem(parsed.rejected, 1, "缺少必填列：类别", "类别"));
}

TEST(LedgerRows, HalfWidthParenthesesInVillageHeader) {
    auto headers = kHeaders;
    headers[3] = "村(社区)";
    const auto parsed = parse_ledger(sheet_of({child("测试甲", "男", make_id("20150310", 'M'))}, headers), kToday);
    ASSERT_TRUE(parsed.rejected.empty());
    ASSERT_EQ(parsed.rows.size(), 1u);
    EXPECT_EQ(parsed.rows[0].village, "东村");
}

TEST(LedgerRows, EachRejectionReason) {
    const auto m = make_id("20150310", 'M');
    auto bad_checksum = m;
    bad_checksum[17] = bad_checksum[17] == '0' ? '1' : '0';
    std::vector<std::vector<std::string>> rows{
        child("", "男", make_id("20150311", 'M')),                       // 2
        child("12345", "男", make_id("20150312", 'M')),                  // 3
        child("", "男", make_id("20150313", 'M')),                       // 4: 31 characters, set below
        child("测试丁", "", make_id("20150314", 'M')),                    // 5
        child("测试戊", "未知", make_id("20150315", 'M')),                // 6
        child("测试己", "男", bad_checksum),                              // 7
        child("测试庚", "男", "11010120151"),                             // 8
        child("测试辛", "男", make_id("20150316", 'M'), ""),              // 9
        child("测试壬", "男", make_id("20150317", 'M'), "东村", ""),      // 10
        child("测试癸", "男", make_id("20150318", 'M'), "东村", "留守儿童、外星儿童"),  // 11
        child("测试子", "男", make_id("20150319", 'M'), "东村", "留守", "12345"),      // 12
        child("测试丑", "男", make_id("20300101", 'M')),                  // 13: born after today
    };
    rows[2][0].clear();
    for (int i = 0; i < 31; ++i) rows[2][0] += "测";
    rows[10][8] = "其他";  // 监护人性别 of row 12 too
    const auto parsed = parse_ledger(sheet_of(rows), kToday);
    EXPECT_TRUE(parsed.rows.empty());
    EXPECT_TRUE(has_problem(parsed.rejected, 2, "请填写姓名", "姓名"));
    EXPECT_TRUE(has_problem(parsed.rejected, 3, "姓名不能全为数字", "姓名"));
    EXPECT_TRUE(has_problem(parsed.rejected, 4, "姓名不能超过30个字", "姓名"));
    EXPECT_TRUE(has_problem(parsed.rejected, 5, "请填写性别", "性别"));
    EXPECT_TRUE(has_problem(parsed.rejected, 6, "性别应为", "性别"));
    EXPECT_TRUE(has_problem(parsed.rejected, 7, "身份证号校验位错误", "身份证号"));
    EXPECT_TRUE(has_problem(parsed.rejected, 8, "身份证号应为18位", "身份证号"));
    EXPECT_TRUE(has_problem(parsed.rejected, 9, "请填写村（社区）", "村（社区）"));
    EXPECT_TRUE(has_problem(parsed.rejected, 10, "请填写类别", "类别"));
    EXPECT_TRUE(has_problem(parsed.rejected, 11, "未知的类别：外星儿童", "类别"));
    EXPECT_TRUE(has_problem(parsed.rejected, 12, "监护人电话应为11位手机号或带区号的固定电话", "监护人电话"));
    EXPECT_TRUE(has_problem(parsed.rejected, 12, "监护人性别应为", "监护人性别"));
    EXPECT_TRUE(has_problem(parsed.rejected, 13, "出生日期无效", "身份证号"));
    // Every row is accounted for.
    for (int row = 2; row <= 13; ++row) EXPECT_TRUE(has_problem(parsed.rejected, row, "")) << row;
}

TEST(LedgerRows, SexMustMatchIdNumber) {
    const auto parsed = parse_ledger(
        sheet_of({child("测试甲", "女", make_id("20150310", 'M')), child("测试乙", "M", make_id("20150310", 'F'))}),
        kToday);
    EXPECT_TRUE(parsed.rows.empty());
    EXPECT_TRUE(has_problem(parsed.rejected, 2, "性别与身份证号不符", "性别"));
    EXPECT_TRUE(has_problem(parsed.rejected, 3, "性别与身份证号不符", "性别"));
}

TEST(LedgerRows, EighteenthBirthdayTodayIsRejectedDayBeforeIsKept) {
    const auto parsed = parse_ledger(sheet_of({child("测试甲", "男", make_id("20081129", 'M')),
                                               child("测试乙", "男", make_id("20081130", 'M')),
                                               child("测试丙", "男", make_id("19900101", 'M'))}),
                                     kToday);
    EXPECT_TRUE(has_problem(parsed.rejected, 2, "已满18周岁，不属于未成年人台账", "身份证号"));
    EXPECT_TRUE(has_problem(parsed.rejected, 4, "已满18周岁"));
    ASSERT_EQ(parsed.rows.size(), 1u);
    EXPECT_EQ(parsed.rows[0].row, 3);
}

TEST(LedgerRows, IdNumberNormalisedFromLowerCaseXAndSpaces) {
    // (A child cannot hold a 15-digit number: those carry a 19xx birth date.)
    std::string id;
    std::string first17;
    for (int seq = 1; seq < 999; seq += 2) {
        first17 = "11010120150310" + std::string(seq < 10 ? "00" : seq < 100 ? "0" : "") + std::to_string(seq);
        if (core::id_checksum(first17) == 'X') break;
    }
    ASSERT_EQ(core::id_checksum(first17), 'X');
    const auto parsed = parse_ledger(sheet_of({child("测试甲", "男", " " + first17 + "x ")}), kToday);
    ASSERT_EQ(parsed.rows.size(), 1u) << parsed.rejected.front().reason;
    EXPECT_EQ(parsed.rows[0].id_number, first17 + "X");
}

TEST(LedgerRows, CategoriesWithMixedSeparatorsAndShortForms) {
    auto parsed = parse_categories("留守、困境,残疾，单亲;重组；关系异常 、孤儿、事实无人抚养儿童、流动儿童");
    EXPECT_TRUE(parsed.error.empty()) << parsed.error;
    EXPECT_EQ(parsed.codes, (std::vector<std::string>{"left_behind", "in_difficulty", "disabled", "single_parent",
                                                      "reconstituted", "troubled_family", "orphan",
                                                      "de_facto_orphan", "migrant"}));
    parsed = parse_categories("留守儿童、留守、、 ");
    EXPECT_EQ(parsed.codes, std::vector<std::string>{"left_behind"});
    parsed = parse_categories("留守、孤独");
    EXPECT_TRUE(parsed.codes.empty());
    EXPECT_EQ(parsed.error, "未知的类别：孤独");
    EXPECT_EQ(parse_categories("、；").error, "请填写类别");
    EXPECT_EQ(category_label("de_facto_orphan"), "事实无人抚养儿童");
    EXPECT_TRUE(valid_category("troubled_family"));
    EXPECT_FALSE(valid_category("留守儿童"));

    const auto sheet = parse_ledger(
        sheet_of({child("测试甲", "男", make_id("20150310", 'M'), "东村", "留守,困境；残疾儿童")}), kToday);
    ASSERT_EQ(sheet.rows.size(), 1u);
    EXPECT_EQ(sheet.rows[0].categories, (std::vector<std::string>{"left_behind", "in_difficulty", "disabled"}));
}

TEST(LedgerRows, GuardianPhones) {
    EXPECT_EQ(normalise_phone("138 0000 1111"), "13800001111");
    EXPECT_EQ(normalise_phone("138-0000-1111"), "13800001111");
    EXPECT_EQ(normalise_phone("+86 13800001111"), "13800001111");
    EXPECT_EQ(normalise_phone("１３８００００１１１１"), "13800001111");
    EXPECT_EQ(normalise_phone("010-12345678"), "010-12345678");
    EXPECT_EQ(normalise_phone("01012345678"), "010-12345678");
    EXPECT_EQ(normalise_phone("05516612345"), "0551-6612345");
    EXPECT_EQ(normalise_phone("(0551)66123456"), "0551-66123456");
    EXPECT_EQ(normalise_phone("0551－6612345－802"), "0551-6612345-802");
    EXPECT_FALSE(normalise_phone("12800001111"));   // 12x is not a mobile prefix
    EXPECT_FALSE(normalise_phone("1380000111"));    // 10 digits
    EXPECT_FALSE(normalise_phone("6612345"));       // no area code
    EXPECT_FALSE(normalise_phone("0551-123"));
    EXPECT_FALSE(normalise_phone("电话13800001111"));
    EXPECT_FALSE(normalise_phone(""));
}

TEST(LedgerRows, SameIdTwiceRejectsBothNamingTheOther) {
    const auto id = make_id("20150310", 'M');
    const auto parsed = parse_ledger(sheet_of({child("测试甲", "男", id), child("测试乙", "男", make_id("20150311", 'M')),
                                               child("测试甲", "男", id, "西村")}),
                                     kToday);
    ASSERT_EQ(parsed.rows.size(), 1u);
    EXPECT_EQ(parsed.rows[0].row, 3);
    EXPECT_TRUE(has_problem(parsed.rejected, 2, "身份证号与第4行重复", "身份证号"));
    EXPECT_TRUE(has_problem(parsed.rejected, 4, "身份证号与第2行重复", "身份证号"));
    EXPECT_TRUE(parsed.warnings.empty());
}

TEST(LedgerRows, SameIdThriceNamesAllOthers) {
    const auto id = make_id("20150310", 'M');
    const auto parsed =
        parse_ledger(sheet_of({child("测试甲", "男", id), child("测试甲", "男", id), child("测试甲", "男", id)}), kToday);
    EXPECT_TRUE(parsed.rows.empty());
    EXPECT_TRUE(has_problem(parsed.rejected, 3, "身份证号与第2、4行重复"));
}

TEST(LedgerRows, SameNameAndBirthIsOnlyAWarning) {
    const auto parsed = parse_ledger(sheet_of({child("测试甲", "男", make_id("20150310", 'M')),
                                               child("测 试甲", "男", make_id("20150310", 'M', "110102"))}),
                                     kToday);
    EXPECT_TRUE(parsed.rejected.empty());
    ASSERT_EQ(parsed.rows.size(), 2u);
    ASSERT_EQ(parsed.warnings.size(), 2u);
    EXPECT_TRUE(has_problem(parsed.warnings, 2, "可能与第3行是同一儿童", "姓名"));
    EXPECT_TRUE(has_problem(parsed.warnings, 3, "可能与第2行是同一儿童", "姓名"));
}

TEST(LedgerRows, MalformedTodayIsAProgrammerError) {
    EXPECT_THROW(parse_ledger(sheet_of({}), "2026/11/29"), core::Error);
    EXPECT_THROW(quality_items({}, "today"), core::Error);
}

TEST(LedgerRows, AgeOn) {
    EXPECT_EQ(age_on("2008-11-29", "2026-11-29"), 18);
    EXPECT_EQ(age_on("2008-11-30", "2026-11-29"), 17);
    EXPECT_EQ(age_on("2008-12-01", "2026-11-29"), 17);
    EXPECT_EQ(age_on("2020-02-29", "2021-02-28"), 0);
    EXPECT_EQ(age_on("2020-02-29", "2021-03-01"), 1);
    EXPECT_EQ(age_on("2020-02-29", "2024-02-29"), 4);
    EXPECT_EQ(age_on("2026-11-29", "2026-11-29"), 0);
    EXPECT_EQ(age_on("2026-11-30", "2026-11-29"), -1);
    EXPECT_EQ(age_on("2026-13-01", "2026-11-29"), -1);
    EXPECT_EQ(age_on("20261101", "2026-11-29"), -1);
}

TEST(LedgerRows, FindDuplicatesAcrossVillages) {
    const std::vector<KnownChild> children{
        {1, "测试甲", "2015-03-10", "东村", "idx-a"},
        {2, "测试乙", "2014-01-01", "西村", "idx-b"},
        {3, "测试甲", "2015-03-10", "西村", "idx-a"},  // same ID as 1: one same_id group only
        {4, "测试丙", "2013-05-05", "南村", "idx-c"},
        {5, "测试丙", "2013-05-05", "北村", "idx-d"},  // same name + birth as 4, other ID
        {6, "测试丁", "2012-02-02", "南村", ""},
        {7, "测 试丁", "2012-02-02", "东村", "idx-e"},  // unknown ID on 6: name + birth group
        {8, "测试戊", "2011-01-01", "东村", "idx-f"},
    };
    const auto groups = find_duplicates(children);
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(groups[0].kind, "same_id");
    EXPECT_EQ(groups[0].child_ids, (std::vector<std::int64_t>{1, 3}));
    EXPECT_EQ(groups[0].villages, (std::vector<std::string>{"东村", "西村"}));
    EXPECT_NE(groups[0].message.find("重复登记2次"), std::string::npos);
    EXPECT_EQ(groups[0].message.find("idx-a"), std::string::npos);
    EXPECT_EQ(groups[1].kind, "name_birth");
    EXPECT_EQ(groups[1].child_ids, (std::vector<std::int64_t>{4, 5}));
    EXPECT_NE(groups[1].message.find("测试丙（2013-05-05出生）"), std::string::npos);
    EXPECT_EQ(groups[2].kind, "name_birth");
    EXPECT_EQ(groups[2].child_ids, (std::vector<std::int64_t>{6, 7}));
    EXPECT_TRUE(find_duplicates({}).empty());
}

TEST(LedgerRows, FindDuplicatesWithinOneVillage) {
    const auto groups = find_duplicates({{1, "测试甲", "2015-03-10", "东村", "idx-a"},
                                         {2, "测试乙", "2015-03-10", "东村", "idx-a"}});
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].villages, std::vector<std::string>{"东村"});
    EXPECT_NE(groups[0].message.find("东村内"), std::string::npos);
}

TEST(LedgerRows, QualityItems) {
    const std::vector<ChildFacts> children{
        {1, "测试甲", "2015-03-10", "东村", true, true, true},     // fine
        {2, "测试乙", "2015-03-10", "东村", true, false, true},    // no guardian contact
        {3, "测试丙", "2015-03-10", "西村", true, true, false},    // 11 and no school
        {4, "测试丁", "2022-01-01", "西村", true, true, false},    // 4: no school is fine
        {5, "测试戊", "2008-11-29", "南村", true, false, false},   // 18 today: only adult_active
        {6, "测试己", "2000-01-01", "南村", false, false, false},  // archived: nothing
        {7, "测试庚", "2008-11-30", "北村", true, true, false},    // 17: school age
        {8, "测试辛", "2020-11-29", "北村", true, true, false},    // 6 today: school age
    };
    const auto items = quality_items(children, kToday);
    ASSERT_EQ(items.size(), 5u);
    EXPECT_EQ(items[0].child_id, 2);
    EXPECT_EQ(items[0].code, "missing_guardian_contact");
    EXPECT_EQ(items[0].village, "东村");
    EXPECT_EQ(items[0].message, "缺少监护人联系电话");
    EXPECT_EQ(items[1].child_id, 3);
    EXPECT_EQ(items[1].code, "missing_school");
    EXPECT_EQ(items[1].village, "西村");
    EXPECT_EQ(items[2].child_id, 5);
    EXPECT_EQ(items[2].code, "adult_active");
    EXPECT_EQ(items[2].message, "已满18周岁仍在台账中，应归档");
    EXPECT_EQ(items[3].child_id, 7);
    EXPECT_EQ(items[3].code, "missing_school");
    EXPECT_EQ(items[4].child_id, 8);
    EXPECT_EQ(items[4].code, "missing_school");

    const auto strict = quality_items(children, kToday, QualityRules{7, 15});
    EXPECT_EQ(std::count_if(strict.begin(), strict.end(), [](const QualityItem& i) { return i.code == "missing_school"; }),
              1);
}

}  // namespace
}  // namespace hulei::children
