// HTTP routes of cases (案件): parse → one service call → serialise. Police answers carry the case with the
// victim's and the suspect's identity masked (POST …/reveal, with a reason, gives them); the judicial office's
// carry its support items with the case's crime type and station only; the figures carry counts only; the review
// list (倒查清单) carries per case its station, month, stage and review outcome only.
#include "modules/cases/cases_routes.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "http/json_io.hpp"
#include "modules/cases/cases_rules.hpp"

namespace hulei::cases {

namespace {

using http::Guard;
using http::Json;
using http::or_null;

/// A nested JSON object of a body ("victim", "suspect"): known fields only, typed getters naming "obj.field".
class Nested {
public:
    Nested(const Json& body, std::string name, std::initializer_list<std::string_view> allowed)
        : name_(std::move(name)) {
        auto it = body.find(name_);
        if (it == body.end() || it->is_null()) {
            obj_ = Json::object();
            return;
        }
        if (!it->is_object()) throw core::Error::validation("wrong_type", "字段应为 JSON 对象", name_);
        obj_ = *it;
        for (auto f = obj_.begin(); f != obj_.end(); ++f) {
            bool known = false;
            for (auto a : allowed) known = known || a == f.key();
            if (!known)
                throw core::Error::validation("unknown_field", "不支持的字段：" + name_ + "." + f.key(),
                                              name_ + "." + f.key());
        }
    }
    std::optional<std::string> opt_str(std::string_view field) const {
        const Json* v = get(field);
        if (!v) return std::nullopt;
        if (!v->is_string()) throw core::Error::validation("wrong_type", "字段应为文本", path(field));
        const auto s = v->get<std::string>();
        if (s.size() > kMaxBytes) throw core::Error::validation("too_long", "内容过长", path(field));
        return s;
    }
    std::optional<std::int64_t> opt_i64(std::string_view field) const {
        const Json* v = get(field);
        if (!v) return std::nullopt;
        if (!v->is_number_integer()) throw core::Error::validation("wrong_type", "字段应为整数", path(field));
        return v->get<std::int64_t>();
    }
    std::optional<bool> opt_bool(std::string_view field) const {
        const Json* v = get(field);
        if (!v) return std::nullopt;
        if (!v->is_boolean()) throw core::Error::validation("wrong_type", "字段应为 true 或 false", path(field));
        return v->get<bool>();
    }

private:
    static constexpr std::size_t kMaxBytes = 4000;
    const Json* get(std::string_view field) const {
        auto it = obj_.find(std::string(field));
        if (it == obj_.end() || it->is_null()) return nullptr;
        return &*it;
    }
    std::string path(std::string_view field) const { return name_ + "." + std::string(field); }
    std::string name_;
    Json obj_;
};

SuspectInput parse_suspect(const Json& body) {
    Nested s(body, "suspect", {"name", "id_number", "relation", "works_with_minors", "employer_unit_id", "hired_on"});
    SuspectInput in;
    in.name = s.opt_str("name");
    in.id_number = s.opt_str("id_number");
    in.relation = s.opt_str("relation").value_or("");
    in.works_with_minors = s.opt_bool("works_with_minors").value_or(false);
    in.employer_unit_id = s.opt_i64("employer_unit_id");
    in.hired_on = s.opt_str("hired_on");
    return in;
}

CaseInput parse_case(const http::Request& req) {
    http::Body b(req, {"report_id", "station_id", "crime_type", "accepted_on", "narrative", "victim", "suspect"});
    CaseInput in;
    in.report_id = b.opt_i64("report_id");
    in.station_id = b.opt_i64("station_id");
    in.crime_type = b.opt_str("crime_type", 50).value_or("");
    in.accepted_on = b.opt_str("accepted_on", 20).value_or("");
    in.narrative = b.opt_str("narrative", 8000);
    Nested v(b.json(), "victim", {"name", "sex", "age", "birth_date", "id_number", "village_id", "child_id"});
    in.victim.name = v.opt_str("name");
    in.victim.sex = v.opt_str("sex").value_or("");
    in.victim.age = v.opt_i64("age");
    in.victim.birth_date = v.opt_str("birth_date");
    in.victim.id_number = v.opt_str("id_number");
    in.victim.village_id = v.opt_i64("village_id");
    in.victim.child_id = v.opt_i64("child_id");
    in.suspect = parse_suspect(b.json());
    return in;
}

Json unit_or_null(const std::optional<std::int64_t>& id, const std::string& name) {
    if (!id) return nullptr;
    return {{"id", *id}, {"name", name}};
}

}  // namespace

Json support_item_json(const SupportItem& s) {
    return {{"id", s.id},
            {"case_id", s.case_id},
            {"kind", s.kind},
            {"kind_label", std::string(support_kind_label(s.kind))},
            {"unit", {{"id", s.unit_id}, {"name", s.unit_name}}},
            {"status", s.status},
            {"opened_at", s.opened_at},
            {"closed_at", or_null(s.closed_at)},
            {"close_note", or_null(s.close_note)},
            {"crime_type", s.crime_type},
            {"crime_type_label", std::string(crime_type_label(s.crime_type))},
            {"station", {{"name", s.station_name}}}};
}

namespace {

Json evidence_json(const Evidence& e) {
    return {{"id", e.id},
            {"held_at", e.held_at},
            {"place", e.place},
            {"attendees", e.attendees},
            {"recorded_at", e.recorded_at}};
}

Json case_json(const Case& c) {
    Json j = {{"id", c.id},
              {"station", {{"id", c.station_id}, {"name", c.station_name}}},
              {"crime_type", c.crime_type},
              {"crime_type_label", std::string(crime_type_label(c.crime_type))},
              {"stage", c.stage},
              {"stage_label", std::string(stage_label(c.stage))},
              {"accepted_on", c.accepted_on},
              {"report_ids", c.report_ids},
              {"revealed", c.revealed},
              {"victim",
               {{"name", c.victim_name},
                {"sex", c.victim_sex},
                {"age", or_null(c.victim_age)},
                {"id_number", c.victim_id_number},
                {"village", unit_or_null(c.victim_village_id, c.victim_village_name)},
                {"child_id", or_null(c.victim_child_id)}}},
              {"suspect",
               {{"name", c.suspect_name},
                {"id_number", c.suspect_id_number},
                {"relation", c.suspect_relation},
                {"works_with_minors", c.suspect_works_with_minors},
                {"employer", unit_or_null(c.suspect_employer_unit_id, c.suspect_employer_name)},
                {"hired_on", or_null(c.suspect_hired_on)}}},
              {"registry", {{"status", c.registry.status}, {"record_id", or_null(c.registry.record_id)}}},
              {"created_at", c.created_at},
              {"updated_at", c.updated_at}};
    if (c.revealed) {
        j["victim"]["birth_date"] = c.victim_birth_date;
        j["narrative"] = c.has_narrative ? Json(c.narrative) : Json(nullptr);
    } else {
        j["narrative"] = c.has_narrative ? Json("***") : Json(nullptr);
    }
    if (c.full) {
        Json stages = Json::array();
        for (const auto& s : c.stages)
            stages.push_back({{"stage", s.stage},
                              {"label", std::string(stage_label(s.stage))},
                              {"date", s.date},
                              {"convicted", or_null(s.convicted)},
                              {"court", or_null(s.court)},
                              {"recorded_at", s.recorded_at}});
        j["stages"] = stages;
        Json evidence = Json::array();
        for (const auto& e : c.evidence) evidence.push_back(evidence_json(e));
        j["evidence"] = evidence;
        Json support = Json::array();
        for (const auto& s : c.support) support.push_back(support_item_json(s));
        j["support"] = support;
    }
    return j;
}

Json count_json(const Count& c, std::int64_t threshold) {
    if (c.suppressed) return "<" + std::to_string(threshold);
    return c.value;
}

Json review_json(const Review& r) {
    Json checks = Json::array();
    for (const auto& l : r.checks) {
        const auto& c = l.check;
        checks.push_back({{"key", c.key},
                          {"label", c.label},
                          {"result", c.result},
                          {"unit", c.unit ? Json{{"id", c.unit->id}, {"name", c.unit->name}} : Json(nullptr)},
                          {"detail", c.detail},
                          {"action_id", or_null(l.action_id)}});
    }
    return {{"case_id", r.case_id}, {"late_report_hours", r.late_report_hours}, {"checks", checks}};
}

/// A line of the review list: no crime type, no victim, no suspect; the month accepted, not the day.
Json review_line_json(const ReviewListLine& c) {
    Json failed = Json::array();
    for (const auto& l : c.failed)
        failed.push_back(
            {{"key", l.check.key},
             {"label", l.check.label},
             {"unit", l.check.unit ? Json{{"id", l.check.unit->id}, {"name", l.check.unit->name}} : Json(nullptr)},
             {"action_id", or_null(l.action_id)}});
    return {{"case_id", c.case_id},
            {"station", {{"id", c.station_id}, {"name", c.station_name}}},
            {"accepted_month", c.accepted_month},
            {"stage", c.stage},
            {"checks", {{"pass", c.pass}, {"fail", c.fail}, {"not_available", c.not_available}}},
            {"failed", failed}};
}

}  // namespace

void mount_routes(http::Router& r, CasesService& svc) {
    // ---- literal paths before /api/v1/cases/{id} ----
    r.add("GET", "/api/v1/cases", Guard::permission_of("cases:case:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& c : svc.list(p)) items.push_back(case_json(c));
              return http::ok({{"items", items}});
          });
    r.add("POST", "/api/v1/cases", Guard::permission_of("cases:case:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::created(case_json(svc.create(p, parse_case(req))));
          });
    r.add("GET", "/api/v1/cases/stats", Guard::permission_of("cases:stats:read"),
          [&svc](const http::Request&, const security::Principal& p) {
              const auto s = svc.stats(p);
              Json by_type = Json::object(), by_stage = Json::object();
              for (const auto& [k, c] : s.by_crime_type) by_type[k] = count_json(c, s.threshold);
              for (const auto& [k, c] : s.by_stage) by_stage[k] = count_json(c, s.threshold);
              return http::ok({{"suppressed_below", s.threshold},
                               {"total", count_json(s.total, s.threshold)},
                               {"by_crime_type", by_type},
                               {"by_stage", by_stage}});
          });
    // The review list (倒查清单): one review per case in scope, so it runs on the slow pool.
    r.add(
        "GET", "/api/v1/cases/reviews", Guard::permission_of("cases:review:read"),
        [&svc](const http::Request&, const security::Principal& p) {
            Json items = Json::array();
            for (const auto& c : svc.reviews(p)) items.push_back(review_line_json(c));
            return http::ok({{"items", items}});
        },
        http::kDefaultMaxBody, http::Cost::Slow);
    r.add("GET", "/api/v1/case-support-items", Guard::permission_of("cases:support:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& s : svc.support_items(p)) items.push_back(support_item_json(s));
              return http::ok({{"items", items}});
          });
    r.add("POST", "/api/v1/case-support-items/{id}/close", Guard::permission_of("cases:support:close"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"note"});
              return http::ok(support_item_json(svc.close_support(p, id, b.opt_str("note", 2000).value_or(""))));
          });

    // ---- one case (the handling police) ----
    r.add("GET", "/api/v1/cases/{id}", Guard::permission_of("cases:case:read"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(case_json(svc.get(p, req.id_param("id"))));
          });
    r.add("POST", "/api/v1/cases/{id}/reveal", Guard::permission_of("cases:victim:reveal"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"reason"});
              return http::ok(case_json(svc.reveal(p, id, b.opt_str("reason", 1000).value_or(""))));
          });
    r.add("POST", "/api/v1/cases/{id}/stages", Guard::permission_of("cases:case:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"stage", "date", "convicted", "court", "minor_at_offence"});
              StageInput in;
              in.stage = b.opt_str("stage", 20).value_or("");
              in.date = b.opt_str("date", 20).value_or("");
              in.convicted = b.opt_bool("convicted");
              in.court = b.opt_str("court", 400);
              in.minor_at_offence = b.opt_bool("minor_at_offence");
              return http::ok(case_json(svc.add_stage(p, id, in)));
          });
    r.add("PUT", "/api/v1/cases/{id}/suspect", Guard::permission_of("cases:case:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"suspect"});
              return http::ok(case_json(svc.update_suspect(p, id, parse_suspect(b.json()))));
          });
    r.add("POST", "/api/v1/cases/{id}/reports", Guard::permission_of("cases:case:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"report_id"});
              return http::ok(case_json(svc.link_report(p, id, b.i64("report_id"))));
          });
    r.add("POST", "/api/v1/cases/{id}/evidence", Guard::permission_of("cases:case:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              // Only these fields: an interview's content has no place here (400 unknown_field).
              http::Body b(req, {"held_at", "place", "attendees"});
              EvidenceInput in;
              in.held_at = b.i64("held_at");
              in.place = b.opt_str("place", 400).value_or("");
              in.attendees = b.strings("attendees", 200);
              return http::created(evidence_json(svc.add_evidence(p, id, in)));
          });
    r.add("POST", "/api/v1/cases/{id}/support", Guard::permission_of("cases:case:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"kind", "unit_id"});
              return http::created(support_item_json(svc.add_support(p, id, b.str("kind", 40), b.i64("unit_id"))));
          });

    // ---- the review (倒查): the handling police and the office ----
    r.add("GET", "/api/v1/cases/{id}/review", Guard::permission_of("cases:review:read"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(review_json(svc.review(p, req.id_param("id"))));
          });
    r.add("POST", "/api/v1/cases/{id}/review/actions", Guard::permission_of("cases:review:act"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"key"});
              const auto key = b.str("key", 200);
              const auto review = svc.open_review_action(p, id, key);
              Json j = review_json(review);
              for (const auto& l : review.checks)
                  if (l.check.key == key) j["action_id"] = or_null(l.action_id);
              return http::created(j);
          });
}

}  // namespace hulei::cases
