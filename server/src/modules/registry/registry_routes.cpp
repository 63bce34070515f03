// HTTP routes of the registry module: parse → one service call → serialise.
#include "modules/registry/registry_routes.hpp"

#include "core/error.hpp"
#include "http/json_io.hpp"
#include "modules/registry/registry_rules.hpp"

namespace hulei::registry {

namespace {

using http::Guard;
using http::Json;

Json officer_json(const std::optional<OfficerRef>& o) {
    return o ? Json{{"id", o->id}, {"name", o->name}} : Json(nullptr);
}

Json checkin_json(const Checkin& c) {
    return {{"id", c.id},
            {"checkin_date", c.checkin_date},
            {"officer", officer_json(c.officer)},
            {"note", http::or_null(c.note)},
            {"created_at", c.created_at}};
}

/// A nullable text field: absent → unchanged; null or "" → cleared; else the text.
std::optional<std::optional<std::string>> nullable_str(const http::Body& b, std::string_view field, std::size_t max) {
    if (!b.has(field)) return std::nullopt;
    auto v = b.opt_str(field, max);
    if (v && v->empty()) v.reset();
    return v;
}

RecordInput parse_record(const http::Request& req) {
    http::Body b(req,
                 {"name", "sex", "id_number", "birth_date", "record_type", "decision_date", "decision_authority",
                  "minor_at_offence", "release_date", "control_status", "managing_officer_id", "next_checkin_due"});
    RecordInput in;
    in.name = b.opt_str("name", kMaxName);
    in.sex = b.opt_str("sex", 2);
    in.id_number = b.opt_str("id_number", 30);
    in.birth_date = b.opt_str("birth_date", 10);
    in.record_type = b.opt_str("record_type", 30);
    in.decision_date = b.opt_str("decision_date", 10);
    in.decision_authority = b.opt_str("decision_authority", kMaxAuthority);
    in.minor_at_offence = b.opt_bool("minor_at_offence");
    in.release_date = nullable_str(b, "release_date", 10);
    in.control_status = b.opt_str("control_status", 20);
    if (b.has("managing_officer_id")) in.managing_officer_id = b.opt_i64("managing_officer_id");
    in.next_checkin_due = nullable_str(b, "next_checkin_due", 10);
    return in;
}

}  // namespace

Json record_json(const Record& r, bool full) {
    Json j = {{"id", r.id},
              {"name", r.name},
              {"sex", r.sex},
              {"id_number", r.id_number},
              {"record_type", r.record_type},
              {"record_type_label", std::string(record_type_label(r.record_type))},
              {"decision_date", r.decision_date},
              {"decision_authority", r.decision_authority},
              {"minor_at_offence", r.minor_at_offence},
              {"sealed", r.minor_at_offence},
              {"release_date", http::or_null(r.release_date)},
              {"control_status", r.control_status},
              {"control_status_label", std::string(control_status_label(r.control_status))},
              {"managing_officer", officer_json(r.managing_officer)},
              {"next_checkin_due", http::or_null(r.next_checkin_due)},
              {"created_at", r.created_at},
              {"updated_at", r.updated_at}};
    if (full) {
        j["birth_date"] = r.birth_date;
        Json checkins = Json::array();
        for (const auto& c : r.checkins) checkins.push_back(checkin_json(c));
        j["checkins"] = checkins;
    }
    return j;
}

void mount_routes(http::Router& r, RegistryService& svc) {
    r.add("GET", "/api/v1/registry/checkins/due", Guard::permission_of("registry:record:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const std::string mine = req.query_value("mine");
              if (!mine.empty() && mine != "0" && mine != "1")
                  throw core::Error::validation("wrong_type", "mine 应为 0 或 1", "mine");
              Json items = Json::array();
              for (const auto& d : svc.due(p, mine == "1"))
                  items.push_back({{"record_id", d.record_id},
                                   {"name", d.name},
                                   {"id_number", d.id_number},
                                   {"record_type", d.record_type},
                                   {"record_type_label", std::string(record_type_label(d.record_type))},
                                   {"managing_officer", officer_json(d.managing_officer)},
                                   {"next_checkin_due", d.next_checkin_due},
                                   {"days_left", d.days_left},
                                   {"status", d.days_left < 0 ? "overdue" : "due_soon"}});
              return http::ok({{"items", items}});
          });
    r.add("GET", "/api/v1/registry/records", Guard::permission_of("registry:record:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto page = http::page_of(req);
              RecordQuery q{req.query_value("q"),
                            req.query_value("record_type"),
                            req.query_value("control_status"),
                            req.query_value("purpose"),
                            page.offset(),
                            page.size};
              const auto result = svc.list(p, q);
              Json items = Json::array();
              for (const auto& rec : result.items) items.push_back(record_json(rec, false));
              return http::ok({{"items", items}, {"total", result.total}});
          });
    r.add("POST", "/api/v1/registry/records", Guard::permission_of("registry:record:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::created(record_json(svc.create(p, parse_record(req)), true));
          });
    r.add("GET", "/api/v1/registry/records/{id}", Guard::permission_of("registry:record:read"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(record_json(svc.get(p, req.id_param("id"), req.query_value("purpose")), true));
          });
    r.add("PUT", "/api/v1/registry/records/{id}", Guard::permission_of("registry:record:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              return http::ok(record_json(svc.update(p, id, parse_record(req)), true));
          });
    r.add("POST", "/api/v1/registry/records/{id}/checkins", Guard::permission_of("registry:checkin:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"checkin_date", "note", "next_checkin_due"});
              CheckinInput in{b.opt_str("checkin_date", 10), b.opt_str("note", kMaxNote),
                              b.opt_str("next_checkin_due", 10)};
              return http::created(checkin_json(svc.add_checkin(p, id, in)));
          });
}

}  // namespace hulei::registry
