#pragma once
// Passwords: argon2id hashes (libsodium) and the complexity policy.
#include <optional>
#include <string>
#include <string_view>

namespace hulei::security {

/// Cost of a password hash. Interactive is the production setting (≈155 ms, 64 MiB here);
/// Minimal exists only so the test suite can log in hundreds of times quickly.
enum class HashCost { Interactive, Minimal };

/// An argon2id hash in libsodium's encoded form ($argon2id$v=19$…). Throws core::Error on failure.
std::string hash_password(std::string_view password, HashCost cost);
/// Whether `password` matches `encoded_hash` (constant time in the password).
bool verify_password(std::string_view encoded_hash, std::string_view password);

/// The reason `password` breaks the policy (in Chinese), or nullopt when it complies: at least
/// `min_length` characters, at least three of lower case / upper case / digits / symbols, not
/// containing the username, not a well-known weak password.
std::optional<std::string> password_policy_violation(std::string_view password, std::string_view username,
                                                     int min_length);

}  // namespace hulei::security
