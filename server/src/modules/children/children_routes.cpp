// HTTP routes of the children module: parse → one service call → serialise.
#include "modules/children/children_routes.hpp"

#include <tuple>

#include "core/error.hpp"
#include "http/download.hpp"
#include "http/json_io.hpp"
#include "http/sheet_import.hpp"

namespace hulei::children {

namespace {

using http::Guard;
using http::Json;

/// Largest ledger sheet accepted (a township's .xlsx is far smaller).

Json unit_ref(const std::optional<UnitRef>& u) {
    return u ? Json{{"id", u->id}, {"name", u->name}} : Json(nullptr);
}

Json labels(const std::vector<std::string>& codes) {
    Json out = Json::array();
    for (const auto& c : codes) out.push_back(std::string(category_label(c)));
    return out;
}

Json summary_json(const Child& c) {
    return {{"id", c.id},
            {"name", c.name},
            {"sex", c.sex},
            {"age", c.age},
            {"village", unit_ref(c.village)},
            {"school", unit_ref(c.school)},
            {"categories", c.categories},
            {"category_labels", labels(c.categories)},
            {"id_number", c.id_number_masked},
            {"risk_level", c.risk_level},
            {"status", c.status}};
}

Json child_json(const Child& c) {
    Json j = summary_json(c);
    j["birth_date"] = c.birth_date;
    j["class_name"] = http::or_null(c.class_name);
    j["guardian"] = http::or_null(c.guardian);
    j["guardian_sex"] = http::or_null(c.guardian_sex);
    j["guardian_phone"] = http::or_null(c.guardian_phone_masked);
    j["parents_workplace"] = http::or_null(c.parents_workplace);
    j["carer"] = http::or_null(c.carer);
    j["health_note"] = http::or_null(c.health_note);
    j["boarding"] = c.boarding;
    j["archived_at"] = c.archived_at ? Json(*c.archived_at) : Json(nullptr);
    j["created_at"] = c.created_at;
    j["updated_at"] = c.updated_at;
    return j;
}

Json import_json(const ImportResult& r) {
    Json rows = Json::array();
    for (const auto& row : r.rows)
        rows.push_back({{"row", row.row}, {"action", row.action}, {"reason", row.reason}, {"name", row.name}});
    return {{"rows", rows},
            {"created", r.created},
            {"updated", r.updated},
            {"rejected", r.rejected},
            {"committed", r.committed}};
}

ChildInput child_input(const http::Body& b) {
    ChildInput in;
    in.name = b.opt_str("name", 30);
    in.sex = b.opt_str("sex", 2);
    in.id_number = b.opt_str("id_number", 30);
    in.village_id = b.opt_i64("village_id");
    if (b.has("school_id")) in.school_id = b.opt_i64("school_id");
    for (auto [field, target, max] : {std::tuple{"class_name", &in.class_name, 30},
                                      {"guardian", &in.guardian, 30},
                                      {"guardian_sex", &in.guardian_sex, 2},
                                      {"guardian_phone", &in.guardian_phone, 30},
                                      {"parents_workplace", &in.parents_workplace, 100},
                                      {"carer", &in.carer, 30},
                                      {"health_note", &in.health_note, 500},
                                      {"risk_level", &in.risk_level, 10}})
        if (b.has(field)) *target = b.opt_str(field, max).value_or("");
    if (b.has("categories")) in.categories = b.strings("categories", 20);
    in.boarding = b.opt_bool("boarding");
    return in;
}

http::Response file_response(ExportFile f) {
    return http::file_response(f.content_type, f.filename, std::move(f.bytes));
}

/// A child's fields from a JSON body (no field outside the record's).
ChildInput parse_child(const http::Request& req) {
    http::Body b(
        req, {"name", "sex", "id_number", "village_id", "school_id", "class_name", "categories", "guardian",
              "guardian_sex", "guardian_phone", "parents_workplace", "carer", "health_note", "boarding", "risk_level"});
    return child_input(b);
}

}  // namespace

void mount_routes(http::Router& r, ChildrenService& svc) {
    // Fixed paths before /children/{id}: the router takes the first pattern that matches.
    r.add("GET", "/api/v1/children/template.xlsx", Guard::permission_of("children:child:import"),
          [&svc](const http::Request&, const security::Principal& p) { return file_response(svc.import_template(p)); });
    r.add(
        "GET", "/api/v1/children/export.xlsx", Guard::permission_of("children:child:export"),
        [&svc](const http::Request&, const security::Principal& p) { return file_response(svc.export_ledger(p)); },
        http::kDefaultMaxBody, http::Cost::Slow);
    r.add("GET", "/api/v1/children/quality", Guard::permission_of("children:quality:view"),
          [&svc](const http::Request&, const security::Principal& p) {
              const auto q = svc.quality(p);
              Json dups = Json::array(), items = Json::array();
              for (const auto& d : q.duplicates)
                  dups.push_back(
                      {{"kind", d.kind}, {"child_ids", d.child_ids}, {"villages", d.villages}, {"message", d.message}});
              for (const auto& i : q.items)
                  items.push_back({{"child_id", i.child_id},
                                   {"name", i.name},
                                   {"village", i.village},
                                   {"code", i.code},
                                   {"message", i.message}});
              return http::ok({{"office", q.office}, {"duplicates", dups}, {"items", items}});
          });
    r.add(
        "PUT", "/api/v1/children/import", Guard::permission_of("children:child:import"),
        [&svc](const http::Request& req, const security::Principal& p) {
            const bool commit = http::sheet_commit_requested(req);
            const auto result = svc.import_ledger(p, req.body, req.query_value("filename"), commit);
            return http::sheet_import_answer(import_json(result), commit, result.committed);
        },
        http::kSheetUploadMax, http::Cost::Slow);
    r.add("POST", "/api/v1/children/archive-adults", Guard::permission_of("children:child:update"),
          [&svc](const http::Request&, const security::Principal& p) {
              return http::ok({{"archived", svc.archive_adults(p)}});
          });
    r.add("GET", "/api/v1/children", Guard::permission_of("children:child:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto page = http::page_of(req);
              ChildQuery q{req.query_id("village_id"),
                           req.query_value("category"),
                           req.query_value("q"),
                           req.query_value("status"),
                           page.offset(),
                           page.size};
              const auto result = svc.list(p, q);
              Json items = Json::array();
              for (const auto& c : result.items) items.push_back(summary_json(c));
              return http::ok({{"items", items}, {"total", result.total}});
          });
    r.add("POST", "/api/v1/children", Guard::permission_of("children:child:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::created(child_json(svc.create(p, parse_child(req))));
          });
    r.add("GET", "/api/v1/children/{id}", Guard::permission_of("children:child:read"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(child_json(svc.get(p, req.id_param("id"))));
          });
    r.add("PUT", "/api/v1/children/{id}", Guard::permission_of("children:child:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              return http::ok(child_json(svc.update(p, id, parse_child(req))));
          });
    r.add("POST", "/api/v1/children/{id}/reveal", Guard::permission_of("children:child:read"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"reason"});
              const auto v = svc.reveal(p, id, b.opt_str("reason", 200).value_or(""));
              return http::ok({{"id_number", v.id_number}, {"guardian_phone", http::or_null(v.guardian_phone)}});
          });
}

}  // namespace hulei::children
