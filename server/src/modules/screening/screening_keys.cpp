#include "modules/screening/screening_keys.hpp"

#include "modules/registry/registry_keys.hpp"
#include "modules/screening/screening_store.hpp"

namespace hulei::screening {

BlindKeys blind_keys(const security::Keyring& keyring, const StaffKeys& staff) {
    BlindKeys out;
    if (!staff.id) return out;
    out.exact = registry::match_key_index(keyring, exact_key(staff.id->value));
    for (const auto& text : staff.name_keys) out.names.push_back(registry::match_key_index(keyring, text));
    return out;
}

void store_person_keys(db::Tx& tx, std::int64_t person_id, const BlindKeys& keys) {
    tx.exec(sql::kDeletePersonKeys, {person_id});
    if (keys.exact) tx.exec(sql::kInsertPersonKey, {person_id, std::string("exact"), *keys.exact});
    for (const auto& index : keys.names) tx.exec(sql::kInsertPersonKey, {person_id, std::string("name_birth_sex"), index});
    tx.exec(sql::kSetPersonKeyed, {person_id});
}

}  // namespace hulei::screening
