// HTTP routes of the auth module: parse → one service call → serialise.
#include "modules/auth/auth_routes.hpp"

#include "core/error.hpp"
#include "http/json_io.hpp"
#include "http/principal_json.hpp"
#include "security/permissions.hpp"

namespace hulei::auth {

namespace {

using http::Guard;
using http::Json;
using http::grant_json;

std::string_view stage_name(security::SessionStage s) {
    switch (s) {
        case security::SessionStage::Full: return "full";
        case security::SessionStage::MustChangePassword: return "must_change_password";
        case security::SessionStage::MustEnrollTotp: return "must_enroll_totp";
    }
    return "full";
}

Json me_json(const Me& me) {
    const auto& p = me.principal;
    Json roles = Json::array();
    Json perms = Json::array();
    std::set<std::string> seen;
    for (const auto& g : p.grants) {
        roles.push_back(grant_json(g));
        for (const auto& perm : security::permissions_of(g.role))
            if (seen.insert(perm).second) perms.push_back(perm);
    }
    return {{"id", p.user_id},
            {"username", p.username},
            {"display_name", p.display_name},
            {"unit", {{"id", p.unit_id}, {"name", me.unit_name}, {"kind", me.unit_kind}}},
            {"roles", roles},
            {"permissions", perms},
            {"stage", stage_name(p.stage)},
            {"totp_enabled", me.totp_enabled},
            {"totp_required", me.totp_required},
            {"csrf_token", p.csrf_token}};
}

ClientInfo client_of(const http::Request& req) {
    return {req.remote_addr, req.header("user-agent"), req.request_id};
}

std::string session_cookie(const std::string& token, bool secure) {
    return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

}  // namespace

void mount_routes(http::Router& r, AuthService& svc) {
    r.set_authenticator([&svc](const http::Request& req) {
        return svc.authenticate(req.cookie(kSessionCookie), client_of(req));
    });

    r.add("POST", "/api/v1/auth/login", Guard::anyone(), [&svc](const http::Request& req, const security::Principal&) {
        http::Body body(req, {"username", "password", "totp"});
        auto result = svc.login(body.opt_str("username", 64).value_or(""), body.secret("password"),
                                body.opt_str("totp", 16).value_or(""), client_of(req));
        auto res = http::ok(me_json(result.me));
        res.set_header("Set-Cookie", session_cookie(result.token, req.secure));
        return res;
    }, http::kDefaultMaxBody, http::Cost::Slow);
    r.add("POST", "/api/v1/auth/logout", Guard::any_session(), [&svc](const http::Request& req, const security::Principal& p) {
        svc.logout(p);
        auto res = http::no_content();
        res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        return res;
    });
    r.add("GET", "/api/v1/auth/me", Guard::any_session(),
          [&svc](const http::Request&, const security::Principal& p) { return http::ok(me_json(svc.me(p))); });
    r.add("POST", "/api/v1/auth/password", Guard::any_session(), [&svc](const http::Request& req, const security::Principal& p) {
        http::Body body(req, {"old_password", "new_password"});
        return http::ok(me_json(svc.change_password(p, body.secret("old_password"), body.secret("new_password"))));
    }, http::kDefaultMaxBody, http::Cost::Slow);
    r.add("POST", "/api/v1/auth/totp/setup", Guard::any_session(), [&svc](const http::Request& req, const security::Principal& p) {
        std::string password;
        if (!req.body.empty()) {
            http::Body body(req, {"password"});
            if (body.has("password")) password = body.secret("password");
        }
        auto s = svc.totp_setup(p, password);
        return http::ok({{"secret", s.secret}, {"otpauth_uri", s.otpauth_uri}});
    }, http::kDefaultMaxBody, http::Cost::Slow);
    r.add("POST", "/api/v1/auth/totp/enable", Guard::any_session(), [&svc](const http::Request& req, const security::Principal& p) {
        http::Body body(req, {"code"});
        return http::ok(me_json(svc.totp_enable(p, body.str("code", 16))));
    });
    r.add("POST", "/api/v1/auth/totp/disable", Guard::authenticated(), [&svc](const http::Request& req, const security::Principal& p) {
        http::Body body(req, {"password"});
        return http::ok(me_json(svc.totp_disable(p, body.secret("password"))));
    }, http::kDefaultMaxBody, http::Cost::Slow);

    r.add("GET", "/api/v1/sessions", Guard::permission_of("auth:session:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              std::int64_t user_id = 0;
              const auto v = req.query_value("user_id");
              if (!v.empty()) {
                  if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
                      throw core::Error::validation("wrong_type", "user_id 应为正整数", "user_id");
                  user_id = std::stoll(v);
              }
              Json items = Json::array();
              for (const auto& s : svc.sessions(p, user_id))
                  items.push_back({{"id", s.id},
                                   {"user_id", s.user_id},
                                   {"username", s.username},
                                   {"created_at", s.created_at},
                                   {"last_seen_at", s.last_seen_at},
                                   {"expires_at", s.expires_at},
                                   {"ip", s.ip},
                                   {"user_agent", s.user_agent},
                                   {"current", s.id == p.session_id}});
              return http::ok({{"items", items}, {"total", items.size()}});
          });
    r.add("DELETE", "/api/v1/sessions/{id}", Guard::permission_of("auth:session:revoke"),
          [&svc](const http::Request& req, const security::Principal& p) {
              svc.revoke_session(p, req.param("id"));
              return http::no_content();
          });
    r.add("POST", "/api/v1/users/{id}/unlock", Guard::permission_of("auth:user:unlock"),
          [&svc](const http::Request& req, const security::Principal& p) {
              svc.unlock_user(p, req.id_param("id"));
              return http::no_content();
          });
    r.add("POST", "/api/v1/users/{id}/totp/reset", Guard::permission_of("auth:totp:reset"),
          [&svc](const http::Request& req, const security::Principal& p) {
              svc.reset_totp(p, req.id_param("id"));
              return http::no_content();
          });
}

}  // namespace hulei::auth
