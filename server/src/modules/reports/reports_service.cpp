#include "modules/reports/reports_service.hpp"

#include <sodium.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/upload.hpp"
#include "modules/plan/plan_rules.hpp"
#include "modules/policy/policy_service.hpp"
#include "modules/registry/registry_rules.hpp"
#include "modules/reports/reports_store.hpp"
#include "security/permissions.hpp"

namespace hulei::reports {

namespace {

using nlohmann::json;

constexpr const char* kNarrativeContext = "reports.narrative";
constexpr const char* kChildContext = "reports.child";
constexpr const char* kSuspectContext = "reports.suspect";
constexpr const char* kReporterContext = "reports.reporter";
constexpr const char* kNoteContext = "report_events.note";
constexpr const char* kAttachmentContext = "report_attachments.content";
constexpr std::size_t kMaxSeen = 2000;
constexpr std::size_t kMaxChildName = 50;
constexpr std::size_t kMaxChildDetails = 500;
constexpr std::size_t kMaxSuspect = 500;
constexpr std::size_t kMaxPhone = 30;
constexpr std::size_t kMaxNote = 1000;
constexpr std::size_t kMaxDepartment = 100;
constexpr std::size_t kMaxReason = 200;
constexpr std::int64_t kBytesPerMb = 1 << 20;
constexpr std::int64_t kMaxChildAge = 17;

using security::require;

/// Trimmed, valid text of at most `max` characters (newlines allowed); Validation naming `field` otherwise.
std::string checked_text(const std::string& raw, std::size_t max, const char* field, const char* label) {
    const std::string t = core::trim(raw);
    if (!core::valid_utf8(t) || core::has_control_characters(t))
        throw core::Error::validation("invalid_text", std::string(label) + "含有无效字符", field);
    if (core::utf8_length(t) > max)
        throw core::Error::validation("too_long", std::string(label) + "过长（最多" + std::to_string(max) + "字）",
                                      field);
    return t;
}

std::optional<std::string> optional_text(const std::optional<std::string>& raw, std::size_t max, const char* field,
                                         const char* label) {
    if (!raw) return std::nullopt;
    auto t = checked_text(*raw, max, field, label);
    if (t.empty()) return std::nullopt;
    return t;
}

db::Value user_value(const security::Principal& p) {
    return p.user_id ? db::Value(p.user_id) : db::Value(nullptr);
}

/// Whether the caller handles reports of `station_id` (a report without a station: township grants only).
bool handles(const security::Principal& p, std::optional<std::int64_t> station_id) {
    const auto units = p.units_for("reports:report:handle");
    if (!units) return p.has("reports:report:handle");
    return station_id && units->count(*station_id) > 0;
}

std::optional<std::int64_t> opt_i64(const db::Row& r, std::string_view name) {
    return r.opt_i64(name);
}

Receipt receipt_of(const db::Row& r) {
    Receipt c;
    c.code = r.str("receipt_code");
    c.status = r.str("status");
    c.outcome = r.opt_str("outcome");
    c.reported_at = r.i64("reported_at");
    c.late = r.boolean("late");
    c.accepted_at = opt_i64(r, "accepted_at");
    c.feedback_at = opt_i64(r, "feedback_at");
    c.outcome_at = opt_i64(r, "outcome_at");
    c.filed_at = opt_i64(r, "filed_at");
    c.filed_department = r.opt_str("filed_department");
    return c;
}

/// PDF by its signature; images by io::sniff_image.
std::optional<std::string> sniff_attachment(std::string_view bytes) {
    if (bytes.substr(0, 5) == "%PDF-") return std::string("application/pdf");
    return io::sniff_image(bytes);
}

std::string step_label(std::string_view step) {
    if (step == "accept") return "受理";
    if (step == "feedback") return "向报告单位反馈";
    return "作出处理结论";
}

const Step& step_in(const ReportClock& c, std::string_view step) {
    if (step == "accept") return c.accept;
    if (step == "feedback") return c.feedback;
    return c.outcome;
}

}  // namespace

std::set<std::int64_t> reporting_units(const security::Principal& p) {
    std::set<std::int64_t> out;
    for (const auto& g : p.grants) {
        if (!security::role_has(g.role, "reports:report:create")) continue;
        if (g.scope == security::Scope::Units)
            out.insert(g.unit_ids.begin(), g.unit_ids.end());
        else
            out.insert(p.unit_id);
    }
    return out;
}

Limits ReportsService::limits(db::Tx& tx) const {
    Limits l;
    l.late_report_hours = policy::PolicyService::get_int(tx, "reports.late_report_hours");
    l.accept_hours = policy::PolicyService::get_int(tx, "reports.accept_hours");
    l.feedback_days = policy::PolicyService::get_int(tx, "reports.feedback_days");
    l.outcome_days = policy::PolicyService::get_int(tx, "reports.outcome_days");
    return l;
}

std::string ReportsService::new_receipt_code(db::Tx& tx) const {
    if (sodium_init() < 0) throw core::Error::internal("libsodium unavailable");
    for (int attempt = 0; attempt < 10; ++attempt) {
        std::vector<std::uint32_t> r(12);
        for (auto& v : r) v = randombytes_uniform(32);
        const auto code = receipt_code_of(r);
        if (!tx.query_one(sql::kReceiptTaken, {code})) return code;
    }
    throw core::Error::internal("无法生成回执编号");
}

// ---- the reporting unit -----------------------------------------------------------------------------------

Submitted ReportsService::submit(const security::Principal& p, const ReportInput& in) {
    require(p, "reports:report:create");
    const auto now = clock_.now_ms();
    if (!valid_trigger(in.trigger))
        throw core::Error::validation("invalid_trigger", "报告情形应为 1–9（《意见》第四条所列九种情形之一）",
                                      "trigger");
    if (in.discovered_at <= 0) throw core::Error::validation("required", "请填写发现时间", "discovered_at");
    if (in.discovered_at > now) throw core::Error::validation("in_future", "发现时间不能晚于当前时间", "discovered_at");
    const std::string seen = checked_text(in.seen, kMaxSeen, "seen", "所见情况");
    if (seen.empty()) throw core::Error::validation("required", "请填写所见情况", "seen");
    if (in.unit_category && !valid_category(*in.unit_category))
        throw core::Error::validation("invalid_category", "报告单位类别不正确", "unit_category");
    const auto child_name = optional_text(in.child_name, kMaxChildName, "child_name", "儿童姓名");
    if (in.child_sex && *in.child_sex != "F" && *in.child_sex != "M")
        throw core::Error::validation("invalid_sex", "性别应为 F（女）或 M（男）", "child_sex");
    if (in.child_age && (*in.child_age < 0 || *in.child_age > kMaxChildAge))
        throw core::Error::validation("invalid_age", "年龄应为 0–17 周岁", "child_age");
    const auto child_details = optional_text(in.child_details, kMaxChildDetails, "child_details", "儿童情况");
    const auto suspect = optional_text(in.suspect, kMaxSuspect, "suspect", "嫌疑人情况");
    const auto phone = optional_text(in.reporter_phone, kMaxPhone, "reporter_phone", "联系电话");

    const auto units = reporting_units(p);
    std::int64_t unit_id = 0;
    if (in.unit_id) {
        if (!units.count(*in.unit_id)) throw core::Error::forbidden();
        unit_id = *in.unit_id;
    } else if (units.count(p.unit_id)) {
        unit_id = p.unit_id;
    } else if (units.size() == 1) {
        unit_id = *units.begin();
    } else {
        throw core::Error::validation("unit_required", "请选择报告单位", "unit_id");
    }

    return db_.write([&](db::Tx& tx) {
        const auto unit = tx.query_one(sql::kUnitById, {unit_id});
        if (!unit) throw core::Error::validation("invalid_unit", "报告单位不存在", "unit_id");
        std::vector<TreeUnit> tree;
        for (const auto& r : tx.query(sql::kUnitTree))
            tree.push_back({r.i64("id"), r.opt_i64("parent_id"), r.str("kind")});
        const auto station = station_for(tree, unit_id);
        const auto lim = limits(tx);
        const bool late = is_late(in.discovered_at, now, lim.late_report_hours);
        const std::string category = in.unit_category ? *in.unit_category : category_of_kind(unit->str("kind"));
        json child = json::object();
        if (child_name) child["name"] = *child_name;
        if (in.child_sex) child["sex"] = *in.child_sex;
        if (in.child_age) child["age"] = *in.child_age;
        if (child_details) child["details"] = *child_details;
        const json reporter = {{"user_id", p.user_id},   {"username", p.username},
                               {"name", p.display_name}, {"phone", phone.value_or("")},
                               {"unit_id", unit_id},     {"unit_name", unit->str("name")}};
        const std::string code = new_receipt_code(tx);
        const std::int64_t id =
            tx.scalar_i64(sql::kInsertReport,
                          {code, unit_id, category, station ? db::Value(*station) : db::Value(nullptr), in.trigger,
                           in.discovered_at, now, std::int64_t{late ? 1 : 0}, keyring_.encrypt(seen, kNarrativeContext),
                           keyring_.encrypt(child.dump(), kChildContext),
                           suspect ? db::Value(keyring_.encrypt(*suspect, kSuspectContext)) : db::Value(nullptr),
                           keyring_.encrypt(reporter.dump(), kReporterContext), now, now});
        // The timeline carries no user for the submission: the reporter is kept in reporter_enc alone.
        tx.exec(sql::kInsertEvent, {id, std::string("created"), nullptr, nullptr, now, nullptr});
        audit::append(tx, audit::actor_of(p),
                      {"reports.report.create",
                       "report",
                       std::to_string(id),
                       {{"unit_id", unit_id},
                        {"station_id", station ? json(*station) : json(nullptr)},
                        {"trigger", in.trigger},
                        {"late", late}}},
                      now);
        Submitted s;
        s.id = id;
        s.late = late;
        s.receipt = receipt_of(*tx.query_one(sql::kReceiptByCode, {code}));
        return s;
    });
}

db::Row ReportsService::receipt_row(db::Tx& tx, const security::Principal& p, const std::string& code) const {
    if (!valid_receipt_code(code)) throw core::Error::not_found("回执不存在");
    auto r = tx.query_one(sql::kReceiptByCode, {normalise_receipt_code(code)});
    if (!r || !reporting_units(p).count(r->i64("unit_id"))) throw core::Error::not_found("回执不存在");
    return *r;
}

Attachment ReportsService::add_attachment(const security::Principal& p, const std::string& code,
                                          const std::string& filename, const std::string& content_type,
                                          std::string_view bytes) {
    require(p, "reports:report:create");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto r = receipt_row(tx, p, code);
        const std::int64_t report_id = r.i64("id");
        Attachment a;
        a.filename = io::clean_filename(filename);
        if (bytes.empty()) throw core::Error::validation("empty_file", "附件为空", "file");
        const auto max_mb = policy::PolicyService::get_int(tx, "reports.attachment_max_mb");
        if (static_cast<std::int64_t>(bytes.size()) > max_mb * kBytesPerMb)
            throw core::Error::too_large("附件过大（上限 " + std::to_string(max_mb) + " MB）");
        a.content_type = io::clean_content_type(content_type);
        const auto sniffed = sniff_attachment(bytes);
        if (!sniffed || *sniffed != a.content_type)
            throw core::Error::validation("unsupported_type",
                                          "只能上传 JPEG、PNG、WebP 图片或 PDF 文件，且内容须与类型相符", "file");
        const auto max_count = policy::PolicyService::get_int(tx, "reports.attachments_per_report");
        if (tx.exec(sql::kTakeAttachmentPlace, {report_id, max_count}) != 1)
            throw core::Error::conflict("too_many_attachments",
                                        "每份报告最多上传 " + std::to_string(max_count) + " 个附件", "file");
        a.size = static_cast<std::int64_t>(bytes.size());
        a.created_at = now;
        a.id = tx.scalar_i64(sql::kInsertAttachment,
                             {report_id, a.filename, a.content_type, a.size, security::sha256_hex(bytes),
                              keyring_.encrypt(bytes, kAttachmentContext), now});
        tx.exec(sql::kInsertEvent, {report_id, std::string("attachment"), nullptr, nullptr, now, nullptr});
        audit::append(tx, audit::actor_of(p),
                      {"reports.attachment.create",
                       "report_attachment",
                       std::to_string(a.id),
                       {{"report_id", report_id}, {"content_type", a.content_type}, {"size", a.size}}},
                      now);
        return a;
    });
}

Receipt ReportsService::record_filing(const security::Principal& p, const std::string& code,
                                      const std::string& department) {
    require(p, "reports:report:create");
    const std::string dept = checked_text(department, kMaxDepartment, "department", "主管部门");
    if (dept.empty()) throw core::Error::validation("required", "请填写备案的主管部门", "department");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto r = receipt_row(tx, p, code);
        const std::int64_t report_id = r.i64("id");
        if (tx.exec(sql::kFiled, {now, dept, now, report_id}) != 1)
            throw core::Error::conflict("already_filed", "该报告已登记备案", "department");
        tx.exec(sql::kInsertEvent, {report_id, std::string("filed"), nullptr, nullptr, now, nullptr});
        audit::append(tx, audit::actor_of(p),
                      {"reports.filing.create", "report", std::to_string(report_id), {{"unit_id", r.i64("unit_id")}}},
                      now);
        return receipt_of(*tx.query_one(sql::kReceiptByCode, {r.str("receipt_code")}));
    });
}

std::vector<Receipt> ReportsService::receipts(const security::Principal& p) {
    require(p, "reports:report:create");
    return db_.read([&](db::Tx& tx) {
        std::vector<Receipt> out;
        for (const auto unit : reporting_units(p))
            for (const auto& r : tx.query(sql::kReceiptsOfUnit, {unit})) out.push_back(receipt_of(r));
        std::stable_sort(out.begin(), out.end(),
                         [](const Receipt& a, const Receipt& b) { return a.reported_at > b.reported_at; });
        return out;
    });
}

Receipt ReportsService::receipt(const security::Principal& p, const std::string& code) {
    require(p, "reports:report:create");
    return db_.read([&](db::Tx& tx) { return receipt_of(receipt_row(tx, p, code)); });
}

// ---- the handling police ----------------------------------------------------------------------------------

Report ReportsService::report_of(const db::Row& r, const Limits& lim, std::int64_t now, bool full) const {
    Report rep;
    rep.id = r.i64("id");
    rep.unit_id = r.i64("unit_id");
    rep.unit_name = r.str("unit_name");
    rep.unit_category = r.str("unit_category");
    rep.station_id = r.opt_i64("station_id");
    rep.station_name = r.str("station_name");
    rep.trigger = r.i64("trigger_code");
    rep.discovered_at = r.i64("discovered_at");
    rep.reported_at = r.i64("reported_at");
    rep.status = r.str("status");
    rep.outcome = r.opt_str("outcome");
    rep.filed_at = r.opt_i64("filed_at");
    rep.filed_department = r.opt_str("filed_department");
    rep.attachment_count = r.i64("attachment_count");
    rep.clock = clock_of({rep.discovered_at, rep.reported_at, r.opt_i64("accepted_at"), r.opt_i64("feedback_at"),
                          r.opt_i64("outcome_at")},
                         lim, now);
    // The late flag is the one fixed at submission (the policy may have changed since).
    rep.clock.late_report = r.boolean("late");
    const json child = json::parse(keyring_.decrypt(r.str("child_enc"), kChildContext));
    const std::string name = child.value("name", "");
    rep.child_sex = child.value("sex", "");
    if (child.contains("age")) rep.child_age = child["age"].get<std::int64_t>();
    rep.full = full;
    if (full) {
        rep.child_name = name;
        rep.child_details = child.value("details", "");
        rep.seen = keyring_.decrypt(r.str("narrative_enc"), kNarrativeContext);
        if (!r.is_null("suspect_enc")) rep.suspect = keyring_.decrypt(r.str("suspect_enc"), kSuspectContext);
    } else {
        rep.child_name = name.empty() ? "" : registry::mask_name(name);
    }
    return rep;
}

void ReportsService::fill_detail(db::Tx& tx, Report& rep) const {
    for (const auto& a : tx.query(sql::kAttachmentsOf, {rep.id}))
        rep.attachments.push_back(
            {a.i64("id"), a.str("filename"), a.str("content_type"), a.i64("size"), a.i64("created_at")});
    for (const auto& e : tx.query(sql::kEventsOf, {rep.id})) {
        Event ev{e.str("kind"), e.str("detail"), std::nullopt, e.i64("at")};
        if (!e.is_null("note_enc")) ev.note = keyring_.decrypt(e.str("note_enc"), kNoteContext);
        rep.events.push_back(std::move(ev));
    }
    for (const auto& s : tx.query(sql::kEscalationsOf, {rep.id}))
        rep.escalations.push_back({s.str("step"), s.i64("action_id"), s.i64("created_at")});
}

std::optional<Report> ReportsService::handled(db::Tx& tx, const security::Principal& p, std::int64_t id, bool full,
                                              std::int64_t now) const {
    const auto r = tx.query_one(std::string(sql::kReportColumns) + std::string(sql::kById), {id});
    if (!r || !handles(p, r->opt_i64("station_id"))) return std::nullopt;
    auto rep = report_of(*r, limits(tx), now, full);
    if (full) fill_detail(tx, rep);
    return rep;
}

Report ReportsService::handled_or_404(db::Tx& tx, const security::Principal& p, std::int64_t id,
                                      std::int64_t now) const {
    auto rep = handled(tx, p, id, true, now);
    if (!rep) throw core::Error::not_found("报告不存在");
    return *rep;
}

std::optional<Report> ReportsService::handled_report(db::Tx& tx, const security::Principal& p, std::int64_t id) const {
    if (!p.has("reports:report:handle")) return std::nullopt;
    return handled(tx, p, id, false, clock_.now_ms());
}

std::optional<std::int64_t> ReportsService::discovered_at(db::Tx& tx, std::int64_t id) const {
    const auto r = tx.query_one(sql::kDiscoveredAt, {id});
    if (!r) return std::nullopt;
    return r->i64("discovered_at");
}

std::vector<Report> ReportsService::in_scope(db::Tx& tx, const security::Principal& p, std::int64_t now) const {
    const auto lim = limits(tx);
    std::vector<Report> out;
    for (const auto& r : tx.query(std::string(sql::kReportColumns) + std::string(sql::kAllNewestFirst)))
        if (handles(p, r.opt_i64("station_id"))) out.push_back(report_of(r, lim, now, false));
    return out;
}

std::vector<Report> ReportsService::list(const security::Principal& p, const ReportQuery& q) {
    require(p, "reports:report:handle");
    if (q.status && *q.status != "received" && *q.status != "accepted" && *q.status != "handling" &&
        *q.status != "concluded")
        throw core::Error::validation("invalid_status", "状态应为 received、accepted、handling 或 concluded", "status");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto all = in_scope(tx, p, now);
        std::vector<Report> out;
        for (auto& rep : all) {
            if (q.status && rep.status != *q.status) continue;
            if (q.overdue_only && !rep.clock.overdue()) continue;
            out.push_back(std::move(rep));
        }
        audit::append(
            tx, audit::actor_of(p),
            {"reports.report.list", "report", "", {{"returned", out.size()}, {"overdue_only", q.overdue_only}}}, now);
        return out;
    });
}

Report ReportsService::get(const security::Principal& p, std::int64_t id) {
    require(p, "reports:report:handle");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto rep = handled_or_404(tx, p, id, now);
        audit::append(tx, audit::actor_of(p), {"reports.report.read", "report", std::to_string(id), {}}, now);
        return rep;
    });
}

Report ReportsService::accept(const security::Principal& p, std::int64_t id, const std::optional<std::string>& note) {
    require(p, "reports:report:handle");
    const auto clean = optional_text(note, kMaxNote, "note", "备注");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto before = handled_or_404(tx, p, id, now);
        if (tx.exec(sql::kAccept, {now, user_value(p), now, id}) != 1)
            throw core::Error::conflict("already_accepted", "该报告已受理", "");
        tx.exec(sql::kInsertEvent,
                {id, std::string("accepted"), nullptr,
                 clean ? db::Value(keyring_.encrypt(*clean, kNoteContext)) : db::Value(nullptr), now, user_value(p)});
        audit::append(
            tx, audit::actor_of(p),
            {"reports.report.accept", "report", std::to_string(id), {{"late", now > *before.clock.accept.due_at}}},
            now);
        return handled_or_404(tx, p, id, now);
    });
}

Report ReportsService::record_outcome(const security::Principal& p, std::int64_t id, const std::string& outcome,
                                      const std::optional<std::string>& reason) {
    require(p, "reports:report:handle");
    if (outcome != "administrative" && outcome != "criminal" && outcome != "transferred" && outcome != "closed")
        throw core::Error::validation(
            "invalid_outcome",
            "处理结论应为 administrative（行政案件）、criminal（刑事案件）、transferred（移送）或 "
            "closed（不予立案并说明理由）",
            "outcome");
    const auto clean = optional_text(reason, kMaxNote, "reason", "理由");
    if ((outcome == "closed" || outcome == "transferred") && !clean)
        throw core::Error::validation("required", outcome == "closed" ? "结案须说明理由" : "移送须写明移送去向",
                                      "reason");
    const std::string status = outcome == "administrative" || outcome == "criminal" ? "handling" : "concluded";
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto before = handled_or_404(tx, p, id, now);
        if (before.status == "received") throw core::Error::conflict("not_accepted", "报告尚未受理", "outcome");
        if (tx.exec(sql::kOutcome, {status, outcome, now, now, id}) != 1)
            throw core::Error::conflict("already_decided", "该报告已有处理结论", "outcome");
        tx.exec(sql::kInsertEvent,
                {id, std::string("outcome"), outcome,
                 clean ? db::Value(keyring_.encrypt(*clean, kNoteContext)) : db::Value(nullptr), now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"reports.report.outcome", "report", std::to_string(id), {{"outcome", outcome}}}, now);
        return handled_or_404(tx, p, id, now);
    });
}

Report ReportsService::record_feedback(const security::Principal& p, std::int64_t id,
                                       const std::optional<std::string>& note) {
    require(p, "reports:report:handle");
    const auto clean = optional_text(note, kMaxNote, "note", "反馈内容");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto before = handled_or_404(tx, p, id, now);
        if (before.status == "received") throw core::Error::conflict("not_accepted", "报告尚未受理", "");
        tx.exec(sql::kFeedback, {now, now, id});
        tx.exec(sql::kInsertEvent,
                {id, std::string("feedback"), nullptr,
                 clean ? db::Value(keyring_.encrypt(*clean, kNoteContext)) : db::Value(nullptr), now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"reports.report.feedback", "report", std::to_string(id), {{"unit_id", before.unit_id}}}, now);
        return handled_or_404(tx, p, id, now);
    });
}

AttachmentFile ReportsService::attachment(const security::Principal& p, std::int64_t attachment_id) {
    require(p, "reports:report:handle");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto r = tx.query_one(sql::kAttachmentById, {attachment_id});
        if (!r || !handles(p, r->opt_i64("station_id"))) throw core::Error::not_found("附件不存在");
        AttachmentFile f{
            {r->i64("id"), r->str("filename"), r->str("content_type"), r->i64("size"), r->i64("created_at")},
            keyring_.decrypt(r->str("content_enc"), kAttachmentContext)};
        audit::append(tx, audit::actor_of(p),
                      {"reports.attachment.read",
                       "report_attachment",
                       std::to_string(attachment_id),
                       {{"report_id", r->i64("report_id")}}},
                      now);
        return f;
    });
}

Reporter ReportsService::reporter(const security::Principal& p, std::int64_t id, const std::string& reason) {
    require(p, "reports:reporter:read");
    const std::string why = checked_text(reason, kMaxReason, "reason", "事由");
    if (why.empty()) throw core::Error::validation("required", "查看报告人身份须填写事由", "reason");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto r = tx.query_one(sql::kReporterOf, {id});
        // The police read the reporters of the reports they handle; the auditor (no handling grant) any.
        const bool handling = p.has("reports:report:handle");
        if (!r || (handling && !handles(p, r->opt_i64("station_id")))) throw core::Error::not_found("报告不存在");
        const json j = json::parse(keyring_.decrypt(r->str("reporter_enc"), kReporterContext));
        Reporter out;
        out.report_id = id;
        out.user_id = j.value("user_id", std::int64_t{0});
        out.username = j.value("username", "");
        out.name = j.value("name", "");
        out.phone = j.value("phone", "");
        out.unit_id = j.value("unit_id", std::int64_t{0});
        out.unit_name = j.value("unit_name", "");
        audit::append(tx, audit::actor_of(p),
                      {"reports.reporter.read", "report", std::to_string(id), {{"reason", why}}}, now);
        return out;
    });
}

// ---- the office -------------------------------------------------------------------------------------------

std::vector<OverdueLine> ReportsService::overdue(const security::Principal& p) {
    require(p, "reports:overdue:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto lim = limits(tx);
        std::vector<OverdueLine> out;
        const bool office = p.has_township("reports:report:escalate");
        for (const auto& r : tx.query(std::string(sql::kReportColumns) + std::string(sql::kOpenOldestFirst))) {
            if (!office && !handles(p, r.opt_i64("station_id"))) continue;
            const auto rep = report_of(r, lim, now, false);
            if (!rep.clock.overdue()) continue;
            OverdueLine line;
            line.id = rep.id;
            line.station_id = rep.station_id;
            line.station_name = rep.station_name;
            line.status = rep.status;
            line.reported_at = rep.reported_at;
            line.clock = rep.clock;
            for (const auto& s : tx.query(sql::kEscalationsOf, {rep.id}))
                line.escalations.push_back({s.str("step"), s.i64("action_id"), s.i64("created_at")});
            for (const char* step : {"accept", "feedback", "outcome"}) {
                if (!step_in(rep.clock, step).overdue) continue;
                const bool done = std::any_of(line.escalations.begin(), line.escalations.end(),
                                              [&](const Escalation& e) { return e.step == step; });
                if (!done) line.proposals.emplace_back(step);
            }
            out.push_back(std::move(line));
        }
        audit::append(tx, audit::actor_of(p), {"reports.overdue.list", "report", "", {{"returned", out.size()}}}, now);
        return out;
    });
}

Escalation ReportsService::escalate(const security::Principal& p, std::int64_t id, const std::string& step) {
    require(p, "reports:report:escalate");
    if (!p.has_township("reports:report:escalate")) throw core::Error::forbidden();
    if (step != "accept" && step != "feedback" && step != "outcome")
        throw core::Error::validation("invalid_step", "督办环节应为 accept、feedback 或 outcome", "step");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto r = tx.query_one(std::string(sql::kReportColumns) + std::string(sql::kById), {id});
        if (!r) throw core::Error::not_found("报告不存在");
        const auto rep = report_of(*r, limits(tx), now, false);
        if (!step_in(rep.clock, step).overdue)
            throw core::Error::conflict("not_overdue", "该环节未超时，无需督办", "step");
        for (const auto& s : tx.query(sql::kEscalationsOf, {id}))
            if (s.str("step") == step) throw core::Error::conflict("already_escalated", "该环节已督办", "step");
        if (!rep.station_id) throw core::Error::conflict("no_station", "该报告没有承办派出所", "step");
        const std::string title = "强制报告" + step_label(step) + "超时：请立即办理";
        const std::string content = "编号为 " + std::to_string(id) + " 的强制报告" + step_label(step) +
                                    "已超过规定时限。请立即办理，并在此回复办理情况。";
        const auto action_id = supervision_.open_by_system(tx, "notice", *rep.station_id, title, content, now);
        tx.exec(sql::kInsertEscalation, {id, step, action_id, now, user_value(p)});
        tx.exec(sql::kInsertEvent, {id, std::string("escalated"), step, nullptr, now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"reports.report.escalate",
                       "report",
                       std::to_string(id),
                       {{"step", step}, {"action_id", action_id}, {"station_id", *rep.station_id}}},
                      now);
        return Escalation{step, action_id, now};
    });
}

Stats ReportsService::stats(const security::Principal& p, std::optional<std::int64_t> year) {
    require(p, "reports:stats:read");
    if (year && (*year < 2000 || *year > 2100)) throw core::Error::validation("invalid_year", "年份不正确", "year");
    const auto now = clock_.now_ms();
    const bool exact = p.has("reports:report:handle");
    return db_.write([&](db::Tx& tx) {
        const auto lim = limits(tx);
        const std::int64_t threshold = exact ? 0 : policy::PolicyService::get_int(tx, "reports.small_count_threshold");
        std::int64_t total = 0, in_time = 0, accept_due = 0, accept_ok = 0, feedback_due = 0, feedback_ok = 0;
        std::map<std::int64_t, std::int64_t> by_trigger;
        std::map<std::string, std::int64_t> by_category, by_month;
        for (const auto& r : tx.query(sql::kFigureRows)) {
            // The police count their stations' reports; the office and the leaders the township's.
            if (exact && !handles(p, r.opt_i64("station_id"))) continue;
            const std::string month = plan::format_date(plan::shanghai_day(r.i64("reported_at"))).substr(0, 7);
            if (year && month.substr(0, 4) != std::to_string(*year)) continue;
            ++total;
            ++by_trigger[r.i64("trigger_code")];
            ++by_category[r.str("unit_category")];
            ++by_month[month];
            if (!r.boolean("late")) ++in_time;
            const auto c = clock_of(
                {0, r.i64("reported_at"), r.opt_i64("accepted_at"), r.opt_i64("feedback_at"), std::nullopt}, lim, now);
            if (c.accept.done_at || c.accept.overdue) {
                ++accept_due;
                if (c.accept.done_at && !c.accept.late) ++accept_ok;
            }
            if (c.feedback.done_at || c.feedback.overdue) {
                ++feedback_due;
                if (c.feedback.done_at && !c.feedback.late) ++feedback_ok;
            }
        }
        Stats s;
        s.threshold = threshold;
        s.total = shown(total, threshold);
        for (std::int64_t t = 1; t <= 9; ++t) s.by_trigger[t] = shown(by_trigger[t], threshold);
        for (const auto& c : unit_categories()) s.by_unit_category[c] = shown(by_category[c], threshold);
        for (const auto& [m, n] : by_month) s.by_month[m] = shown(n, threshold);
        s.reported_in_time = rate_of(in_time, total, threshold);
        s.accepted_in_time = rate_of(accept_ok, accept_due, threshold);
        s.feedback_in_time = rate_of(feedback_ok, feedback_due, threshold);
        audit::append(tx, audit::actor_of(p),
                      {"reports.stats.read", "report", "", {{"year", year ? json(*year) : json(nullptr)}}}, now);
        return s;
    });
}

ReportsTodo ReportsService::todo(const security::Principal& p) {
    ReportsTodo t;
    const auto now = clock_.now_ms();
    if (p.has("reports:report:handle")) {
        return db_.read([&](db::Tx& tx) {
            for (auto& rep : in_scope(tx, p, now)) {
                const bool unaccepted = rep.status == "received";
                if (unaccepted) ++t.unaccepted;
                if (rep.clock.overdue()) ++t.overdue;
                if (unaccepted || rep.clock.overdue()) t.items.push_back(std::move(rep));
            }
            std::reverse(t.items.begin(), t.items.end());  // oldest first: the most urgent on top
            return t;
        });
    }
    if (p.has_township("reports:report:escalate")) {
        t.lines = overdue(p);
        t.overdue = static_cast<std::int64_t>(t.lines.size());
        t.unaccepted = db_.read([&](db::Tx& tx) { return tx.scalar_i64(sql::kUnacceptedCount); });
    }
    return t;
}

std::vector<ReviewReport> ReportsService::review_facts(db::Tx& tx, const std::vector<std::int64_t>& report_ids) const {
    std::vector<ReviewReport> out;
    std::set<std::int64_t> seen;
    for (const auto id : report_ids) {
        if (!seen.insert(id).second) continue;
        auto r = tx.query_one(sql::kReviewFact, {id});
        if (!r) continue;
        out.push_back({r->i64("id"), r->i64("unit_id"), r->str("unit_name"), r->boolean("late"),
                       r->i64("discovered_at"), r->i64("reported_at")});
    }
    return out;
}

}  // namespace hulei::reports
