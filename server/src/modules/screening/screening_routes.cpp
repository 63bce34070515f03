// HTTP routes of the screening module: parse → one service call → serialise. The unit's answers carry a
// status only; the police's review answers carry the candidate records masked as registry lists do.
#include "modules/screening/screening_routes.hpp"

#include "core/error.hpp"
#include "http/download.hpp"
#include "http/json_io.hpp"
#include "http/sheet_import.hpp"
#include "modules/registry/registry_routes.hpp"

namespace hulei::screening {

namespace {

using http::Guard;
using http::Json;

/// A 0/1 query flag; absent is `fallback`.
bool query_flag(const http::Request& req, std::string_view name, bool fallback) {
    const std::string v = req.query_value(name);
    if (v.empty()) return fallback;
    if (v != "0" && v != "1")
        throw core::Error::validation("wrong_type", std::string(name) + " 应为 0 或 1", std::string(name));
    return v == "1";
}

Json official_json(const OfficialCheck& c) {
    return {{"id", c.id},
            {"person_id", c.person_id},
            {"channel", c.channel},
            {"date", c.date},
            {"reference", c.reference},
            {"outcome", c.outcome},
            {"recorded_at", c.recorded_at}};
}

Json coverage_row_json(const CoverageRow& r) {
    return {{"unit_id", r.unit_id}, {"unit_name", r.unit_name},
            {"staff", r.staff},     {"checked_this_year", r.checked_this_year},
            {"due", r.due},         {"overdue", r.overdue},
            {"never", r.never}};
}

Json review_json(const Review& v) {
    Json candidates = Json::array();
    for (const auto& rec : v.candidates) candidates.push_back(registry::record_json(rec, false));
    return {{"id", v.id},
            {"check_id", v.check_id},
            {"status", v.status},
            {"unit", {{"id", v.unit_id}, {"name", v.unit_name}}},
            {"person",
             {{"name", v.name},
              {"id_number", v.id_number},
              {"sex", v.sex},
              {"birth_date", v.birth_date},
              {"position", v.position},
              {"hired", v.hired}}},
            {"created_at", v.created_at},
            {"candidates", candidates}};
}

}  // namespace

Json outcomes_json(const std::vector<CheckOutcome>& outcomes) {
    Json items = Json::array();
    for (const auto& o : outcomes) items.push_back({{"row", o.row}, {"name", o.name}, {"status", o.status}});
    return items;
}

void mount_routes(http::Router& r, ScreeningService& svc) {
    r.add("POST", "/api/v1/screening/checks", Guard::permission_of("screening:check:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              http::Body b(req, {"unit_id", "name", "id_number", "position", "hired", "consent_confirmed"});
              CheckRequest cr{b.opt_i64("unit_id"), b.opt_bool("consent_confirmed").value_or(false)};
              PersonInput in{b.opt_str("name", 50).value_or(""), b.opt_str("id_number", 40).value_or(""),
                             b.opt_str("position", 50).value_or(""), b.opt_bool("hired").value_or(false)};
              const auto out = svc.check(p, cr, {in});
              return http::created(outcomes_json(out).at(0));
          });
    r.add(
        "PUT", "/api/v1/screening/checks/sheet", Guard::permission_of("screening:check:create"),
        [&svc](const http::Request& req, const security::Principal& p) {
            CheckRequest cr{req.query_id("unit_id"), query_flag(req, "consent_confirmed", false)};
            const auto out =
                svc.check_sheet(p, cr, req.body, req.query_value("filename"), query_flag(req, "hired", false));
            return http::ok({{"items", outcomes_json(out)}});
        },
        http::kSheetUploadMax, http::Cost::Slow);
    r.add("GET", "/api/v1/screening/persons", Guard::permission_of("screening:check:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& s : svc.persons(p, req.query_id("unit_id")))
                  items.push_back({{"id", s.id},
                                   {"name", s.name},
                                   {"id_number", s.id_number},
                                   {"position", s.position},
                                   {"hired", s.hired},
                                   {"last_status", s.last_status},
                                   {"last_checked_at", s.last_checked_at},
                                   {"last_official", s.last_official ? official_json(*s.last_official) : Json()}});
              return http::ok({{"items", items}});
          });
    r.add("GET", "/api/v1/screening/reviews", Guard::permission_of("screening:review:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& v : svc.reviews(p)) items.push_back(review_json(v));
              return http::ok({{"items", items}});
          });
    r.add("POST", "/api/v1/screening/reviews/{id}", Guard::permission_of("screening:review:decide"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"decision", "note"});
              return http::ok(review_json(svc.decide(p, id, b.str("decision", 20), b.opt_str("note", 500))));
          });
}

void mount_coverage_routes(http::Router& r, CoverageService& svc) {
    r.add("POST", "/api/v1/screening/persons/{id}/official", Guard::permission_of("screening:check:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"channel", "date", "reference", "outcome"});
              OfficialCheck in;
              in.channel = b.str("channel", 10);
              in.date = b.str("date", 10);
              in.reference = b.str("reference", 50);
              in.outcome = b.str("outcome", 10);
              return http::created(official_json(svc.record_official(p, id, in)));
          });
    r.add("GET", "/api/v1/screening/coverage", Guard::permission_of("screening:check:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              const auto c = svc.coverage(p);
              Json units = Json::array();
              for (const auto& u : c.units) units.push_back(coverage_row_json(u));
              return http::ok({{"due_date", c.due_date}, {"units", units}, {"total", coverage_row_json(c.total)}});
          });
    r.add("GET", "/api/v1/screening/coverage.xlsx", Guard::permission_of("screening:check:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              auto f = svc.coverage_xlsx(p);
              return http::file_response(f.content_type, f.filename, std::move(f.bytes));
          });
}

Json alert_json(const Alert& a) {
    return {{"alert_id", a.id},
            {"unit", {{"id", a.unit_id}, {"name", a.unit_name}}},
            {"person", {{"id", a.person_id}, {"name", a.person_name}}},
            {"kind", a.kind},
            {"status", a.status},
            {"created_at", a.created_at},
            {"action_id", a.action_id ? Json(*a.action_id) : Json(nullptr)},
            {"closed_at", a.closed_at ? Json(*a.closed_at) : Json(nullptr)}};
}

void mount_alert_routes(http::Router& r, ScreeningMonitor& monitor) {
    r.add("GET", "/api/v1/screening/alerts", Guard::permission_of("screening:alert:list"),
          [&monitor](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& a : monitor.alerts(p)) items.push_back(alert_json(a));
              return http::ok({{"items", items}});
          });
    r.add("POST", "/api/v1/screening/alerts/{id}/close", Guard::permission_of("screening:alert:close"),
          [&monitor](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"note"});
              return http::ok(alert_json(monitor.close(p, id, b.opt_str("note", 500))));
          });
}

}  // namespace hulei::screening
