#include "http/principal_json.hpp"

#include "security/permissions.hpp"

namespace hulei::http {

nlohmann::json grant_json(const security::Grant& g) {
    const auto* info = security::find_role(g.role);
    return {{"id", g.id},
            {"role", g.role},
            {"label", info ? info->label_zh : g.role},
            {"scope", security::scope_name(g.scope)},
            {"unit_ids", g.unit_ids}};
}

}  // namespace hulei::http
