#include "modules/screening/screening_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/id_number.hpp"
#include "core/text.hpp"
#include "io/sheet.hpp"
#include "modules/plan/plan_rules.hpp"
#include "modules/policy/policy_service.hpp"
#include "modules/registry/registry_keys.hpp"
#include "modules/registry/registry_rules.hpp"
#include "modules/screening/screening_coverage.hpp"
#include "modules/screening/screening_keys.hpp"
#include "modules/screening/screening_match.hpp"
#include "modules/screening/screening_store.hpp"

namespace hulei::screening {

namespace {

constexpr const char* kNameContext = "screening.name";
constexpr const char* kIdContext = "screening.id_number";
constexpr const char* kNoteContext = "screening_reviews.note";
constexpr std::size_t kMaxName = 50;
constexpr std::size_t kMaxPosition = 50;
constexpr std::size_t kMaxNote = 500;
/// Most people one request (one sheet) checks.
constexpr std::size_t kMaxPersons = 5000;
constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kShanghaiOffsetMs = 8 * 3'600'000;

using security::require;

db::Value user_value(const security::Principal& p) {
    return p.user_id ? db::Value(p.user_id) : db::Value(nullptr);
}

/// A text field of a person: trimmed, no control characters, at most `max` characters.
std::string checked_text(const std::string& raw, std::size_t max, const char* field, const char* label,
                         const std::string& where) {
    const std::string t = core::trim(raw);
    if (!core::valid_utf8(t) || core::has_control_characters(t))
        throw core::Error::validation("invalid_text", where + std::string(label) + "含有无效字符", field);
    if (core::utf8_length(t) > max)
        throw core::Error::validation("too_long", where + std::string(label) + "过长", field);
    return t;
}

/// A 是否在职 cell: 是/在职/1/Y → true, 否/拟聘/0/N → false, empty → the default.
std::optional<bool> hired_cell(const std::string& cell, bool fallback) {
    const std::string c = core::trim(cell);
    if (c.empty()) return fallback;
    static const std::set<std::string> yes = {"是", "在职", "1", "Y", "y", "yes", "true"};
    static const std::set<std::string> no = {"否", "拟聘", "应聘", "0", "N", "n", "no", "false"};
    if (yes.count(c)) return true;
    if (no.count(c)) return false;
    return std::nullopt;
}

}  // namespace

security::Principal ScreeningService::system_principal() {
    security::Principal p;
    p.username = "system";
    p.display_name = "系统";
    p.ip = "local";
    p.request_id = "cli";
    p.grants.push_back({0, "coordinator", security::Scope::Township, {}});
    return p;
}

std::int64_t ScreeningService::unit_of(db::Tx& tx, const security::Principal& p, std::string_view permission,
                                       std::optional<std::int64_t> unit_id) const {
    const std::int64_t id = unit_id.value_or(p.unit_id);
    if (!tx.query_one(sql::kUnitById, {id})) {
        if (!unit_id) throw core::Error::validation("required", "请指定受查单位", "unit_id");
        throw core::Error::validation("invalid_unit", "单位不存在", "unit_id");
    }
    if (!p.can_in_unit(permission, id)) throw core::Error::forbidden();
    return id;
}

CheckOutcome ScreeningService::check_one(db::Tx& tx, const security::Principal& p, std::int64_t unit_id,
                                         const PersonInput& in, std::int64_t now, const std::string& today) {
    const StaffKeys staff = staff_keys(in.id_number, in.name, today);
    // Every key of the person is looked up by its blind index; sealed records have no keys (and are excluded
    // again by the query). decide() compares by equality only, so the indexes stand in for the texts.
    MatchResult result{MatchStatus::InvalidId, {}};
    const BlindKeys keys = blind_keys(keyring_, staff);
    if (staff.id) {
        StaffKeys blind = staff;
        blind.id->value = *keys.exact;
        blind.name_keys = keys.names;
        std::map<std::int64_t, RegistryEntry> by_record;
        for (const auto& r : tx.query(sql::kMatchKey, {blind.id->value})) {
            auto& e = by_record[r.i64("record_id")];
            e.record_id = r.i64("record_id");
            e.id18 = blind.id->value;
        }
        for (const auto& index : blind.name_keys)
            for (const auto& r : tx.query(sql::kMatchKey, {index})) {
                auto& e = by_record[r.i64("record_id")];
                e.record_id = r.i64("record_id");
                e.name_keys.push_back(index);
            }
        std::vector<RegistryEntry> candidates;
        for (auto& [id, e] : by_record) candidates.push_back(std::move(e));
        result = screening::decide(blind, candidates);
    }
    const std::string status(status_code(result.status));
    const char* match_kind = result.status == MatchStatus::Hit ? "exact" : "name_birth_sex";

    const std::string id_text = staff.id ? staff.id->value : core::without_spaces(core::trim(in.id_number));
    // An invalid number identifies nobody: such a person is told apart by the typed text and the name too
    // (two staff with an empty ID number are two people).
    const std::string id_index =
        keyring_.blind_index(staff.id ? id_text : "invalid:" + id_text + "|" + in.name, kIdContext);
    const std::string name_enc = keyring_.encrypt(in.name, kNameContext);
    const std::string id_enc = keyring_.encrypt(id_text, kIdContext);
    const std::int64_t hired = in.hired ? 1 : 0;
    std::int64_t person_id = 0;
    if (auto existing = tx.query_one(sql::kPersonByIndex, {unit_id, id_index})) {
        person_id = existing->i64("id");
        tx.exec(sql::kUpdatePerson,
                {name_enc, id_enc, in.position, hired, now, user_value(p), status, now, now, person_id});
    } else {
        person_id = tx.scalar_i64(sql::kInsertPerson, {unit_id, name_enc, id_enc, id_index, in.position, hired, now,
                                                       user_value(p), status, now, now, now});
    }
    store_person_keys(tx, person_id, keys);
    const std::string purpose = in.hired ? "employed" : "pre_hire";
    const std::int64_t check_id =
        tx.scalar_i64(sql::kInsertCheck, {person_id, unit_id, status, purpose, now, user_value(p)});
    for (const auto record_id : result.record_ids)
        tx.exec(sql::kInsertMatch, {check_id, record_id, std::string(match_kind)});
    if (status == "pending_review") tx.scalar_i64(sql::kInsertReview, {check_id, now});
    audit::append(tx, audit::actor_of(p),
                  {"screening.check.create",
                   "screening_check",
                   std::to_string(check_id),
                   {{"purpose", purpose},
                    {"unit_id", unit_id},
                    {"person_id", person_id},
                    {"status", status},
                    {"consent_confirmed", true}}},
                  now);
    return {0, in.name, status, person_id, check_id};
}

std::vector<CheckOutcome> ScreeningService::check(const security::Principal& p, const CheckRequest& req,
                                                  const std::vector<PersonInput>& persons) {
    require(p, "screening:check:create");
    if (!req.consent_confirmed)
        throw core::Error::validation("consent_required", "须确认已取得被查询人的书面同意", "consent_confirmed");
    if (persons.empty()) throw core::Error::validation("required", "没有需要查询的人员", "persons");
    if (persons.size() > kMaxPersons) throw core::Error::validation("too_many", "一次最多查询5000人", "persons");
    std::vector<PersonInput> clean;
    for (std::size_t i = 0; i < persons.size(); ++i) {
        const std::string where = persons.size() > 1 ? "第" + std::to_string(i + 1) + "人：" : "";
        PersonInput c = persons[i];
        c.name = checked_text(c.name, kMaxName, "name", "姓名", where);
        if (c.name.empty()) throw core::Error::validation("required", where + "请填写姓名", "name");
        c.position = checked_text(c.position, kMaxPosition, "position", "岗位", where);
        if (core::utf8_length(c.id_number) > 40)
            throw core::Error::validation("too_long", where + "身份证号过长", "id_number");
        clean.push_back(std::move(c));
    }
    const auto now = clock_.now_ms();
    const std::string today = plan::format_date(plan::shanghai_day(now));
    return db_.write([&](db::Tx& tx) {
        const std::int64_t unit_id = unit_of(tx, p, "screening:check:create", req.unit_id);
        // The daily limit is on units' accounts; the command line (an operator at the server) is not limited.
        if (p.user_id != 0) enforce_daily_limit(tx, unit_id, clean.size(), now);
        std::vector<CheckOutcome> out;
        for (std::size_t i = 0; i < clean.size(); ++i) {
            auto o = check_one(tx, p, unit_id, clean[i], now, today);
            o.row = static_cast<std::int64_t>(i + 1);
            out.push_back(std::move(o));
        }
        note_anomalies(tx, unit_id, out, now, today);
        return out;
    });
}

std::vector<CheckOutcome> ScreeningService::check_sheet(const security::Principal& p, const CheckRequest& req,
                                                        const std::string& bytes, const std::string& filename,
                                                        bool hired) {
    require(p, "screening:check:create");
    if (!req.consent_confirmed)
        throw core::Error::validation("consent_required", "须确认已取得被查询人的书面同意", "consent_confirmed");
    const auto sheet = io::read_sheet(bytes, filename);
    const int name_col = io::column_of(sheet, "姓名"), id_col = io::column_of(sheet, "身份证号"),
              pos_col = io::column_of(sheet, "岗位"), hired_col = io::column_of(sheet, "是否在职");
    for (const auto& [col, header] : {std::pair{name_col, "姓名"}, {id_col, "身份证号"}, {pos_col, "岗位"}})
        if (col < 0) throw core::Error::validation("missing_column", std::string("表中缺少“") + header + "”列", "file");
    std::vector<PersonInput> persons;
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
        const auto& row = sheet.rows[i];
        const auto rowno = static_cast<std::int64_t>(i < sheet.source_rows.size() ? sheet.source_rows[i] : i + 2);
        PersonInput in{row[name_col], row[id_col], row[pos_col], hired};
        if (hired_col >= 0) {
            const auto h = hired_cell(row[hired_col], hired);
            if (!h)
                throw core::Error::validation("invalid_hired",
                                              "第" + std::to_string(rowno) + "行：是否在职应为 是 或 否", "file");
            in.hired = *h;
        }
        if (core::trim(in.name).empty())
            throw core::Error::validation("required", "第" + std::to_string(rowno) + "行：请填写姓名", "file");
        persons.push_back(std::move(in));
        rows.push_back(rowno);
    }
    auto out = check(p, req, persons);
    for (std::size_t i = 0; i < out.size(); ++i) out[i].row = rows[i];
    return out;
}

std::vector<StaffPerson> ScreeningService::persons(const security::Principal& p, std::optional<std::int64_t> unit_id) {
    require(p, "screening:check:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const std::int64_t unit = unit_of(tx, p, "screening:check:list", unit_id);
        std::vector<StaffPerson> out;
        for (const auto& r : tx.query(sql::kPersonsOfUnit, {unit})) {
            StaffPerson s;
            s.id = r.i64("id");
            s.name = keyring_.decrypt(r.str("name_enc"), kNameContext);
            s.id_number = core::mask_id_number(keyring_.decrypt(r.str("id_number_enc"), kIdContext));
            s.position = r.str("position");
            s.hired = r.boolean("hired");
            s.last_status = r.str("last_status");
            s.last_checked_at = r.i64("last_checked_at");
            s.last_official = CoverageService::last_official(tx, s.id);
            out.push_back(std::move(s));
        }
        audit::append(tx, audit::actor_of(p),
                      {"screening.person.list",
                       "screening_person",
                       "",
                       {{"purpose", "staff_list"}, {"unit_id", unit}, {"returned", out.size()}}},
                      now);
        return out;
    });
}

void ScreeningService::enforce_daily_limit(db::Tx& tx, std::int64_t unit_id, std::size_t count, std::int64_t now) {
    const std::int64_t limit = policy::PolicyService::get_int(tx, "screening.max_checks_per_unit_per_day");
    const std::int64_t day_start = plan::shanghai_day(now) * kMsPerDay - kShanghaiOffsetMs;
    const std::int64_t done = tx.scalar_i64(sql::kUnitChecksSince, {unit_id, day_start});
    if (done + static_cast<std::int64_t>(count) > limit)
        throw core::Error::rate_limited("rate_limited", "本单位今日查询人数已达上限（每日" + std::to_string(limit) +
                                                            "人，今日已查询" + std::to_string(done) +
                                                            "人），请明日再查询");
}

void ScreeningService::note_anomalies(db::Tx& tx, std::int64_t unit_id, const std::vector<CheckOutcome>& checked,
                                      std::int64_t now, const std::string& today) {
    const std::int64_t days = policy::PolicyService::get_int(tx, "screening.anomaly_window_days");
    const std::int64_t since = (plan::shanghai_day(now) - days + 1) * kMsPerDay - kShanghaiOffsetMs;
    const auto raise = [&](const char* kind, std::int64_t checks, std::int64_t threshold, nlohmann::json extra) {
        if (tx.query_one(sql::kAnomalyExists, {unit_id, std::string(kind), today})) return;
        tx.exec(sql::kInsertAnomaly, {unit_id, std::string(kind), today, checks, threshold, now});
        nlohmann::json detail = {{"unit_id", unit_id},     {"kind", kind},        {"checks", checks},
                                 {"threshold", threshold}, {"window_days", days}, {"day", today}};
        detail.update(extra);
        audit::append(tx, {std::nullopt, "system", "local", "screening"},
                      {"screening.anomaly", "unit", std::to_string(unit_id), std::move(detail)}, now);
    };
    const std::int64_t checks = tx.scalar_i64(sql::kUnitChecksSince, {unit_id, since});
    const std::int64_t hired = tx.scalar_i64(sql::kHiredCount, {unit_id});
    const std::int64_t unit_threshold = policy::PolicyService::get_int(tx, "screening.anomaly_ratio") * hired +
                                        policy::PolicyService::get_int(tx, "screening.anomaly_slack");
    if (checks > unit_threshold) raise("unit_volume", checks, unit_threshold, {{"hired", hired}});
    const std::int64_t per_person = policy::PolicyService::get_int(tx, "screening.max_checks_per_person");
    std::int64_t top = 0;  // the most-checked of the persons just checked (a person crosses the line when checked)
    for (const auto& o : checked)
        if (o.person_id != 0) top = std::max(top, tx.scalar_i64(sql::kPersonChecksSince, {since, o.person_id}));
    if (top > per_person) raise("person_repeated", top, per_person, nlohmann::json::object());
}

Review ScreeningService::review_of(db::Tx& tx, const db::Row& r) const {
    Review v;
    v.id = r.i64("id");
    v.check_id = r.i64("check_id");
    v.status = r.str("status");
    v.created_at = r.i64("created_at");
    v.unit_id = r.i64("unit_id");
    v.unit_name = r.str("unit_name");
    v.name = keyring_.decrypt(r.str("name_enc"), kNameContext);
    const std::string id_number = keyring_.decrypt(r.str("id_number_enc"), kIdContext);
    v.id_number = core::mask_id_number(id_number);
    if (auto id = core::parse_id_number(id_number)) {
        v.birth_date = id->birth_date;
        v.sex = std::string(1, id->sex);
    }
    v.position = r.str("position");
    v.hired = r.boolean("hired");
    std::vector<std::int64_t> ids;
    for (const auto& m : tx.query(sql::kMatchesOf, {v.check_id})) ids.push_back(m.i64("record_id"));
    v.candidates = registry_.masked_records(tx, ids);
    return v;
}

std::vector<Review> ScreeningService::reviews(const security::Principal& p) {
    require(p, "screening:review:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        std::vector<Review> out;
        for (const auto& r : tx.query(std::string(sql::kReviewColumns) + std::string(sql::kOpenReviews)))
            out.push_back(review_of(tx, r));
        audit::append(tx, audit::actor_of(p),
                      {"screening.review.list",
                       "screening_review",
                       "",
                       {{"purpose", "screening_review"}, {"returned", out.size()}}},
                      now);
        return out;
    });
}

Review ScreeningService::decide(const security::Principal& p, std::int64_t review_id, const std::string& decision,
                                const std::optional<std::string>& note) {
    require(p, "screening:review:decide");
    if (decision != "confirm" && decision != "clear")
        throw core::Error::validation("invalid_decision", "核实结论应为 confirm（确认）或 clear（排除）", "decision");
    std::optional<std::string> clean_note;
    if (note && !core::trim(*note).empty()) clean_note = checked_text(*note, kMaxNote, "note", "备注", "");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto row = tx.query_one(std::string(sql::kReviewColumns) + std::string(sql::kReviewById), {review_id});
        if (!row) throw core::Error::not_found("核实任务不存在");
        const std::string status = decision == "confirm" ? "confirmed" : "cleared";
        const std::string shown = decision == "confirm" ? "hit" : "clear";
        const auto changed = tx.exec(
            sql::kDecideReview,
            {status, user_value(p),
             clean_note ? db::Value(keyring_.encrypt(*clean_note, kNoteContext)) : db::Value(nullptr), now, review_id});
        if (changed == 0) throw core::Error::conflict("already_decided", "该核实任务已有结论", "decision");
        const std::int64_t check_id = row->i64("check_id"), person_id = row->i64("person_id");
        tx.exec(sql::kSetCheckStatus, {shown, check_id});
        tx.exec(sql::kSetPersonStatus, {shown, now, person_id, person_id, check_id});
        audit::append(tx, audit::actor_of(p),
                      {"screening.review.decide",
                       "screening_review",
                       std::to_string(review_id),
                       {{"purpose", "screening_review"},
                        {"decision", decision},
                        {"check_id", check_id},
                        {"unit_id", row->i64("unit_id")},
                        {"note", clean_note.has_value()}}},
                      now);
        auto v = review_of(tx, *row);
        v.status = status;
        return v;
    });
}

// ---- the case review (倒查) -----------------------------------------------------------------------------

ReviewScreening ScreeningService::review_screening(db::Tx& tx, std::int64_t unit_id, const std::string& id_number,
                                                   std::optional<std::int64_t> hired_on,
                                                   std::int64_t discovered_at) const {
    ReviewScreening out;
    if (auto u = tx.query_one(sql::kUnitById, {unit_id})) {
        out.unit_found = true;
        out.unit_name = u->str("name");
    }
    // The index as check_one writes it: of the normalised number (an invalid number identifies nobody).
    const auto id = core::parse_id_number(id_number);
    if (!id) return out;
    out.id_valid = true;
    const std::string index = keyring_.blind_index(id->value, kIdContext);
    const std::int64_t found_day = plan::shanghai_day(discovered_at);
    const std::string year = plan::format_date(found_day).substr(0, 4);
    const bool hired_known = hired_on.has_value();
    const std::int64_t hired_day = hired_known ? plan::shanghai_day(*hired_on) : 0;
    // One check on `day` (pre_hire: of that purpose) decides both questions.
    auto take = [&](std::int64_t day, bool pre_hire) {
        ++out.checks;
        if (hired_known ? day <= hired_day : (pre_hire || day <= found_day)) out.before_hire = true;
        if (day <= found_day && plan::format_date(day).substr(0, 4) == year) out.this_year = true;
    };
    for (const auto& r : tx.query(sql::kReviewChecks, {unit_id, index})) {
        const auto at = r.i64("checked_at");
        take(plan::shanghai_day(at), r.str("purpose") == "pre_hire");
        if (at <= discovered_at) out.last_check_at = at;
    }
    for (const auto& r : tx.query(sql::kReviewOfficialChecks, {unit_id, index}))
        if (auto day = plan::parse_date(r.str("query_date"))) take(*day, false);
    return out;
}

}  // namespace hulei::screening
