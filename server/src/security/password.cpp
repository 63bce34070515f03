#include "security/password.hpp"

#include <sodium.h>

#include <array>
#include <cctype>
#include <cstddef>

#include "core/error.hpp"

namespace hulei::security {
namespace {

/// Usernames shorter than this are not searched for inside passwords: "li" would forbid "reliable".
constexpr std::size_t kMinUsernameToCheck = 3;

/// Passwords that lead every leaked-password list while still passing the length and class rules.
constexpr std::array<std::string_view, 16> kCommonPasswords = {
    "password123!", "password@123", "password1234", "admin@123", "admin@123456", "admin123456!",
    "p@ssw0rd",     "p@ssw0rd123",  "qwerty123!",   "qwerty@123", "12345678aa!",  "abc@123456",
    "abcd@123456",  "aa123456789!", "1qaz@wsx3edc", "1qaz2wsx#edc",
};

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw core::Error::internal("密码库初始化失败");
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

int character_classes(std::string_view password) {
    bool lower = false, upper = false, digit = false, symbol = false;
    for (unsigned char c : password) {
        if (c >= 'a' && c <= 'z') lower = true;
        else if (c >= 'A' && c <= 'Z') upper = true;
        else if (c >= '0' && c <= '9') digit = true;
        else symbol = true;  // punctuation, spaces and any non-ASCII character
    }
    return int{lower} + int{upper} + int{digit} + int{symbol};
}

}  // namespace

std::string hash_password(std::string_view password, HashCost cost) {
    ensure_sodium();
    const bool interactive = cost == HashCost::Interactive;
    const unsigned long long ops = interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
    const std::size_t mem = interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN;
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw core::Error::internal("密码哈希计算失败");
    return std::string(out.data());
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
    ensure_sodium();
    if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string hash(encoded_hash);  // libsodium needs a NUL-terminated string
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> password_policy_violation(std::string_view password, std::string_view username,
                                                     int min_length) {
    if (min_length > 0 && code_points(password) < static_cast<std::size_t>(min_length))
        return "密码至少需要 " + std::to_string(min_length) + " 个字符";
    if (character_classes(password) < 3) return "密码需包含大写字母、小写字母、数字、符号中的至少三类";
    const std::string lower = ascii_lower(password);
    if (code_points(username) >= kMinUsernameToCheck && lower.find(ascii_lower(username)) != std::string::npos)
        return "密码不能包含用户名";
    for (std::string_view common : kCommonPasswords)
        if (lower == common) return "密码过于常见";
    return std::nullopt;
}

}  // namespace hulei::security
