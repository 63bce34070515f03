// Synthetic data only: invented names and ID numbers built with core::id_checksum on made-up digits.
#include "modules/registry/registry_rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/id_number.hpp"

namespace hulei::registry {
namespace {

constexpr std::string_view kToday = "2026-11-29";

/// A valid ID number: invented region 110101, birth YYYYMMDD, sequence 001 (male) or 002 (female).
std::string make_id(std::string_view birth, char sex) {
    std::string first17 = "110101" + std::string(birth) + (sex == 'M' ? "001" : "002");
    return first17 + core::id_checksum(first17);
}

const std::vector<std::string> kHeaders{"姓名",     "性别",     "身份证号", "出生日期",
                                        "记录类型", "决定日期", "决定机关", "犯罪时未成年"};

std::vector<std::string> row(std::string name, std::string sex, std::string id, std::string birth,
                             std::string type = "猥亵儿童罪", std::string decision = "2015-06-01",
                             std::string authority = "某县人民法院", std::string minor = "否") {
    return {std::move(name), std::move(sex),      std::move(id),        std::move(birth),
            std::move(type), std::move(decision), std::move(authority), std::move(minor)};
}

io::Sheet sheet_of(std::vector<std::vector<std::string>> rows, std::vector<std::string> headers = kHeaders) {
    io::Sheet s;
    s.headers = std::move(headers);
    for (std::size_t i = 0; i < rows.size(); ++i) s.source_rows.push_back(i + 2);
    s.rows = std::move(rows);
    return s;
}

bool rejected_with(const ParsedRegistry& p, int rowno, std::string_view part) {
    return std::any_of(p.rejected.begin(), p.rejected.end(), [&](const RowRejection& r) {
        return r.row == rowno && r.reason.find(part) != std::string::npos;
    });
}

TEST(RegistryRules, RecordTypesByCodeOrChineseName) {
    EXPECT_EQ(parse_record_type("猥亵儿童罪", false).code, "child_molestation");
    EXPECT_EQ(parse_record_type("child_molestation", false).code, "child_molestation");
    EXPECT_EQ(parse_record_type(" 强制猥亵、侮辱罪 ", false).code, "forcible_indecency");
    EXPECT_EQ(parse_record_type("强制猥亵，侮辱罪", false).code, "forcible_indecency");
    EXPECT_EQ(parse_record_type("引诱、容留、介绍卖淫罪", false).code, "procuring_prostitution");
    EXPECT_EQ(parse_record_type("相对不起诉", false).code, "relative_non_prosecution");
    EXPECT_EQ(parse_record_type("猥亵行政处罚", false).code, "indecency_penalty");
    EXPECT_EQ(record_types().size(), 13u);
    EXPECT_EQ(record_type_label("rape"), "强奸罪");
    EXPECT_EQ(record_type_label("nonsense"), "");
    const auto unknown = parse_record_type("盗窃罪", true);
    EXPECT_TRUE(unknown.code.empty());
    EXPECT_NE(unknown.error.find("未知的记录类型"), std::string::npos);
    EXPECT_TRUE(parse_record_type("", true).code.empty());
}

TEST(RegistryRules, OptionalTypesOnlyWhenEnabled) {
    for (const char* t : {"虐待", "拐卖", "暴力伤害"}) {
        const auto off = parse_record_type(t, false);
        EXPECT_TRUE(off.code.empty()) << t;
        EXPECT_NE(off.error.find("未启用"), std::string::npos) << t;
        EXPECT_FALSE(parse_record_type(t, true).code.empty()) << t;
    }
}

TEST(RegistryRules, ControlStatuses) {
    EXPECT_TRUE(valid_control_status("none"));
    EXPECT_TRUE(valid_control_status("under_control"));
    EXPECT_TRUE(valid_control_status("ended"));
    EXPECT_FALSE(valid_control_status("列管中"));
    EXPECT_EQ(control_status_label("under_control"), "列管中");
}

TEST(RegistryRules, SheetDatesInTheUsualSpellings) {
    EXPECT_EQ(parse_sheet_date("2020-03-05"), "2020-03-05");
    EXPECT_EQ(parse_sheet_date("2020-3-5"), "2020-03-05");
    EXPECT_EQ(parse_sheet_date("2020/3/5"), "2020-03-05");
    EXPECT_EQ(parse_sheet_date("2020.03.05"), "2020-03-05");
    EXPECT_EQ(parse_sheet_date("2020年3月5日"), "2020-03-05");
    EXPECT_EQ(parse_sheet_date("20200305"), "2020-03-05");
    EXPECT_EQ(parse_sheet_date(" 2020-03-05 "), "2020-03-05");
    EXPECT_FALSE(parse_sheet_date("2021-02-29"));
    EXPECT_FALSE(parse_sheet_date("2020-13-01"));
    EXPECT_FALSE(parse_sheet_date("2020年3月"));
    EXPECT_FALSE(parse_sheet_date("3/5/2020"));
    EXPECT_FALSE(parse_sheet_date("2020-03-05x"));
    EXPECT_FALSE(parse_sheet_date(""));
}

TEST(RegistryRules, YesNoAndSex) {
    EXPECT_EQ(parse_yes_no("是"), true);
    EXPECT_EQ(parse_yes_no("否"), false);
    EXPECT_EQ(parse_yes_no("Y"), true);
    EXPECT_EQ(parse_yes_no("0"), false);
    EXPECT_FALSE(parse_yes_no(""));
    EXPECT_FALSE(parse_yes_no("不详"));
    EXPECT_EQ(parse_sex("男"), 'M');
    EXPECT_EQ(parse_sex("女性"), 'F');
    EXPECT_EQ(parse_sex("f"), 'F');
    EXPECT_EQ(parse_sex("未知"), 0);
}

TEST(RegistryRules, MaskedNames) {
    EXPECT_EQ(mask_name("张三丰"), "张**");
    EXPECT_EQ(mask_name("李四"), "李*");
    EXPECT_EQ(mask_name("王"), "王*");
    EXPECT_EQ(mask_name("Li Lei"), "L*****");
}

TEST(RegistryRules, IdentityCheckedAgainstTheIdNumber) {
    const auto id = make_id("19800512", 'M');
    auto ok = check_identity(id, "男", "1980-05-12", kToday);
    ASSERT_TRUE(ok.identity) << ok.error;
    EXPECT_EQ(ok.identity->birth_date, "1980-05-12");
    EXPECT_EQ(ok.identity->sex, 'M');
    // Sex and birth date may be left out: the ID number gives them.
    ok = check_identity(id, "", "", kToday);
    ASSERT_TRUE(ok.identity);
    EXPECT_EQ(ok.identity->sex, 'M');
    // A 15-digit number becomes 18 digits.
    const std::string old15 = "110101800512001";
    ok = check_identity(old15, "男", "1980/5/12", kToday);
    ASSERT_TRUE(ok.identity) << ok.error;
    EXPECT_EQ(ok.identity->id_number.size(), 18u);

    auto bad = check_identity(id, "女", "1980-05-12", kToday);
    EXPECT_EQ(bad.code, "sex_mismatch");
    EXPECT_EQ(bad.field, "sex");
    EXPECT_NE(bad.error.find("性别与身份证号不符"), std::string::npos);
    bad = check_identity(id, "男", "1980-05-13", kToday);
    EXPECT_EQ(bad.code, "birth_date_mismatch");
    EXPECT_NE(bad.error.find("出生日期与身份证号不符"), std::string::npos);
    bad = check_identity(id, "男", "五月", kToday);
    EXPECT_EQ(bad.code, "invalid_birth_date");
    bad = check_identity(id.substr(0, 17) + (id[17] == '0' ? '1' : '0'), "男", "", kToday);
    EXPECT_EQ(bad.code, "invalid_id_number");
    EXPECT_EQ(bad.field, "id_number");
    bad = check_identity(id, "X", "", kToday);
    EXPECT_EQ(bad.code, "invalid_sex");
}

TEST(RegistryRules, CleanSheetIsParsed) {
    const auto a = make_id("19800512", 'M');
    const auto b = make_id("19920101", 'F');
    const auto p = parse_registry_sheet(
        sheet_of({row("测试甲", "男", a, "1980-05-12"),
                  row("测试乙", "女", b, "1992/1/1", "强制猥亵、侮辱罪", "2010年7月1日", "某县公安局", "是")}),
        kToday, false);
    ASSERT_TRUE(p.rejected.empty()) << p.rejected.front().reason;
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(p.rows[0].row, 2);
    EXPECT_EQ(p.rows[0].identity.id_number, a);
    EXPECT_EQ(p.rows[0].record_type, "child_molestation");
    EXPECT_EQ(p.rows[0].decision_date, "2015-06-01");
    EXPECT_FALSE(p.rows[0].minor_at_offence);
    EXPECT_EQ(p.rows[1].identity.sex, 'F');
    EXPECT_EQ(p.rows[1].decision_date, "2010-07-01");
    EXPECT_EQ(p.rows[1].decision_authority, "某县公安局");
    EXPECT_TRUE(p.rows[1].minor_at_offence);
}

TEST(RegistryRules, MissingHeadersRejectTheSheet) {
    auto headers = kHeaders;
    headers.erase(headers.begin() + 3);  // 出生日期
    headers.pop_back();                  // 犯罪时未成年
    const auto p = parse_registry_sheet(sheet_of({}, headers), kToday, false);
    ASSERT_EQ(p.rejected.size(), 1u);
    EXPECT_EQ(p.rejected[0].row, 1);
    EXPECT_NE(p.rejected[0].reason.find("出生日期"), std::string::npos);
    EXPECT_NE(p.rejected[0].reason.find("犯罪时未成年"), std::string::npos);
    EXPECT_TRUE(p.rows.empty());
}

TEST(RegistryRules, TheMinorColumnMayNameItsAnswers) {
    auto headers = kHeaders;
    headers.back() = "犯罪时未成年(是/否)";
    const auto p = parse_registry_sheet(sheet_of({row("测试甲", "男", make_id("19800512", 'M'), "1980-05-12", "强奸罪",
                                                      "2015-06-01", "某县人民法院", "是")},
                                                 headers),
                                        kToday, false);
    ASSERT_TRUE(p.rejected.empty()) << p.rejected.front().reason;
    ASSERT_EQ(p.rows.size(), 1u);
    EXPECT_TRUE(p.rows[0].minor_at_offence);
}

TEST(RegistryRules, BadRowsAreRejectedWithEveryReason) {
    const auto a = make_id("19800512", 'M');
    const auto p = parse_registry_sheet(
        sheet_of({
            row("测试甲", "女", a, "1980-05-12"),            // 2: sex
            row("测试乙", "男", a, "1981-05-12", "强奸罪"),  // 3: birth date
            row("", "男", "123", "1980-05-12"),              // 4: name, ID
            row("测试丁", "男", a, "1980-05-12", "盗窃罪", "2030-01-01", "",
                "不详"),                                                       // 5: type, date, authority, minor
            row("测试戊", "男", a, "1980-05-12", "虐待"),                      // 6: optional type off
            row("测试己", "男", a, "1980-05-12", "猥亵儿童罪", "1970-01-01"),  // 7: decision before birth
            row("测试庚", "", a, ""),                                          // 8: missing sex and birth date
        }),
        kToday, false);
    EXPECT_TRUE(p.rows.empty());
    EXPECT_TRUE(rejected_with(p, 2, "性别与身份证号不符"));
    EXPECT_TRUE(rejected_with(p, 3, "出生日期与身份证号不符"));
    EXPECT_TRUE(rejected_with(p, 4, "缺少姓名"));
    EXPECT_TRUE(rejected_with(p, 4, "身份证号应为18位"));
    EXPECT_TRUE(rejected_with(p, 5, "未知的记录类型"));
    EXPECT_TRUE(rejected_with(p, 5, "决定日期不能晚于今天"));
    EXPECT_TRUE(rejected_with(p, 5, "缺少决定机关"));
    EXPECT_TRUE(rejected_with(p, 5, "犯罪时未成年应填 是 或 否"));
    EXPECT_TRUE(rejected_with(p, 6, "未启用"));
    EXPECT_TRUE(rejected_with(p, 7, "决定日期早于出生日期"));
    EXPECT_TRUE(rejected_with(p, 8, "缺少性别"));
    EXPECT_TRUE(rejected_with(p, 8, "缺少出生日期"));
    EXPECT_EQ(p.rejected.size(), 7u);
}

TEST(RegistryRules, RepeatedRecordsInOneSheetAreBothRejected) {
    const auto a = make_id("19800512", 'M');
    const auto p = parse_registry_sheet(
        sheet_of({row("测试甲", "男", a, "1980-05-12"), row("测试甲", "男", a, "1980-05-12", "强奸罪"),
                  row("测试甲", "男", a, "1980-05-12")}),
        kToday, false);
    ASSERT_EQ(p.rows.size(), 1u);
    EXPECT_EQ(p.rows[0].record_type, "rape");
    EXPECT_TRUE(rejected_with(p, 2, "重复"));
    EXPECT_TRUE(rejected_with(p, 4, "第2、4行"));
}

}  // namespace
}  // namespace hulei::registry
