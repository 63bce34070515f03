#include "audit/audit.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "security/keyring.hpp"

namespace hulei::audit {

namespace {

constexpr std::string_view kLock = "SELECT pg_advisory_xact_lock(7210001)";
constexpr std::string_view kHead = "SELECT last_id, last_hash FROM audit_head WHERE id = 1";
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (id, at, actor_user_id, actor_username, action, object_type, object_id, detail, ip, "
    "request_id, prev_hash, hash) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12)";
constexpr std::string_view kInsertHead = "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, :1, :2)";
constexpr std::string_view kUpdateHead = "UPDATE audit_head SET last_id = :1, last_hash = :2 WHERE id = 1";
constexpr std::string_view kSelectAll =
    "SELECT id, at, actor_user_id, actor_username, action, object_type, object_id, detail, ip, request_id, "
    "prev_hash, hash FROM audit_log ORDER BY id";

Entry entry_of(const db::Row& r) {
    Entry e;
    e.id = r.i64("id");
    e.at = r.i64("at");
    e.actor_user_id = r.opt_i64("actor_user_id");
    e.actor_username = r.str("actor_username");
    e.action = r.str("action");
    e.object_type = r.str("object_type");
    e.object_id = r.str("object_id");
    e.detail = r.str("detail");
    e.ip = r.str("ip");
    e.request_id = r.str("request_id");
    e.prev_hash = r.str("prev_hash");
    e.hash = r.str("hash");
    return e;
}

}  // namespace

Actor actor_of(const security::Principal& p) {
    Actor a;
    if (p.user_id) a.user_id = p.user_id;
    a.username = p.username;
    a.ip = p.ip;
    a.request_id = p.request_id;
    return a;
}

std::string entry_hash(const Entry& e) {
    // Canonical form: a JSON array in fixed field order (no ambiguity between fields).
    nlohmann::json canon = nlohmann::json::array(
        {e.id, e.at, e.actor_user_id ? nlohmann::json(*e.actor_user_id) : nlohmann::json(nullptr), e.actor_username,
         e.action, e.object_type, e.object_id, e.detail, e.ip, e.request_id, e.prev_hash});
    return security::sha256_hex(canon.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void append(db::Tx& tx, const Actor& actor, const Event& event, std::int64_t now_ms) {
    if (tx.dialect() == db::Dialect::Postgres) tx.exec(kLock);  // SQLite writers are already serialised
    auto head = tx.query_one(kHead);
    Entry e;
    e.id = head ? head->i64("last_id") + 1 : 1;
    e.prev_hash = head ? head->str("last_hash") : kGenesisHash;
    e.at = now_ms;
    e.actor_user_id = actor.user_id;
    e.actor_username = actor.username.empty() ? "-" : actor.username;
    e.action = event.action;
    e.object_type = event.object_type;
    e.object_id = event.object_id;
    e.detail = (event.detail.is_null() ? nlohmann::json::object() : event.detail).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    e.ip = actor.ip;
    e.request_id = actor.request_id;
    e.hash = entry_hash(e);
    db::Value uid = e.actor_user_id ? db::Value(*e.actor_user_id) : db::Value(nullptr);
    tx.exec(kInsert, {e.id, e.at, uid, e.actor_username, e.action, e.object_type, e.object_id, e.detail, e.ip,
                      e.request_id, e.prev_hash, e.hash});
    if (head) tx.exec(kUpdateHead, {e.id, e.hash});
    else tx.exec(kInsertHead, {e.id, e.hash});
}

VerifyResult verify_entries(const std::vector<Entry>& entries, std::optional<std::int64_t> head_id,
                            const std::string& head_hash) {
    VerifyResult r;
    std::string prev = kGenesisHash;
    std::int64_t expected_id = 1;
    for (const auto& e : entries) {
        ++r.entries;
        auto fail = [&](std::string reason) {
            r.ok = false;
            r.first_bad_id = e.id;
            r.reason = std::move(reason);
        };
        if (e.id != expected_id) {
            fail("第 " + std::to_string(expected_id) + " 条记录缺失或顺序被改动（此处为第 " + std::to_string(e.id) + " 条）");
            r.first_bad_id = expected_id;
            return r;
        }
        if (e.prev_hash != prev) {
            fail("第 " + std::to_string(e.id) + " 条记录的前序哈希不符：之前的记录被删除、插入或调换");
            return r;
        }
        if (entry_hash(e) != e.hash) {
            fail("第 " + std::to_string(e.id) + " 条记录的内容与其哈希不符：该记录被改动");
            return r;
        }
        prev = e.hash;
        r.head_hash = prev;
        ++expected_id;
    }
    const std::int64_t last = entries.empty() ? 0 : entries.back().id;
    if (head_id.value_or(0) != last || (head_id && head_hash != prev)) {
        r.ok = false;
        r.first_bad_id = last + 1;
        r.reason = "日志末尾的记录被删除（链头记录为第 " + std::to_string(head_id.value_or(0)) + " 条，实际只有 " +
                   std::to_string(last) + " 条）";
    }
    return r;
}

VerifyResult verify(db::Database& db) {
    return db.read([](db::Tx& tx) {
        std::vector<Entry> entries;
        for (const auto& row : tx.query(kSelectAll)) entries.push_back(entry_of(row));
        auto head = tx.query_one(kHead);
        return verify_entries(entries, head ? std::optional(head->i64("last_id")) : std::nullopt,
                              head ? head->str("last_hash") : std::string());
    });
}

Page list(db::Tx& tx, const Query& q) {
    std::string where = " WHERE 1=1";
    db::Params params;
    auto add = [&](const std::string& clause, db::Value v) {
        params.push_back(std::move(v));
        where += " AND " + clause + " :" + std::to_string(params.size());
    };
    if (!q.actor.empty()) add("actor_username =", q.actor);
    if (!q.action.empty()) {
        params.push_back(core::escape_like(q.action) + "%");
        where += " AND action LIKE :" + std::to_string(params.size()) + " ESCAPE '\\'";
    }
    if (!q.object_type.empty()) add("object_type =", q.object_type);
    if (q.from_ms) add("at >=", *q.from_ms);
    if (q.to_ms) add("at <", *q.to_ms);
    Page page;
    page.total = tx.scalar_i64("SELECT count(*) FROM audit_log" + where, params);
    params.push_back(q.limit);
    params.push_back(q.offset);
    const std::string sql = std::string(kSelectAll).replace(std::string(kSelectAll).find(" ORDER BY"), 9,
                                                            where + " ORDER BY") +
                            " DESC LIMIT :" + std::to_string(params.size() - 1) + " OFFSET :" +
                            std::to_string(params.size());
    for (const auto& row : tx.query(sql, params)) page.items.push_back(entry_of(row));
    return page;
}

}  // namespace hulei::audit
