#pragma once
// The audit log: append-only, hash-chained, written in the caller's transaction. Every change and
// every read of a sensitive record goes here. No API can edit or delete an entry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "security/principal.hpp"

namespace hulei::audit {

/// Who acted. user_id is empty for anonymous events (a failed login of an unknown user).
struct Actor {
    std::optional<std::int64_t> user_id;
    std::string username;
    std::string ip;
    std::string request_id;
};

/// The actor of a request's principal.
Actor actor_of(const security::Principal& p);

/// What happened: `action` is `<module>.<object>.<verb>` (org.unit.create, children.child.read);
/// `detail` never holds a password, a secret or a plain ID number.
struct Event {
    std::string action;
    std::string object_type;
    std::string object_id;
    nlohmann::json detail = nlohmann::json::object();
};

/// One stored entry.
struct Entry {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::optional<std::int64_t> actor_user_id;
    std::string actor_username;
    std::string action;
    std::string object_type;
    std::string object_id;
    std::string detail;  ///< canonical JSON text
    std::string ip;
    std::string request_id;
    std::string prev_hash;
    std::string hash;
};

/// The chain's starting hash (before entry 1).
inline constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

/// SHA-256 (hex) over the canonical serialisation of every field of `e` but `hash`, `prev_hash` included.
std::string entry_hash(const Entry& e);

/// Appends `event` in transaction `tx` (serialised so the chain never forks).
void append(db::Tx& tx, const Actor& actor, const Event& event, std::int64_t now_ms);

/// Result of checking the chain.
struct VerifyResult {
    bool ok = true;
    std::int64_t entries = 0;
    std::optional<std::int64_t> first_bad_id;  ///< the first entry that was edited, removed or moved
    std::string reason;                        ///< Chinese explanation
    std::string head_hash;                     ///< hash of the last good entry: keep it elsewhere to anchor the chain
};

/// Checks entries in order: ids consecutive from 1, each prev_hash equal to the previous hash,
/// each hash recomputed, and the stored head equal to the last entry.
VerifyResult verify_entries(const std::vector<Entry>& entries, std::optional<std::int64_t> head_id,
                            const std::string& head_hash);
/// Reads the whole log and verifies it.
VerifyResult verify(db::Database& db);

/// Filters for reading the log.
struct Query {
    std::string actor;        ///< username, exact
    std::string action;       ///< prefix, e.g. "org." or "auth.login"
    std::string object_type;
    std::optional<std::int64_t> from_ms, to_ms;
    std::int64_t offset = 0, limit = 20;
};
struct Page {
    std::vector<Entry> items;
    std::int64_t total = 0;
};
Page list(db::Tx& tx, const Query& q);

}  // namespace hulei::audit
