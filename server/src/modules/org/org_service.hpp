#pragma once
// The org module's use cases: the unit tree (with aliases and kinds), users, and role grants with
// data scope. Each method takes the Principal, checks permission, and audits changes in the same
// transaction.
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/org/org_types.hpp"
#include "security/keyring.hpp"
#include "security/password.hpp"
#include "security/principal.hpp"

namespace hulei::io { struct Sheet; }

namespace hulei::org {

class OrgService {
public:
    OrgService(db::Database& db, core::Clock& clock, const security::Keyring& keyring, security::HashCost cost)
        : db_(db), clock_(clock), keyring_(keyring), cost_(cost) {}

    std::vector<Unit> list_units(const security::Principal& p, const std::string& q, const std::string& kind);
    /// A token that changes whenever any unit (or its aliases) changes: lets callers cache the unit list.
    /// Changes made through this process show at once; changes by another instance sharing the database
    /// within kUnitsRecheckMs.
    std::string units_version(const security::Principal& p);
    Unit get_unit(const security::Principal& p, std::int64_t id);
    Unit create_unit(const security::Principal& p, const UnitInput& in);
    Unit update_unit(const security::Principal& p, std::int64_t id, const UnitInput& in);
    /// Refused (Conflict unit_in_use) while the unit has child units, users or grants.
    void delete_unit(const security::Principal& p, std::int64_t id);
    /// The unit a name, alias or code stands for (exact after trimming), or nullopt.
    std::optional<Unit> resolve_unit(const std::string& name_or_alias);
    /// Imports a units sheet (headers 名称, 类型, 上级单位, 编码, 别名) all or nothing: creates new
    /// units, updates existing ones (matched by 编码, else by 名称); parents may appear later in the sheet.
    /// Nothing is written when any row is rejected. `p` may be the system principal of the CLI.
    ImportSummary import_units(const security::Principal& p, const io::Sheet& sheet);

    UserPage list_users(const security::Principal& p, const UserQuery& q);
    User get_user(const security::Principal& p, std::int64_t id);
    /// A new user with an initial password that must be changed at first login.
    User create_user(const security::Principal& p, const UserInput& in);
    User update_user(const security::Principal& p, std::int64_t id, const UserInput& in);
    /// Sets a new initial password (must be changed at next login) and ends the user's sessions.
    void reset_password(const security::Principal& p, std::int64_t id, const std::string& new_password);

    std::vector<security::Grant> list_grants(const security::Principal& p, std::int64_t user_id);
    security::Grant add_grant(const security::Principal& p, std::int64_t user_id, const GrantInput& in);
    void delete_grant(const security::Principal& p, std::int64_t user_id, std::int64_t grant_id);

    /// A principal for command-line administration (`hulei units import`, `hulei user add`).
    static security::Principal system_principal();

private:
    User load_user(db::Tx& tx, std::int64_t id) const;
    User user_of(db::Tx& tx, const db::Row& r) const;
    Unit load_unit(db::Tx& tx, std::int64_t id) const;
    /// Refuses changing another administrator's password, status or unit (三员分立), except from the CLI.
    void check_not_other_admin(db::Tx& tx, const security::Principal& p, std::int64_t user_id) const;
    void check_password(db::Tx& tx, const std::string& password, const std::string& username, const char* field) const;
    void write_unit(db::Tx& tx, const security::Principal& p, std::optional<std::int64_t> id, const Unit& u,
                    std::int64_t now);

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    security::HashCost cost_;

    std::atomic<std::uint64_t> unit_writes_{0};  ///< unit changes committed by this process
    std::mutex version_mutex_;
    std::string db_version_;                     ///< last version read from the database
    std::uint64_t db_version_writes_ = 0;        ///< unit_writes_ when it was read
    std::int64_t db_version_read_at_ = 0;        ///< steady-clock ms when it was read
};

/// How long a unit-list version read from the database is trusted without asking again.
inline constexpr std::int64_t kUnitsRecheckMs = 1000;

}  // namespace hulei::org
