// HTTP routes of visits: parse → one service call → serialise.
#include "modules/children/visit_routes.hpp"

#include "core/error.hpp"
#include "http/json_io.hpp"

namespace hulei::children {

namespace {

using http::Guard;
using http::Json;

constexpr std::size_t kMaxText = 2000;

Json opt(const std::optional<std::string>& v) {
    return v ? Json(*v) : Json(nullptr);
}
Json opt(const std::optional<std::int64_t>& v) {
    return v ? Json(*v) : Json(nullptr);
}

Json visit_json(const Visit& v) {
    return {{"id", v.id},
            {"child_id", v.child_id},
            {"visited_at", v.visited_at},
            {"visitor_person_id", opt(v.visitor_person_id)},
            {"visitor_user_id", opt(v.visitor_user_id)},
            {"method", v.method},
            {"findings", v.findings},
            {"risks", opt(v.risks)},
            {"follow_up", opt(v.follow_up)},
            {"urgent", v.urgent},
            {"version", v.version},
            {"created_at", v.created_at},
            {"updated_at", v.updated_at},
            {"created_by", opt(v.created_by)},
            {"updated_by", opt(v.updated_by)}};
}

/// The fields of a visit from a JSON body; `with_version` for an edit.
VisitInput parse_visit(const http::Request& req, bool with_version) {
    std::initializer_list<std::string_view> create_fields = {"visited_at", "method", "findings",         "risks",
                                                             "follow_up",  "urgent", "visitor_person_id"};
    std::initializer_list<std::string_view> edit_fields = {"visited_at", "method", "findings",          "risks",
                                                           "follow_up",  "urgent", "visitor_person_id", "version"};
    http::Body b(req, with_version ? edit_fields : create_fields);
    VisitInput in;
    in.visited_at = b.opt_i64("visited_at");
    in.method = b.opt_str("method", 10);
    in.findings = b.opt_str("findings", kMaxText);
    if (b.has("risks")) in.risks = b.opt_str("risks", kMaxText);
    if (b.has("follow_up")) in.follow_up = b.opt_str("follow_up", kMaxText);
    in.urgent = b.opt_bool("urgent");
    if (b.has("visitor_person_id")) in.visitor_person_id = b.opt_i64("visitor_person_id");
    if (with_version) in.version = b.opt_i64("version");
    return in;
}

}  // namespace

void mount_visit_routes(http::Router& r, VisitService& svc) {
    r.add("GET", "/api/v1/visits/due", Guard::permission_of("children:visit:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& d : svc.due(p, req.query_id("village_id")))
                  items.push_back({{"child_id", d.child_id},
                                   {"name", d.name},
                                   {"village", {{"id", d.village_id}, {"name", d.village}}},
                                   {"categories", d.categories},
                                   {"risk_level", d.risk_level},
                                   {"interval_days", d.interval_days},
                                   {"last_visited_at", opt(d.last_visited_at)},
                                   {"due_date", d.due_date},
                                   {"days_left", d.days_left},
                                   {"status", d.status}});
              return http::ok({{"items", items}});
          });
    r.add("PUT", "/api/v1/visits/{id}", Guard::permission_of("children:visit:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              const auto e = svc.update(p, id, parse_visit(req, true));
              if (e.conflict) {
                  Json body = {{"error",
                                {{"code", "visit_conflict"},
                                 {"message", "该走访记录已被他人修改，请核对最新内容后再保存"},
                                 {"field", "version"}}},
                               {"current", visit_json(e.visit)}};
                  return http::json_response(409, body);
              }
              Json j = visit_json(e.visit);
              j["notify_office"] = e.notify_office;
              return http::ok(j);
          });
    r.add("POST", "/api/v1/children/{id}/visits", Guard::permission_of("children:visit:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              const auto s = svc.create(p, id, parse_visit(req, false));
              Json j = visit_json(s.visit);
              j["notify_office"] = s.notify_office;
              return http::created(j);
          });
    r.add("GET", "/api/v1/children/{id}/visits", Guard::permission_of("children:visit:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& v : svc.list(p, req.id_param("id"))) items.push_back(visit_json(v));
              return http::ok({{"items", items}});
          });
}

}  // namespace hulei::children
