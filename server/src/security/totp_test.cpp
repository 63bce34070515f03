#include "security/totp.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace hulei::security {
namespace {

std::string hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0x0F];
    }
    return out;
}

std::string repeat(unsigned char byte, std::size_t n) { return std::string(n, static_cast<char>(byte)); }

// RFC 6238 Appendix B seeds: the ASCII digits repeated to the hash's output size.
const std::string kSeedSha1 = "12345678901234567890";
const std::string kSeedSha256 = "12345678901234567890123456789012";
const std::string kSeedSha512 = "1234567890123456789012345678901234567890123456789012345678901234";

struct RfcVector {
    std::int64_t time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
};

TEST(Totp, Rfc6238AppendixBVectors) {
    const std::vector<RfcVector> vectors = {
        {59, "94287082", "46119246", "90693936"},
        {1111111109, "07081804", "68084774", "25091201"},
        {1111111111, "14050471", "67062674", "99943326"},
        {1234567890, "89005924", "91819424", "93441116"},
        {2000000000, "69279037", "90698825", "38618901"},
        {20000000000, "65353130", "77737706", "47863826"},
    };
    for (const RfcVector& v : vectors) {
        EXPECT_EQ(totp_code(kSeedSha1, v.time, 8, 30, TotpAlgorithm::Sha1), v.sha1) << v.time;
        EXPECT_EQ(totp_code(kSeedSha256, v.time, 8, 30, TotpAlgorithm::Sha256), v.sha256) << v.time;
        EXPECT_EQ(totp_code(kSeedSha512, v.time, 8, 30, TotpAlgorithm::Sha512), v.sha512) << v.time;
    }
}

TEST(Totp, SixDigitCodeIsTheLastSixDigitsOfTheTruncatedValue) {
    EXPECT_EQ(totp_code(kSeedSha1, 59), "287082");
    EXPECT_EQ(totp_code(kSeedSha1, 1111111109), "081804");  // keeps the leading zero
}

TEST(Totp, CodesChangeAtStepBoundaries) {
    EXPECT_EQ(totp_code(kSeedSha1, 30), totp_code(kSeedSha1, 59));
    EXPECT_NE(totp_code(kSeedSha1, 59), totp_code(kSeedSha1, 60));
    EXPECT_EQ(totp_code(kSeedSha1, 59, 8, 60), totp_code(kSeedSha1, 0, 8, 60));
}

TEST(HmacSha1, Rfc2202Vectors) {
    EXPECT_EQ(hex(hmac_sha1(repeat(0x0b, 20), "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(hex(hmac_sha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    EXPECT_EQ(hex(hmac_sha1(repeat(0xaa, 20), repeat(0xdd, 50))), "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    std::string key4;
    for (int i = 1; i <= 25; ++i) key4 += static_cast<char>(i);
    EXPECT_EQ(hex(hmac_sha1(key4, repeat(0xcd, 50))), "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    EXPECT_EQ(hex(hmac_sha1(repeat(0x0c, 20), "Test With Truncation")), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
    EXPECT_EQ(hex(hmac_sha1(repeat(0xaa, 80), "Test Using Larger Than Block-Size Key - Hash Key First")),
              "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    EXPECT_EQ(hex(hmac_sha1(repeat(0xaa, 80),
                            "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data")),
              "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

TEST(HmacSha1, MessageLengthsAroundTheSha1PaddingBoundary) {
    // Expected values from Python's hmac.new(b"key", m, hashlib.sha1), m[i] = (7i + 1) mod 256.
    const std::vector<std::pair<std::size_t, const char*>> cases = {
        {0, "f42bb0eeb018ebbd4597ae7213711ec60760843f"},   {55, "91e90a3a376fa183a31477ec9cab3b5405d87be0"},
        {56, "66905e64d885f0e552a7c505fa6311794842b648"},  {63, "e4cd80be12a5aa3a7b8a0525ec9d94d3ee7d9b60"},
        {64, "30601786ccf4964921cb55fb2c65a78fdd4875d7"},  {119, "c4a0ee0415feed8ddd1d6bb4193956f158fb91ee"},
        {120, "a714543b79c4b46ad27dc1d719e722a0b0475d14"},
    };
    for (const auto& [length, expected] : cases) {
        std::string message;
        for (std::size_t i = 0; i < length; ++i) message += static_cast<char>((7 * i + 1) % 256);
        EXPECT_EQ(hex(hmac_sha1("key", message)), expected) << length;
    }
}

TEST(Base32, Rfc4648Vectors) {
    const std::vector<std::pair<std::string, std::string>> vectors = {
        {"", ""},          {"f", "MY======"},         {"fo", "MZXQ===="},         {"foo", "MZXW6==="},
        {"foob", "MZXW6YQ="}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI======"},
    };
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base32_encode(plain), encoded);
        EXPECT_EQ(base32_decode(encoded), plain) << encoded;
    }
}

TEST(Base32, RoundTripsEveryByteValue) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
    for (std::size_t n = 0; n <= bytes.size(); n += 17) {
        const std::string slice = bytes.substr(0, n);
        EXPECT_EQ(base32_decode(base32_encode(slice)), slice) << n;
    }
}

TEST(Base32, DecodingIgnoresCaseSpacesAndPadding) {
    EXPECT_EQ(base32_decode("mzxw 6ytb oi"), "foobar");
    EXPECT_EQ(base32_decode("MZXW6YTBOI"), "foobar");
}

TEST(Base32, RejectsForeignCharactersAndImpossibleLengths) {
    EXPECT_EQ(base32_decode("MZXW1YTB"), std::nullopt);  // '1' is not in the alphabet
    EXPECT_EQ(base32_decode("MZXW-YTB"), std::nullopt);
    EXPECT_EQ(base32_decode("M"), std::nullopt);
    EXPECT_EQ(base32_decode("MZX"), std::nullopt);
    EXPECT_EQ(base32_decode("MZXW6Y"), std::nullopt);
}

TEST(Totp, NewSecretIs20RandomBytesInUnpaddedBase32) {
    const std::string a = totp_new_secret();
    const std::string b = totp_new_secret();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_EQ(a.find('='), std::string::npos);
    ASSERT_TRUE(base32_decode(a).has_value());
    EXPECT_EQ(base32_decode(a)->size(), 20u);
    EXPECT_NE(a, b);
}

TEST(Totp, VerifyAcceptsTheWindowAndReturnsTheMatchingStep) {
    const std::string secret = base32_encode(kSeedSha1);
    const std::int64_t now = 1111111111;  // step 37037037
    const std::int64_t step = now / 30;
    EXPECT_EQ(totp_verify(secret, totp_code(kSeedSha1, now), now), step);
    EXPECT_EQ(totp_verify(secret, totp_code(kSeedSha1, now - 30), now), step - 1);
    EXPECT_EQ(totp_verify(secret, totp_code(kSeedSha1, now + 30), now), step + 1);
    EXPECT_EQ(totp_verify(secret, totp_code(kSeedSha1, now - 60), now), std::nullopt);
    EXPECT_EQ(totp_verify(secret, totp_code(kSeedSha1, now + 60), now), std::nullopt);
    EXPECT_EQ(totp_verify(secret, totp_code(kSeedSha1, now - 60), now, 2), step - 2);
    EXPECT_EQ(totp_verify(secret, totp_code(kSeedSha1, now - 30), now, 0), std::nullopt);
}

TEST(Totp, ReplayedCodeReportsTheSameStepSoTheCallerCanRefuseIt) {
    const std::string secret = base32_encode(kSeedSha1);
    const std::string code = totp_code(kSeedSha1, 1234567890);
    const auto first = totp_verify(secret, code, 1234567890);
    const auto replay = totp_verify(secret, code, 1234567890 + 25);
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(replay.has_value());
    EXPECT_EQ(*first, *replay);
    EXPECT_EQ(*first, 1234567890 / 30);
}

TEST(Totp, VerifyRejectsMalformedInput) {
    const std::string secret = base32_encode(kSeedSha1);
    const std::string code = totp_code(kSeedSha1, 59);
    EXPECT_EQ(totp_verify(secret, "", 59), std::nullopt);
    EXPECT_EQ(totp_verify(secret, code.substr(0, 5), 59), std::nullopt);
    EXPECT_EQ(totp_verify(secret, "28708a", 59), std::nullopt);
    EXPECT_EQ(totp_verify("not base32!", code, 59), std::nullopt);
    EXPECT_EQ(totp_verify("", code, 59), std::nullopt);
    EXPECT_EQ(totp_verify(base32_encode("another secret 12345"), code, 59, 0), std::nullopt);
}

TEST(Totp, OtpauthUriPercentEncodesIssuerAndAccount) {
    EXPECT_EQ(otpauth_uri("护蕾", "zhang.san@县 01", "JBSWY3DPEHPK3PXP"),
              "otpauth://totp/%E6%8A%A4%E8%95%BE:zhang.san%40%E5%8E%BF%2001?secret=JBSWY3DPEHPK3PXP"
              "&issuer=%E6%8A%A4%E8%95%BE&algorithm=SHA1&digits=6&period=30");
    EXPECT_EQ(otpauth_uri("Hulei", "a:b&c", "JBSWY3DPEHPK3PXP"),
              "otpauth://totp/Hulei:a%3Ab%26c?secret=JBSWY3DPEHPK3PXP&issuer=Hulei&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace hulei::security
