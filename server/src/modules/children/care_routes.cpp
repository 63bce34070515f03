// HTTP routes of care teams: parse → one service call → serialise.
#include "modules/children/care_routes.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "http/json_io.hpp"
#include "http/sheet_import.hpp"

namespace hulei::children {

namespace {

using http::Guard;
using http::Json;

/// Largest care-person sheet accepted (as for the ledger's sheet).

Json person_json(const CarePersonView& v) {
    return {
        {"id", v.id},
        {"name", v.name},
        {"sex", v.sex},
        {"seat", v.seat},
        {"role", v.role},
        {"unit", {{"id", v.unit_id}, {"name", v.unit_name}}},
        {"phone", http::or_null(v.phone_masked)},
        {"active", v.active},
        {"user", v.user_id ? Json{{"id", *v.user_id}, {"username", v.username}, {"display_name", v.user_display_name}}
                           : Json(nullptr)},
        {"children", v.children},
        {"girls", v.girls}};
}

/// A care person's fields from a JSON body; `allowed` names the fields of the request.
CarePersonInput person_input(const http::Request& req, std::initializer_list<std::string_view> allowed) {
    http::Body b(req, allowed);
    CarePersonInput in;
    in.name = b.opt_str("name", 30);
    in.sex = b.opt_str("sex", 2);
    in.role = b.opt_str("role", 10);
    in.unit_id = b.opt_i64("unit_id");
    if (b.has("phone")) in.phone = b.opt_str("phone", 30);
    in.active = b.opt_bool("active");
    if (b.has("user_id")) in.user_id = b.opt_i64("user_id");
    return in;
}

Json coverage_json(const StationCoverage& c) {
    Json villages = Json::array();
    for (const auto& [id, name] : c.villages) villages.push_back({{"id", id}, {"name", name}});
    return {
        {"station", {{"id", c.station_id}, {"name", c.station}}}, {"configured", c.configured}, {"villages", villages}};
}

Json figures_json(const DashboardFigures& f) {
    return {{"children", f.children},
            {"teams_complete", f.teams_complete},
            {"teams_incomplete", f.teams_incomplete},
            {"visits_overdue", f.visits_overdue},
            {"visits_due_soon", f.visits_due_soon},
            {"urgent_open", f.urgent_open}};
}

Json dashboard_json(const Dashboard& d) {
    std::vector<std::pair<std::string, std::int64_t>> categories(d.totals.by_category.begin(),
                                                                 d.totals.by_category.end());
    std::stable_sort(categories.begin(), categories.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    Json by_category = Json::array(), villages = Json::array();
    for (const auto& [code, n] : categories)
        by_category.push_back({{"code", code}, {"label", std::string(category_label(code))}, {"count", n}});
    for (const auto& v : d.villages) {
        Json j = figures_json(v.figures);
        j["id"] = v.id;
        j["name"] = v.name;
        j["by_category"] = Json::object();
        for (const auto& [code, n] : v.figures.by_category) j["by_category"][code] = n;
        villages.push_back(std::move(j));
    }
    return {{"totals", figures_json(d.totals)}, {"by_category", by_category}, {"villages", villages}};
}

http::Response file_response(ExportFile f) {
    http::Response r;
    r.content_type = f.content_type;
    r.body = std::move(f.bytes);
    r.set_header("Content-Disposition", "attachment; filename=\"" + f.filename + "\"");
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("Cache-Control", "no-store");
    return r;
}

Json import_json(const CareImportResult& r) {
    Json rows = Json::array();
    for (const auto& row : r.rows)
        rows.push_back({{"row", row.row}, {"action", row.action}, {"reason", row.reason}, {"name", row.name}});
    // `updated` is always 0 (an import never updates a care person); kept for the ledger import's shape.
    return {
        {"rows", rows}, {"created", r.created}, {"updated", 0}, {"rejected", r.rejected}, {"committed", r.committed}};
}

}  // namespace

nlohmann::json outcome_json(const TeamAssignmentOutcome& o) {
    Json incomplete = Json::array(), shortfalls = Json::array();
    for (const auto& i : o.incomplete) incomplete.push_back({{"child_id", i.child_id}, {"reason", i.reason}});
    for (const auto& s : o.shortfalls) {
        Json j{{"unit", s.unit},
               {"seat", s.seat},
               {"female_needed", s.female_needed},
               {"persons_needed", s.persons_needed}};
        if (!s.reason.empty()) j["reason"] = s.reason;
        shortfalls.push_back(std::move(j));
    }
    return {{"assigned", o.assigned}, {"incomplete", incomplete}, {"shortfalls", shortfalls}, {"dry_run", o.dry_run}};
}

nlohmann::json teams_json(const std::vector<Team>& teams) {
    Json out = Json::array();
    for (const auto& t : teams) {
        Json members = Json::array();
        for (const auto& m : t.members)
            members.push_back({{"role", m.role},
                               {"person_id", m.person_id ? Json(*m.person_id) : Json(nullptr)},
                               {"name", m.name},
                               {"sex", http::or_null(m.sex)},
                               {"unit", http::or_null(m.unit)},
                               {"phone", http::or_null(m.phone_masked)}});
        out.push_back(
            {{"child_id", t.child_id}, {"name", t.name}, {"sex", t.sex}, {"village", t.village}, {"members", members}});
    }
    return out;
}

void mount_care_routes(http::Router& r, CareService& svc) {
    r.add(
        "POST", "/api/v1/children/assign-teams", Guard::permission_of("children:team:assign"),
        [&svc](const http::Request& req, const security::Principal& p) {
            std::optional<std::int64_t> village;
            bool dry_run = false;
            if (!req.body.empty()) {
                http::Body b(req, {"village_id", "dry_run"});
                village = b.opt_i64("village_id");
                dry_run = b.opt_bool("dry_run").value_or(false);
            }
            return http::ok(outcome_json(svc.assign_teams(p, village, dry_run)));
        },
        http::kDefaultMaxBody, http::Cost::Slow);
    r.add(
        "GET", "/api/v1/children/teams", Guard::permission_of("children:team:list"),
        [&svc](const http::Request& req, const security::Principal& p) {
            return http::ok({{"items", teams_json(svc.teams(p, req.query_id("village_id")))}});
        },
        http::kDefaultMaxBody, http::Cost::Slow);
    r.add(
        "GET", "/api/v1/children/dashboard", Guard::permission_of("children:child:list"),
        [&svc](const http::Request& req, const security::Principal& p) {
            return http::ok(dashboard_json(svc.dashboard(p, req.query_id("village_id"))));
        },
        http::kDefaultMaxBody, http::Cost::Slow);

    // Care persons, their sheet and the police stations' coverage.
    r.add(
        "GET", "/api/v1/care/persons", Guard::permission_of("children:care:list"),
        [&svc](const http::Request& req, const security::Principal& p) {
            const auto page = http::page_of(req);
            CarePersonQuery q{req.query_id("unit_id"),   req.query_value("seat"), req.query_value("q"),
                              req.query_value("active"), page.offset(),           page.size};
            const auto result = svc.persons(p, q);
            Json items = Json::array();
            for (const auto& v : result.items) items.push_back(person_json(v));
            return http::ok({{"items", items}, {"total", result.total}, {"page", page.page}, {"page_size", page.size}});
        });
    r.add("POST", "/api/v1/care/persons", Guard::permission_of("children:care:manage"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto in = person_input(req, {"name", "sex", "role", "unit_id", "phone", "user_id"});
              return http::created(person_json(svc.create_person(p, in)));
          });
    r.add("PUT", "/api/v1/care/persons/{id}", Guard::permission_of("children:care:manage"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              const auto v =
                  svc.update_person(p, id, person_input(req, {"name", "sex", "role", "phone", "active", "user_id"}));
              Json j = person_json(v);
              j["released"] = v.released;
              return http::ok(j);
          });
    r.add(
        "GET", "/api/v1/care/accounts", Guard::permission_of("children:care:manage"),
        [&svc](const http::Request& req, const security::Principal& p) {
            Json items = Json::array();
            for (const auto& a : svc.accounts(p, req.query_id("unit_id")))
                items.push_back({{"id", a.id},
                                 {"username", a.username},
                                 {"display_name", a.display_name},
                                 {"linked_person_id", a.linked_person_id ? Json(*a.linked_person_id) : Json(nullptr)}});
            return http::ok({{"items", items}});
        });
    r.add("GET", "/api/v1/care/template.xlsx", Guard::permission_of("children:care:manage"),
          [&svc](const http::Request&, const security::Principal& p) { return file_response(svc.import_template(p)); });
    r.add(
        "PUT", "/api/v1/care/import", Guard::permission_of("children:care:manage"),
        [&svc](const http::Request& req, const security::Principal& p) {
            const bool commit = http::sheet_commit_requested(req);
            const auto result = svc.import_sheet(p, req.body, req.query_value("filename"), commit);
            return http::sheet_import_answer(import_json(result), commit, result.committed);
        },
        http::kSheetUploadMax, http::Cost::Slow);
    r.add("GET", "/api/v1/care/coverage", Guard::permission_of("children:care:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& c : svc.coverage(p)) items.push_back(coverage_json(c));
              return http::ok({{"items", items}});
          });
    r.add("PUT", "/api/v1/care/coverage/{station_id}", Guard::permission_of("children:care:manage"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto station = req.id_param("station_id");
              http::Body b(req, {"village_ids"});
              std::optional<std::vector<std::int64_t>> villages;
              if (b.has("village_ids")) villages = b.ids("village_ids");
              return http::ok(coverage_json(svc.set_coverage(p, station, villages)));
          });
}

}  // namespace hulei::children
