#include "core/id_number.hpp"

#include <gtest/gtest.h>

#include <string>

// All numbers below are synthetic (region 110101, made-up sequence numbers); check characters were
// computed with ISO 7064 MOD 11-2.
namespace hulei::core {
namespace {

/// The error code for `raw`, or "" when it parses.
std::string error_code(std::string_view raw, std::string_view today = "") {
    IdNumberError error;
    if (parse_id_number(raw, &error, today)) return "";
    return error.code;
}

TEST(IdNumber, ParsesAValid18DigitNumber) {
    IdNumberError error;
    const auto id = parse_id_number("110101201003071233", &error);
    ASSERT_TRUE(id.has_value()) << error.code;
    EXPECT_EQ(id->value, "110101201003071233");
    EXPECT_EQ(id->birth_date, "2010-03-07");
    EXPECT_EQ(id->region, "110101");
    EXPECT_EQ(id->sex, 'M');
}

TEST(IdNumber, EvenSeventeenthDigitIsFemale) {
    const auto id = parse_id_number("110101201003071241");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->sex, 'F');
}

TEST(IdNumber, ChecksumFollowsIso7064Mod112) {
    EXPECT_EQ(id_checksum("11010120100307123"), '3');
    EXPECT_EQ(id_checksum("11010120100307124"), '1');
    EXPECT_EQ(id_checksum("11010120100307002"), 'X');
    EXPECT_EQ(id_checksum("44030520150815256"), '8');
}

TEST(IdNumber, AcceptsAnXCheckCharacterInEitherCase) {
    const auto upper = parse_id_number("11010120100307002X");
    ASSERT_TRUE(upper.has_value());
    EXPECT_EQ(upper->value, "11010120100307002X");
    const auto lower = parse_id_number("11010120100307002x");
    ASSERT_TRUE(lower.has_value());
    EXPECT_EQ(lower->value, "11010120100307002X");
}

TEST(IdNumber, NormalisesFullWidthDigitsAndX) {
    const auto digits = parse_id_number("１１０１０１２０１００３０７１２３３");
    ASSERT_TRUE(digits.has_value());
    EXPECT_EQ(digits->value, "110101201003071233");
    const auto upper_x = parse_id_number("１１０１０１２０１００３０７００２Ｘ");
    ASSERT_TRUE(upper_x.has_value());
    EXPECT_EQ(upper_x->value, "11010120100307002X");
    const auto lower_x = parse_id_number("11010120100307002ｘ");
    ASSERT_TRUE(lower_x.has_value());
    EXPECT_EQ(lower_x->value, "11010120100307002X");
}

TEST(IdNumber, StripsAsciiAndIdeographicSpaces) {
    const auto id = parse_id_number(" 110101 20100307 1233\u3000");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->value, "110101201003071233");
    EXPECT_TRUE(parse_id_number("110101\u300020100307\u30001233").has_value());
}

TEST(IdNumber, ConvertsOld15DigitNumbersTo18) {
    const auto id = parse_id_number("110101800101123");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->value, "110101198001011232");
    EXPECT_EQ(id->birth_date, "1980-01-01");
    EXPECT_EQ(id->sex, 'M');
    EXPECT_EQ(error_code("110101800101124"), "");  // any final digit is fine: there is no check character
    EXPECT_EQ(parse_id_number("110101800101124")->sex, 'F');
}

TEST(IdNumber, RejectsAWrongCheckCharacter) {
    IdNumberError error;
    EXPECT_FALSE(parse_id_number("110101201003071234", &error).has_value());
    EXPECT_EQ(error.code, "bad_checksum");
    EXPECT_EQ(error.message, "身份证号校验位错误");
    EXPECT_EQ(error_code("110101201003071230"), "bad_checksum");
    EXPECT_EQ(error_code("11010120100307123X"), "bad_checksum");
}

TEST(IdNumber, RejectsDatesThatDoNotExist) {
    IdNumberError error;
    EXPECT_FALSE(parse_id_number("110101202302301232", &error).has_value());  // 2023-02-30, valid check char
    EXPECT_EQ(error.code, "bad_date");
    EXPECT_EQ(error.message, "身份证号中的出生日期无效");
    EXPECT_EQ(error_code("110101201013071237"), "bad_date");   // month 13
    EXPECT_EQ(error_code("110101201003001235"), "bad_date");   // day 0
    EXPECT_EQ(error_code("110101189912311231"), "bad_date");   // before 1900
    EXPECT_EQ(error_code("110101190002291233"), "bad_date");   // 1900 is not a leap year
    EXPECT_EQ(error_code("11010120000229123X"), "");           // 2000 is
    EXPECT_EQ(error_code("110101202402291246"), "");
    EXPECT_EQ(error_code("110101801301123"), "bad_date");      // old number, month 13
}

TEST(IdNumber, RejectsBirthDatesAfterToday) {
    EXPECT_EQ(error_code("110101202501011238", "2024-12-31"), "bad_date");
    EXPECT_EQ(error_code("110101202501011238", "2025-01-01"), "");
    EXPECT_EQ(error_code("110101202501011238"), "");  // no today: no future check
}

TEST(IdNumber, MalformedTodayIsAProgrammingError) {
    EXPECT_THROW(parse_id_number("110101201003071233", nullptr, "2024/12/31"), std::exception);
}

TEST(IdNumber, RejectsWrongLengths) {
    IdNumberError error;
    EXPECT_FALSE(parse_id_number("11010120100307123", &error).has_value());
    EXPECT_EQ(error.code, "bad_length");
    EXPECT_EQ(error.message, "身份证号应为18位（或15位旧号）");
    EXPECT_EQ(error_code("1101012010030712333"), "bad_length");
    EXPECT_EQ(error_code("1101018001011"), "bad_length");
}

TEST(IdNumber, RejectsLettersAndMisplacedX) {
    EXPECT_EQ(error_code("11010120100307A233"), "bad_characters");
    EXPECT_EQ(error_code("1101012010030712X3"), "bad_characters");
    EXPECT_EQ(error_code("11010180010112X"), "bad_characters");  // old numbers have no check character
    EXPECT_EQ(error_code("11010120100307123号"), "bad_characters");
}

TEST(IdNumber, RejectsInvalidRegions) {
    EXPECT_EQ(error_code("000000201003071236"), "bad_region");
    EXPECT_EQ(error_code("012345201003071239"), "bad_region");
}

TEST(IdNumber, EmptyInputHasItsOwnCode) {
    EXPECT_EQ(error_code(""), "empty");
    EXPECT_EQ(error_code(" \u3000 "), "empty");
}

TEST(IdNumber, ErrorPointerIsOptional) {
    EXPECT_FALSE(parse_id_number("110101201003071234").has_value());
    EXPECT_TRUE(parse_id_number("110101201003071233").has_value());
}

TEST(IdNumber, MasksAllButTheFirstAndLastFour) {
    EXPECT_EQ(mask_id_number("11010120100307002X"), "1101**********002X");
    EXPECT_EQ(mask_id_number("110101800101123"), "1101*******1123");
    EXPECT_EQ(mask_id_number("123456789"), "1234*6789");
}

TEST(IdNumber, MasksShortInputExceptTheLastCharacter) {
    EXPECT_EQ(mask_id_number("12345678"), "*******8");
    EXPECT_EQ(mask_id_number("1"), "1");
    EXPECT_EQ(mask_id_number(""), "");
}

}  // namespace
}  // namespace hulei::core
