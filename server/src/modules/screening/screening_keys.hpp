#pragma once
// A screened person's match keys as stored: the blind indexes (registry::match_key_index, the same keyed hashes
// as the registry's) of the exact key and of the name/birth/sex keys. Written at every check and read by the
// continuous monitoring, which so finds the staff a registry record matches without decrypting anyone.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/screening/screening_match.hpp"
#include "security/keyring.hpp"

namespace hulei::screening {

/// The blind indexes of a person's keys; none for an invalid ID number.
struct BlindKeys {
    std::optional<std::string> exact;
    std::vector<std::string> names;
};

/// The blind indexes of `staff`'s keys.
BlindKeys blind_keys(const security::Keyring& keyring, const StaffKeys& staff);

/// Replaces the stored keys of person `person_id` with `keys` and marks the person keyed.
void store_person_keys(db::Tx& tx, std::int64_t person_id, const BlindKeys& keys);

}  // namespace hulei::screening
