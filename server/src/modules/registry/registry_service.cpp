#include "modules/registry/registry_service.hpp"

#include <algorithm>
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
#include "modules/registry/registry_store.hpp"

namespace hulei::registry {

namespace {

constexpr const char* kNameContext = "registry.name";
constexpr const char* kIdContext = "registry.id_number";
constexpr const char* kNoteContext = "registry_checkins.note";
constexpr std::size_t kMaxPurpose = 200;
/// Most record ids listed in the audit entry of an import.
constexpr std::size_t kMaxAuditedIds = 1000;

using security::require;

db::Value opt_value(const std::optional<std::string>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}
db::Value opt_value(const std::optional<std::int64_t>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}
db::Value user_value(const security::Principal& p) {
    return p.user_id ? db::Value(p.user_id) : db::Value(nullptr);
}

/// A purpose as given: trimmed, required, at most kMaxPurpose characters, no control characters.
std::string checked_purpose(const std::string& raw) {
    const std::string purpose = core::trim(raw);
    if (purpose.empty()) throw core::Error::validation("required", "查询信息库须填写查询事由", "purpose");
    if (!core::valid_utf8(purpose) || core::has_control_characters(purpose))
        throw core::Error::validation("control_characters", "查询事由含有无效字符", "purpose");
    if (core::utf8_length(purpose) > kMaxPurpose)
        throw core::Error::validation("too_long", "查询事由不能超过200个字", "purpose");
    return purpose;
}

/// A record's stored fields in plain text (between validation and the database).
struct Fields {
    std::string name, sex, id_number, birth_date, record_type, decision_date, decision_authority;
    bool minor_at_offence = false;
    std::optional<std::string> release_date;
    std::string control_status = "none";
    std::optional<std::int64_t> officer_id;
    std::optional<std::string> next_checkin_due;
};

Fields fields_of(const db::Row& r, const security::Keyring& keyring) {
    Fields f;
    f.name = keyring.decrypt(r.str("name_enc"), kNameContext);
    f.sex = r.str("sex");
    f.id_number = keyring.decrypt(r.str("id_number_enc"), kIdContext);
    f.birth_date = r.str("birth_date");
    f.record_type = r.str("record_type");
    f.decision_date = r.str("decision_date");
    f.decision_authority = r.str("decision_authority");
    f.minor_at_offence = r.boolean("minor_at_offence");
    f.release_date = r.opt_str("release_date");
    f.control_status = r.str("control_status");
    f.officer_id = r.opt_i64("managing_officer_id");
    f.next_checkin_due = r.opt_str("next_checkin_due");
    return f;
}

/// The names of the fields an input sets (for the audit entry of a correction; never their values).
std::vector<std::string> fields_given(const RecordInput& in) {
    std::vector<std::string> f;
    const std::pair<bool, const char*> all[] = {{bool(in.name), "name"},
                                                {bool(in.sex), "sex"},
                                                {bool(in.id_number), "id_number"},
                                                {bool(in.birth_date), "birth_date"},
                                                {bool(in.record_type), "record_type"},
                                                {bool(in.decision_date), "decision_date"},
                                                {bool(in.decision_authority), "decision_authority"},
                                                {bool(in.minor_at_offence), "minor_at_offence"},
                                                {bool(in.release_date), "release_date"},
                                                {bool(in.control_status), "control_status"},
                                                {bool(in.managing_officer_id), "managing_officer_id"},
                                                {bool(in.next_checkin_due), "next_checkin_due"}};
    for (const auto& [set, name] : all)
        if (set) f.push_back(name);
    return f;
}

/// A YYYY-MM-DD field of a request: nullopt stays nullopt; anything else must be a real day.
std::optional<std::string> api_date(const std::optional<std::string>& v, const char* field, const char* label) {
    if (!v) return std::nullopt;
    const std::string t = core::trim(*v);
    if (!plan::parse_date(t))
        throw core::Error::validation("invalid_date", std::string(label) + "应为有效日期 YYYY-MM-DD", field);
    return t;
}

/// Applies `in` to `f` and validates the whole record as of `today` (not the officer, which needs the database).
void apply_and_validate(Fields& f, const RecordInput& in, const std::string& today, bool optional_types_enabled) {
    if (in.name) f.name = core::trim(*in.name);
    if (f.name.empty()) throw core::Error::validation("required", "请填写姓名", "name");
    if (core::has_control_characters(f.name)) throw core::Error::validation("invalid_text", "姓名含有控制字符", "name");
    if (core::utf8_length(f.name) > kMaxName) throw core::Error::validation("too_long", "姓名过长", "name");

    if (in.id_number) f.id_number = *in.id_number;
    if (core::trim(f.id_number).empty()) throw core::Error::validation("required", "请填写身份证号", "id_number");
    // A new ID number brings its own sex and birth date unless they are given too.
    if (in.id_number && !in.sex) f.sex.clear();
    if (in.id_number && !in.birth_date) f.birth_date.clear();
    if (in.sex) f.sex = core::trim(*in.sex);
    if (in.birth_date) f.birth_date = core::trim(*in.birth_date);
    if (!f.birth_date.empty() && !plan::parse_date(f.birth_date))
        throw core::Error::validation("invalid_birth_date", "出生日期应为有效日期 YYYY-MM-DD", "birth_date");
    const auto check = check_identity(f.id_number, f.sex, f.birth_date, today);
    if (!check.identity) throw core::Error::validation(check.code, check.error, check.field);
    f.id_number = check.identity->id_number;
    f.birth_date = check.identity->birth_date;
    f.sex = std::string(1, check.identity->sex);

    if (in.record_type) {
        const auto type = parse_record_type(*in.record_type, optional_types_enabled);
        if (type.code.empty()) throw core::Error::validation("invalid_record_type", type.error, "record_type");
        f.record_type = type.code;
    }
    if (f.record_type.empty()) throw core::Error::validation("required", "请选择记录类型", "record_type");

    if (in.decision_date) f.decision_date = api_date(in.decision_date, "decision_date", "决定日期").value();
    if (f.decision_date.empty()) throw core::Error::validation("required", "请填写决定日期", "decision_date");
    if (f.decision_date > today) throw core::Error::validation("invalid_date", "决定日期不能晚于今天", "decision_date");
    if (f.decision_date < f.birth_date)
        throw core::Error::validation("invalid_date", "决定日期早于出生日期", "decision_date");

    if (in.decision_authority) f.decision_authority = core::trim(*in.decision_authority);
    if (f.decision_authority.empty()) throw core::Error::validation("required", "请填写决定机关", "decision_authority");
    if (core::has_control_characters(f.decision_authority))
        throw core::Error::validation("invalid_text", "决定机关含有控制字符", "decision_authority");
    if (core::utf8_length(f.decision_authority) > kMaxAuthority)
        throw core::Error::validation("too_long", "决定机关过长", "decision_authority");

    if (in.minor_at_offence) f.minor_at_offence = *in.minor_at_offence;
    if (in.release_date) f.release_date = api_date(*in.release_date, "release_date", "释放日期");
    if (f.release_date && *f.release_date < f.decision_date)
        throw core::Error::validation("invalid_date", "释放日期早于决定日期", "release_date");

    if (in.control_status) f.control_status = core::trim(*in.control_status);
    if (!valid_control_status(f.control_status))
        throw core::Error::validation("invalid_control_status", "列管状态应为 none、under_control 或 ended",
                                      "control_status");
    if (in.managing_officer_id) f.officer_id = *in.managing_officer_id;
    if (in.next_checkin_due) f.next_checkin_due = api_date(*in.next_checkin_due, "next_checkin_due", "下次报到日期");
    if (f.control_status == "under_control" && !f.officer_id)
        throw core::Error::validation("required", "列管人员须指定管理民警", "managing_officer_id");
    // Only a person under control has check-ins due.
    if (f.control_status != "under_control") f.next_checkin_due.reset();
}

/// Checks the managing officer (an active police user of a police station); returns nothing when there is none.
void check_officer(db::Tx& tx, const std::optional<std::int64_t>& officer) {
    if (!officer) return;
    if (!tx.query_one(sql::kPoliceOfficer, {*officer}))
        throw core::Error::validation("invalid_officer", "管理民警应为派出所的在职民警账户", "managing_officer_id");
}

/// Writes a record (insert when `id` is empty) and rewrites its match keys; returns its id.
std::int64_t write_record(db::Tx& tx, const security::Keyring& keyring, const security::Principal& p,
                          std::optional<std::int64_t> id, const Fields& f, std::int64_t now) {
    const std::string id_index = keyring.blind_index(f.id_number, kIdContext);
    if (auto other = tx.query_one(sql::kRecordByKey, {id_index, f.record_type, f.decision_date});
        other && other->i64("id") != id.value_or(0))
        throw core::Error::conflict("duplicate_record", "信息库中已有该身份证号同一记录类型、同一决定日期的记录",
                                    "id_number");
    const std::string name_enc = keyring.encrypt(f.name, kNameContext);
    const std::string name_index = keyring.blind_index(core::without_spaces(f.name), kNameContext);
    const std::string id_enc = keyring.encrypt(f.id_number, kIdContext);
    const std::int64_t minor = f.minor_at_offence ? 1 : 0;
    std::int64_t record_id = 0;
    if (id) {
        tx.exec(sql::kUpdateRecord,
                {name_enc, name_index, f.sex, id_enc, id_index, f.birth_date, f.record_type, f.decision_date,
                 f.decision_authority, minor, opt_value(f.release_date), f.control_status, opt_value(f.officer_id),
                 opt_value(f.next_checkin_due), now, user_value(p), *id});
        record_id = *id;
    } else {
        record_id =
            tx.scalar_i64(sql::kInsertRecord, {name_enc, name_index, f.sex, id_enc, id_index, f.birth_date,
                                               f.record_type, f.decision_date, f.decision_authority, minor,
                                               opt_value(f.release_date), f.control_status, opt_value(f.officer_id),
                                               opt_value(f.next_checkin_due), now, now, user_value(p), user_value(p)});
    }
    tx.exec(sql::kDeleteMatchKeys, {record_id});
    if (!f.minor_at_offence) {  // sealed (犯罪记录封存): no keys, so screening can never match it
        std::set<std::string> written;
        for (const auto& key : match_key_texts(f.name, {f.id_number, f.birth_date, f.sex[0]})) {
            const std::string index = match_key_index(keyring, key.text);
            if (written.insert(index).second) tx.exec(sql::kInsertMatchKey, {record_id, key.kind, index});
        }
    }
    return record_id;
}

/// The bound values of a statement under construction: `bind` gives each the next positional number.
struct Sql {
    db::Params params;
    std::string bind(db::Value v) {
        params.push_back(std::move(v));
        return ":" + std::to_string(params.size());
    }
};

}  // namespace

security::Principal RegistryService::system_principal() {
    security::Principal p;
    p.username = "system";
    p.display_name = "系统";
    p.ip = "local";
    p.request_id = "cli";
    p.grants.push_back({0, "police", security::Scope::Township, {}});
    return p;
}

std::string RegistryService::today() const {
    return plan::format_date(plan::shanghai_day(clock_.now_ms()));
}

Record RegistryService::record_of(const db::Row& r, bool masked) const {
    Record rec;
    rec.id = r.i64("id");
    const std::string name = keyring_.decrypt(r.str("name_enc"), kNameContext);
    const std::string id_number = keyring_.decrypt(r.str("id_number_enc"), kIdContext);
    rec.name = masked ? mask_name(name) : name;
    rec.id_number = masked ? core::mask_id_number(id_number) : id_number;
    rec.sex = r.str("sex");
    if (!masked) rec.birth_date = r.str("birth_date");
    rec.record_type = r.str("record_type");
    rec.decision_date = r.str("decision_date");
    rec.decision_authority = r.str("decision_authority");
    rec.minor_at_offence = r.boolean("minor_at_offence");
    rec.release_date = r.opt_str("release_date");
    rec.control_status = r.str("control_status");
    if (auto o = r.opt_i64("managing_officer_id")) rec.managing_officer = OfficerRef{*o, r.str("officer_name")};
    rec.next_checkin_due = r.opt_str("next_checkin_due");
    rec.created_at = r.i64("created_at");
    rec.updated_at = r.i64("updated_at");
    return rec;
}

std::vector<Record> RegistryService::masked_records(db::Tx& tx, const std::vector<std::int64_t>& ids) const {
    std::vector<Record> out;
    for (const auto id : ids)
        if (auto r = tx.query_one(std::string(sql::kRecordColumns) + std::string(sql::kRecordById), {id}))
            out.push_back(record_of(*r, true));
    return out;
}

// ---- reading ------------------------------------------------------------------------------------

RecordPage RegistryService::list(const security::Principal& p, const RecordQuery& q) {
    require(p, "registry:record:list");
    Sql s;
    std::string where = " WHERE 1 = 1";
    std::string type;
    if (!core::trim(q.record_type).empty()) {
        const auto parsed = parse_record_type(q.record_type, true);
        if (parsed.code.empty()) throw core::Error::validation("invalid_record_type", parsed.error, "record_type");
        type = parsed.code;
        where += " AND r.record_type = " + s.bind(type);
    }
    const std::string status = core::trim(q.control_status);
    if (!status.empty()) {
        if (!valid_control_status(status))
            throw core::Error::validation("invalid_control_status", "列管状态应为 none、under_control 或 ended",
                                          "control_status");
        where += " AND r.control_status = " + s.bind(status);
    }
    const std::string query = core::trim(q.q);
    std::optional<std::string> purpose;
    if (!core::trim(q.purpose).empty() || !query.empty()) purpose = checked_purpose(q.purpose);
    if (!query.empty()) {
        if (auto id = core::parse_id_number(query))
            where += " AND r.id_index = " + s.bind(keyring_.blind_index(id->value, kIdContext));
        else
            where += " AND r.name_index = " + s.bind(keyring_.blind_index(core::without_spaces(query), kNameContext));
    }
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        RecordPage page;
        page.total = tx.scalar_i64(std::string(sql::kCountRecords) + where, s.params);
        Sql paged = s;
        const std::string limit = paged.bind(q.limit), offset = paged.bind(q.offset);
        for (const auto& r :
             tx.query(std::string(sql::kRecordColumns) + where + " ORDER BY r.id LIMIT " + limit + " OFFSET " + offset,
                      paged.params))
            page.items.push_back(record_of(r, true));
        // The filter and the purpose, never the name or ID number searched for.
        audit::append(tx, audit::actor_of(p),
                      {"registry.record.list",
                       "registry_record",
                       "",
                       {{"record_type", type},
                        {"control_status", status},
                        {"q_given", !query.empty()},
                        {"purpose", purpose ? nlohmann::json(*purpose) : nlohmann::json(nullptr)},
                        {"offset", q.offset},
                        {"returned", page.items.size()},
                        {"total", page.total}}},
                      now);
        return page;
    });
}

Record RegistryService::get(const security::Principal& p, std::int64_t id, const std::string& purpose_raw) {
    require(p, "registry:record:read");
    const std::string purpose = checked_purpose(purpose_raw);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto r = tx.query_one(std::string(sql::kRecordColumns) + std::string(sql::kRecordById), {id});
        if (!r) throw core::Error::not_found("信息库记录不存在");
        auto rec = record_of(*r, false);
        for (const auto& c : tx.query(sql::kCheckinsOf, {id})) {
            Checkin k;
            k.id = c.i64("id");
            k.checkin_date = c.str("checkin_date");
            k.officer = {c.i64("officer_id"), c.str("officer_name")};
            if (auto enc = c.opt_str("note_enc")) k.note = keyring_.decrypt(*enc, kNoteContext);
            k.created_at = c.i64("created_at");
            rec.checkins.push_back(std::move(k));
        }
        audit::append(tx, audit::actor_of(p),
                      {"registry.record.read", "registry_record", std::to_string(id), {{"purpose", purpose}}}, now);
        return rec;
    });
}

// ---- changing -----------------------------------------------------------------------------------

Record RegistryService::create(const security::Principal& p, const RecordInput& in) {
    return db_.write([&](db::Tx& tx) { return create_in(tx, p, in); });
}

Record RegistryService::create_in(db::Tx& tx, const security::Principal& p, const RecordInput& in) {
    require(p, "registry:record:create");
    if (!in.id_number) throw core::Error::validation("required", "请填写身份证号", "id_number");
    if (!in.minor_at_offence)
        throw core::Error::validation("required", "请填写犯罪时是否未成年（是则记录封存）", "minor_at_offence");
    const auto day = today();
    const auto now = clock_.now_ms();
    const bool optional_types = policy::PolicyService::get_int(tx, "registry.optional_types_enabled") == 1;
    Fields f;
    apply_and_validate(f, in, day, optional_types);
    check_officer(tx, f.officer_id);
    const auto id = write_record(tx, keyring_, p, std::nullopt, f, now);
    audit::append(tx, audit::actor_of(p),
                  {"registry.record.create",
                   "registry_record",
                   std::to_string(id),
                   {{"source", "form"},
                    {"record_type", f.record_type},
                    {"sealed", f.minor_at_offence},
                    {"control_status", f.control_status}}},
                  now);
    if (on_change_) on_change_(tx, {id});
    return record_of(*tx.query_one(std::string(sql::kRecordColumns) + std::string(sql::kRecordById), {id}), false);
}

Record RegistryService::update(const security::Principal& p, std::int64_t id, const RecordInput& in) {
    require(p, "registry:record:update");
    const auto fields = fields_given(in);
    if (fields.empty()) throw core::Error::validation("required", "没有要更正的字段", "");
    const auto day = today();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto row = tx.query_one(std::string(sql::kRecordColumns) + std::string(sql::kRecordById), {id});
        if (!row) throw core::Error::not_found("信息库记录不存在");
        const bool optional_types = policy::PolicyService::get_int(tx, "registry.optional_types_enabled") == 1;
        Fields f = fields_of(*row, keyring_);
        apply_and_validate(f, in, day, optional_types);
        if (in.managing_officer_id) check_officer(tx, f.officer_id);
        write_record(tx, keyring_, p, id, f, now);
        audit::append(tx, audit::actor_of(p),
                      {"registry.record.update",
                       "registry_record",
                       std::to_string(id),
                       {{"source", "form"}, {"fields", fields}, {"sealed", f.minor_at_offence}}},
                      now);
        if (on_change_) on_change_(tx, {id});
        return record_of(*tx.query_one(std::string(sql::kRecordColumns) + std::string(sql::kRecordById), {id}), false);
    });
}

Checkin RegistryService::add_checkin(const security::Principal& p, std::int64_t record_id, const CheckinInput& in) {
    require(p, "registry:checkin:create");
    if (!p.user_id) throw core::Error::forbidden("forbidden", "报到记录须由民警本人登记");
    const auto day = today();
    const std::string date = in.checkin_date ? api_date(in.checkin_date, "checkin_date", "报到日期").value() : day;
    if (date > day) throw core::Error::validation("invalid_date", "报到日期不能晚于今天", "checkin_date");
    std::optional<std::string> note;
    if (in.note && !core::trim(*in.note).empty()) {
        note = core::trim(*in.note);
        if (core::has_control_characters(*note))
            throw core::Error::validation("invalid_text", "备注含有控制字符", "note");
        if (core::utf8_length(*note) > kMaxNote) throw core::Error::validation("too_long", "备注过长", "note");
    }
    auto next = api_date(in.next_checkin_due, "next_checkin_due", "下次报到日期");
    if (next && *next <= date)
        throw core::Error::validation("invalid_date", "下次报到日期应晚于本次报到日期", "next_checkin_due");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto row = tx.query_one(std::string(sql::kRecordColumns) + std::string(sql::kRecordById), {record_id});
        if (!row) throw core::Error::not_found("信息库记录不存在");
        if (row->str("control_status") != "under_control")
            throw core::Error::conflict("not_under_control", "该人员未在列管中，不能登记报到");
        if (row->str("decision_date") > date)
            throw core::Error::validation("invalid_date", "报到日期早于决定日期", "checkin_date");
        if (!next)
            next = plan::format_date(*plan::parse_date(date) +
                                     policy::PolicyService::get_int(tx, "registry.checkin_interval_days"));
        const auto checkin_id = tx.scalar_i64(
            sql::kInsertCheckin,
            {record_id, date, p.user_id, note ? db::Value(keyring_.encrypt(*note, kNoteContext)) : db::Value(nullptr),
             now, p.user_id});
        tx.exec(sql::kSetNextDue, {*next, now, p.user_id, record_id});
        audit::append(tx, audit::actor_of(p),
                      {"registry.checkin.create",
                       "registry_record",
                       std::to_string(record_id),
                       {{"checkin_id", checkin_id},
                        {"checkin_date", date},
                        {"next_checkin_due", *next},
                        {"with_note", note.has_value()}}},
                      now);
        Checkin c;
        c.id = checkin_id;
        c.checkin_date = date;
        c.officer = {p.user_id, p.display_name};
        c.note = note;
        c.created_at = now;
        return c;
    });
}

std::vector<DueCheckin> RegistryService::due(const security::Principal& p, bool mine) {
    require(p, "registry:record:list");
    const auto now = clock_.now_ms();
    const std::int64_t today_day = plan::shanghai_day(now);
    return db_.write([&](db::Tx& tx) {
        const auto soon = policy::PolicyService::get_int(tx, "registry.checkin_due_soon_days");
        db::Params params{db::Value(plan::format_date(today_day + soon))};
        std::string where = std::string(sql::kDue);
        if (mine) {
            where += " AND r.managing_officer_id = :2";
            params.emplace_back(p.user_id);
        }
        std::vector<DueCheckin> out;
        for (const auto& r :
             tx.query(std::string(sql::kRecordColumns) + where + " ORDER BY r.next_checkin_due, r.id", params)) {
            const auto rec = record_of(r, true);
            DueCheckin d;
            d.record_id = rec.id;
            d.name = rec.name;
            d.id_number = rec.id_number;
            d.record_type = rec.record_type;
            d.managing_officer = rec.managing_officer;
            d.next_checkin_due = *rec.next_checkin_due;
            d.days_left = plan::parse_date(d.next_checkin_due).value_or(today_day) - today_day;
            out.push_back(std::move(d));
        }
        audit::append(tx, audit::actor_of(p),
                      {"registry.checkin.due", "registry_record", "", {{"returned", out.size()}, {"mine", mine}}}, now);
        return out;
    });
}

// ---- import -------------------------------------------------------------------------------------

ImportSummary RegistryService::import_sheet(const security::Principal& p, const std::string& bytes,
                                            const std::string& filename) {
    require(p, "registry:record:create");
    require(p, "registry:record:update");
    const auto sheet = io::read_sheet(bytes, filename);
    const auto day = today();
    const bool optional_types =
        db_.read([](db::Tx& tx) { return policy::PolicyService::get_int(tx, "registry.optional_types_enabled") == 1; });
    const auto parsed = parse_registry_sheet(sheet, day, optional_types);
    ImportSummary summary;
    for (const auto& r : parsed.rejected) summary.rejected.push_back({r.row, r.reason});
    if (!summary.rejected.empty()) return summary;  // all or nothing
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        std::vector<std::int64_t> created, updated;
        for (const auto& row : parsed.rows) {
            const std::string id_index = keyring_.blind_index(row.identity.id_number, kIdContext);
            auto existing = tx.query_one(sql::kRecordByKey, {id_index, row.record_type, row.decision_date});
            Fields f;
            if (existing)
                f = fields_of(*tx.query_one(std::string(sql::kRecordColumns) + std::string(sql::kRecordById),
                                            {existing->i64("id")}),
                              keyring_);
            f.name = row.name;
            f.sex = std::string(1, row.identity.sex);
            f.id_number = row.identity.id_number;
            f.birth_date = row.identity.birth_date;
            f.record_type = row.record_type;
            f.decision_date = row.decision_date;
            f.decision_authority = row.decision_authority;
            f.minor_at_offence = row.minor_at_offence;
            const auto id = write_record(
                tx, keyring_, p, existing ? std::optional<std::int64_t>(existing->i64("id")) : std::nullopt, f, now);
            (existing ? updated : created).push_back(id);
        }
        // The ids go into the entry unless the import is large (a whole county's registry): then counts only.
        nlohmann::json detail = {{"created", created.size()}, {"updated", updated.size()}};
        if (created.size() + updated.size() <= kMaxAuditedIds) {
            detail["created_ids"] = created;
            detail["updated_ids"] = updated;
        } else {
            detail["ids_omitted"] = true;
        }
        audit::append(tx, audit::actor_of(p), {"registry.record.import", "registry_record", "", detail}, now);
        summary.created = static_cast<std::int64_t>(created.size());
        summary.updated = static_cast<std::int64_t>(updated.size());
        summary.affected_record_ids = created;
        summary.affected_record_ids.insert(summary.affected_record_ids.end(), updated.begin(), updated.end());
        if (on_change_ && !summary.affected_record_ids.empty()) on_change_(tx, summary.affected_record_ids);
    });
    summary.committed = true;
    return summary;
}

}  // namespace hulei::registry
