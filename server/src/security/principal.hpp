#pragma once
// Who is asking: the authenticated user of a request with role grants and data scopes.
// Services take a Principal and check permission and scope themselves (STYLE.md §9).
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hulei::security {

/// Data scope of a grant: the user's own unit, listed units, or the whole township.
enum class Scope { OwnUnit, Units, Township };

std::string_view scope_name(Scope s);                   ///< "own_unit" | "units" | "township"
std::optional<Scope> parse_scope(std::string_view s);

struct Grant {
    std::int64_t id = 0;
    std::string role;                       ///< a role name from security/permissions.hpp
    Scope scope = Scope::OwnUnit;
    std::vector<std::int64_t> unit_ids;     ///< for Scope::Units
};

/// What a session may do before it is complete.
enum class SessionStage { Full, MustChangePassword, MustEnrollTotp };

struct Principal {
    std::int64_t user_id = 0;
    std::string username;
    std::string display_name;
    std::int64_t unit_id = 0;
    std::vector<Grant> grants;
    std::string session_id;                 ///< public id of the session row (not the cookie token)
    std::string csrf_token;
    SessionStage stage = SessionStage::Full;
    std::string ip;
    std::string request_id;

    bool authenticated() const { return user_id != 0; }
    /// Whether any grant's role carries `permission`.
    bool has(std::string_view permission) const;
    bool has_role(std::string_view role) const;
    /// Units in which `permission` applies; std::nullopt means the whole township.
    /// Empty set: the permission is not held at all.
    std::optional<std::set<std::int64_t>> units_for(std::string_view permission) const;
    /// Whether some grant carries `permission` over the whole township (the office's powers need this).
    bool has_township(std::string_view permission) const { return has(permission) && !units_for(permission); }
    /// Whether `permission` applies to `unit_id` under some grant's scope.
    bool can_in_unit(std::string_view permission, std::int64_t unit_id) const;
};

/// The first line of a service method: throws core::Error::forbidden() unless `p` holds `permission`.
void require(const Principal& p, std::string_view permission);

}  // namespace hulei::security
