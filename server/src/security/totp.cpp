#include "security/totp.hpp"

#include <sodium.h>

#include <array>
#include <cstring>

#include "core/error.hpp"

namespace hulei::security {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kSecretBytes = 20;
constexpr std::size_t kSha1BlockBytes = 64;
constexpr std::size_t kSha1DigestBytes = 20;
/// What otpauth_uri advertises and totp_verify therefore expects.
constexpr int kDigits = 6;
constexpr int kStepSeconds = 30;

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw core::Error::internal("密码库初始化失败");
}

/// SHA-1 (FIPS 180-4), streaming.
class Sha1 {
public:
    void update(std::string_view data) {
        for (unsigned char c : data) {
            block_[block_len_++] = c;
            if (block_len_ == kSha1BlockBytes) {
                compress();
                block_len_ = 0;
            }
        }
        total_bytes_ += data.size();
    }

    std::string finish() {
        const std::uint64_t bit_length = total_bytes_ * 8;
        block_[block_len_++] = 0x80;
        if (block_len_ > kSha1BlockBytes - 8) {
            std::memset(block_.data() + block_len_, 0, kSha1BlockBytes - block_len_);
            compress();
            block_len_ = 0;
        }
        std::memset(block_.data() + block_len_, 0, kSha1BlockBytes - 8 - block_len_);
        for (int i = 0; i < 8; ++i)
            block_[kSha1BlockBytes - 1 - i] = static_cast<unsigned char>(bit_length >> (8 * i));
        compress();
        std::string digest(kSha1DigestBytes, '\0');
        for (std::size_t i = 0; i < kSha1DigestBytes; ++i)
            digest[i] = static_cast<char>(h_[i / 4] >> (24 - 8 * (i % 4)));
        return digest;
    }

private:
    static std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

    void compress() {
        std::array<std::uint32_t, 80> w{};
        for (int i = 0; i < 16; ++i)
            w[i] = std::uint32_t{block_[4 * i]} << 24 | std::uint32_t{block_[4 * i + 1]} << 16 |
                   std::uint32_t{block_[4 * i + 2]} << 8 | std::uint32_t{block_[4 * i + 3]};
        for (int i = 16; i < 80; ++i) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h_[0] += a;
        h_[1] += b;
        h_[2] += c;
        h_[3] += d;
        h_[4] += e;
    }

    std::array<std::uint32_t, 5> h_ = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::array<unsigned char, kSha1BlockBytes> block_{};
    std::size_t block_len_ = 0;
    std::uint64_t total_bytes_ = 0;
};

std::string sha1(std::string_view data) {
    Sha1 h;
    h.update(data);
    return h.finish();
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string hmac_sha256(std::string_view key, std::string_view message) {
    crypto_auth_hmacsha256_state state;
    std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
    crypto_auth_hmacsha256_init(&state, bytes_of(key), key.size());
    crypto_auth_hmacsha256_update(&state, bytes_of(message), message.size());
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
    return mac;
}

std::string hmac_sha512(std::string_view key, std::string_view message) {
    crypto_auth_hmacsha512_state state;
    std::string mac(crypto_auth_hmacsha512_BYTES, '\0');
    crypto_auth_hmacsha512_init(&state, bytes_of(key), key.size());
    crypto_auth_hmacsha512_update(&state, bytes_of(message), message.size());
    crypto_auth_hmacsha512_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
    return mac;
}

std::string hmac(TotpAlgorithm alg, std::string_view key, std::string_view message) {
    switch (alg) {
        case TotpAlgorithm::Sha1: return hmac_sha1(key, message);
        case TotpAlgorithm::Sha256: ensure_sodium(); return hmac_sha256(key, message);
        case TotpAlgorithm::Sha512: ensure_sodium(); return hmac_sha512(key, message);
    }
    throw core::Error::internal("未知的 TOTP 算法");
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/// RFC 4226 HOTP with dynamic truncation.
std::string hotp(TotpAlgorithm alg, std::string_view key, std::uint64_t counter, int digits) {
    std::string message(8, '\0');
    for (int i = 0; i < 8; ++i) message[7 - i] = static_cast<char>(counter >> (8 * i));
    const std::string mac = hmac(alg, key, message);
    const auto* h = bytes_of(mac);
    const std::size_t offset = h[mac.size() - 1] & 0x0F;
    const std::uint32_t binary = (std::uint32_t{h[offset]} & 0x7F) << 24 | std::uint32_t{h[offset + 1]} << 16 |
                                 std::uint32_t{h[offset + 2]} << 8 | std::uint32_t{h[offset + 3]};
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::string percent_encode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
            continue;
        }
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
    }
    return out;
}

}  // namespace

std::string totp_new_secret() {
    ensure_sodium();
    std::string bytes(kSecretBytes, '\0');
    randombytes_buf(bytes.data(), bytes.size());
    std::string secret = base32_encode(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    while (!secret.empty() && secret.back() == '=') secret.pop_back();
    return secret;
}

std::string base32_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 4) / 5 * 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += kBase32Alphabet[(buffer >> (bits - 5)) & 0x1F];
            bits -= 5;
        }
    }
    if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1F];
    while (out.size() % 8 != 0) out += '=';
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t symbols = 0;
    for (char raw : text) {
        if (raw == ' ' || raw == '=') continue;
        const char c = (raw >= 'a' && raw <= 'z') ? static_cast<char>(raw - 'a' + 'A') : raw;
        const std::size_t value = kBase32Alphabet.find(c);
        if (value == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        ++symbols;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
            bits -= 8;
        }
    }
    // 1, 3 or 6 trailing symbols cannot come from whole bytes.
    const std::size_t tail = symbols % 8;
    if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
    return out;
}

std::string totp_code(std::string_view secret_bytes, std::int64_t unix_seconds, int digits, int step,
                      TotpAlgorithm alg) {
    if (digits < 1 || digits > 9) throw core::Error::internal("TOTP 位数必须在 1 到 9 之间");
    if (step <= 0) throw core::Error::internal("TOTP 时间步长必须为正数");
    const auto counter = static_cast<std::uint64_t>(floor_div(unix_seconds, step));
    return hotp(alg, secret_bytes, counter, digits);
}

std::optional<std::int64_t> totp_verify(std::string_view secret_base32, std::string_view code,
                                        std::int64_t unix_seconds, int window) {
    if (code.size() != static_cast<std::size_t>(kDigits)) return std::nullopt;
    for (char c : code)
        if (c < '0' || c > '9') return std::nullopt;
    const std::optional<std::string> secret = base32_decode(secret_base32);
    if (!secret || secret->empty()) return std::nullopt;
    ensure_sodium();
    const std::int64_t now_step = floor_div(unix_seconds, kStepSeconds);
    const int span = window < 0 ? 0 : window;
    for (std::int64_t s = now_step - span; s <= now_step + span; ++s) {
        const std::string expected = hotp(TotpAlgorithm::Sha1, *secret, static_cast<std::uint64_t>(s), kDigits);
        if (sodium_memcmp(expected.data(), code.data(), code.size()) == 0) return s;
    }
    return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
    std::string uri = "otpauth://totp/";
    if (!issuer.empty()) uri += percent_encode(issuer) + ":";
    uri += percent_encode(account);
    uri += "?secret=" + percent_encode(secret_base32);
    if (!issuer.empty()) uri += "&issuer=" + percent_encode(issuer);
    uri += "&algorithm=SHA1&digits=" + std::to_string(kDigits) + "&period=" + std::to_string(kStepSeconds);
    return uri;
}

std::string hmac_sha1(std::string_view key, std::string_view message) {
    std::string block_key = key.size() > kSha1BlockBytes ? sha1(key) : std::string(key);
    block_key.resize(kSha1BlockBytes, '\0');
    std::string inner_pad(kSha1BlockBytes, '\0'), outer_pad(kSha1BlockBytes, '\0');
    for (std::size_t i = 0; i < kSha1BlockBytes; ++i) {
        inner_pad[i] = static_cast<char>(block_key[i] ^ 0x36);
        outer_pad[i] = static_cast<char>(block_key[i] ^ 0x5C);
    }
    Sha1 inner;
    inner.update(inner_pad);
    inner.update(message);
    Sha1 outer;
    outer.update(outer_pad);
    outer.update(inner.finish());
    return outer.finish();
}

}  // namespace hulei::security
