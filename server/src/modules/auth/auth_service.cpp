#include "modules/auth/auth_service.hpp"

#include <algorithm>
#include <map>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "modules/auth/auth_store.hpp"
#include "modules/policy/policy_service.hpp"
#include "security/totp.hpp"

namespace hulei::auth {

namespace {

constexpr const char* kTotpContext = "users.totp_secret";
constexpr const char* kIssuer = "护蕾 Hulei";
/// last_seen_at is written at most this often (a write per request would serialise all reads).
constexpr std::int64_t kTouchEveryMs = 60'000;
constexpr std::int64_t kMinute = 60'000;
/// Expired session rows are kept a week (the audit log names them), then deleted at the next login.
constexpr std::int64_t kKeepExpiredSessionsMs = 7 * 24 * 60 * kMinute;

audit::Actor anonymous_actor(const std::string& username, const ClientInfo& c) {
    return {std::nullopt, username, c.ip, c.request_id};
}

security::Principal with_client(security::Principal p, const ClientInfo& c) {
    p.ip = c.ip;
    p.request_id = c.request_id;
    return p;
}

/// A hash to compare against when the user does not exist, so timing does not reveal it.
const std::string& dummy_hash(security::HashCost cost) {
    static const std::string interactive = security::hash_password("hulei-dummy-password", security::HashCost::Interactive);
    static const std::string minimal = security::hash_password("hulei-dummy-password", security::HashCost::Minimal);
    return cost == security::HashCost::Interactive ? interactive : minimal;
}

enum class LoginOutcome { Ok, BadCredentials, TotpRequired, BadTotp, Locked };

}  // namespace

std::vector<std::string> AuthService::totp_required_roles(db::Tx& tx) {
    return core::split_nonempty(policy::PolicyService::get_text(tx, "totp.required_roles"), ',');
}

security::Principal AuthService::load_principal(db::Tx& tx, std::int64_t user_id) const {
    auto rows = tx.query(sql::kUserWithGrants, {user_id});
    if (rows.empty()) throw core::Error::unauthenticated("unauthenticated", "请先登录");
    return principal_of(rows, totp_required_roles(tx));
}

security::Principal AuthService::principal_of(const std::vector<db::Row>& rows, const std::vector<std::string>& totp_roles) {
    const db::Row& u = rows.front();
    security::Principal p;
    p.user_id = u.i64("id");
    p.username = u.str("username");
    p.display_name = u.str("display_name");
    p.unit_id = u.i64("unit_id");
    for (const auto& g : rows) {
        const auto id = g.opt_i64("grant_id");
        if (!id) continue;
        if (p.grants.empty() || p.grants.back().id != *id) {
            security::Grant grant;
            grant.id = *id;
            grant.role = g.str("role");
            grant.scope = security::parse_scope(g.str("scope")).value_or(security::Scope::OwnUnit);
            p.grants.push_back(std::move(grant));
        }
        if (auto unit = g.opt_i64("grant_unit_id")) p.grants.back().unit_ids.push_back(*unit);
    }
    if (u.boolean("must_change_password")) {
        p.stage = security::SessionStage::MustChangePassword;
    } else if (u.is_null("totp_secret_enc")) {
        for (const auto& g : p.grants)
            if (std::find(totp_roles.begin(), totp_roles.end(), g.role) != totp_roles.end())
                p.stage = security::SessionStage::MustEnrollTotp;
    }
    return p;
}

Me AuthService::me_in(db::Tx& tx, const security::Principal& p) const {
    auto u = tx.query_one(sql::kUserById, {p.user_id});
    if (!u) throw core::Error::unauthenticated("unauthenticated", "请先登录");
    Me me;
    me.principal = p;
    me.unit_name = u->str("unit_name");
    me.unit_kind = u->str("unit_kind");
    me.totp_enabled = !u->is_null("totp_secret_enc");
    const auto required = totp_required_roles(tx);
    for (const auto& g : p.grants)
        if (std::find(required.begin(), required.end(), g.role) != required.end()) me.totp_required = true;
    return me;
}

LoginResult AuthService::login(const std::string& username, const std::string& password, const std::string& totp,
                               const ClientInfo& client) {
    if (username.empty() || password.empty())
        throw core::Error::validation("required", "请输入用户名和密码", username.empty() ? "username" : "password");
    const auto now = clock_.now_ms();

    // 1. Read the account and whether it is locked (no write lock held during the slow hash).
    struct Account {
        std::optional<db::Row> user;
        bool locked = false;
    };
    Account acct = db_.read([&](db::Tx& tx) {
        Account a;
        a.user = tx.query_one(sql::kUserByName, {username});
        const auto window = policy::PolicyService::get_int(tx, "login.failure_window_minutes") * kMinute;
        const auto max_failures = policy::PolicyService::get_int(tx, "login.max_failures");
        if (a.user) a.locked = a.user->i64("locked_until") > now;
        else a.locked = tx.scalar_i64(sql::kCountFailures, {username, now - window}) >= max_failures;
        return a;
    });

    // 2. Check password and TOTP.
    LoginOutcome outcome = LoginOutcome::Ok;
    std::int64_t totp_step = 0;
    const bool password_ok = acct.user ? security::verify_password(acct.user->str("password_hash"), password)
                                       : (security::verify_password(dummy_hash(cost_), password), false);
    if (acct.locked) outcome = LoginOutcome::Locked;
    else if (!password_ok || !acct.user->boolean("active")) outcome = LoginOutcome::BadCredentials;
    else if (!acct.user->is_null("totp_secret_enc")) {
        if (totp.empty()) {
            outcome = LoginOutcome::TotpRequired;
        } else {
            const std::string secret = keyring_.decrypt(acct.user->str("totp_secret_enc"), kTotpContext);
            auto step = security::totp_verify(secret, totp, now / 1000, 1);
            if (!step || *step <= acct.user->i64("totp_last_step")) outcome = LoginOutcome::BadTotp;
            else totp_step = *step;
        }
    }

    // 3. Record the outcome: failures count towards the lock; success opens a session.
    LoginResult result;
    db_.write([&](db::Tx& tx) {
        if (outcome == LoginOutcome::TotpRequired) return;
        if (outcome == LoginOutcome::Locked) {
            audit::append(tx, anonymous_actor(username, client),
                          {"auth.login.failed", "user", username, {{"reason", "locked"}}}, now);
            return;
        }
        if (outcome != LoginOutcome::Ok) {
            const auto window = policy::PolicyService::get_int(tx, "login.failure_window_minutes") * kMinute;
            tx.exec(sql::kPruneFailures, {now - window});  // failures outside the window no longer count
            tx.exec(sql::kAddFailure, {username, now, client.ip});
            const auto max_failures = policy::PolicyService::get_int(tx, "login.max_failures");
            const auto failures = tx.scalar_i64(sql::kCountFailures, {username, now - window});
            const bool lock_now = failures >= max_failures;
            if (lock_now && acct.user) {
                const auto until = now + policy::PolicyService::get_int(tx, "login.lockout_minutes") * kMinute;
                tx.exec(sql::kLockUser, {until, acct.user->i64("id")});
            }
            audit::append(tx, anonymous_actor(username, client),
                          {"auth.login.failed", "user", username,
                           {{"reason", outcome == LoginOutcome::BadTotp ? "bad_totp"
                                       : acct.user                       ? "bad_password"
                                                                         : "unknown_user"},
                            {"failures", failures},
                            {"locked", lock_now}}},
                          now);
            if (lock_now) outcome = LoginOutcome::Locked;
            return;
        }
        const std::int64_t user_id = acct.user->i64("id");
        tx.exec(sql::kClearFailures, {username});
        tx.exec(sql::kPruneSessions, {now - kKeepExpiredSessionsMs});
        if (totp_step) tx.exec(sql::kSetTotpStep, {totp_step, user_id});
        security::Principal p = with_client(load_principal(tx, user_id), client);
        p.session_id = security::random_token(12);
        p.csrf_token = security::random_token(24);
        result.token = security::random_token(32);
        const auto lifetime = policy::PolicyService::get_int(tx, "session.absolute_hours") * 60 * kMinute;
        tx.exec(sql::kInsertSession, {p.session_id, security::sha256_hex(result.token), user_id, p.csrf_token, now,
                                      now, now + lifetime, client.ip, client.user_agent.substr(0, 200)});
        audit::append(tx, audit::actor_of(p), {"auth.login.success", "session", p.session_id, {}}, now);
        result.me = me_in(tx, p);
    });

    switch (outcome) {
        case LoginOutcome::Ok: return result;
        case LoginOutcome::TotpRequired:
            throw core::Error(core::ErrorKind::Unauthenticated, "totp_required", "请输入两步验证码", "totp");
        case LoginOutcome::BadTotp:
            throw core::Error(core::ErrorKind::Unauthenticated, "invalid_totp", "两步验证码错误或已使用", "totp");
        case LoginOutcome::Locked:
            throw core::Error::rate_limited("account_locked", "登录失败次数过多，账户已临时锁定，请稍后再试或联系安全管理员");
        case LoginOutcome::BadCredentials: break;
    }
    throw core::Error::unauthenticated("invalid_credentials", "用户名或密码错误");
}

std::optional<security::Principal> AuthService::authenticate(const std::string& token, const ClientInfo& client) {
    if (token.empty() || token.size() > 128) return std::nullopt;
    const auto now = clock_.now_ms();
    const std::string hash = security::sha256_hex(token);
    bool touch = false;
    auto p = db_.read([&](db::Tx& tx) -> std::optional<security::Principal> {
        const auto rows = tx.query(sql::kSessionByToken, {hash});
        if (rows.empty()) return std::nullopt;
        const db::Row* s = &rows.front();
        if (!s->is_null("revoked_at") || s->i64("expires_at") <= now || !s->boolean("active")) return std::nullopt;
        const auto idle_minutes = s->opt_i64("idle_minutes");
        if (!idle_minutes) throw core::Error::internal("policy missing: session.idle_minutes");
        if (s->i64("last_seen_at") + *idle_minutes * kMinute <= now) return std::nullopt;
        security::Principal pr = with_client(principal_of(rows, core::split_nonempty(s->str("totp_roles"), ',')), client);
        pr.session_id = s->str("session_id");
        pr.csrf_token = s->str("csrf_token");
        touch = now - s->i64("last_seen_at") >= kTouchEveryMs;
        return pr;
    });
    if (p && touch) db_.write([&](db::Tx& tx) { tx.exec(sql::kTouchSession, {now, p->session_id}); });
    return p;
}

void AuthService::logout(const security::Principal& p) {
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        tx.exec(sql::kRevokeSession, {now, p.session_id});
        audit::append(tx, audit::actor_of(p), {"auth.logout", "session", p.session_id, {}}, now);
    });
}

Me AuthService::me(const security::Principal& p) {
    return db_.read([&](db::Tx& tx) { return me_in(tx, p); });
}

void AuthService::require_password(std::int64_t user_id, const std::string& password, const char* field) {
    auto hash = db_.read([&](db::Tx& tx) {
        auto u = tx.query_one(sql::kUserById, {user_id});
        return u ? u->str("password_hash") : std::string();
    });
    if (hash.empty() || !security::verify_password(hash, password))
        throw core::Error::validation("wrong_password", "当前密码不正确", field);
}

Me AuthService::change_password(const security::Principal& p, const std::string& old_password,
                                const std::string& new_password) {
    require_password(p.user_id, old_password, "old_password");
    const auto min_length = db_.read([](db::Tx& tx) { return policy::PolicyService::get_int(tx, "password.min_length"); });
    if (auto why = security::password_policy_violation(new_password, p.username, static_cast<int>(min_length)))
        throw core::Error::validation("weak_password", *why, "new_password");
    if (new_password == old_password)
        throw core::Error::validation("weak_password", "新密码不能与当前密码相同", "new_password");
    const std::string hash = security::hash_password(new_password, cost_);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        tx.exec(sql::kSetPassword, {hash, std::int64_t{0}, now, now, p.user_id});
        tx.exec(sql::kRevokeOtherSessions, {now, p.user_id, p.session_id});
        audit::append(tx, audit::actor_of(p), {"auth.password.change", "user", std::to_string(p.user_id), {}}, now);
        security::Principal fresh = load_principal(tx, p.user_id);
        fresh.session_id = p.session_id;
        fresh.csrf_token = p.csrf_token;
        fresh.ip = p.ip;
        fresh.request_id = p.request_id;
        return me_in(tx, fresh);
    });
}

TotpSetup AuthService::totp_setup(const security::Principal& p, const std::string& password) {
    const bool enrolled = db_.read([&](db::Tx& tx) {
        auto u = tx.query_one(sql::kUserById, {p.user_id});
        return u && !u->is_null("totp_secret_enc");
    });
    if (enrolled) {
        if (password.empty())
            throw core::Error::validation("password_required", "已启用两步验证，更换密钥需要输入当前密码", "password");
        require_password(p.user_id, password, "password");
    }
    TotpSetup out;
    out.secret = security::totp_new_secret();
    out.otpauth_uri = security::otpauth_uri(kIssuer, p.username, out.secret);
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        tx.exec(sql::kSetTotpPending, {keyring_.encrypt(out.secret, kTotpContext), p.user_id});
        audit::append(tx, audit::actor_of(p), {"auth.totp.setup", "user", std::to_string(p.user_id), {}}, now);
    });
    return out;
}

Me AuthService::totp_enable(const security::Principal& p, const std::string& code) {
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto u = tx.query_one(sql::kUserById, {p.user_id});
        if (!u || u->is_null("totp_pending_enc"))
            throw core::Error::validation("totp_not_started", "请先生成两步验证密钥", "code");
        const std::string secret = keyring_.decrypt(u->str("totp_pending_enc"), kTotpContext);
        auto step = security::totp_verify(secret, code, now / 1000, 1);
        if (!step) throw core::Error::validation("invalid_totp", "验证码错误，请核对手机时间后重试", "code");
        tx.exec(sql::kEnableTotp, {*step, p.user_id});
        audit::append(tx, audit::actor_of(p), {"auth.totp.enable", "user", std::to_string(p.user_id), {}}, now);
        security::Principal fresh = load_principal(tx, p.user_id);
        fresh.session_id = p.session_id;
        fresh.csrf_token = p.csrf_token;
        return me_in(tx, fresh);
    });
}

Me AuthService::totp_disable(const security::Principal& p, const std::string& password) {
    require_password(p.user_id, password, "password");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto required = totp_required_roles(tx);
        for (const auto& g : p.grants)
            if (std::find(required.begin(), required.end(), g.role) != required.end())
                throw core::Error::forbidden("totp_required_by_policy", "您的角色按规定必须启用两步验证");
        tx.exec(sql::kClearTotp, {p.user_id});
        audit::append(tx, audit::actor_of(p), {"auth.totp.disable", "user", std::to_string(p.user_id), {}}, now);
        return me_in(tx, p);
    });
}

std::vector<SessionInfo> AuthService::sessions(const security::Principal& p, std::int64_t user_id) {
    const auto now = clock_.now_ms();
    return db_.read([&](db::Tx& tx) {
        const auto idle = policy::PolicyService::get_int(tx, "session.idle_minutes") * kMinute;
        std::vector<SessionInfo> out;
        for (const auto& r : tx.query(sql::kActiveSessions, {now, now - idle, user_id, user_id}))
            out.push_back({r.str("id"), r.i64("user_id"), r.str("username"), r.i64("created_at"),
                           r.i64("last_seen_at"), r.i64("expires_at"), r.str("ip"), r.str("user_agent")});
        return out;
    });
}

void AuthService::revoke_session(const security::Principal& p, const std::string& session_id) {
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        if (!tx.query_one(sql::kSessionById, {session_id})) throw core::Error::not_found("会话不存在");
        tx.exec(sql::kRevokeSession, {now, session_id});
        audit::append(tx, audit::actor_of(p), {"auth.session.revoke", "session", session_id, {}}, now);
    });
}

void AuthService::revoke_user_sessions(db::Tx& tx, std::int64_t user_id, std::int64_t now_ms) {
    tx.exec(sql::kRevokeUserSessions, {now_ms, user_id});
}

void AuthService::unlock_user(const security::Principal& p, std::int64_t user_id) {
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        auto u = tx.query_one(sql::kUsernameOf, {user_id});
        if (!u) throw core::Error::not_found("用户不存在");
        tx.exec(sql::kUnlock, {user_id});
        tx.exec(sql::kClearFailures, {u->str("username")});
        audit::append(tx, audit::actor_of(p), {"auth.user.unlock", "user", std::to_string(user_id), {}}, now);
    });
}

void AuthService::reset_totp(const security::Principal& p, std::int64_t user_id) {
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        if (!tx.query_one(sql::kUsernameOf, {user_id})) throw core::Error::not_found("用户不存在");
        tx.exec(sql::kClearTotp, {user_id});
        revoke_user_sessions(tx, user_id, now);
        audit::append(tx, audit::actor_of(p), {"auth.totp.reset", "user", std::to_string(user_id), {}}, now);
    });
}

}  // namespace hulei::auth
