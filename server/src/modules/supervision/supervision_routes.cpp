// HTTP routes of the supervision module: parse → one service call → serialise.
#include "modules/supervision/supervision_routes.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "http/json_io.hpp"
#include "modules/supervision/supervision_rules.hpp"

namespace hulei::supervision {

namespace {

using http::Guard;
using http::Json;

Json unit_json(const plan::UnitRef& u) { return {{"id", u.id}, {"name", u.name}}; }

Json response_json(const ResponseView& r) {
    return {{"id", r.id},
            {"action_id", r.action_id},
            {"unit", unit_json(r.unit)},
            {"text", r.text},
            {"created_at", r.created_at},
            {"created_by", r.created_by}};
}

/// Findings: one text for every unit, or per unit as {"UNIT_ID": "text"} or [{"unit_id": …, "text": …}].
void read_findings(const http::Body& b, ActionInput& in) {
    if (!b.has("findings") || b.json().at("findings").is_null()) return;
    const Json& f = b.json().at("findings");
    auto text_of = [](const Json& v) {
        if (!v.is_string()) throw core::Error::validation("wrong_type", "检查发现应为文本", "findings");
        std::string s = core::trim(v.get<std::string>());
        if (core::has_control_characters(s) || core::utf8_length(s) > 5000)
            throw core::Error::validation("invalid_text", "检查发现含有控制字符或过长", "findings");
        return s;
    };
    if (f.is_string()) {
        in.findings = b.opt_str("findings", 5000);
    } else if (f.is_object()) {
        for (auto it = f.begin(); it != f.end(); ++it) {
            const std::string& key = it.key();
            if (key.empty() || key.size() > 18 || key.find_first_not_of("0123456789") != std::string::npos)
                throw core::Error::validation("wrong_type", "按单位记录的检查发现应以单位编号为键", "findings");
            in.findings_by_unit[std::stoll(key)] = text_of(it.value());
        }
    } else if (f.is_array()) {
        for (const auto& item : f) {
            if (!item.is_object() || !item.contains("unit_id") || !item["unit_id"].is_number_integer() || !item.contains("text"))
                throw core::Error::validation("wrong_type", "检查发现应为 [{unit_id, text}]", "findings");
            in.findings_by_unit[item["unit_id"].get<std::int64_t>()] = text_of(item["text"]);
        }
    } else {
        throw core::Error::validation("wrong_type", "检查发现应为文本或按单位的列表", "findings");
    }
}

}  // namespace

Json action_json(const Action& a, bool with_responses) {
    Json j = {{"id", a.id},
              {"kind", a.kind},
              {"kind_label", std::string(kind_label(a.kind))},
              {"unit", unit_json(a.unit)},
              {"campaign", a.campaign_id ? Json{{"id", *a.campaign_id}, {"name", http::or_null(a.campaign_name)}} : Json(nullptr)},
              {"task", a.task ? Json{{"id", a.task->id}, {"number", a.task->number}, {"title", a.task->title}} : Json(nullptr)},
              {"title", a.title},
              {"content", a.content},
              {"deadline", http::or_null(a.deadline)},
              {"findings", http::or_null(a.findings)},
              {"status", a.status},
              {"created_at", a.created_at},
              {"created_by", a.created_by},
              {"closed_at", http::or_null(a.closed_at)},
              {"closed_by", http::or_null(a.closed_by)},
              {"close_note", http::or_null(a.close_note)},
              {"response_count", a.response_count}};
    if (with_responses) {
        Json rs = Json::array();
        for (const auto& r : a.responses) rs.push_back(response_json(r));
        j["responses"] = rs;
    }
    return j;
}

void mount_routes(http::Router& r, SupervisionService& svc) {
    r.add("POST", "/api/v1/supervision", Guard::permission_of("supervision:action:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              http::Body b(req, {"kind", "unit_ids", "campaign_id", "task_id", "title", "content", "deadline", "findings"});
              ActionInput in;
              in.kind = parse_kind(b.str("kind", 20)).value_or(b.str("kind", 20));
              in.unit_ids = b.ids("unit_ids");
              in.campaign_id = b.opt_i64("campaign_id");
              in.task_id = b.opt_i64("task_id");
              in.title = b.str("title", 200);
              in.content = b.str("content", 5000);
              in.deadline = b.opt_str("deadline", 10);
              read_findings(b, in);
              Json items = Json::array();
              for (const auto& a : svc.create(p, in)) items.push_back(action_json(a, false));
              return http::created({{"items", items}, {"total", items.size()}});
          });
    r.add("GET", "/api/v1/supervision", Guard::permission_of("supervision:action:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto page = http::page_of(req);
              ActionQuery q{req.query_id("campaign_id"), req.query_id("unit_id"), req.query_value("status"),
                            page.offset(), page.size};
              const auto result = svc.list(p, q);
              Json items = Json::array();
              for (const auto& a : result.items) items.push_back(action_json(a, false));
              return http::ok({{"items", items}, {"total", result.total}});
          });
    // Before /api/v1/supervision/{id}, which would otherwise take "proposals" for an id.
    r.add("GET", "/api/v1/supervision/proposals", Guard::permission_of("supervision:action:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& pr : svc.proposals(p, req.query_id("campaign_id")))
                  items.push_back({{"campaign_id", pr.pair.campaign_id},
                                   {"task", {{"id", pr.pair.task_id}, {"number", pr.pair.number}, {"title", pr.pair.title}}},
                                   {"unit", unit_json(pr.pair.unit)},
                                   {"overdue_days", pr.pair.overdue_days},
                                   {"kind", pr.kind},
                                   {"kind_label", std::string(kind_label(pr.kind))},
                                   {"deadline", http::or_null(pr.deadline)},
                                   {"title", pr.title},
                                   {"content", pr.content},
                                   {"issued", pr.issued}});
              return http::ok({{"items", items}, {"total", items.size()}});
          });
    r.add("GET", "/api/v1/supervision/{id}", Guard::permission_of("supervision:action:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(action_json(svc.get(p, req.id_param("id")), true));
          });
    r.add("POST", "/api/v1/supervision/{id}/responses", Guard::permission_of("supervision:response:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"text"});
              return http::created(response_json(svc.respond(p, id, b.str("text", 5000))));
          });
    r.add("POST", "/api/v1/supervision/{id}/close", Guard::permission_of("supervision:action:close"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"note"});
              return http::ok(action_json(svc.close(p, id, b.str("note", 5000)), true));
          });
}

}  // namespace hulei::supervision
