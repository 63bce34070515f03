#pragma once
// TOTP (RFC 6238) over HMAC-SHA1/256/512, base32 secrets (RFC 4648) and otpauth:// URIs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hulei::security {

/// The HMAC hash of a TOTP code; SHA-1 is what authenticator apps expect.
enum class TotpAlgorithm { Sha1, Sha256, Sha512 };

/// A new random secret (20 bytes), base32 without padding.
std::string totp_new_secret();
/// RFC 4648 base32 of `bytes`: upper case, '='-padded to a multiple of 8 characters.
std::string base32_encode(std::string_view bytes);
/// Decodes base32 (case-insensitive, spaces and padding ignored); nullopt when invalid.
std::optional<std::string> base32_decode(std::string_view text);

/// The code for `unix_seconds` (RFC 6238: T = floor(t / step)), zero-padded to `digits`.
std::string totp_code(std::string_view secret_bytes, std::int64_t unix_seconds, int digits = 6, int step = 30,
                      TotpAlgorithm alg = TotpAlgorithm::Sha1);
/// The time step that `code` matches within ±`window` steps of `unix_seconds`, or nullopt.
/// The caller rejects a step not greater than the last one accepted (no replay).
std::optional<std::int64_t> totp_verify(std::string_view secret_base32, std::string_view code,
                                        std::int64_t unix_seconds, int window = 1);
/// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30 (percent-encoded).
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

/// HMAC over SHA-1 (RFC 2104); libsodium has no SHA-1, so this is our own, tested against RFC 2202.
std::string hmac_sha1(std::string_view key, std::string_view message);

}  // namespace hulei::security
