#pragma once
#include "http/router.hpp"
#include "modules/auth/auth_service.hpp"

namespace hulei::auth {
/// Mounts /api/v1/auth/* (login, logout, me, password, TOTP) and /api/v1/sessions, and makes the
/// router authenticate requests through the session cookie.
void mount_routes(http::Router& r, AuthService& svc);
}  // namespace hulei::auth
