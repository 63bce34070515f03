#pragma once
// SQL of the auth module: sessions, login failures, and the user columns that authentication owns.
#include <string_view>

namespace hulei::auth::sql {

inline constexpr std::string_view kUserByName =
    "SELECT id, username, display_name, unit_id, password_hash, must_change_password, totp_secret_enc, "
    "totp_pending_enc, totp_last_step, active, locked_until FROM users WHERE username = :1";
inline constexpr std::string_view kUserById =
    "SELECT u.id, u.username, u.display_name, u.unit_id, u.password_hash, u.must_change_password, "
    "u.totp_secret_enc, u.totp_pending_enc, u.totp_last_step, u.active, u.locked_until, un.name AS unit_name, "
    "un.kind AS unit_kind FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = :1";
inline constexpr std::string_view kUserWithGrants =
    "SELECT u.id, u.username, u.display_name, u.unit_id, u.must_change_password, u.totp_secret_enc, "
    "g.id AS grant_id, g.role, g.scope, gu.unit_id AS grant_unit_id FROM users u "
    "LEFT JOIN grants g ON g.user_id = u.id LEFT JOIN grant_units gu ON gu.grant_id = g.id WHERE u.id = :1 "
    "ORDER BY g.id, gu.unit_id";

inline constexpr std::string_view kCountFailures =
    "SELECT count(*) FROM login_failures WHERE username = :1 AND at >= :2";
inline constexpr std::string_view kAddFailure = "INSERT INTO login_failures (username, at, ip) VALUES (:1, :2, :3)";
inline constexpr std::string_view kClearFailures = "DELETE FROM login_failures WHERE username = :1";
inline constexpr std::string_view kLockUser = "UPDATE users SET locked_until = :1 WHERE id = :2";
inline constexpr std::string_view kSetTotpStep = "UPDATE users SET totp_last_step = :1 WHERE id = :2";
inline constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent) "
    "VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9)";
/// Everything authentication needs in one statement: the session, its user, the user's grants with their
/// units (one row per grant unit), and the two session policies.
inline constexpr std::string_view kSessionByToken =
    "SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, s.revoked_at, u.id, u.username, "
    "u.display_name, u.unit_id, u.must_change_password, u.totp_secret_enc, u.active, g.id AS grant_id, g.role, "
    "g.scope, gu.unit_id AS grant_unit_id, "
    "(SELECT value FROM policies WHERE key = 'session.idle_minutes') AS idle_minutes, "
    "(SELECT value FROM policies WHERE key = 'totp.required_roles') AS totp_roles "
    "FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN grants g ON g.user_id = u.id "
    "LEFT JOIN grant_units gu ON gu.grant_id = g.id WHERE s.token_hash = :1 ORDER BY g.id, gu.unit_id";
inline constexpr std::string_view kTouchSession = "UPDATE sessions SET last_seen_at = :1 WHERE id = :2";
inline constexpr std::string_view kRevokeSession =
    "UPDATE sessions SET revoked_at = :1 WHERE id = :2 AND revoked_at IS NULL";
inline constexpr std::string_view kRevokeUserSessions =
    "UPDATE sessions SET revoked_at = :1 WHERE user_id = :2 AND revoked_at IS NULL";
inline constexpr std::string_view kRevokeOtherSessions =
    "UPDATE sessions SET revoked_at = :1 WHERE user_id = :2 AND id <> :3 AND revoked_at IS NULL";
inline constexpr std::string_view kActiveSessions =
    "SELECT s.id, s.user_id, u.username, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.revoked_at IS NULL AND s.expires_at > :1 "
    "AND s.last_seen_at > :2 AND (:3 = 0 OR s.user_id = :4) ORDER BY s.last_seen_at DESC";
inline constexpr std::string_view kSessionById = "SELECT id, user_id FROM sessions WHERE id = :1";
inline constexpr std::string_view kSetPassword =
    "UPDATE users SET password_hash = :1, must_change_password = :2, password_changed_at = :3, updated_at = :4 "
    "WHERE id = :5";
inline constexpr std::string_view kSetTotpPending = "UPDATE users SET totp_pending_enc = :1 WHERE id = :2";
inline constexpr std::string_view kEnableTotp =
    "UPDATE users SET totp_secret_enc = totp_pending_enc, totp_pending_enc = NULL, totp_last_step = :1 WHERE id = :2";
inline constexpr std::string_view kClearTotp =
    "UPDATE users SET totp_secret_enc = NULL, totp_pending_enc = NULL, totp_last_step = 0 WHERE id = :1";
inline constexpr std::string_view kPruneFailures = "DELETE FROM login_failures WHERE at < :1";
inline constexpr std::string_view kPruneSessions = "DELETE FROM sessions WHERE expires_at < :1";
inline constexpr std::string_view kUnlock = "UPDATE users SET locked_until = 0 WHERE id = :1";
inline constexpr std::string_view kUsernameOf = "SELECT username FROM users WHERE id = :1";

}  // namespace hulei::auth::sql
