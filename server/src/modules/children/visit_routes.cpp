// HTTP routes of visits: parse → one service call → serialise.
#include "modules/children/visit_routes.hpp"

#include "core/error.hpp"
#include "http/download.hpp"
#include "http/json_io.hpp"

namespace hulei::children {

namespace {

using http::Guard;
using http::Json;

constexpr std::size_t kMaxText = 2000;
constexpr std::size_t kMaxNote = 500;
// The service allows 64 characters; this only bounds what is read, a longer id fails on the same field.
constexpr std::size_t kMaxClientId = 200;
constexpr std::size_t kPhotoUploadMax = 20u << 20;  // the policy visits.photo_max_mb (at most 20) caps it further

Json photo_json(const VisitPhoto& ph) {
    return {{"id", ph.id},
            {"filename", ph.filename},
            {"content_type", ph.content_type},
            {"size", ph.size},
            {"created_at", ph.created_at}};
}

Json visit_json(const Visit& v) {
    Json photos = Json::array();
    for (const auto& ph : v.photos) photos.push_back(photo_json(ph));
    return {{"id", v.id},
            {"child_id", v.child_id},
            {"visited_at", v.visited_at},
            {"visitor_person_id", http::or_null(v.visitor_person_id)},
            {"visitor_user_id", http::or_null(v.visitor_user_id)},
            {"method", v.method},
            {"findings", v.findings},
            {"risks", http::or_null(v.risks)},
            {"follow_up", http::or_null(v.follow_up)},
            {"urgent", v.urgent},
            {"suspected_harm", v.suspected_harm},
            {"urgent_acknowledged_at", http::or_null(v.urgent_ack_at)},
            {"urgent_acknowledged_by", http::or_null(v.urgent_ack_by_name)},
            {"urgent_ack_note", http::or_null(v.urgent_ack_note)},
            {"photos", photos},
            {"version", v.version},
            {"created_at", v.created_at},
            {"updated_at", v.updated_at},
            {"created_by", http::or_null(v.created_by)},
            {"updated_by", http::or_null(v.updated_by)}};
}

/// The fields of a visit from a JSON body; `with_version` for an edit.
VisitInput parse_visit(const http::Request& req, bool with_version) {
    std::initializer_list<std::string_view> create_fields = {
        "visited_at", "method",         "findings",          "risks",    "follow_up",
        "urgent",     "suspected_harm", "visitor_person_id", "client_id"};
    std::initializer_list<std::string_view> edit_fields = {
        "visited_at", "method",         "findings",          "risks",  "follow_up",
        "urgent",     "suspected_harm", "visitor_person_id", "version"};
    http::Body b(req, with_version ? edit_fields : create_fields);
    VisitInput in;
    in.visited_at = b.opt_i64("visited_at");
    in.method = b.opt_str("method", 10);
    in.findings = b.opt_str("findings", kMaxText);
    if (b.has("risks")) in.risks = b.opt_str("risks", kMaxText);
    if (b.has("follow_up")) in.follow_up = b.opt_str("follow_up", kMaxText);
    in.urgent = b.opt_bool("urgent");
    in.suspected_harm = b.opt_bool("suspected_harm");
    if (b.has("visitor_person_id")) in.visitor_person_id = b.opt_i64("visitor_person_id");
    if (with_version)
        in.version = b.opt_i64("version");
    else
        in.client_id = b.opt_str("client_id", kMaxClientId);
    return in;
}

/// A saved visit with what the console should do next.
Json saved_json(const Visit& v, bool notify_office, bool offer_mandatory_report) {
    Json j = visit_json(v);
    j["notify_office"] = notify_office;
    j["offer_mandatory_report"] = offer_mandatory_report;
    return j;
}

/// `?client_id=` of a photo upload; absent or empty: none.
std::optional<std::string> client_id_param(const http::Request& req) {
    auto v = req.query_value("client_id");
    if (v.empty()) return std::nullopt;
    return v;
}

/// `?mine=1` (or 0); anything else names the parameter.
bool mine_flag(const http::Request& req) {
    const auto v = req.query_value("mine");
    if (v.empty() || v == "0") return false;
    if (v == "1") return true;
    throw core::Error::validation("wrong_type", "mine 应为 0 或 1", "mine");
}

}  // namespace

Json due_item_json(const VisitDueItem& d) {
    return {{"child_id", d.child_id},
            {"name", d.name},
            {"village", {{"id", d.village_id}, {"name", d.village}}},
            {"categories", d.categories},
            {"risk_level", d.risk_level},
            {"interval_days", d.interval_days},
            {"last_visited_at", http::or_null(d.last_visited_at)},
            {"due_date", d.due_date},
            {"days_left", d.days_left},
            {"status", d.status},
            {"mine", d.mine}};
}

Json urgent_visit_json(const UrgentVisit& u) {
    return {{"visit_id", u.visit_id},
            {"child_id", u.child_id},
            {"child_name", u.child_name},
            {"village", {{"id", u.village_id}, {"name", u.village}}},
            {"visited_at", u.visited_at},
            {"follow_up", http::or_null(u.follow_up)},
            {"suspected_harm", u.suspected_harm},
            {"recorded_by", http::or_null(u.recorded_by)}};
}

void mount_visit_routes(http::Router& r, VisitService& svc) {
    // Fixed paths before /api/v1/visits/{id}.
    r.add("GET", "/api/v1/visits/due", Guard::permission_of("children:visit:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& d : svc.due(p, req.query_id("village_id"), mine_flag(req)))
                  items.push_back(due_item_json(d));
              return http::ok({{"items", items}});
          });
    r.add("GET", "/api/v1/visits/urgent", Guard::permission_of("children:visit:ack"),
          [&svc](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& u : svc.urgent(p)) items.push_back(urgent_visit_json(u));
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
              return http::ok(saved_json(e.visit, e.notify_office, e.offer_mandatory_report));
          });
    r.add(
        "POST", "/api/v1/visits/{id}/photos", Guard::permission_of("children:visit:create"),
        [&svc](const http::Request& req, const security::Principal& p) {
            const auto id = req.id_param("id");
            const auto s = svc.add_photo(p, id, req.query_value("filename"), req.header("content-type"), req.body,
                                         client_id_param(req));
            if (!s.replayed) return http::created(photo_json(s.photo));
            Json j = photo_json(s.photo);
            j["replayed"] = true;
            return http::ok(j);
        },
        kPhotoUploadMax);
    r.add("POST", "/api/v1/visits/{id}/acknowledge", Guard::permission_of("children:visit:ack"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              std::optional<std::string> note;
              if (!req.body.empty()) note = http::Body(req, {"note"}).opt_str("note", kMaxNote);
              return http::ok(visit_json(svc.acknowledge(p, id, note)));
          });
    r.add("GET", "/api/v1/visit-photos/{id}", Guard::permission_of("children:visit:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              auto f = svc.photo(p, req.id_param("id"));
              return http::file_response(f.info.content_type, f.info.filename, std::move(f.bytes));
          });
    r.add("POST", "/api/v1/children/{id}/visits", Guard::permission_of("children:visit:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              const auto s = svc.create(p, id, parse_visit(req, false));
              Json j = saved_json(s.visit, s.notify_office, s.offer_mandatory_report);
              if (!s.replayed) return http::created(j);
              j["replayed"] = true;
              return http::ok(j);
          });
    r.add("GET", "/api/v1/children/{id}/visits", Guard::permission_of("children:visit:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& v : svc.list(p, req.id_param("id"))) items.push_back(visit_json(v));
              return http::ok({{"items", items}});
          });
}

}  // namespace hulei::children
