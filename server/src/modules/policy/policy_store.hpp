#pragma once
// SQL of the policy module.
#include <string_view>

namespace hulei::policy::sql {

inline constexpr std::string_view kGet = "SELECT value FROM policies WHERE key = :1";
inline constexpr std::string_view kList =
    "SELECT key, value, kind, value_type, min_value, max_value, label_zh, updated_at FROM policies ORDER BY kind, key";
inline constexpr std::string_view kGetFull =
    "SELECT key, value, kind, value_type, min_value, max_value, label_zh, updated_at FROM policies WHERE key = :1";
inline constexpr std::string_view kUpdate = "UPDATE policies SET value = :1, updated_at = :2, updated_by = :3 WHERE key = :4";

}  // namespace hulei::policy::sql
