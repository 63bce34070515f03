#pragma once
// The screening match keys of a registry record, stored only as blind indexes (never the key text). The key
// texts come from the screening module's pure functions (screening_match.hpp), so that a person screened
// later produces the same texts; the index uses one Keyring context that screening looks up with.
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/registry_rules.hpp"
#include "security/keyring.hpp"

namespace hulei::registry {

/// Keyring context of registry_match_keys.key_index.
inline constexpr std::string_view kMatchKeyContext = "registry.match_key";

/// One match key: `kind` is exact (the normalised ID number) or name_birth_sex (a name variant with the
/// birth date and sex), `text` the key text.
struct MatchKeyText {
    std::string kind;
    std::string text;
};

/// The distinct match key texts of a person (exact first). A sealed record gets none: the caller does not
/// store keys for it.
std::vector<MatchKeyText> match_key_texts(std::string_view name, const Identity& identity);

/// The stored form of a key text: the keyed hash under kMatchKeyContext.
std::string match_key_index(const security::Keyring& keyring, std::string_view key_text);

}  // namespace hulei::registry
