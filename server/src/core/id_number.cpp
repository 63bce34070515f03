#include "core/id_number.hpp"

#include <array>

#include "core/error.hpp"

namespace hulei::core {
namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";        // U+3000
constexpr std::string_view kFullwidthPrefix = "\xEF\xBC";            // U+FF00..U+FF3F
constexpr std::string_view kFullwidthLowerX = "\xEF\xBD\x98";        // U+FF58
constexpr unsigned char kFullwidthZeroLast = 0x90;                   // U+FF10 is EF BC 90
constexpr unsigned char kFullwidthUpperXLast = 0xB8;                 // U+FF38 is EF BC B8
constexpr int kMinBirthYear = 1900;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Strips spaces, maps full-width digits and X to ASCII, upper-cases x; other characters pass unchanged.
std::string normalise(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    std::size_t i = 0;
    while (i < raw.size()) {
        const std::string_view rest = raw.substr(i);
        const char c = raw[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++i;
            continue;
        }
        if (rest.starts_with(kIdeographicSpace)) {
            i += kIdeographicSpace.size();
            continue;
        }
        if (rest.size() >= 3 && rest.starts_with(kFullwidthPrefix)) {
            const auto last = static_cast<unsigned char>(rest[2]);
            if (last >= kFullwidthZeroLast && last <= kFullwidthZeroLast + 9) {
                out += static_cast<char>('0' + (last - kFullwidthZeroLast));
                i += 3;
                continue;
            }
            if (last == kFullwidthUpperXLast) {
                out += 'X';
                i += 3;
                continue;
            }
        }
        if (rest.starts_with(kFullwidthLowerX)) {
            out += 'X';
            i += kFullwidthLowerX.size();
            continue;
        }
        out += c == 'x' ? 'X' : c;
        ++i;
    }
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

int to_int(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool real_date(int year, int month, int day) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    const int days = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && is_leap(year) ? 1 : 0);
    return day <= days;
}

/// `today` (YYYY-MM-DD) as YYYYMMDD; a malformed value is a programming error.
std::string compact_today(std::string_view today) {
    const bool well_formed = today.size() == 10 && today[4] == '-' && today[7] == '-' && is_digit(today[0]) &&
                             is_digit(today[1]) && is_digit(today[2]) && is_digit(today[3]) &&
                             is_digit(today[5]) && is_digit(today[6]) && is_digit(today[8]) && is_digit(today[9]);
    if (!well_formed) throw Error::internal("today 必须是 YYYY-MM-DD 格式");
    return std::string(today.substr(0, 4)) + std::string(today.substr(5, 2)) + std::string(today.substr(8, 2));
}

std::optional<IdNumber> fail(IdNumberError* error, std::string code, std::string message) {
    if (error != nullptr) *error = IdNumberError{std::move(code), std::move(message)};
    return std::nullopt;
}

}  // namespace

std::optional<IdNumber> parse_id_number(std::string_view raw, IdNumberError* error, std::string_view today) {
    std::string number = normalise(raw);
    if (number.empty()) return fail(error, "empty", "请填写身份证号");

    const std::size_t length = code_points(number);
    if (length != 15 && length != 18) return fail(error, "bad_length", "身份证号应为18位（或15位旧号）");

    for (std::size_t i = 0; i < number.size(); ++i) {
        const bool allowed = is_digit(number[i]) || (number[i] == 'X' && i == 17 && number.size() == 18);
        if (!allowed) return fail(error, "bad_characters", "身份证号只能包含数字，18位号码的最后一位可以是X");
    }

    if (number[0] == '0') return fail(error, "bad_region", "身份证号中的地区码无效");

    const bool old_format = number.size() == 15;
    if (old_format) {
        number.insert(6, "19");
        number += id_checksum(number);
    }

    const std::string_view birth = std::string_view(number).substr(6, 8);
    const int year = to_int(birth.substr(0, 4));
    const int month = to_int(birth.substr(4, 2));
    const int day = to_int(birth.substr(6, 2));
    if (year < kMinBirthYear || !real_date(year, month, day) || (!today.empty() && birth > compact_today(today)))
        return fail(error, "bad_date", "身份证号中的出生日期无效");

    if (number[17] != id_checksum(std::string_view(number).substr(0, 17)))
        return fail(error, "bad_checksum", "身份证号校验位错误");

    IdNumber id;
    id.region = number.substr(0, 6);
    id.birth_date = std::string(birth.substr(0, 4)) + "-" + std::string(birth.substr(4, 2)) + "-" +
                    std::string(birth.substr(6, 2));
    id.sex = (number[16] - '0') % 2 == 1 ? 'M' : 'F';
    id.value = std::move(number);
    return id;
}

char id_checksum(std::string_view first17) {
    if (first17.size() != kWeights.size()) throw Error::internal("校验位计算需要17位数字");
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) {
        if (!is_digit(first17[i])) throw Error::internal("校验位计算需要17位数字");
        sum += (first17[i] - '0') * kWeights[i];
    }
    return kCheckChars[static_cast<std::size_t>(sum % 11)];
}

std::string mask_id_number(std::string_view normalised) {
    if (normalised.empty()) return {};
    if (normalised.size() <= 8) return std::string(normalised.size() - 1, '*') + normalised.back();
    return std::string(normalised.substr(0, 4)) + std::string(normalised.size() - 8, '*') +
           std::string(normalised.substr(normalised.size() - 4));
}

}  // namespace hulei::core
