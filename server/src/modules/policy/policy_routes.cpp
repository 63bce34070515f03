// HTTP routes of the policy module: parse → one service call → serialise.
#include "http/json_io.hpp"
#include "modules/policy/policy_routes.hpp"

namespace hulei::policy {

namespace {

http::Json to_json(const Policy& p) {
    return {{"key", p.key},
            {"value", p.value},
            {"kind", p.kind},
            {"value_type", p.value_type},
            {"min", p.min_value ? http::Json(*p.min_value) : http::Json(nullptr)},
            {"max", p.max_value ? http::Json(*p.max_value) : http::Json(nullptr)},
            {"label", p.label_zh},
            {"updated_at", p.updated_at}};
}

}  // namespace

void mount_routes(http::Router& r, PolicyService& svc) {
    using http::Guard;
    r.add("GET", "/api/v1/policies", Guard::permission_of("policy:policy:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              http::Json items = http::Json::array();
              for (const auto& pol : svc.list(p)) items.push_back(to_json(pol));
              return http::ok({{"items", items}, {"total", items.size()}});
          });
    r.add("PUT", "/api/v1/policies/{key}", Guard::permission_of("policy:policy:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              http::Body body(req, {"value"});
              return http::ok(to_json(svc.update(p, req.param("key"), body.str("value", 500))));
          });
}

}  // namespace hulei::policy
