#pragma once
// Plain types of the auth module: the signed-in user's view of themselves and session listings.
#include <cstdint>
#include <string>
#include <vector>

#include "security/principal.hpp"

namespace hulei::auth {

/// What GET /api/v1/auth/me returns.
struct Me {
    security::Principal principal;
    std::string unit_name;
    std::string unit_kind;
    bool totp_enabled = false;
    bool totp_required = false;
};

/// A successful login: the cookie token (never stored) and the user's view.
struct LoginResult {
    std::string token;
    Me me;
};

struct TotpSetup {
    std::string secret;       ///< base32, shown once for manual entry
    std::string otpauth_uri;  ///< for the QR code
};

struct SessionInfo {
    std::string id;
    std::int64_t user_id = 0;
    std::string username;
    std::int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
    std::string ip, user_agent;
};

/// Where a login attempt comes from.
struct ClientInfo {
    std::string ip;
    std::string user_agent;
    std::string request_id;
};

}  // namespace hulei::auth
