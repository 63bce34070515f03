#include "modules/registry/registry_keys.hpp"

#include "modules/screening/screening_match.hpp"

namespace hulei::registry {

std::vector<MatchKeyText> match_key_texts(std::string_view name, const Identity& identity) {
    std::vector<MatchKeyText> out;
    out.push_back({"exact", screening::exact_key(identity.id_number)});
    for (auto& text : screening::name_birth_sex_keys(name, identity.birth_date, identity.sex))
        out.push_back({"name_birth_sex", std::move(text)});
    return out;
}

std::string match_key_index(const security::Keyring& keyring, std::string_view key_text) {
    return keyring.blind_index(key_text, kMatchKeyContext);
}

}  // namespace hulei::registry
