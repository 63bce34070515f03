#pragma once
// The master key and what is derived from it: field encryption (XChaCha20-Poly1305), blind indexes
// (keyed BLAKE2b) for exact-match lookups without decrypting, and hashes of session tokens.
#include <string>
#include <string_view>

namespace hulei::security {

class Keyring {
public:
    /// Reads the 32-byte master key from HULEI_MASTER_KEY (base64) if set, else from `key_file`
    /// (base64, one line), creating the file with mode 0600 (and its folder) when it does not exist.
    /// Throws core::Error when the key is unreadable or malformed, or the file is readable by others.
    static Keyring load_or_create(const std::string& key_file);
    /// A keyring on a given 32-byte key (tests).
    explicit Keyring(std::string master_key);

    /// Ciphertext of `plaintext` as text "v1:" + base64(nonce ‖ ciphertext); `context` (e.g.
    /// "users.phone") is bound as associated data, so a value moved to another column fails to decrypt.
    std::string encrypt(std::string_view plaintext, std::string_view context) const;
    /// Plaintext of `ciphertext`; throws core::Error(Internal) when it was tampered with.
    std::string decrypt(std::string_view ciphertext, std::string_view context) const;
    /// A deterministic keyed hash (hex) of a normalised value, for equality lookups.
    std::string blind_index(std::string_view value, std::string_view context) const;

private:
    std::string enc_key_;    ///< derived with crypto_kdf, subkey 1
    std::string index_key_;  ///< subkey 2
};

/// `bytes` random bytes as URL-safe base64 without padding (session tokens, CSRF tokens, ids).
std::string random_token(std::size_t bytes);
/// SHA-256 (hex) of `data`; used for session token hashes and the audit chain.
std::string sha256_hex(std::string_view data);
/// Constant-time string comparison.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace hulei::security
