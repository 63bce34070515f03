#include "security/principal.hpp"

#include "core/error.hpp"
#include "security/permissions.hpp"

namespace hulei::security {

std::string_view scope_name(Scope s) {
    switch (s) {
        case Scope::OwnUnit: return "own_unit";
        case Scope::Units: return "units";
        case Scope::Township: return "township";
    }
    return "own_unit";
}

std::optional<Scope> parse_scope(std::string_view s) {
    if (s == "own_unit") return Scope::OwnUnit;
    if (s == "units") return Scope::Units;
    if (s == "township") return Scope::Township;
    return std::nullopt;
}

bool Principal::has(std::string_view permission) const {
    for (const auto& g : grants)
        if (role_has(g.role, permission)) return true;
    return false;
}

bool Principal::has_role(std::string_view role) const {
    for (const auto& g : grants)
        if (g.role == role) return true;
    return false;
}

std::optional<std::set<std::int64_t>> Principal::units_for(std::string_view permission) const {
    std::set<std::int64_t> units;
    for (const auto& g : grants) {
        if (!role_has(g.role, permission)) continue;
        switch (g.scope) {
            case Scope::Township: return std::nullopt;
            case Scope::OwnUnit: units.insert(unit_id); break;
            case Scope::Units: units.insert(g.unit_ids.begin(), g.unit_ids.end()); break;
        }
    }
    return units;
}

bool Principal::can_in_unit(std::string_view permission, std::int64_t unit) const {
    auto units = units_for(permission);
    return !units || units->count(unit) > 0;
}

void require(const Principal& p, std::string_view permission) {
    if (!p.has(permission)) throw core::Error::forbidden();
}

}  // namespace hulei::security
