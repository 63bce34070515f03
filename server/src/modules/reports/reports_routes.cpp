// HTTP routes of mandatory reports: parse → one service call → serialise. The reporting unit's answers carry a
// receipt (status and times); the police's carry the report without its reporter; the reporter's identity has
// its own route with a reason; the office's carry the station and the clock only.
#include "modules/reports/reports_routes.hpp"

#include "core/error.hpp"
#include "http/download.hpp"
#include "http/json_io.hpp"

namespace hulei::reports {

namespace {

using http::Guard;
using http::Json;
using http::or_null;

/// Largest accepted upload; the policy reports.attachment_max_mb (at most 20) caps it further.
constexpr std::size_t kAttachmentUploadMax = 20u << 20;
constexpr std::size_t kMaxSeen = 2000;

Json step_json(const Step& s) {
    return {{"due_at", or_null(s.due_at)}, {"done_at", or_null(s.done_at)}, {"overdue", s.overdue}, {"late", s.late}};
}

Json clock_json(const ReportClock& c) {
    return {{"late_report", c.late_report},    {"late_report_hours", c.late_report_hours},
            {"accept", step_json(c.accept)},   {"feedback", step_json(c.feedback)},
            {"outcome", step_json(c.outcome)}, {"overdue", c.overdue()}};
}

Json receipt_json(const Receipt& c) {
    return {{"receipt_code", c.code},
            {"status", c.status},
            {"outcome", or_null(c.outcome)},
            {"reported_at", c.reported_at},
            {"late", c.late},
            {"accepted_at", or_null(c.accepted_at)},
            {"feedback_at", or_null(c.feedback_at)},
            {"outcome_at", or_null(c.outcome_at)},
            {"filed_at", or_null(c.filed_at)},
            {"filed_department", or_null(c.filed_department)}};
}

Json escalations_json(const std::vector<Escalation>& es) {
    Json items = Json::array();
    for (const auto& e : es)
        items.push_back({{"step", e.step}, {"action_id", e.action_id}, {"created_at", e.created_at}});
    return items;
}

Json count_json(const Count& c, std::int64_t threshold) {
    if (c.suppressed) return "<" + std::to_string(threshold);
    return c.value;
}

Json rate_json(const Rate& r, std::int64_t threshold) {
    return {{"numerator", count_json(r.numerator, threshold)},
            {"denominator", count_json(r.denominator, threshold)},
            {"percent", or_null(r.percent)}};
}

Json detail_json(const Report& rep) {
    Json j = report_json(rep);
    j["child"]["details"] = rep.child_details;
    j["seen"] = rep.seen;
    j["suspect"] = rep.suspect;
    Json attachments = Json::array();
    for (const auto& a : rep.attachments)
        attachments.push_back({{"id", a.id},
                               {"filename", a.filename},
                               {"content_type", a.content_type},
                               {"size", a.size},
                               {"created_at", a.created_at}});
    j["attachments"] = attachments;
    Json events = Json::array();
    for (const auto& e : rep.events)
        events.push_back({{"kind", e.kind}, {"detail", e.detail}, {"note", or_null(e.note)}, {"at", e.at}});
    j["events"] = events;
    j["escalations"] = escalations_json(rep.escalations);
    // The reporter is never part of a report: the handling police read it through POST …/reporter, with a reason.
    j["reporter"] = {{"name", "***"}, {"hidden", true}};
    return j;
}

ReportInput parse_input(const http::Request& req) {
    http::Body b(req, {"unit_id", "unit_category", "trigger", "seen", "discovered_at", "child_name", "child_sex",
                       "child_age", "child_details", "suspect", "reporter_phone"});
    ReportInput in;
    in.unit_id = b.opt_i64("unit_id");
    in.unit_category = b.opt_str("unit_category", 20);
    in.trigger = b.i64("trigger");
    // Lengths are the service's to check (with its messages); the body only caps what it reads.
    in.seen = b.opt_str("seen", 4 * kMaxSeen).value_or("");
    in.discovered_at = b.i64("discovered_at");
    in.child_name = b.opt_str("child_name", 200);
    in.child_sex = b.opt_str("child_sex", 5);
    in.child_age = b.opt_i64("child_age");
    in.child_details = b.opt_str("child_details", 2000);
    in.suspect = b.opt_str("suspect", 2000);
    in.reporter_phone = b.opt_str("reporter_phone", 100);
    return in;
}

/// An optional JSON body's optional text field (an empty body is none).
std::optional<std::string> optional_field(const http::Request& req, std::string_view field) {
    if (req.body.empty()) return std::nullopt;
    http::Body b(req, {field});
    return b.opt_str(field, 4000);
}

}  // namespace

Json report_json(const Report& rep) {
    return {{"id", rep.id},
            {"unit", {{"id", rep.unit_id}, {"name", rep.unit_name}}},
            {"unit_category", rep.unit_category},
            {"station", {{"id", or_null(rep.station_id)}, {"name", rep.station_name}}},
            {"trigger", rep.trigger},
            {"trigger_label", std::string(trigger_label(rep.trigger))},
            {"discovered_at", rep.discovered_at},
            {"reported_at", rep.reported_at},
            {"late", rep.clock.late_report},
            {"status", rep.status},
            {"outcome", or_null(rep.outcome)},
            {"filed_at", or_null(rep.filed_at)},
            {"filed_department", or_null(rep.filed_department)},
            {"attachment_count", rep.attachment_count},
            {"child", {{"name", rep.child_name}, {"sex", rep.child_sex}, {"age", or_null(rep.child_age)}}},
            {"clock", clock_json(rep.clock)}};
}

Json overdue_json(const OverdueLine& line) {
    return {{"id", line.id},
            {"station", {{"id", or_null(line.station_id)}, {"name", line.station_name}}},
            {"status", line.status},
            {"reported_at", line.reported_at},
            {"clock", clock_json(line.clock)},
            {"escalations", escalations_json(line.escalations)},
            {"proposals", line.proposals}};
}

void mount_routes(http::Router& r, ReportsService& svc) {
    // ---- the reporting unit; literal paths before /api/v1/reports/{id} ----
    r.add("POST", "/api/v1/reports", Guard::permission_of("reports:report:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto s = svc.submit(p, parse_input(req));
              Json j = receipt_json(s.receipt);
              j["id"] = s.id;
              return http::created(j);
          });
    r.add("GET", "/api/v1/reports/receipts", Guard::permission_of("reports:report:create"),
          [&svc](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& c : svc.receipts(p)) items.push_back(receipt_json(c));
              return http::ok({{"items", items}});
          });
    r.add("GET", "/api/v1/reports/receipts/{code}", Guard::permission_of("reports:report:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(receipt_json(svc.receipt(p, req.param("code"))));
          });
    r.add(
        "POST", "/api/v1/reports/receipts/{code}/attachments", Guard::permission_of("reports:report:create"),
        [&svc](const http::Request& req, const security::Principal& p) {
            const auto a = svc.add_attachment(p, req.param("code"), req.query_value("filename"),
                                              req.header("content-type"), req.body);
            return http::created({{"id", a.id},
                                  {"filename", a.filename},
                                  {"content_type", a.content_type},
                                  {"size", a.size},
                                  {"created_at", a.created_at}});
        },
        kAttachmentUploadMax);
    r.add("POST", "/api/v1/reports/receipts/{code}/filing", Guard::permission_of("reports:report:create"),
          [&svc](const http::Request& req, const security::Principal& p) {
              http::Body b(req, {"department"});
              return http::ok(receipt_json(svc.record_filing(p, req.param("code"), b.str("department", 400))));
          });

    // ---- the office and the figures ----
    r.add("GET", "/api/v1/reports/overdue", Guard::permission_of("reports:overdue:list"),
          [&svc](const http::Request&, const security::Principal& p) {
              Json items = Json::array();
              for (const auto& line : svc.overdue(p)) items.push_back(overdue_json(line));
              return http::ok({{"items", items}});
          });
    r.add("GET", "/api/v1/reports/stats", Guard::permission_of("reports:stats:read"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto s = svc.stats(p, req.query_id("year"));
              const auto t = s.threshold;
              Json by_trigger = Json::object(), by_category = Json::object(), by_month = Json::object();
              for (const auto& [k, c] : s.by_trigger) by_trigger[std::to_string(k)] = count_json(c, t);
              for (const auto& [k, c] : s.by_unit_category) by_category[k] = count_json(c, t);
              for (const auto& [k, c] : s.by_month) by_month[k] = count_json(c, t);
              return http::ok({{"suppressed_below", t},
                               {"total", count_json(s.total, t)},
                               {"by_trigger", by_trigger},
                               {"by_unit_category", by_category},
                               {"by_month", by_month},
                               {"timeliness",
                                {{"reported_in_time", rate_json(s.reported_in_time, t)},
                                 {"accepted_in_time", rate_json(s.accepted_in_time, t)},
                                 {"feedback_in_time", rate_json(s.feedback_in_time, t)}}}});
          });

    // ---- the handling police ----
    r.add("GET", "/api/v1/reports", Guard::permission_of("reports:report:handle"),
          [&svc](const http::Request& req, const security::Principal& p) {
              ReportQuery q;
              if (const auto s = req.query_value("status"); !s.empty()) q.status = s;
              const auto overdue = req.query_value("overdue");
              if (!overdue.empty() && overdue != "0" && overdue != "1")
                  throw core::Error::validation("wrong_type", "overdue 应为 0 或 1", "overdue");
              q.overdue_only = overdue == "1";
              Json items = Json::array();
              for (const auto& rep : svc.list(p, q)) items.push_back(report_json(rep));
              return http::ok({{"items", items}});
          });
    r.add("GET", "/api/v1/reports/{id}", Guard::permission_of("reports:report:handle"),
          [&svc](const http::Request& req, const security::Principal& p) {
              return http::ok(detail_json(svc.get(p, req.id_param("id"))));
          });
    r.add("POST", "/api/v1/reports/{id}/accept", Guard::permission_of("reports:report:handle"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              return http::ok(detail_json(svc.accept(p, id, optional_field(req, "note"))));
          });
    r.add("POST", "/api/v1/reports/{id}/outcome", Guard::permission_of("reports:report:handle"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"outcome", "reason"});
              return http::ok(detail_json(svc.record_outcome(p, id, b.str("outcome", 20), b.opt_str("reason", 4000))));
          });
    r.add("POST", "/api/v1/reports/{id}/feedback", Guard::permission_of("reports:report:handle"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              return http::ok(detail_json(svc.record_feedback(p, id, optional_field(req, "note"))));
          });
    r.add("POST", "/api/v1/reports/{id}/reporter", Guard::permission_of("reports:reporter:read"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"reason"});
              const auto who = svc.reporter(p, id, b.opt_str("reason", 1000).value_or(""));
              return http::ok({{"report_id", who.report_id},
                               {"user_id", who.user_id},
                               {"username", who.username},
                               {"name", who.name},
                               {"phone", who.phone},
                               {"unit", {{"id", who.unit_id}, {"name", who.unit_name}}}});
          });
    r.add("POST", "/api/v1/reports/{id}/escalate", Guard::permission_of("reports:report:escalate"),
          [&svc](const http::Request& req, const security::Principal& p) {
              const auto id = req.id_param("id");
              http::Body b(req, {"step"});
              const auto e = svc.escalate(p, id, b.str("step", 20));
              return http::created({{"step", e.step}, {"action_id", e.action_id}, {"created_at", e.created_at}});
          });
    r.add("GET", "/api/v1/report-attachments/{id}", Guard::permission_of("reports:report:handle"),
          [&svc](const http::Request& req, const security::Principal& p) {
              auto f = svc.attachment(p, req.id_param("id"));
              return http::file_response(f.info.content_type, f.info.filename, std::move(f.bytes));
          });
}

}  // namespace hulei::reports
