#include "modules/cases/cases_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/id_number.hpp"
#include "core/text.hpp"
#include "modules/cases/cases_rules.hpp"
#include "modules/cases/cases_store.hpp"
#include "modules/plan/plan_rules.hpp"
#include "modules/policy/policy_service.hpp"
#include "modules/registry/registry_service.hpp"
#include "modules/reports/reports_service.hpp"
#include "modules/supervision/supervision_service.hpp"

namespace hulei::cases {

namespace {

using nlohmann::json;

constexpr const char* kVictimContext = "cases.victim";
constexpr const char* kNarrativeContext = "cases.narrative";
constexpr const char* kSuspectContext = "cases.suspect";
constexpr const char* kSupportNoteContext = "case_support_items.close_note";
constexpr std::size_t kMaxName = 50;
constexpr std::size_t kMaxNarrative = 2000;
constexpr std::size_t kMaxPlace = 100;
constexpr std::size_t kMaxAttendee = 50;
constexpr std::size_t kMaxAttendees = 10;
constexpr std::size_t kMaxCourt = 100;
constexpr std::size_t kMaxNote = 500;
constexpr std::size_t kMaxReason = 200;
constexpr std::int64_t kMaxVictimAge = 17;
constexpr std::int64_t kAdultAge = 18;
constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kShanghaiOffsetMs = 8 * 3'600'000;

using security::require;

/// Trimmed, valid text of at most `max` characters; Validation naming `field` otherwise.
std::string checked_text(const std::string& raw, std::size_t max, const std::string& field, const char* label) {
    const std::string t = core::trim(raw);
    if (!core::valid_utf8(t) || core::has_control_characters(t))
        throw core::Error::validation("invalid_text", std::string(label) + "含有无效字符", field);
    if (core::utf8_length(t) > max)
        throw core::Error::validation("too_long", std::string(label) + "过长（最多" + std::to_string(max) + "字）",
                                      field);
    return t;
}

std::optional<std::string> optional_text(const std::optional<std::string>& raw, std::size_t max,
                                         const std::string& field, const char* label) {
    if (!raw) return std::nullopt;
    auto t = checked_text(*raw, max, field, label);
    if (t.empty()) return std::nullopt;
    return t;
}

db::Value user_value(const security::Principal& p) {
    return p.user_id ? db::Value(p.user_id) : db::Value(nullptr);
}

template <typename T>
db::Value opt_value(const std::optional<T>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}

std::string today_of(std::int64_t now) {
    return plan::format_date(plan::shanghai_day(now));
}

/// A YYYY-MM-DD date, not after `today`.
std::string checked_date(const std::string& raw, const std::string& today, const std::string& field,
                         const char* label) {
    const std::string t = core::trim(raw);
    if (t.empty()) throw core::Error::validation("required", std::string("请填写") + label, field);
    if (!plan::parse_date(t))
        throw core::Error::validation("invalid_date", std::string(label) + "应为有效日期 YYYY-MM-DD", field);
    if (t > today) throw core::Error::validation("in_future", std::string(label) + "不能晚于今天", field);
    return t;
}

/// The start (Asia/Shanghai midnight) of a YYYY-MM-DD day, in epoch ms.
std::int64_t day_start_ms(const std::string& day) {
    return *plan::parse_date(day) * kMsPerDay - kShanghaiOffsetMs;
}

/// A validated ID number, normalised; Validation naming `field` otherwise.
core::IdNumber checked_id(const std::string& raw, const std::string& today, const std::string& field) {
    core::IdNumberError err;
    const auto id = core::parse_id_number(raw, &err, today);
    if (!id) throw core::Error::validation("invalid_id_number", "身份证号无效：" + err.message, field);
    return *id;
}

/// Whether the caller handles cases of `station_id` (the stations within its cases:case:read grants).
bool handles(const security::Principal& p, std::int64_t station_id) {
    if (!p.has("cases:case:read")) return false;
    const auto units = p.units_for("cases:case:read");
    return !units || units->count(station_id) > 0;
}

/// The units whose support items the caller acts on as the assigned unit: its grants' units, or its own unit
/// under a township grant (a 司法所 sees its own assignments, never another's).
std::set<std::int64_t> assigned_units(const security::Principal& p) {
    const auto units = p.units_for("cases:support:list");
    if (!units) return {p.unit_id};
    return *units;
}

Count shown(std::int64_t value, std::int64_t threshold) {
    Count c;
    c.suppressed = threshold > 0 && value >= 1 && value < threshold;
    c.value = c.suppressed ? 0 : value;
    return c;
}

/// The suspect's fields, validated.
struct CleanSuspect {
    std::optional<std::string> name;
    std::optional<core::IdNumber> id;
    std::string relation;
    bool works_with_minors = false;
    std::optional<std::int64_t> employer_unit_id;
    std::optional<std::string> hired_on;
};

CleanSuspect clean_suspect(const SuspectInput& in, const std::string& today) {
    CleanSuspect s;
    s.name = optional_text(in.name, kMaxName, "suspect.name", "嫌疑人姓名");
    if (in.id_number && !core::trim(*in.id_number).empty())
        s.id = checked_id(*in.id_number, today, "suspect.id_number");
    s.relation = core::trim(in.relation);
    if (s.relation.empty()) throw core::Error::validation("required", "请选择嫌疑人与被害人的关系", "suspect.relation");
    if (!valid_relation(s.relation))
        throw core::Error::validation("invalid_relation", "嫌疑人与被害人的关系不正确", "suspect.relation");
    s.works_with_minors = in.works_with_minors;
    s.employer_unit_id = in.employer_unit_id;
    if (in.hired_on && !core::trim(*in.hired_on).empty())
        s.hired_on = checked_date(*in.hired_on, today, "suspect.hired_on", "入职日期");
    if ((s.employer_unit_id || s.hired_on) && !s.works_with_minors)
        throw core::Error::validation("works_with_minors_required",
                                      "填写任职单位或入职日期时须标明其从事密切接触未成年人工作",
                                      "suspect.works_with_minors");
    return s;
}

void check_employer(db::Tx& tx, const CleanSuspect& s) {
    if (s.employer_unit_id && !tx.query_one(sql::kUnitById, {*s.employer_unit_id}))
        throw core::Error::validation("invalid_unit", "嫌疑人任职单位不存在", "suspect.employer_unit_id");
}

json suspect_json(const CleanSuspect& s) {
    json j = json::object();
    if (s.name) j["name"] = *s.name;
    if (s.id) j["id_number"] = s.id->value;
    return j;
}

}  // namespace

// ---- reading ----------------------------------------------------------------------------------------------

db::Row CasesService::case_row(db::Tx& tx, const security::Principal& p, std::int64_t id) const {
    auto r = tx.query_one(std::string(sql::kCaseColumns) + std::string(sql::kById), {id});
    if (!r || !handles(p, r->i64("station_id"))) throw core::Error::not_found("案件不存在");
    return *r;
}

SupportItem CasesService::support_of(const db::Row& r, bool with_note) const {
    SupportItem s;
    s.id = r.i64("id");
    s.case_id = r.i64("case_id");
    s.kind = r.str("kind");
    s.unit_id = r.i64("unit_id");
    s.unit_name = r.str("unit_name");
    s.status = r.str("status");
    s.opened_at = r.i64("opened_at");
    s.closed_at = r.opt_i64("closed_at");
    if (with_note && !r.is_null("close_note_enc"))
        s.close_note = keyring_.decrypt(r.str("close_note_enc"), kSupportNoteContext);
    s.crime_type = r.str("crime_type");
    s.station_name = r.str("station_name");
    return s;
}

Case CasesService::case_of(db::Tx& tx, const db::Row& r, bool reveal, bool full) const {
    Case c;
    c.id = r.i64("id");
    c.station_id = r.i64("station_id");
    c.station_name = r.str("station_name");
    c.crime_type = r.str("crime_type");
    c.stage = r.str("stage");
    c.accepted_on = r.str("accepted_on");
    for (const auto& x : tx.query(sql::kReportsOf, {c.id})) c.report_ids.push_back(x.i64("report_id"));

    const json victim = json::parse(keyring_.decrypt(r.str("victim_enc"), kVictimContext));
    const std::string vname = victim.value("name", "");
    const std::string vid = victim.value("id_number", "");
    c.victim_sex = victim.value("sex", "");
    if (victim.contains("age")) c.victim_age = victim["age"].get<std::int64_t>();
    c.victim_village_id = r.opt_i64("victim_village_id");
    c.victim_village_name = r.str("village_name");
    c.victim_child_id = r.opt_i64("victim_child_id");
    c.has_narrative = !r.is_null("narrative_enc");

    const json suspect = json::parse(keyring_.decrypt(r.str("suspect_enc"), kSuspectContext));
    const std::string sname = suspect.value("name", "");
    const std::string sid = suspect.value("id_number", "");
    c.suspect_relation = r.str("suspect_relation");
    c.suspect_works_with_minors = r.boolean("suspect_works_with_minors");
    c.suspect_employer_unit_id = r.opt_i64("suspect_employer_unit_id");
    c.suspect_employer_name = r.str("employer_name");
    c.suspect_hired_on = r.opt_str("suspect_hired_on");

    c.revealed = reveal;
    if (reveal) {
        c.victim_name = vname;
        c.victim_id_number = vid;
        c.victim_birth_date = victim.value("birth_date", "");
        if (c.has_narrative) c.narrative = keyring_.decrypt(r.str("narrative_enc"), kNarrativeContext);
        c.suspect_name = sname;
        c.suspect_id_number = sid;
    } else {
        c.victim_name = vname.empty() ? "" : mask_victim_name(vname);
        c.victim_id_number = vid.empty() ? "" : core::mask_id_number(vid);
        c.suspect_name = sname.empty() ? "" : mask_victim_name(sname);
        c.suspect_id_number = sid.empty() ? "" : core::mask_id_number(sid);
    }

    for (const auto& s : tx.query(sql::kStagesOf, {c.id})) {
        StageEntry e;
        e.stage = s.str("stage");
        e.date = s.str("stage_date");
        if (!s.is_null("convicted")) e.convicted = s.boolean("convicted");
        e.court = s.opt_str("court");
        e.recorded_at = s.i64("recorded_at");
        c.stages.push_back(std::move(e));
    }
    c.registry.record_id = r.opt_i64("registry_record_id");
    if (c.stage != "judged") {
        c.registry.status = "none";
    } else if (c.registry.record_id) {
        c.registry.status = "created";
    } else if (!c.stages.empty() && c.stages.back().convicted && !*c.stages.back().convicted) {
        c.registry.status = "acquitted";
    } else if (registry_type_of(c.crime_type).empty()) {
        c.registry.status = "not_applicable";
    } else {
        c.registry.status = "no_id_number";
    }

    c.full = full;
    if (full) {
        for (const auto& e : tx.query(sql::kEvidenceOf, {c.id})) {
            Evidence ev;
            ev.id = e.i64("id");
            ev.held_at = e.i64("held_at");
            ev.place = e.str("place");
            ev.attendees = json::parse(e.str("attendees")).get<std::vector<std::string>>();
            ev.recorded_at = e.i64("recorded_at");
            c.evidence.push_back(std::move(ev));
        }
        for (const auto& s : tx.query(std::string(sql::kSupportColumns) + std::string(sql::kSupportOfCase), {c.id}))
            c.support.push_back(support_of(s, true));
    }
    c.created_at = r.i64("created_at");
    c.updated_at = r.i64("updated_at");
    return c;
}

std::vector<Case> CasesService::list(const security::Principal& p) {
    require(p, "cases:case:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        std::vector<Case> out;
        for (const auto& r : tx.query(std::string(sql::kCaseColumns) + std::string(sql::kNewestFirst)))
            if (handles(p, r.i64("station_id"))) out.push_back(case_of(tx, r, false, false));
        audit::append(tx, audit::actor_of(p), {"cases.case.list", "case", "", {{"returned", out.size()}}}, now);
        return out;
    });
}

Case CasesService::get(const security::Principal& p, std::int64_t id) {
    require(p, "cases:case:read");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto c = case_of(tx, case_row(tx, p, id), false, true);
        audit::append(tx, audit::actor_of(p), {"cases.case.read", "case", std::to_string(id), {}}, now);
        return c;
    });
}

Case CasesService::reveal(const security::Principal& p, std::int64_t id, const std::string& reason) {
    require(p, "cases:victim:reveal");
    const std::string why = checked_text(reason, kMaxReason, "reason", "事由");
    if (why.empty()) throw core::Error::validation("required", "查看被害人身份须填写事由", "reason");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto c = case_of(tx, case_row(tx, p, id), true, true);
        audit::append(tx, audit::actor_of(p), {"cases.victim.reveal", "case", std::to_string(id), {{"reason", why}}},
                      now);
        return c;
    });
}

// ---- the police's changes -----------------------------------------------------------------------------------

Case CasesService::create(const security::Principal& p, const CaseInput& in) {
    require(p, "cases:case:create");
    const auto now = clock_.now_ms();
    const auto today = today_of(now);
    // Everything that needs no database first.
    const std::string crime = crime_type_code(in.crime_type);
    if (crime.empty())
        throw core::Error::validation("invalid_crime_type", "案件类型应为方案所列八类罪名之一或“其他”", "crime_type");
    const std::string accepted_on = checked_date(in.accepted_on, today, "accepted_on", "受案日期");
    const auto narrative = optional_text(in.narrative, kMaxNarrative, "narrative", "简要案情");

    const auto& v = in.victim;
    const auto vname = optional_text(v.name, kMaxName, "victim.name", "被害人姓名");
    std::string sex = core::trim(v.sex);
    if (sex.empty()) throw core::Error::validation("required", "请填写被害人性别", "victim.sex");
    if (sex != "F" && sex != "M")
        throw core::Error::validation("invalid_sex", "性别应为 F（女）或 M（男）", "victim.sex");
    std::optional<core::IdNumber> vid;
    if (v.id_number && !core::trim(*v.id_number).empty()) vid = checked_id(*v.id_number, today, "victim.id_number");
    std::optional<std::string> birth;
    if (v.birth_date && !core::trim(*v.birth_date).empty())
        birth = checked_date(*v.birth_date, today, "victim.birth_date", "被害人出生日期");
    if (vid) {
        if (vid->sex != sex[0]) throw core::Error::validation("sex_mismatch", "被害人性别与身份证号不符", "victim.sex");
        if (birth && *birth != vid->birth_date)
            throw core::Error::validation("birth_date_mismatch", "被害人出生日期与身份证号不符", "victim.birth_date");
        birth = vid->birth_date;
    }
    std::optional<std::int64_t> age = v.age;
    if (birth) {
        const auto a = age_on(*birth, accepted_on);
        if (!a || *a < 0)
            throw core::Error::validation("invalid_birth_date", "出生日期晚于受案日期", "victim.birth_date");
        if (age && *age != *a) throw core::Error::validation("age_mismatch", "被害人年龄与出生日期不符", "victim.age");
        age = *a;
    }
    if (!age) throw core::Error::validation("required", "请填写被害人年龄或出生日期", "victim.age");
    if (*age < 0 || *age > kMaxVictimAge)
        throw core::Error::validation("invalid_age", "被害人受案时应为未成年人（0–17 周岁）", "victim.age");
    const auto suspect = clean_suspect(in.suspect, today);

    return db_.write([&](db::Tx& tx) {
        if (v.village_id) {
            const auto u = tx.query_one(sql::kUnitById, {*v.village_id});
            if (!u || u->str("kind") != "village")
                throw core::Error::validation("invalid_village", "被害人所在村（社区）不存在", "victim.village_id");
        }
        if (v.child_id && !tx.query_one(sql::kChildExists, {*v.child_id}))
            throw core::Error::validation("invalid_child", "台账中没有该儿童", "victim.child_id");
        check_employer(tx, suspect);

        std::int64_t station = 0;
        if (in.report_id) {
            const auto rep = reports_.handled_report(tx, p, *in.report_id);
            if (!rep) throw core::Error::not_found("报告不存在", "report_id");
            if (rep->outcome != "criminal" && rep->outcome != "administrative")
                throw core::Error::conflict("report_not_open",
                                            "该报告尚未作出刑事或行政案件的处理结论，不能据此立案登记", "report_id");
            if (tx.query_one(sql::kCaseOfReport, {*in.report_id}))
                throw core::Error::conflict("report_linked", "该报告已关联案件", "report_id");
            if (!rep->station_id) throw core::Error::conflict("no_station", "该报告没有承办派出所", "report_id");
            station = *rep->station_id;
            if (!handles(p, station)) throw core::Error::not_found("报告不存在", "report_id");
        } else {
            station = in.station_id.value_or(p.unit_id);
            const auto u = tx.query_one(sql::kUnitById, {station});
            if (!u || u->str("kind") != "police_station")
                throw core::Error::validation("invalid_station", "承办单位应为派出所", "station_id");
            if (!handles(p, station)) throw core::Error::forbidden();
        }

        json victim = {{"sex", sex}, {"age", *age}};
        if (vname) victim["name"] = *vname;
        if (birth) victim["birth_date"] = *birth;
        if (vid) victim["id_number"] = vid->value;
        const std::int64_t id =
            tx.scalar_i64(sql::kInsertCase,
                          {station, crime, accepted_on, keyring_.encrypt(victim.dump(), kVictimContext),
                           opt_value(v.village_id), opt_value(v.child_id),
                           narrative ? db::Value(keyring_.encrypt(*narrative, kNarrativeContext)) : db::Value(nullptr),
                           keyring_.encrypt(suspect_json(suspect).dump(), kSuspectContext), suspect.relation,
                           std::int64_t{suspect.works_with_minors ? 1 : 0}, opt_value(suspect.employer_unit_id),
                           opt_value(suspect.hired_on), now, user_value(p), now});
        tx.exec(sql::kInsertStage, {id, std::string("accepted"), accepted_on, nullptr, nullptr, now, user_value(p)});
        if (in.report_id) tx.exec(sql::kInsertCaseReport, {*in.report_id, id, now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"cases.case.create",
                       "case",
                       std::to_string(id),
                       {{"station_id", station},
                        {"crime_type", crime},
                        {"report_id", in.report_id ? json(*in.report_id) : json(nullptr)}}},
                      now);
        return case_of(tx, case_row(tx, p, id), false, true);
    });
}

Case CasesService::link_report(const security::Principal& p, std::int64_t id, std::int64_t report_id) {
    require(p, "cases:case:update");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto row = case_row(tx, p, id);
        const auto rep = reports_.handled_report(tx, p, report_id);
        if (!rep) throw core::Error::not_found("报告不存在", "report_id");
        if (tx.query_one(sql::kCaseOfReport, {report_id}))
            throw core::Error::conflict("report_linked", "该报告已关联案件", "report_id");
        tx.exec(sql::kInsertCaseReport, {report_id, id, now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"cases.report.link", "case", std::to_string(id), {{"report_id", report_id}}}, now);
        return case_of(tx, row, false, true);
    });
}

Case CasesService::update_suspect(const security::Principal& p, std::int64_t id, const SuspectInput& in) {
    require(p, "cases:case:update");
    const auto now = clock_.now_ms();
    const auto suspect = clean_suspect(in, today_of(now));
    return db_.write([&](db::Tx& tx) {
        const auto row = case_row(tx, p, id);
        if (is_final(row.str("stage")))
            throw core::Error::conflict("case_closed", "案件已终结，不能再更改嫌疑人信息", "");
        check_employer(tx, suspect);
        tx.exec(sql::kUpdateSuspect, {keyring_.encrypt(suspect_json(suspect).dump(), kSuspectContext), suspect.relation,
                                      std::int64_t{suspect.works_with_minors ? 1 : 0},
                                      opt_value(suspect.employer_unit_id), opt_value(suspect.hired_on), now, id});
        audit::append(
            tx, audit::actor_of(p),
            {"cases.suspect.update", "case", std::to_string(id), {{"id_number_known", suspect.id.has_value()}}}, now);
        return case_of(tx, case_row(tx, p, id), false, true);
    });
}

Case CasesService::add_stage(const security::Principal& p, std::int64_t id, const StageInput& in) {
    require(p, "cases:case:update");
    const auto now = clock_.now_ms();
    const auto today = today_of(now);
    const std::string stage = core::trim(in.stage);
    if (!valid_stage(stage))
        throw core::Error::validation(
            "invalid_stage", "阶段应为 filed、investigating、prosecuting、judged、not_filed 或 withdrawn", "stage");
    if (stage == "accepted") throw core::Error::conflict("invalid_stage_order", "受案阶段在登记案件时已记录", "stage");
    const std::string date = checked_date(in.date, today, "date", "阶段日期");
    const bool judged = stage == "judged";
    if (!judged && (in.convicted || in.court || in.minor_at_offence))
        throw core::Error::validation("not_applicable", "判决结果和法院只在判决阶段填写", "convicted");
    if (judged && !in.convicted) throw core::Error::validation("required", "请填写是否判决有罪", "convicted");
    const bool convicted = judged && *in.convicted;
    const auto court = optional_text(in.court, kMaxCourt, "court", "审判机关");
    if (convicted && !court) throw core::Error::validation("required", "请填写作出判决的法院", "court");

    // One transaction: a conviction's registry record (with its monitoring) and the stage commit together, and a
    // record the registry refuses leaves the case unchanged.
    return db_.write([&](db::Tx& tx) {
        const auto row = case_row(tx, p, id);
        const std::string from = row.str("stage");
        if (!may_move(from, stage))
            throw core::Error::conflict("invalid_stage_order",
                                        "案件当前阶段为“" + std::string(stage_label(from)) + "”，不能进入“" +
                                            std::string(stage_label(stage)) + "”",
                                        "stage");
        if (const auto last = tx.query_one(sql::kLastStageDate, {id}); last && date < last->str("stage_date"))
            throw core::Error::validation("date_before_previous",
                                          "阶段日期不能早于上一阶段的日期（" + last->str("stage_date") + "）", "date");
        const std::string type = registry_type_of(row.str("crime_type"));
        const json suspect = json::parse(keyring_.decrypt(row.str("suspect_enc"), kSuspectContext));
        const std::string sid = suspect.value("id_number", "");
        std::optional<std::int64_t> record_id;
        if (convicted && !type.empty() && !sid.empty()) {
            const std::string name = suspect.value("name", "");
            if (name.empty())
                throw core::Error::validation("suspect_name_required", "登记信息库须有嫌疑人姓名，请先补录嫌疑人信息",
                                              "suspect.name");
            registry::RecordInput r;
            r.name = name;
            r.id_number = sid;
            r.record_type = type;
            r.decision_date = date;
            r.decision_authority = *court;
            // Under 18 on the accepted date means under 18 at the offence; otherwise the caller says so.
            const auto birth = core::parse_id_number(sid)->birth_date;
            r.minor_at_offence =
                in.minor_at_offence.value_or(age_on(birth, row.str("accepted_on")).value_or(kAdultAge) < kAdultAge);
            r.control_status = "none";
            record_id = registry_.create_in(tx, p, r).id;
        }
        if (tx.exec(sql::kMoveStage, {stage, opt_value(record_id), now, id, from}) != 1)
            throw core::Error::conflict("invalid_stage_order", "案件阶段已被他人更新，请刷新后重试", "stage");
        tx.exec(sql::kInsertStage, {id, stage, date, judged ? db::Value(std::int64_t{convicted ? 1 : 0}) : nullptr,
                                    opt_value(court), now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"cases.case.stage",
                       "case",
                       std::to_string(id),
                       {{"stage", stage},
                        {"date", date},
                        {"convicted", judged ? json(convicted) : json(nullptr)},
                        {"registry_record_id", record_id ? json(*record_id) : json(nullptr)}}},
                      now);
        return case_of(tx, case_row(tx, p, id), false, true);
    });
}

Evidence CasesService::add_evidence(const security::Principal& p, std::int64_t id, const EvidenceInput& in) {
    require(p, "cases:case:update");
    const auto now = clock_.now_ms();
    if (in.held_at <= 0) throw core::Error::validation("required", "请填写取证时间", "held_at");
    if (in.held_at > now) throw core::Error::validation("in_future", "取证时间不能晚于当前时间", "held_at");
    const std::string place = checked_text(in.place, kMaxPlace, "place", "取证地点");
    if (place.empty()) throw core::Error::validation("required", "请填写取证地点", "place");
    if (in.attendees.empty()) throw core::Error::validation("required", "请填写在场人员", "attendees");
    if (in.attendees.size() > kMaxAttendees)
        throw core::Error::validation("too_many", "在场人员最多 " + std::to_string(kMaxAttendees) + " 项", "attendees");
    std::vector<std::string> attendees;
    for (const auto& a : in.attendees) {
        auto t = checked_text(a, kMaxAttendee, "attendees", "在场人员");
        if (!t.empty()) attendees.push_back(std::move(t));
    }
    if (attendees.empty()) throw core::Error::validation("required", "请填写在场人员", "attendees");
    return db_.write([&](db::Tx& tx) {
        case_row(tx, p, id);
        Evidence e;
        e.held_at = in.held_at;
        e.place = place;
        e.attendees = attendees;
        e.recorded_at = now;
        e.id = tx.scalar_i64(sql::kInsertEvidence, {id, in.held_at, place, json(attendees).dump(), now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"cases.evidence.create", "case", std::to_string(id), {{"evidence_id", e.id}}}, now);
        return e;
    });
}

SupportItem CasesService::add_support(const security::Principal& p, std::int64_t id, const std::string& kind_raw,
                                      std::int64_t unit_id) {
    require(p, "cases:case:update");
    const std::string kind = core::trim(kind_raw);
    if (!valid_support_kind(kind))
        throw core::Error::validation(
            "invalid_kind", "救助类型应为 legal_aid、psychological、medical、financial 或 school_return", "kind");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        case_row(tx, p, id);
        const auto u = tx.query_one(sql::kUnitById, {unit_id});
        if (!u) throw core::Error::validation("invalid_unit", "承担单位不存在", "unit_id");
        if (kind == "legal_aid" && u->str("kind") != "judicial_office")
            throw core::Error::validation("invalid_unit", "法律援助应指派给司法所", "unit_id");
        const auto item = tx.scalar_i64(sql::kInsertSupport, {id, kind, unit_id, now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"cases.support.create",
                       "case_support_item",
                       std::to_string(item),
                       {{"case_id", id}, {"kind", kind}, {"unit_id", unit_id}}},
                      now);
        return support_of(*tx.query_one(std::string(sql::kSupportColumns) + std::string(sql::kSupportById), {item}),
                          true);
    });
}

// ---- support items ------------------------------------------------------------------------------------------

std::vector<SupportItem> CasesService::support_items(const security::Principal& p) {
    require(p, "cases:support:list");
    const auto now = clock_.now_ms();
    const bool police = p.has("cases:case:read");
    const auto mine = assigned_units(p);
    return db_.write([&](db::Tx& tx) {
        std::vector<SupportItem> out;
        for (const auto& r : tx.query(std::string(sql::kSupportColumns) + std::string(sql::kSupportAll))) {
            const bool ok = police ? handles(p, r.i64("station_id")) : mine.count(r.i64("unit_id")) > 0;
            if (ok) out.push_back(support_of(r, true));
        }
        audit::append(tx, audit::actor_of(p),
                      {"cases.support.list", "case_support_item", "", {{"returned", out.size()}}}, now);
        return out;
    });
}

std::vector<SupportItem> CasesService::open_support_items(const security::Principal& p) {
    if (!p.has("cases:support:list")) return {};
    const bool police = p.has("cases:case:read");
    const auto mine = assigned_units(p);
    return db_.read([&](db::Tx& tx) {
        std::vector<SupportItem> out;
        for (const auto& r : tx.query(std::string(sql::kSupportColumns) + std::string(sql::kSupportAll))) {
            if (r.str("status") != "open") continue;
            const bool ok = police ? handles(p, r.i64("station_id")) : mine.count(r.i64("unit_id")) > 0;
            if (ok) out.push_back(support_of(r, false));
        }
        return out;
    });
}

SupportItem CasesService::close_support(const security::Principal& p, std::int64_t item_id, const std::string& note) {
    require(p, "cases:support:close");
    const std::string clean = checked_text(note, kMaxNote, "note", "办理情况");
    if (clean.empty()) throw core::Error::validation("required", "请填写办理情况", "note");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto r = tx.query_one(std::string(sql::kSupportColumns) + std::string(sql::kSupportById), {item_id});
        const bool ok = r && (p.has("cases:case:read") ? handles(p, r->i64("station_id"))
                                                       : assigned_units(p).count(r->i64("unit_id")) > 0);
        if (!ok) throw core::Error::not_found("救助事项不存在");
        if (tx.exec(sql::kCloseSupport, {now, user_value(p), keyring_.encrypt(clean, kSupportNoteContext), item_id}) !=
            1)
            throw core::Error::conflict("already_closed", "该救助事项已办结", "");
        audit::append(tx, audit::actor_of(p),
                      {"cases.support.close",
                       "case_support_item",
                       std::to_string(item_id),
                       {{"case_id", r->i64("case_id")}, {"kind", r->str("kind")}}},
                      now);
        return support_of(*tx.query_one(std::string(sql::kSupportColumns) + std::string(sql::kSupportById), {item_id}),
                          true);
    });
}

// ---- figures ------------------------------------------------------------------------------------------------

Stats CasesService::stats(const security::Principal& p) {
    require(p, "cases:stats:read");
    const auto now = clock_.now_ms();
    const bool exact = p.has("cases:case:read");
    return db_.write([&](db::Tx& tx) {
        const std::int64_t threshold = exact ? 0 : policy::PolicyService::get_int(tx, "reports.small_count_threshold");
        std::int64_t total = 0;
        std::map<std::string, std::int64_t> by_type, by_stage;
        for (const auto& r : tx.query(sql::kFigureRows)) {
            if (exact && !handles(p, r.i64("station_id"))) continue;
            ++total;
            ++by_type[r.str("crime_type")];
            ++by_stage[r.str("stage")];
        }
        Stats s;
        s.threshold = threshold;
        s.total = shown(total, threshold);
        for (const auto& t : crime_types())
            s.by_crime_type[std::string(t.code)] = shown(by_type[std::string(t.code)], threshold);
        for (const auto& t : stages())
            s.by_stage[std::string(t.code)] = shown(by_stage[std::string(t.code)], threshold);
        audit::append(tx, audit::actor_of(p), {"cases.stats.read", "case", "", {}}, now);
        return s;
    });
}

// ---- the review (倒查) ---------------------------------------------------------------------------------------

Review CasesService::review_in(db::Tx& tx, std::int64_t id, const db::Row& row) const {
    ReviewSubject subject;
    for (const auto& x : tx.query(sql::kReportsOf, {id})) subject.report_ids.push_back(x.i64("report_id"));
    subject.victim_child_id = row.opt_i64("victim_child_id");
    subject.victim_village_unit_id = row.opt_i64("victim_village_id");
    const json victim = json::parse(keyring_.decrypt(row.str("victim_enc"), kVictimContext));
    if (victim.contains("id_number")) subject.victim_id_number = victim["id_number"].get<std::string>();
    const json suspect = json::parse(keyring_.decrypt(row.str("suspect_enc"), kSuspectContext));
    if (suspect.contains("id_number")) subject.suspect_id_number = suspect["id_number"].get<std::string>();
    if (row.boolean("suspect_works_with_minors")) {
        subject.suspect_employer_unit_id = row.opt_i64("suspect_employer_unit_id");
        if (const auto hired = row.opt_str("suspect_hired_on")) subject.suspect_hired_on = day_start_ms(*hired);
    }
    // The reference time: the earliest discovery among the linked reports, else the accepted date.
    subject.discovered_at = day_start_ms(row.str("accepted_on"));
    bool from_report = false;
    for (const auto rid : subject.report_ids)
        if (const auto d = reports_.discovered_at(tx, rid)) {
            subject.discovered_at = from_report ? std::min(subject.discovered_at, *d) : *d;
            from_report = true;
        }

    Review out;
    out.case_id = id;
    out.late_report_hours = policy::PolicyService::get_int(tx, "reports.late_report_hours");
    const auto facts = review_.gather(tx, subject);
    std::map<std::string, std::int64_t> actions;
    for (const auto& a : tx.query(sql::kReviewActionsOf, {id})) actions[a.str("check_key")] = a.i64("action_id");
    for (auto& check : review_case(facts, out.late_report_hours)) {
        ReviewLine line;
        if (auto it = actions.find(check.key); it != actions.end()) line.action_id = it->second;
        line.check = std::move(check);
        out.checks.push_back(std::move(line));
    }
    return out;
}

Review CasesService::review(const security::Principal& p, std::int64_t id) {
    require(p, "cases:review:read");
    // The police review the cases they handle; the office (no case permission) needs a township grant.
    const bool police = p.has("cases:case:read");
    if (!police && !p.has_township("cases:review:read")) throw core::Error::forbidden();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto row = tx.query_one(std::string(sql::kCaseColumns) + std::string(sql::kById), {id});
        if (!row || (police && !handles(p, row->i64("station_id")))) throw core::Error::not_found("案件不存在");
        auto r = review_in(tx, id, *row);
        const auto failed = std::count_if(r.checks.begin(), r.checks.end(),
                                          [](const ReviewLine& l) { return l.check.result == "fail"; });
        audit::append(tx, audit::actor_of(p), {"cases.review.read", "case", std::to_string(id), {{"failed", failed}}},
                      now);
        return r;
    });
}

std::vector<ReviewListLine> CasesService::reviews(const security::Principal& p) {
    require(p, "cases:review:read");
    // As for one review: the police their stations' cases; the office (no case permission) a township grant.
    const bool police = p.has("cases:case:read");
    if (!police && !p.has_township("cases:review:read")) throw core::Error::forbidden();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        std::vector<ReviewListLine> out;
        for (const auto& row : tx.query(std::string(sql::kCaseColumns) + std::string(sql::kNewestFirst))) {
            if (police && !handles(p, row.i64("station_id"))) continue;
            ReviewListLine line;
            line.case_id = row.i64("id");
            line.station_id = row.i64("station_id");
            line.station_name = row.str("station_name");
            line.accepted_month = row.str("accepted_on").substr(0, 7);
            line.stage = row.str("stage");
            for (auto& l : review_in(tx, line.case_id, row).checks) {
                if (l.check.result == "pass") {
                    ++line.pass;
                } else if (l.check.result == "fail") {
                    ++line.fail;
                    line.failed.push_back(std::move(l));
                } else {
                    ++line.not_available;
                }
            }
            out.push_back(std::move(line));
        }
        audit::append(tx, audit::actor_of(p), {"cases.review.list", "case", "", {{"returned", out.size()}}}, now);
        return out;
    });
}

Review CasesService::open_review_action(const security::Principal& p, std::int64_t id, const std::string& key_raw) {
    require(p, "cases:review:act");
    if (!p.has_township("cases:review:act")) throw core::Error::forbidden();
    const std::string key = core::trim(key_raw);
    if (key.empty()) throw core::Error::validation("required", "请选择倒查项", "key");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto row = tx.query_one(std::string(sql::kCaseColumns) + std::string(sql::kById), {id});
        if (!row) throw core::Error::not_found("案件不存在");
        auto r = review_in(tx, id, *row);
        auto it =
            std::find_if(r.checks.begin(), r.checks.end(), [&](const ReviewLine& l) { return l.check.key == key; });
        if (it == r.checks.end()) throw core::Error::validation("unknown_check", "该案件没有此倒查项", "key");
        if (it->check.result != "fail")
            throw core::Error::conflict("not_failed", "该倒查项未发现问题，无需督办", "key");
        if (it->action_id) throw core::Error::conflict("already_opened", "该倒查项已发起督办", "key");
        if (!it->check.unit) throw core::Error::conflict("no_unit", "该倒查项没有责任单位", "key");
        const std::string title = "案件倒查：" + it->check.label;
        const std::string content = "编号为 " + std::to_string(id) + " 的案件倒查发现：" + it->check.label + "——" +
                                    it->check.detail + "。请核查原因、落实整改，并在此回复整改情况。";
        const auto action_id = supervision_.open_by_system(tx, "notice", it->check.unit->id, title, content, now);
        tx.exec(sql::kInsertReviewAction, {id, key, action_id, now, user_value(p)});
        it->action_id = action_id;
        audit::append(tx, audit::actor_of(p),
                      {"cases.review.action",
                       "case",
                       std::to_string(id),
                       {{"key", key}, {"action_id", action_id}, {"unit_id", it->check.unit->id}}},
                      now);
        return r;
    });
}

}  // namespace hulei::cases
