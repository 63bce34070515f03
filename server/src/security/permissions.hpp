#pragma once
// Roles and the permissions each carries (DOMAIN.md, "Roles"). Permission names follow
// `<module>:<object>:<action>`, the same words as the route table and the console.
#include <string>
#include <string_view>
#include <vector>

namespace hulei::security {

struct RoleInfo {
    std::string name;        ///< code name, e.g. "village"
    std::string label_zh;    ///< 村（社区）干部 / 儿童主任
    bool admin;              ///< one of the three separated administrators (三员分立)
};

/// Every role, in display order.
const std::vector<RoleInfo>& roles();
const RoleInfo* find_role(std::string_view name);
/// The permissions of `role`; empty for an unknown role.
const std::vector<std::string>& permissions_of(std::string_view role);
bool role_has(std::string_view role, std::string_view permission);

}  // namespace hulei::security
