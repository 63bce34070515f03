#pragma once
// SQL of the org module (units, unit_aliases, users' profile columns, grants, grant_units).
#include <string_view>

namespace hulei::org::sql {

inline constexpr std::string_view kListUnits = "SELECT id, parent_id, name, kind, code FROM units ORDER BY id";
inline constexpr std::string_view kListAliases = "SELECT alias, unit_id FROM unit_aliases ORDER BY alias";
inline constexpr std::string_view kUnitById = "SELECT id, parent_id, name, kind, code FROM units WHERE id = :1";
inline constexpr std::string_view kAliasesOfUnit = "SELECT alias FROM unit_aliases WHERE unit_id = :1 ORDER BY alias";
inline constexpr std::string_view kUnitByName = "SELECT id FROM units WHERE name = :1";
inline constexpr std::string_view kUnitByCode = "SELECT id FROM units WHERE code = :1";
inline constexpr std::string_view kUnitByAlias = "SELECT unit_id FROM unit_aliases WHERE alias = :1";
inline constexpr std::string_view kParentOf = "SELECT parent_id FROM units WHERE id = :1";
inline constexpr std::string_view kInsertUnit =
    "INSERT INTO units (parent_id, name, kind, code, created_at, updated_at) VALUES (:1, :2, :3, :4, :5, :6) RETURNING id";
inline constexpr std::string_view kUpdateUnit =
    "UPDATE units SET parent_id = :1, name = :2, kind = :3, code = :4, updated_at = :5 WHERE id = :6";
inline constexpr std::string_view kDeleteAliases = "DELETE FROM unit_aliases WHERE unit_id = :1";
inline constexpr std::string_view kInsertAlias = "INSERT INTO unit_aliases (alias, unit_id) VALUES (:1, :2)";
inline constexpr std::string_view kDeleteUnit = "DELETE FROM units WHERE id = :1";
inline constexpr std::string_view kCountChildren = "SELECT count(*) FROM units WHERE parent_id = :1";
inline constexpr std::string_view kCountUsersOfUnit = "SELECT count(*) FROM users WHERE unit_id = :1";
inline constexpr std::string_view kCountGrantUnits = "SELECT count(*) FROM grant_units WHERE unit_id = :1";
inline constexpr std::string_view kCountUnits = "SELECT count(*) FROM units";
inline constexpr std::string_view kUnitsVersion =
    "SELECT count(*) AS n, coalesce(max(id), 0) AS max_id, coalesce(max(updated_at), 0) AS max_at FROM units";

inline constexpr std::string_view kUserColumns =
    "SELECT u.id, u.username, u.display_name, u.unit_id, un.name AS unit_name, u.sex, u.phone_enc, u.active, "
    "u.locked_until, u.must_change_password, u.totp_secret_enc, u.created_at FROM users u "
    "JOIN units un ON un.id = u.unit_id";
inline constexpr std::string_view kUserFilter =
    " WHERE (:1 = '' OR u.username LIKE :2 ESCAPE '\\' OR u.display_name LIKE :3 ESCAPE '\\') AND (:4 = 0 OR u.unit_id = :5)";
inline constexpr std::string_view kCountUsers = "SELECT count(*) FROM users u";
inline constexpr std::string_view kUserByUsername = "SELECT id FROM users WHERE username = :1";
inline constexpr std::string_view kInsertUser =
    "INSERT INTO users (username, display_name, unit_id, sex, phone_enc, password_hash, must_change_password, "
    "active, created_at, updated_at) VALUES (:1, :2, :3, :4, :5, :6, :7, 1, :8, :9) RETURNING id";
inline constexpr std::string_view kUpdateUser =
    "UPDATE users SET display_name = :1, unit_id = :2, sex = :3, phone_enc = :4, active = :5, updated_at = :6 "
    "WHERE id = :7";
inline constexpr std::string_view kResetPassword =
    "UPDATE users SET password_hash = :1, must_change_password = 1, updated_at = :2 WHERE id = :3";

inline constexpr std::string_view kGrantsOfUser = "SELECT id, role, scope FROM grants WHERE user_id = :1 ORDER BY id";
inline constexpr std::string_view kGrantUnits = "SELECT unit_id FROM grant_units WHERE grant_id = :1 ORDER BY unit_id";
inline constexpr std::string_view kInsertGrant =
    "INSERT INTO grants (user_id, role, scope, created_at, created_by) VALUES (:1, :2, :3, :4, :5) RETURNING id";
inline constexpr std::string_view kInsertGrantUnit = "INSERT INTO grant_units (grant_id, unit_id) VALUES (:1, :2)";
inline constexpr std::string_view kGrantById = "SELECT id, role, scope FROM grants WHERE id = :1 AND user_id = :2";
inline constexpr std::string_view kDeleteGrant = "DELETE FROM grants WHERE id = :1";

}  // namespace hulei::org::sql
