#include "modules/screening/screening_match.hpp"

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <opencc/SimpleConverter.hpp>

#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

// All ID numbers are synthetic (region 110101 and 320102, made-up sequence numbers); check characters are
// computed with core::id_checksum.
namespace hulei::screening {
namespace {

/// A valid 18-character ID from its first 17 digits.
std::string with_check(const std::string& first17) {
    return first17 + core::id_checksum(first17);
}

/// A valid ID born on `birth` (YYYYMMDD) whose check character is X.
std::string id_ending_in_x(const std::string& birth) {
    for (int seq = 100; seq < 1000; ++seq) {
        const std::string id = with_check("110101" + birth + std::to_string(seq));
        if (id.back() == 'X') return id;
    }
    return {};
}

/// "11" → "１１" (full-width digits, U+FF10…U+FF19).
std::string full_width(const std::string& ascii) {
    std::string out;
    for (char c : ascii) {
        if (c >= '0' && c <= '9') {
            out += "\xEF\xBC";
            out += static_cast<char>(0x90 + (c - '0'));
        } else if (c == 'X') {
            out += "\xEF\xBC\xB8";  // Ｘ
        } else {
            out += c;
        }
    }
    return out;
}

struct Record {
    std::int64_t id;
    std::string raw_id, name, birth;
    char sex;
    bool sealed = false;
};

/// The status of one staff person against `records`, through decide() and through MatchIndex; both must agree.
MatchResult check(const std::vector<Record>& records, const std::string& raw_id, const std::string& name) {
    std::vector<RegistryEntry> entries;
    MatchIndex index;
    for (const auto& r : records) {
        entries.push_back(registry_entry(r.id, r.raw_id, r.name, r.birth, r.sex, r.sealed));
        index.add(entries.back());
    }
    const StaffKeys staff = staff_keys(raw_id, name);
    const MatchResult by_rule = decide(staff, entries);
    const MatchResult by_index = index.check(staff);
    EXPECT_EQ(status_code(by_rule.status), status_code(by_index.status)) << raw_id << " " << name;
    EXPECT_EQ(by_rule.record_ids, by_index.record_ids) << raw_id << " " << name;
    return by_index;
}

std::string status_of(const std::vector<Record>& records, const std::string& raw_id, const std::string& name) {
    return std::string(status_code(check(records, raw_id, name).status));
}

const std::string kOffender = with_check("11010119800506123");  // born 1980-05-06, 17th digit 3 → M
const std::string kOffenderFemale = with_check("11010119800506124");

// --- ID normalisation --------------------------------------------------------------------------------

TEST(ScreeningMatchId, AcceptsFullWidthDigitsSpacesAndLowerCaseX) {
    const std::string x = id_ending_in_x("19850101");
    ASSERT_FALSE(x.empty());
    std::string lower = x;
    lower.back() = 'x';
    const std::string spaced = x.substr(0, 6) + " " + x.substr(6, 8) + "\xE3\x80\x80" + x.substr(14);  // U+3000
    const std::string full_upper = full_width(x);
    std::string full_lower = full_width(x.substr(0, 17)) + "\xEF\xBD\x98";  // ｘ

    for (const std::string& raw : {x, lower, spaced, full_upper, full_lower, " " + full_width(kOffender) + "\t"}) {
        core::IdNumberError error;
        const auto id = normalise_id(raw, &error);
        ASSERT_TRUE(id.has_value()) << raw << ": " << error.code;
        EXPECT_EQ(id->value.size(), 18u);
    }
    EXPECT_EQ(normalise_id(lower)->value, x);
    EXPECT_EQ(normalise_id(spaced)->value, x);
    EXPECT_EQ(normalise_id(full_lower)->value, x);
}

TEST(ScreeningMatchId, Converts15DigitNumbersTo18) {
    const auto id = normalise_id("110101800506123");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->value, kOffender);
    EXPECT_EQ(id->birth_date, "1980-05-06");
    EXPECT_EQ(id->sex, 'M');
}

TEST(ScreeningMatchId, RejectsBadChecksumAndBadDate) {
    std::string wrong = kOffender;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    core::IdNumberError error;
    EXPECT_FALSE(normalise_id(wrong, &error).has_value());
    EXPECT_EQ(error.code, "bad_checksum");
    EXPECT_FALSE(normalise_id(with_check("11010119800230123"), &error).has_value());  // 30 February
    EXPECT_EQ(error.code, "bad_date");
    EXPECT_FALSE(normalise_id("110101800230123", &error).has_value());
    EXPECT_EQ(error.code, "bad_date");
    EXPECT_FALSE(normalise_id("1101011980050612", &error).has_value());
    EXPECT_EQ(error.code, "bad_length");
}

// --- name keys -----------------------------------------------------------------------------------------

TEST(ScreeningMatchName, TraditionalAndSimplifiedShareTheSimplifiedKey) {
    EXPECT_EQ(name_keys("張偉").simplified, "张伟");
    EXPECT_EQ(name_keys("张伟").simplified, "张伟");
    EXPECT_EQ(name_keys("劉德華").simplified, name_keys("刘德华").simplified);
    EXPECT_EQ(name_keys("劉").simplified, "刘");
}

TEST(ScreeningMatchName, SkippingOpenCCNeverChangesTheResult) {
    // name_keys() skips OpenCC for text without a character t2s could change; it must agree with OpenCC on
    // every CJK unified ideograph and on phrases the phrase dictionary treats specially.
    const opencc::SimpleConverter t2s("t2s.json");
    int differing = 0;
    for (UChar32 c = 0x4E00; c <= 0x9FFF; ++c) {
        std::string text;
        icu::UnicodeString(c).toUTF8String(text);
        if (name_keys(text).simplified != t2s.Convert(text)) ++differing;
    }
    EXPECT_EQ(differing, 0);
    for (const char* phrase : {"乾隆", "乾燥", "於明", "張乾", "蕭峰", "钟鍾", "叶葉", "歐陽修", "瀋陽"})
        EXPECT_EQ(name_keys(phrase).simplified, t2s.Convert(phrase)) << phrase;
}

TEST(ScreeningMatchName, HomophonesShareOnlyThePinyinKey) {
    const NameKeys zhang = name_keys("张伟"), zhang2 = name_keys("章伟");
    EXPECT_EQ(zhang.pinyin, "zhangwei");
    EXPECT_EQ(zhang.pinyin, zhang2.pinyin);
    EXPECT_NE(zhang.simplified, zhang2.simplified);
    EXPECT_EQ(name_keys("張偉").pinyin, "zhangwei");
}

TEST(ScreeningMatchName, DropsWhiteSpaceAndMiddleDots) {
    const NameKeys plain = name_keys("阿卜杜热合曼");
    for (const char* variant : {"阿卜杜·热合曼", "阿卜杜•热合曼", "阿卜杜．热合曼", " 阿卜杜 热合曼 ",
                                "阿卜杜\xE3\x80\x80热合曼", "阿卜杜\xE3\x83\xBB热合曼"}) {
        const NameKeys keys = name_keys(variant);
        EXPECT_EQ(keys.simplified, plain.simplified) << variant;
        EXPECT_EQ(keys.pinyin, plain.pinyin) << variant;
    }
    EXPECT_EQ(name_keys("张 伟").simplified, "张伟");
    EXPECT_EQ(name_keys("John Smith").pinyin, "johnsmith");
    EXPECT_EQ(name_keys("ＪＯＨＮ ＳＭＩＴＨ").pinyin, "johnsmith");  // full-width Latin folds (NFKC)
    EXPECT_TRUE(name_keys("  ").simplified.empty());
}

TEST(ScreeningMatchName, KeyTexts) {
    EXPECT_EQ(exact_key(kOffender), "id:" + kOffender);
    const auto keys = name_birth_sex_keys("張偉", "1980-05-06", 'M');
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0], "zh:张伟|1980-05-06|M");
    EXPECT_EQ(keys[1], "py:zhangwei|1980-05-06|M");
    EXPECT_TRUE(name_birth_sex_keys("张伟", "", 'F').empty());
    EXPECT_TRUE(name_birth_sex_keys("", "1980-05-06", 'F').empty());
    EXPECT_THROW(name_birth_sex_keys("张伟", "1980/05/06", 'M'), core::Error);
    EXPECT_THROW(name_birth_sex_keys("张伟", "1980-05-06", 'X'), core::Error);
}

TEST(ScreeningMatchName, ConvertersWorkOnSeveralThreadsAtOnce) {
    std::vector<std::string> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t)
        threads.emplace_back([&seen, t] {
            for (int i = 0; i < 50; ++i) {
                const NameKeys keys = name_keys(i % 2 ? "劉德華" : "刘德华");
                seen[t] = keys.simplified + "/" + keys.pinyin;
            }
        });
    for (auto& thread : threads) thread.join();
    for (const auto& s : seen) EXPECT_EQ(s, "刘德华/liudehua");
}

// --- the decision ----------------------------------------------------------------------------------------

TEST(ScreeningMatchDecide, ExactHitThroughEveryIdVariant) {
    const std::vector<Record> registry = {{7, kOffender, "王建国", "1980-05-06", 'M'}};
    EXPECT_EQ(status_of(registry, kOffender, "王建国"), "hit");
    EXPECT_EQ(status_of(registry, kOffender, "李四"), "hit");  // the ID decides, whatever the name
    EXPECT_EQ(status_of(registry, full_width(kOffender), "王建国"), "hit");
    EXPECT_EQ(status_of(registry, kOffender.substr(0, 6) + " " + kOffender.substr(6), "王建国"), "hit");
    EXPECT_EQ(status_of(registry, "110101800506123", "王建国"), "hit");  // old 15-digit number
    EXPECT_EQ(check(registry, kOffender, "王建国").record_ids, std::vector<std::int64_t>{7});

    const std::string x = id_ending_in_x("19850101");
    const std::vector<Record> with_x = {{8, x, "赵六", "1985-01-01", 'F'}};
    std::string lower = x;
    lower.back() = 'x';
    EXPECT_EQ(status_of(with_x, lower, "赵六"), "hit");
}

TEST(ScreeningMatchDecide, TraditionalSimplifiedVariantGoesToReview) {
    const std::vector<Record> registry = {{1, kOffender, "劉德華", "1980-05-06", 'M'},
                                          {2, with_check("32010219900101001"), "張偉", "1990-01-01", 'M'}};
    // Different ID numbers, same birth date and sex.
    EXPECT_EQ(status_of(registry, with_check("32010219800506555"), "刘德华"), "pending_review");
    EXPECT_EQ(status_of(registry, with_check("11010119900101777"), "张伟"), "pending_review");
    EXPECT_EQ(check(registry, with_check("11010119900101777"), "张伟").record_ids, std::vector<std::int64_t>{2});
}

TEST(ScreeningMatchDecide, HomophoneNeedsTheSameBirthDateAndSex) {
    const std::vector<Record> registry = {{3, kOffender, "张伟", "1980-05-06", 'M'}};
    EXPECT_EQ(status_of(registry, with_check("32010219800506551"), "章伟"), "pending_review");
    EXPECT_EQ(status_of(registry, with_check("32010219800507551"), "章伟"), "clear");  // a day later
    EXPECT_EQ(status_of(registry, with_check("32010219800506552"), "章伟"), "clear");  // female
    EXPECT_EQ(status_of(registry, with_check("32010219800506552"), "张伟"), "clear");
}

TEST(ScreeningMatchDecide, SealedRecordsNeverMatch) {
    const std::vector<Record> sealed = {{4, kOffender, "张伟", "1980-05-06", 'M', true}};
    EXPECT_EQ(status_of(sealed, kOffender, "张伟"), "clear");
    EXPECT_EQ(status_of(sealed, with_check("32010219800506551"), "张伟"), "clear");
    EXPECT_EQ(status_of(sealed, with_check("32010219800506551"), "章伟"), "clear");

    // A sealed exact record does not hide an unsealed record of someone else with the same name keys.
    const std::vector<Record> mixed = {{4, kOffender, "张伟", "1980-05-06", 'M', true},
                                       {5, with_check("32010219800506999"), "張偉", "1980-05-06", 'M'}};
    const MatchResult result = check(mixed, kOffender, "张伟");
    EXPECT_EQ(status_code(result.status), "pending_review");
    EXPECT_EQ(result.record_ids, std::vector<std::int64_t>{5});
}

TEST(ScreeningMatchDecide, NearMissStaysClear) {
    const std::vector<Record> registry = {{6, kOffender, "王建国", "1980-05-06", 'M'}};
    const std::string one_digit_off = with_check("11010119800506133");  // sequence 123 → 133, same birth and sex
    ASSERT_NE(one_digit_off, kOffender);
    EXPECT_EQ(status_of(registry, one_digit_off, "李明"), "clear");
    EXPECT_EQ(status_of(registry, one_digit_off, "王建军"), "clear");
    EXPECT_EQ(status_of(registry, kOffenderFemale, "王建国"), "clear");  // same name and birth, other sex
}

TEST(ScreeningMatchDecide, ExactHitBeatsANameMatch) {
    const std::vector<Record> registry = {{10, kOffender, "王建国", "1980-05-06", 'M'},
                                          {11, with_check("32010219800506551"), "李明", "1980-05-06", 'M'}};
    const MatchResult result = check(registry, kOffender, "李明");
    EXPECT_EQ(status_code(result.status), "hit");
    EXPECT_EQ(result.record_ids, std::vector<std::int64_t>{10});
}

TEST(ScreeningMatchDecide, InvalidIdIsReportedWhateverTheName) {
    const std::vector<Record> registry = {{12, kOffender, "王建国", "1980-05-06", 'M'}};
    std::string wrong = kOffender;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_EQ(status_of(registry, wrong, "王建国"), "invalid_id");
    EXPECT_EQ(status_of(registry, "", "王建国"), "invalid_id");
    EXPECT_EQ(status_of(registry, "110101198013061234", "王建国"), "invalid_id");  // month 13
    const StaffKeys staff = staff_keys(wrong, "王建国");
    EXPECT_EQ(staff.id_error.code, "bad_checksum");
    EXPECT_TRUE(staff.name_keys.empty());
}

TEST(ScreeningMatchDecide, RecordsWithoutAValidIdMatchByStatedBirthAndSex) {
    const std::vector<Record> registry = {{13, "", "陳小明", "1975-11-02", 'M'}, {14, "", "陈小明", "1975-11-02", 'M'}};
    const MatchResult result = check(registry, with_check("32010219751102011"), "陈小明");
    EXPECT_EQ(status_code(result.status), "pending_review");
    EXPECT_EQ(result.record_ids, (std::vector<std::int64_t>{13, 14}));
    EXPECT_EQ(status_of(registry, with_check("32010219751102022"), "陈小明"), "clear");  // female
}

TEST(ScreeningMatchDecide, RegistryEntryUsesTheIdWhenNoBirthIsStated) {
    const RegistryEntry entry = registry_entry(15, full_width(kOffender), "张伟", "", ' ', false);
    EXPECT_EQ(entry.id18, kOffender);
    EXPECT_EQ(entry.name_keys, name_birth_sex_keys("张伟", "1980-05-06", 'M'));
    const RegistryEntry bad = registry_entry(16, "12345", "张伟", "1980-05-06", 'M', false);
    EXPECT_TRUE(bad.id18.empty());
    EXPECT_EQ(bad.name_keys.size(), 2u);
}

TEST(ScreeningMatchIndex, GrowsAndFindsEveryRecord) {
    MatchIndex index;
    std::vector<std::string> ids;
    for (int i = 0; i < 5000; ++i) {
        const std::string id =
            with_check("320102" + std::to_string(19700101 + (i % 28)) + std::to_string(100 + i % 900));
        ids.push_back(id);
        index.add(registry_entry(i + 1, id, i % 2 ? "张伟" : "刘德华", "", ' ', i % 10 == 9));
    }
    EXPECT_EQ(index.size(), 5000u);
    const MatchResult first = index.check(staff_keys(ids[0], "无关"));
    EXPECT_EQ(status_code(first.status), "hit");
    EXPECT_FALSE(first.record_ids.empty());
    // Every tenth record is sealed: its ID is in the index's count but never matches.
    EXPECT_EQ(status_code(index.check(staff_keys(ids[9], "无关")).status), "clear");
    EXPECT_EQ(status_code(index.check(staff_keys(with_check("11010120000101001"), "无关")).status), "clear");
}

}  // namespace
}  // namespace hulei::screening
