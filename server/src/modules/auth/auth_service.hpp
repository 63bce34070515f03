#pragma once
// Accounts and sessions: login with lockout and TOTP, server-side sessions with idle and absolute
// expiry, CSRF tokens, forced password change, TOTP enrolment, session revocation.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/auth/auth_types.hpp"
#include "security/keyring.hpp"
#include "security/password.hpp"
#include "security/principal.hpp"

namespace hulei::auth {

/// The session cookie's name.
inline constexpr const char* kSessionCookie = "hulei_session";

class AuthService {
public:
    AuthService(db::Database& db, core::Clock& clock, const security::Keyring& keyring, security::HashCost cost)
        : db_(db), clock_(clock), keyring_(keyring), cost_(cost) {}

    /// Checks credentials (and the TOTP code when the user has enrolled), records failures and locks
    /// the account after too many; on success creates a session. Throws Unauthenticated or RateLimited.
    LoginResult login(const std::string& username, const std::string& password, const std::string& totp,
                      const ClientInfo& client);
    /// The principal of a session cookie token, or nullopt when unknown, revoked or expired.
    std::optional<security::Principal> authenticate(const std::string& token, const ClientInfo& client);
    void logout(const security::Principal& p);
    Me me(const security::Principal& p);
    /// Changes the caller's password (old one required); ends the caller's other sessions.
    Me change_password(const security::Principal& p, const std::string& old_password,
                       const std::string& new_password);
    /// Starts TOTP enrolment: a new pending secret. Replacing an enrolled secret needs the password.
    TotpSetup totp_setup(const security::Principal& p, const std::string& password);
    /// Completes enrolment with a code from the authenticator app.
    Me totp_enable(const security::Principal& p, const std::string& code);
    /// Removes the caller's TOTP; refused when policy requires it for one of the caller's roles.
    Me totp_disable(const security::Principal& p, const std::string& password);

    /// Active sessions (auth:session:list), optionally of one user.
    std::vector<SessionInfo> sessions(const security::Principal& p, std::int64_t user_id);
    void revoke_session(const security::Principal& p, const std::string& session_id);
    /// Ends every session of a user (after a password reset or deactivation), in the caller's transaction.
    static void revoke_user_sessions(db::Tx& tx, std::int64_t user_id, std::int64_t now_ms);
    void unlock_user(const security::Principal& p, std::int64_t user_id);
    void reset_totp(const security::Principal& p, std::int64_t user_id);

    /// The roles that must use TOTP, from policy totp.required_roles.
    static std::vector<std::string> totp_required_roles(db::Tx& tx);

private:
    security::Principal load_principal(db::Tx& tx, std::int64_t user_id) const;
    /// The principal of a user from rows holding the user's columns (id, username, display_name, unit_id,
    /// must_change_password, totp_secret_enc) and one grant unit each (grant_id, role, scope, grant_unit_id).
    static security::Principal principal_of(const std::vector<db::Row>& rows, const std::vector<std::string>& totp_roles);
    Me me_in(db::Tx& tx, const security::Principal& p) const;
    void require_password(std::int64_t user_id, const std::string& password, const char* field);

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    security::HashCost cost_;
};

}  // namespace hulei::auth
