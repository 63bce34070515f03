#pragma once
// Plain types of the org module: units of the organisation tree, users, role grants.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "security/principal.hpp"

namespace hulei::org {

/// Unit kinds (DOMAIN.md glossary), with their Chinese names used in imports and the console.
struct UnitKind {
    std::string_view code;   ///< town, department, police_station, …
    std::string_view label;  ///< 镇, 部门, 派出所, …
};
const std::vector<UnitKind>& unit_kinds();
/// The kind code of a code or a Chinese label (村（社区）, 村, 社区 → village), or nullopt.
std::optional<std::string> parse_unit_kind(std::string_view text);

struct Unit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string name;
    std::string kind;
    std::string code;
    std::vector<std::string> aliases;
};

/// Fields of a new unit or of an update (absent optionals are left unchanged on update).
struct UnitInput {
    std::optional<std::string> name, kind, code;
    std::optional<std::optional<std::int64_t>> parent_id;  ///< outer empty: unchanged; inner empty: no parent
    std::optional<std::vector<std::string>> aliases;
};

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::optional<std::string> sex;
    std::optional<std::string> phone_masked;
    bool active = true;
    bool locked = false;
    bool must_change_password = true;
    bool totp_enabled = false;
    std::int64_t created_at = 0;
    std::vector<security::Grant> grants;
};

struct UserInput {
    std::optional<std::string> username, display_name, sex, phone, initial_password;
    std::optional<std::int64_t> unit_id;
    std::optional<bool> active;
    bool must_change_password = true;  ///< only the command line (demo, `user add`) may create a user without
};

struct UserQuery {
    std::string q;
    std::optional<std::int64_t> unit_id;
    std::int64_t offset = 0, limit = 20;
};

struct UserPage {
    std::vector<User> items;
    std::int64_t total = 0;
};

struct GrantInput {
    std::string role;
    std::string scope;
    std::vector<std::int64_t> unit_ids;
};

/// A row of a units sheet that could not be imported.
struct ImportProblem {
    std::int64_t row = 0;  ///< 1-based data row number as in the sheet (header is row 1, so data starts at 2)
    std::string reason;
};

struct ImportSummary {
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::vector<ImportProblem> rejected;
};

/// Whether adding `role` to a user who holds `existing` breaks 三员分立 (the three administrators
/// are separate people and hold no business role): returns the Chinese reason, or nullopt.
std::optional<std::string> separation_violation(const std::vector<std::string>& existing, std::string_view role);

}  // namespace hulei::org
