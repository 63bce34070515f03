// HTTP routes of the plan module: parse → one service call → serialise.
#include "modules/plan/plan_routes.hpp"

#include "core/error.hpp"
#include "http/download.hpp"
#include "http/json_io.hpp"

namespace hulei::plan {

namespace {

using http::Guard;
using http::Json;

constexpr std::size_t kPlanUploadMax = 10u << 20;    // a plan document
constexpr std::size_t kAttachmentUploadMax = 20u << 20;  // the policy plan.attachment_max_mb caps it further
constexpr std::size_t kSourceTextChars = 5'000'000;

Json unit_json(const UnitRef& u) { return {{"id", u.id}, {"name", u.name}}; }

Json status_json(const std::optional<Status>& s) { return s ? Json(std::string(status_name(*s))) : Json(nullptr); }

Json task_json(const TaskView& t) {
    Json units = Json::array();
    for (const auto& u : t.units)
        units.push_back({{"id", u.unit.id},
                         {"name", u.unit.name},
                         {"lead", u.lead},
                         {"status", status_json(u.status)},
                         {"last_report_at", http::or_null(u.last_report_at)},
                         {"next_report_due", http::or_null(u.next_report_due)},
                         {"overdue_days", u.overdue_days}});
    return {{"id", t.id},
            {"campaign_id", t.campaign_id},
            {"parent_id", http::or_null(t.parent_id)},
            {"number", t.number},
            {"level", t.level},
            {"title", t.title},
            {"body", t.body},
            {"deadline_text", http::or_null(t.deadline_text)},
            {"deadline_date", http::or_null(t.deadline_date)},
            {"report_interval_days", http::or_null(t.report_interval_days)},
            {"effective_interval_days", t.effective_interval_days},
            {"lead_unit", t.lead_unit ? unit_json(*t.lead_unit) : Json(nullptr)},
            {"units", units},
            {"phases", t.phases},
            {"context_only", t.context_only}};
}

Json summary_json(const CampaignSummary& c) {
    return {{"id", c.id},
            {"name", c.name},
            {"doc_number", http::or_null(c.doc_number)},
            {"period_start", c.period_start},
            {"period_end", c.period_end},
            {"task_count", c.task_count},
            {"created_at", c.created_at}};
}

Json campaign_json(const CampaignView& c) {
    Json j = summary_json(c.summary);
    j["source_text"] = http::or_null(c.source_text);
    Json phases = Json::array();
    for (const auto& ph : c.phases) phases.push_back({{"id", ph.id}, {"name", ph.name}, {"start", ph.start}, {"end", ph.end}});
    j["phases"] = phases;
    Json tasks = Json::array();
    for (const auto& t : c.tasks) tasks.push_back(task_json(t));
    j["tasks"] = tasks;
    return j;
}

Json attachment_json(const AttachmentInfo& a) {
    return {{"id", a.id},           {"report_id", a.report_id}, {"filename", a.filename}, {"content_type", a.content_type},
            {"size", a.size},       {"sha256", a.sha256},       {"created_at", a.created_at}};
}

Json report_json(const Report& r) {
    Json files = Json::array();
    for (const auto& a : r.attachments) files.push_back(attachment_json(a));
    return {{"id", r.id},
            {"task_id", r.task_id},
            {"unit", unit_json(r.unit)},
            {"text", r.text},
            {"completed", r.completed},
            {"reported_at", r.reported_at},
            {"reported_by", r.reported_by},
            {"attachments", files}};
}

Json task_detail_json(const TaskDetail& d) {
    Json j = task_json(d.task);
    j["campaign"] = {{"id", d.task.campaign_id}, {"name", d.campaign_name}};
    Json reports = Json::array();
    for (const auto& r : d.reports) reports.push_back(report_json(r));
    j["reports"] = reports;
    j["can_report_for"] = d.can_report_for;
    return j;
}

Json review_json(const ParseReview& r) {
    Json items = Json::array();
    for (const auto& it : r.items) {
        Json resolved = Json::array();
        for (const auto& res : it.resolved) {
            Json units = Json::array();
            for (const auto& u : res.units) units.push_back(unit_json(u));
            resolved.push_back({{"written", res.written}, {"units", units}, {"how", res.how}});
        }
        items.push_back({{"number", it.number},
                         {"level", it.level},
                         {"line", it.line},
                         {"title", it.title},
                         {"body", it.body},
                         {"units", it.units},
                         {"lead", http::or_null(it.lead)},
                         {"deadline", http::or_null(it.deadline)},
                         {"deadline_date", http::or_null(it.deadline_date)},
                         {"resolved", resolved}});
    }
    return {{"title", r.title}, {"text", r.text}, {"items", items}, {"unknown", r.unknown}};
}

Json matrix_json(const Matrix& m) {
    Json units = Json::array();
    for (const auto& u : m.units) units.push_back(unit_json(u));
    Json tasks = Json::array();
    Json summary = {{"completed", 0}, {"overdue", 0}, {"due_soon", 0}, {"on_track", 0}, {"not_started", 0}};
    for (const auto& t : m.tasks) {
        Json cells = Json::array();
        for (const auto& c : t.cells) {
            const std::string s(status_name(c.status));
            summary[s] = summary[s].get<int>() + 1;
            cells.push_back({{"unit_id", c.unit_id},
                             {"status", s},
                             {"last_report_at", http::or_null(c.last_report_at)},
                             {"next_report_due", http::or_null(c.next_report_due)},
                             {"overdue_days", c.overdue_days}});
        }
        tasks.push_back({{"id", t.task_id},
                         {"number", t.number},
                         {"title", t.title},
                         {"deadline_date", http::or_null(t.deadline_date)},
                         {"cells", cells}});
    }
    return {{"campaign_id", m.campaign_id}, {"units", units}, {"tasks", tasks}, {"summary", summary}};
}

/// Runs `fn`, prefixing the field of a validation error with `prefix` (e.g. "tasks[3].").
template <typename F>
auto within(const std::string& prefix, F&& fn) {
    try {
        return fn();
    } catch (const core::Error& e) {
        throw core::Error(e.kind(), e.code(), e.message(), prefix + e.field());
    }
}

/// A nested JSON object checked like a request body (known fields, types, text rules).
http::Body nested(const Json& v, std::initializer_list<std::string_view> allowed) {
    if (!v.is_object()) throw core::Error::validation("wrong_type", "应为 JSON 对象");
    http::Request r;
    r.headers["content-type"] = "application/json";
    r.body = v.dump();
    return http::Body(r, allowed);
}

const Json* array_field(const http::Body& b, const char* name) {
    if (!b.has(name) || b.json().at(name).is_null()) return nullptr;
    const Json& v = b.json().at(name);
    if (!v.is_array()) throw core::Error::validation("wrong_type", "字段应为数组", name);
    return &v;
}

std::vector<PhaseInput> phases_of(const http::Body& b, bool with_ids) {
    std::vector<PhaseInput> out;
    const Json* arr = array_field(b, "phases");
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        out.push_back(within("phases[" + std::to_string(i) + "].", [&] {
            auto pb = with_ids ? nested((*arr)[i], {"id", "name", "start", "end"}) : nested((*arr)[i], {"name", "start", "end"});
            PhaseInput ph;
            if (with_ids) ph.id = pb.opt_i64("id");
            ph.name = pb.str("name", 50);
            ph.start = pb.str("start", 10);
            ph.end = pb.str("end", 10);
            return ph;
        }));
    }
    return out;
}

TaskInput task_input(const Json& v) {
    auto b = nested(v, {"number", "title", "body", "deadline_text", "deadline_date", "report_interval_days", "unit_ids",
                        "lead_unit_id", "phases"});
    TaskInput t;
    t.number = b.str("number", 100);
    t.title = b.str("title", 500);
    t.body = b.opt_str("body", 20000).value_or("");
    t.deadline_text = b.opt_str("deadline_text", 100);
    t.deadline_date_given = b.has("deadline_date");
    t.deadline_date = b.opt_str("deadline_date", 10);
    t.report_interval_days = b.opt_i64("report_interval_days");
    t.unit_ids = b.ids("unit_ids");
    t.lead_unit_id = b.opt_i64("lead_unit_id");
    t.phases = b.strings("phases", 50);
    return t;
}

CampaignInput campaign_input(const http::Body& b) {
    CampaignInput in;
    in.name = b.str("name", 200);
    in.doc_number = b.opt_str("doc_number", 100);
    in.period_start = b.str("period_start", 10);
    in.period_end = b.str("period_end", 10);
    in.source_text = b.opt_str("source_text", kSourceTextChars);
    in.phases = phases_of(b, false);
    if (const Json* tasks = array_field(b, "tasks"))
        for (std::size_t i = 0; i < tasks->size(); ++i)
            in.tasks.push_back(within("tasks[" + std::to_string(i) + "].", [&] { return task_input((*tasks)[i]); }));
    return in;
}

bool plan_media_type(const std::string& content_type) {
    std::string t = content_type.substr(0, content_type.find(';'));
    while (!t.empty() && t.back() == ' ') t.pop_back();
    return t == "text/plain" || t == "application/octet-stream" ||
           t == "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

}  // namespace

Json todo_task_json(const TodoTask& t) {
    return {{"campaign", {{"id", t.campaign_id}, {"name", t.campaign_name}}},
            {"task_id", t.task_id},
            {"number", t.number},
            {"title", t.title},
            {"unit", unit_json(t.unit)},
            {"status", std::string(status_name(t.status))},
            {"deadline_date", http::or_null(t.deadline_date)},
            {"next_report_due", http::or_null(t.next_report_due)},
            {"overdue_days", t.overdue_days}};
}

void mount_routes(http::Router& r, PlanService& svc) {
    r.add("POST", "/api/v1/campaigns/parse", Guard::permission_of("plan:campaign:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              if (!plan_media_type(req.header("content-type")))
                  throw core::Error::validation("unsupported_media_type",
                                                "请上传 .txt（text/plain）或 .docx 文件作为请求内容");
              return http::ok(review_json(svc.parse_document(p, req.body, req.query_value("filename"))));
          },
          kPlanUploadMax, http::Cost::Slow);  // a 10 MB plan parses for about a second
    r.add("GET", "/api/v1/campaigns", Guard::permission_of("plan:campaign:list"), [&svc](const http::Request&, const security::Principal& p) {
        Json items = Json::array();
        for (const auto& c : svc.list_campaigns(p)) items.push_back(summary_json(c));
        return http::ok({{"items", items}, {"total", items.size()}});
    });
    r.add("POST", "/api/v1/campaigns", Guard::permission_of("plan:campaign:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              http::Body b(req, {"name", "doc_number", "period_start", "period_end", "source_text", "phases", "tasks"});
              return http::created(campaign_json(svc.create_campaign(p, campaign_input(b))));
          },
          kPlanUploadMax);
    r.add("GET", "/api/v1/campaigns/{id}", Guard::permission_of("plan:campaign:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(campaign_json(svc.get_campaign(p, req.id_param("id"))));
          });
    r.add("PUT", "/api/v1/campaigns/{id}", Guard::permission_of("plan:campaign:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"name", "doc_number", "period_start", "period_end", "phases"});
              CampaignUpdate in;
              if (b.has("name")) in.name = b.str("name", 200);
              if (b.has("doc_number")) in.doc_number = b.opt_str("doc_number", 100);
              if (b.has("period_start")) in.period_start = b.str("period_start", 10);
              if (b.has("period_end")) in.period_end = b.str("period_end", 10);
              if (b.has("phases")) in.phases = phases_of(b, true);
              return http::ok(campaign_json(svc.update_campaign(p, id, in)));
          });
    r.add("GET", "/api/v1/campaigns/{id}/matrix", Guard::permission_of("plan:matrix:view"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              MatrixFilter f;
              f.unit_id = req.query_id("unit_id");
              if (const auto s = req.query_value("status"); !s.empty()) {
                  f.status = parse_status(s);
                  if (!f.status)
                      throw core::Error::validation("invalid_status",
                                                    "状态应为 completed、overdue、due_soon、on_track 或 not_started", "status");
              }
              f.phase = req.query_value("phase");
              return http::ok(matrix_json(svc.matrix(p, id, f)));
          });
    r.add("GET", "/api/v1/campaigns/{id}/export/tasks.xlsx", Guard::permission_of("plan:export"),
          [&svc](const http::Request& req, const security::Principal& p) {
              auto f = svc.export_tasks(p, req.id_param("id"));
              return http::file_response(f.content_type, f.filename, std::move(f.bytes));
          });
    r.add("GET", "/api/v1/campaigns/{id}/export/matrix.xlsx", Guard::permission_of("plan:export"),
          [&svc](const http::Request& req, const security::Principal& p) {
              auto f = svc.export_matrix(p, req.id_param("id"));
              return http::file_response(f.content_type, f.filename, std::move(f.bytes));
          });

    r.add("GET", "/api/v1/tasks/{id}", Guard::permission_of("plan:campaign:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(task_detail_json(svc.get_task(p, req.id_param("id"))));
          });
    r.add("PUT", "/api/v1/tasks/{id}", Guard::permission_of("plan:task:update"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"title", "body", "deadline_text", "deadline_date", "report_interval_days", "unit_ids",
                                 "lead_unit_id", "phases"});
              TaskUpdate in;
              if (b.has("title")) in.title = b.str("title", 500);
              if (b.has("body")) in.body = b.opt_str("body", 20000).value_or("");
              if (b.has("deadline_text")) in.deadline_text = b.opt_str("deadline_text", 100);
              if (b.has("deadline_date")) in.deadline_date = b.opt_str("deadline_date", 10);
              if (b.has("report_interval_days")) in.report_interval_days = b.opt_i64("report_interval_days");
              if (b.has("unit_ids")) in.unit_ids = b.ids("unit_ids");
              in.lead_unit_id = b.opt_i64("lead_unit_id");
              if (b.has("phases")) in.phases = b.strings("phases", 50);
              return http::ok(task_detail_json(svc.update_task(p, id, in)));
          });
    r.add("POST", "/api/v1/tasks/{id}/progress", Guard::permission_of("plan:progress:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"unit_id", "text", "completed"});
              ProgressInput in{b.i64("unit_id"), b.str("text", 5000), b.opt_bool("completed").value_or(false)};
              return http::created(report_json(svc.add_progress(p, id, in)));
          });
    r.add("PUT", "/api/v1/progress/{id}/attachments", Guard::permission_of("plan:progress:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto a = svc.add_attachment(p, req.id_param("id"), req.query_value("filename"),
                                                req.header("content-type"), req.body);
              return http::created(attachment_json(a));
          },
          kAttachmentUploadMax);
    r.add("GET", "/api/v1/attachments/{id}", Guard::permission_of("plan:campaign:list"),
          [&svc](const http::Request& req, const security::Principal& p) {
              auto f = svc.get_attachment(p, req.id_param("id"));
              return http::file_response(f.info.content_type, f.info.filename, std::move(f.bytes));
          });
}

}  // namespace hulei::plan
