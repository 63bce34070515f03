#pragma once
// Policy values: every deadline, interval, cap and threshold lives here, not in code (STYLE.md §10).
#include <cstdint>
#include <string>
#include <vector>

#include "audit/audit.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "security/principal.hpp"

namespace hulei::policy {

struct Policy {
    std::string key;
    std::string value;
    std::string kind;        ///< "security" (secadmin) or "general" (sysadmin)
    std::string value_type;  ///< "int" or "text"
    std::optional<std::int64_t> min_value, max_value;
    std::string label_zh;
    std::int64_t updated_at = 0;
};

class PolicyService {
public:
    PolicyService(db::Database& db, core::Clock& clock) : db_(db), clock_(clock) {}

    /// An integer policy read inside the caller's transaction; throws Internal when it is missing.
    static std::int64_t get_int(db::Tx& tx, const std::string& key);
    static std::string get_text(db::Tx& tx, const std::string& key);

    std::vector<Policy> list(const security::Principal& p);
    /// Changes one value: security policies need policy:security:update, general ones policy:general:update.
    Policy update(const security::Principal& p, const std::string& key, const std::string& value);

private:
    db::Database& db_;
    core::Clock& clock_;
};

}  // namespace hulei::policy
