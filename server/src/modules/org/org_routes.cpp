// HTTP routes of the org module: parse → one service call → serialise.
#include "modules/org/org_routes.hpp"

#include <memory>
#include <mutex>

#include "core/error.hpp"
#include "http/json_io.hpp"
#include "http/principal_json.hpp"
#include "security/permissions.hpp"

namespace hulei::org {

namespace {

using http::Guard;
using http::Json;
using http::grant_json;

Json unit_json(const Unit& u) {
    return {{"id", u.id},
            {"parent_id", u.parent_id ? Json(*u.parent_id) : Json(nullptr)},
            {"name", u.name},
            {"kind", u.kind},
            {"code", u.code},
            {"aliases", u.aliases}};
}

Json user_json(const User& u) {
    Json roles = Json::array();
    for (const auto& g : u.grants) roles.push_back(grant_json(g));
    return {{"id", u.id},
            {"username", u.username},
            {"display_name", u.display_name},
            {"unit", {{"id", u.unit_id}, {"name", u.unit_name}}},
            {"sex", u.sex ? Json(*u.sex) : Json(nullptr)},
            {"phone_masked", u.phone_masked ? Json(*u.phone_masked) : Json(nullptr)},
            {"active", u.active},
            {"locked", u.locked},
            {"must_change_password", u.must_change_password},
            {"totp_enabled", u.totp_enabled},
            {"roles", roles},
            {"created_at", u.created_at}};
}

UnitInput unit_input(const http::Body& b) {
    UnitInput in;
    in.name = b.opt_str("name", 100);
    in.kind = b.opt_str("kind", 40);
    in.code = b.opt_str("code", 40);
    if (b.has("parent_id")) in.parent_id = b.opt_i64("parent_id");
    if (b.has("aliases")) in.aliases = b.strings("aliases", 100);
    return in;
}


/// The serialised unfiltered unit list, reused while the units' version is unchanged (every console
/// page loads it for its unit pickers).
struct UnitListCache {
    std::mutex mutex;
    std::string version;
    std::string body;
};

http::Response unit_list(OrgService& svc, const security::Principal& p, const std::string& q, const std::string& kind) {
    Json items = Json::array();
    for (const auto& u : svc.list_units(p, q, kind)) items.push_back(unit_json(u));
    return http::ok({{"items", items}, {"total", items.size()}});
}

}  // namespace

void mount_routes(http::Router& r, OrgService& svc) {
    auto cache = std::make_shared<UnitListCache>();
    r.add("GET", "/api/v1/units", Guard::permission_of("org:unit:list"), [&svc, cache](const http::Request& req, const security::Principal& p) {
        const std::string q = req.query_value("q"), kind = req.query_value("kind");
        if (!q.empty() || !kind.empty()) return unit_list(svc, p, q, kind);
        const std::string version = svc.units_version(p);
        {
            std::lock_guard lock(cache->mutex);
            if (cache->version == version) {
                http::Response res;
                res.body = cache->body;
                return res;
            }
        }
        auto res = unit_list(svc, p, q, kind);
        std::lock_guard lock(cache->mutex);
        cache->version = version;
        cache->body = res.body;
        return res;
    });
    r.add("GET", "/api/v1/units/{id}", Guard::permission_of("org:unit:list"),
          [&svc](const http::Request& req, const security::Principal& p) { return http::ok(unit_json(svc.get_unit(p, req.id_param("id")))); });
    r.add("POST", "/api/v1/units", Guard::permission_of("org:unit:create"), [&svc](const http::Request& req, const security::Principal& p) {
        http::Body body(req, {"name", "kind", "parent_id", "code", "aliases"});
        return http::created(unit_json(svc.create_unit(p, unit_input(body))));
    });
    r.add("PUT", "/api/v1/units/{id}", Guard::permission_of("org:unit:update"), [&svc](const http::Request& req, const security::Principal& p) {
        const auto id = req.id_param("id");
        http::Body body(req, {"name", "kind", "parent_id", "code", "aliases"});
        return http::ok(unit_json(svc.update_unit(p, id, unit_input(body))));
    });
    r.add("DELETE", "/api/v1/units/{id}", Guard::permission_of("org:unit:delete"), [&svc](const http::Request& req, const security::Principal& p) {
        svc.delete_unit(p, req.id_param("id"));
        return http::no_content();
    });

    r.add("GET", "/api/v1/users", Guard::permission_of("org:user:list"), [&svc](const http::Request& req, const security::Principal& p) {
        const auto page = http::page_of(req);
        UserQuery q{req.query_value("q"), req.query_id("unit_id"), page.offset(), page.size};
        const auto result = svc.list_users(p, q);
        Json items = Json::array();
        for (const auto& u : result.items) items.push_back(user_json(u));
        return http::ok({{"items", items}, {"total", result.total}});
    });
    r.add("GET", "/api/v1/users/{id}", Guard::permission_of("org:user:list"),
          [&svc](const http::Request& req, const security::Principal& p) { return http::ok(user_json(svc.get_user(p, req.id_param("id")))); });
    r.add("POST", "/api/v1/users", Guard::permission_of("org:user:create"), [&svc](const http::Request& req, const security::Principal& p) {
        http::Body b(req, {"username", "display_name", "unit_id", "sex", "phone", "initial_password"});
        UserInput in;
        in.username = b.opt_str("username", 32);
        in.display_name = b.opt_str("display_name", 50);
        in.unit_id = b.opt_i64("unit_id");
        in.sex = b.opt_str("sex", 1);
        in.phone = b.opt_str("phone", 20);
        if (b.has("initial_password")) in.initial_password = b.secret("initial_password");
        return http::created(user_json(svc.create_user(p, in)));
    }, http::kDefaultMaxBody, http::Cost::Slow);
    r.add("PUT", "/api/v1/users/{id}", Guard::permission_of("org:user:update"), [&svc](const http::Request& req, const security::Principal& p) {
        const auto id = req.id_param("id");
        http::Body b(req, {"display_name", "unit_id", "sex", "phone", "active"});
        UserInput in;
        in.display_name = b.opt_str("display_name", 50);
        in.unit_id = b.opt_i64("unit_id");
        in.sex = b.opt_str("sex", 1);
        if (b.has("phone")) in.phone = b.opt_str("phone", 20).value_or("");
        in.active = b.opt_bool("active");
        return http::ok(user_json(svc.update_user(p, id, in)));
    });
    r.add("POST", "/api/v1/users/{id}/password", Guard::permission_of("org:user:reset_password"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"new_password"});
              svc.reset_password(p, id, b.secret("new_password"));
              return http::no_content();
          }, http::kDefaultMaxBody, http::Cost::Slow);

    r.add("GET", "/api/v1/users/{id}/grants", Guard::permission_of("org:grant:list"), [&svc](const http::Request& req, const security::Principal& p) {
        Json items = Json::array();
        for (const auto& g : svc.list_grants(p, req.id_param("id"))) items.push_back(grant_json(g));
        return http::ok({{"items", items}, {"total", items.size()}});
    });
    r.add("POST", "/api/v1/users/{id}/grants", Guard::permission_of("org:grant:create"), [&svc](const http::Request& req, const security::Principal& p) {
        const auto id = req.id_param("id");
        http::Body b(req, {"role", "scope", "unit_ids"});
        GrantInput in{b.str("role", 40), b.opt_str("scope", 20).value_or("own_unit"), b.ids("unit_ids")};
        return http::created(grant_json(svc.add_grant(p, id, in)));
    });
    r.add("DELETE", "/api/v1/users/{id}/grants/{grant_id}", Guard::permission_of("org:grant:delete"),
          [&svc](const http::Request& req, const security::Principal& p) {
              svc.delete_grant(p, req.id_param("id"), req.id_param("grant_id"));
              return http::no_content();
          });

    r.add("GET", "/api/v1/roles", Guard::authenticated(), [](const http::Request&, const security::Principal&) {
        Json items = Json::array();
        for (const auto& role : security::roles())
            items.push_back({{"name", role.name},
                             {"label", role.label_zh},
                             {"admin", role.admin},
                             {"permissions", security::permissions_of(role.name)}});
        return http::ok({{"items", items}, {"total", items.size()}});
    });
}

}  // namespace hulei::org
