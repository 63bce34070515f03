#include "modules/children/children_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/id_number.hpp"
#include "core/text.hpp"
#include "io/sheet.hpp"
#include "io/xlsx_writer.hpp"
#include "modules/children/children_store.hpp"
#include "modules/policy/policy_service.hpp"
#include "security/permissions.hpp"

namespace hulei::children {

namespace {

constexpr const char* kIdContext = "children.id_number";
constexpr const char* kPhoneContext = "children.guardian_phone";
constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::size_t kMaxName = 30;
constexpr std::size_t kMaxText = 100;
constexpr std::size_t kMaxNote = 500;

const std::vector<std::string>& sheet_headers() {
    static const std::vector<std::string> h = {"姓名", "性别",   "身份证号",   "村（社区）", "类别",      "学校",
                                               "班级", "监护人", "监护人性别", "监护人电话", "父母务工地"};
    return h;
}

using security::require;

/// Days since 1970-01-01 → "YYYY-MM-DD" (proleptic Gregorian).
std::string civil_date(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                  static_cast<long long>(d));
    return buf;
}

/// "YYYY-MM-DD HH:MM" in Asia/Shanghai (watermarks).
std::string shanghai_minute(std::int64_t ms) {
    const std::int64_t local = ms + 8LL * 3600 * 1000;
    const std::int64_t day = local >= 0 ? local / 86400000 : (local - 86399999) / 86400000;
    const std::int64_t minute = (local - day * 86400000) / 60000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(minute / 60),
                  static_cast<long long>(minute % 60));
    return civil_date(day) + " " + buf;
}

std::string mask_name(const std::string& name) {
    if (name.empty()) return name;
    const unsigned char lead = static_cast<unsigned char>(name[0]);
    const std::size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::size_t rest = core::utf8_length(name) - 1;
    return name.substr(0, std::min(first, name.size())) + std::string(std::max<std::size_t>(rest, 1), '*');
}

std::string mask_phone(const std::string& phone) {
    if (phone.size() < 7) return std::string(phone.size(), '*');
    return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const auto& s : parts) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

/// A statement under construction: each bound value gets the next positional number.
struct Sql {
    std::string text;
    db::Params params;
    std::string bind(db::Value v) {
        params.push_back(std::move(v));
        return ":" + std::to_string(params.size());
    }
};

/// " AND (…)" restricting children to `units` (their village or their school); "" for the township.
std::string scope_clause(Sql& s, const std::optional<std::set<std::int64_t>>& units) {
    if (!units) return "";
    if (units->empty()) return " AND 1 = 0";
    std::string villages, schools;
    for (auto u : *units) villages += (villages.empty() ? "" : ", ") + s.bind(u);
    for (auto u : *units) schools += (schools.empty() ? "" : ", ") + s.bind(u);
    return " AND (c.village_unit_id IN (" + villages + ") OR c.school_unit_id IN (" + schools + "))";
}

bool in_scope(const std::optional<std::set<std::int64_t>>& units, std::int64_t village,
              std::optional<std::int64_t> school) {
    return !units || units->count(village) || (school && units->count(*school));
}

/// A child's stored fields in plain text (between validation and the database).
struct Record {
    std::string name, sex, id_number, birth_date;
    std::int64_t village_id = 0;
    std::optional<std::int64_t> school_id;
    std::optional<std::string> class_name, guardian, guardian_sex, guardian_phone, parents_workplace, carer,
        health_note;
    std::vector<std::string> categories;
    bool boarding = false;
    std::string risk_level = "low";
};

std::optional<std::string> opt_text(const std::optional<std::string>& v) {
    if (!v) return std::nullopt;
    auto t = core::trim(*v);
    if (t.empty()) return std::nullopt;
    return t;
}

void check_text(const std::optional<std::string>& v, std::size_t max, const char* field, const char* label) {
    if (!v) return;
    if (core::has_control_characters(*v))
        throw core::Error::validation("invalid_text", std::string(label) + "含有控制字符", field);
    if (core::utf8_length(*v) > max) throw core::Error::validation("too_long", std::string(label) + "过长", field);
}

db::Value opt_value(const std::optional<std::string>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}
db::Value opt_value(const std::optional<std::int64_t>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}

/// Validates a record's own fields (not the units and not duplicates, which need the database).
void validate(Record& r, const std::string& today) {
    r.name = core::trim(r.name);
    if (r.name.empty()) throw core::Error::validation("required", "请填写姓名", "name");
    check_text(r.name, kMaxName, "name", "姓名");
    core::IdNumberError err;
    const auto id = core::parse_id_number(r.id_number, &err, today);
    if (!id)
        throw core::Error::validation("invalid_id_number", err.message.empty() ? "身份证号无效" : err.message,
                                      "id_number");
    r.id_number = id->value;
    r.birth_date = id->birth_date;
    if (r.sex.empty()) r.sex = std::string(1, id->sex);
    if (r.sex == "男") r.sex = "M";
    if (r.sex == "女") r.sex = "F";
    if (r.sex != "M" && r.sex != "F") throw core::Error::validation("invalid_sex", "性别应为 M 或 F", "sex");
    if (r.sex[0] != id->sex) throw core::Error::validation("sex_mismatch", "性别与身份证号不符", "sex");
    if (r.categories.empty()) throw core::Error::validation("required", "请至少选择一个类别", "categories");
    std::vector<std::string> codes;
    for (const auto& c : r.categories) {
        auto code = parse_category(c);
        if (!code) throw core::Error::validation("invalid_category", "未知类别：" + c, "categories");
        if (std::find(codes.begin(), codes.end(), *code) == codes.end()) codes.push_back(*code);
    }
    r.categories = codes;
    if (r.guardian_sex) {
        if (*r.guardian_sex == "男") r.guardian_sex = "M";
        if (*r.guardian_sex == "女") r.guardian_sex = "F";
        if (*r.guardian_sex != "M" && *r.guardian_sex != "F")
            throw core::Error::validation("invalid_sex", "监护人性别应为 M 或 F", "guardian_sex");
    }
    if (r.guardian_phone) {
        auto phone = normalise_phone(*r.guardian_phone);
        if (!phone)
            throw core::Error::validation("invalid_phone", "监护人电话应为11位手机号或带区号的固定电话",
                                          "guardian_phone");
        r.guardian_phone = *phone;
    }
    if (r.risk_level != "low" && r.risk_level != "medium" && r.risk_level != "high")
        throw core::Error::validation("invalid_risk_level", "风险等级应为 low、medium 或 high", "risk_level");
    check_text(r.class_name, kMaxName, "class_name", "班级");
    check_text(r.guardian, kMaxName, "guardian", "监护人");
    check_text(r.parents_workplace, kMaxText, "parents_workplace", "父母务工地");
    check_text(r.carer, kMaxName, "carer", "受托照护人");
    check_text(r.health_note, kMaxNote, "health_note", "健康情况");
}

Record record_of(const db::Row& r, const security::Keyring& keyring) {
    Record rec;
    rec.name = r.str("name");
    rec.sex = r.str("sex");
    rec.id_number = keyring.decrypt(r.str("id_number_enc"), kIdContext);
    rec.birth_date = r.str("birth_date");
    rec.village_id = r.i64("village_unit_id");
    rec.school_id = r.opt_i64("school_unit_id");
    rec.class_name = r.opt_str("class_name");
    rec.guardian = r.opt_str("guardian");
    rec.guardian_sex = r.opt_str("guardian_sex");
    if (auto enc = r.opt_str("guardian_phone_enc")) rec.guardian_phone = keyring.decrypt(*enc, kPhoneContext);
    rec.parents_workplace = r.opt_str("parents_workplace");
    rec.carer = r.opt_str("carer");
    rec.health_note = r.opt_str("health_note");
    rec.categories = core::split_nonempty(r.str("categories"), ',');
    rec.boarding = r.boolean("boarding");
    rec.risk_level = r.str("risk_level");
    return rec;
}

/// Checks units and duplicates, writes the record (insert when `id` is empty) and its audit event.
std::int64_t write_record(db::Tx& tx, const security::Keyring& keyring, const security::Principal& p,
                          std::optional<std::int64_t> id, const Record& r, std::int64_t now, nlohmann::json detail) {
    auto village = tx.query_one(sql::kUnitById, {r.village_id});
    if (!village || village->str("kind") != "village")
        throw core::Error::validation("invalid_village", "村（社区）不存在", "village_id");
    if (r.school_id) {
        auto school = tx.query_one(sql::kUnitById, {*r.school_id});
        if (!school || school->str("kind") != "school")
            throw core::Error::validation("invalid_school", "学校不存在", "school_id");
    }
    const std::string index = keyring.blind_index(r.id_number, kIdContext);
    if (auto other = tx.query_one(sql::kChildByIndex, {index}); other && other->i64("id") != id.value_or(0))
        throw core::Error::conflict(
            "duplicate_child", "该身份证号的儿童已在“" + other->str("village_name") + "”的台账中，请联系镇办公室核实",
            "id_number");
    const std::string enc = keyring.encrypt(r.id_number, kIdContext);
    const db::Value phone =
        r.guardian_phone ? db::Value(keyring.encrypt(*r.guardian_phone, kPhoneContext)) : db::Value(nullptr);
    const std::string categories = join(r.categories, ",");
    std::int64_t child_id = 0;
    if (id) {
        tx.exec(
            sql::kUpdateChild,
            {r.name, r.sex, enc, index, r.birth_date, r.village_id, opt_value(r.school_id), opt_value(r.class_name),
             categories, opt_value(r.guardian), opt_value(r.guardian_sex), phone, opt_value(r.parents_workplace),
             opt_value(r.carer), opt_value(r.health_note), std::int64_t{r.boarding ? 1 : 0}, r.risk_level, now, *id});
        child_id = *id;
    } else {
        child_id = tx.scalar_i64(sql::kInsertChild, {r.name,
                                                     r.sex,
                                                     enc,
                                                     index,
                                                     r.birth_date,
                                                     r.village_id,
                                                     opt_value(r.school_id),
                                                     opt_value(r.class_name),
                                                     categories,
                                                     opt_value(r.guardian),
                                                     opt_value(r.guardian_sex),
                                                     phone,
                                                     opt_value(r.parents_workplace),
                                                     opt_value(r.carer),
                                                     opt_value(r.health_note),
                                                     std::int64_t{r.boarding ? 1 : 0},
                                                     r.risk_level,
                                                     now,
                                                     now,
                                                     p.user_id ? db::Value(p.user_id) : db::Value(nullptr)});
    }
    detail["village_id"] = r.village_id;
    audit::append(tx, audit::actor_of(p),
                  {id ? "children.child.update" : "children.child.create", "child", std::to_string(child_id), detail},
                  now);
    return child_id;
}

void apply(Record& r, const ChildInput& in) {
    if (in.name) r.name = *in.name;
    if (in.sex) r.sex = *in.sex;
    if (in.id_number) r.id_number = *in.id_number;
    if (in.village_id) r.village_id = *in.village_id;
    if (in.school_id) r.school_id = *in.school_id;
    if (in.class_name) r.class_name = opt_text(in.class_name);
    if (in.categories) r.categories = *in.categories;
    if (in.guardian) r.guardian = opt_text(in.guardian);
    if (in.guardian_sex) r.guardian_sex = opt_text(in.guardian_sex);
    if (in.guardian_phone) r.guardian_phone = opt_text(in.guardian_phone);
    if (in.parents_workplace) r.parents_workplace = opt_text(in.parents_workplace);
    if (in.carer) r.carer = opt_text(in.carer);
    if (in.health_note) r.health_note = opt_text(in.health_note);
    if (in.boarding) r.boarding = *in.boarding;
    if (in.risk_level) r.risk_level = *in.risk_level;
}

nlohmann::json changed_fields(const ChildInput& in) {
    nlohmann::json f = nlohmann::json::array();
    const std::pair<bool, const char*> all[] = {{bool(in.name), "name"},
                                                {bool(in.sex), "sex"},
                                                {bool(in.id_number), "id_number"},
                                                {bool(in.village_id), "village_id"},
                                                {bool(in.school_id), "school_id"},
                                                {bool(in.class_name), "class_name"},
                                                {bool(in.categories), "categories"},
                                                {bool(in.guardian), "guardian"},
                                                {bool(in.guardian_sex), "guardian_sex"},
                                                {bool(in.guardian_phone), "guardian_phone"},
                                                {bool(in.parents_workplace), "parents_workplace"},
                                                {bool(in.carer), "carer"},
                                                {bool(in.health_note), "health_note"},
                                                {bool(in.boarding), "boarding"},
                                                {bool(in.risk_level), "risk_level"}};
    for (const auto& [set, name] : all)
        if (set) f.push_back(name);
    return f;
}

}  // namespace

security::Principal ChildrenService::system_principal() {
    security::Principal p;
    p.username = "system";
    p.display_name = "系统";
    p.ip = "local";
    p.request_id = "cli";
    p.grants.push_back({0, "coordinator", security::Scope::Township, {}});
    return p;
}

std::string ChildrenService::today() const {
    const std::int64_t local = clock_.now_ms() + 8LL * 3600 * 1000;
    return civil_date(local >= 0 ? local / 86400000 : (local - 86399999) / 86400000);
}

Child ChildrenService::child_of(const db::Row& r, const std::string& today, bool mask) const {
    Child c;
    c.id = r.i64("id");
    c.name = mask ? mask_name(r.str("name")) : r.str("name");
    c.sex = r.str("sex");
    c.id_number_masked = core::mask_id_number(keyring_.decrypt(r.str("id_number_enc"), kIdContext));
    c.birth_date = r.str("birth_date");
    c.age = age_on(c.birth_date, today);
    c.village = {r.i64("village_unit_id"), r.str("village_name")};
    if (auto s = r.opt_i64("school_unit_id")) c.school = UnitRef{*s, r.str("school_name")};
    c.class_name = r.opt_str("class_name");
    c.categories = core::split_nonempty(r.str("categories"), ',');
    c.guardian = r.opt_str("guardian");
    c.guardian_sex = r.opt_str("guardian_sex");
    if (auto enc = r.opt_str("guardian_phone_enc"))
        c.guardian_phone_masked = mask_phone(keyring_.decrypt(*enc, kPhoneContext));
    c.parents_workplace = r.opt_str("parents_workplace");
    c.carer = r.opt_str("carer");
    c.health_note = r.opt_str("health_note");
    c.boarding = r.boolean("boarding");
    c.risk_level = r.str("risk_level");
    c.status = r.str("status");
    c.archived_at = r.opt_i64("archived_at");
    c.created_at = r.i64("created_at");
    c.updated_at = r.i64("updated_at");
    return c;
}

// ---- reading ------------------------------------------------------------------------------------

ChildPage ChildrenService::list(const security::Principal& p, const ChildQuery& q) {
    require(p, "children:child:list");
    const std::string status = q.status.empty() ? "active" : q.status;
    if (status != "active" && status != "archived" && status != "all")
        throw core::Error::validation("invalid_status", "状态应为 active、archived 或 all", "status");
    std::optional<std::string> category;
    if (!q.category.empty()) {
        category = parse_category(q.category);
        if (!category) throw core::Error::validation("invalid_category", "未知类别：" + q.category, "category");
    }
    Sql s;
    std::string where = " WHERE 1 = 1" + scope_clause(s, p.units_for("children:child:list"));
    if (q.village_id) where += " AND c.village_unit_id = " + s.bind(*q.village_id);
    if (status != "all") where += " AND c.status = " + s.bind(status);
    if (category) where += " AND (',' || c.categories || ',') LIKE " + s.bind("%," + *category + ",%");
    const std::string query = core::trim(q.q);
    if (!query.empty()) {
        if (auto id = core::parse_id_number(query))
            where += " AND c.id_index = " + s.bind(keyring_.blind_index(id->value, kIdContext));
        else
            where += " AND c.name LIKE " + s.bind("%" + core::escape_like(query) + "%") + " ESCAPE '\\'";
    }
    const auto day = today();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        ChildPage page;
        page.total = tx.scalar_i64(std::string(sql::kCountChildren) + where, s.params);
        Sql paged = s;
        const std::string limit = paged.bind(q.limit), offset = paged.bind(q.offset);
        for (const auto& r : tx.query(std::string(sql::kChildColumns) + where +
                                          " ORDER BY c.village_unit_id, c.id LIMIT " + limit + " OFFSET " + offset,
                                      paged.params)) {
            const bool owns = p.can_in_unit("children:child:update", r.i64("village_unit_id"));
            page.items.push_back(child_of(r, day, !owns));
        }
        // Audited as a read of the ledger: the filter, never a name or an ID number searched for.
        {
            audit::append(tx, audit::actor_of(p),
                          {"children.child.list",
                           "child",
                           "",
                           {{"village_id", q.village_id ? nlohmann::json(*q.village_id) : nlohmann::json(nullptr)},
                            {"category", category.value_or("")},
                            {"status", status},
                            {"q_given", !query.empty()},
                            {"offset", q.offset},
                            {"returned", page.items.size()},
                            {"total", page.total}}},
                          now);
        }
        return page;
    });
}

Child ChildrenService::get(const security::Principal& p, std::int64_t id) {
    require(p, "children:child:read");
    const auto day = today();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto r = tx.query_one(std::string(sql::kChildColumns) + std::string(sql::kChildById), {id});
        if (!r ||
            !in_scope(p.units_for("children:child:read"), r->i64("village_unit_id"), r->opt_i64("school_unit_id")))
            throw core::Error::not_found("儿童不存在");
        audit::append(tx, audit::actor_of(p), {"children.child.read", "child", std::to_string(id), {}}, now);
        return child_of(*r, day, false);
    });
}

Revealed ChildrenService::reveal(const security::Principal& p, std::int64_t id, const std::string& reason) {
    require(p, "children:child:read");
    const std::string why = core::trim(reason);
    if (why.empty()) throw core::Error::validation("required", "查看完整信息须填写事由", "reason");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto r = tx.query_one(std::string(sql::kChildColumns) + std::string(sql::kChildById), {id});
        if (!r ||
            !in_scope(p.units_for("children:child:read"), r->i64("village_unit_id"), r->opt_i64("school_unit_id")))
            throw core::Error::not_found("儿童不存在");
        audit::append(tx, audit::actor_of(p),
                      {"children.child.reveal",
                       "child",
                       std::to_string(id),
                       {{"fields", {"id_number", "guardian_phone"}}, {"reason", why}}},
                      now);
        const auto rec = record_of(*r, keyring_);
        return Revealed{rec.id_number, rec.guardian_phone};
    });
}

// ---- changing -----------------------------------------------------------------------------------

Child ChildrenService::create(const security::Principal& p, const ChildInput& in) {
    require(p, "children:child:create");
    Record r;
    apply(r, in);
    if (!in.village_id) throw core::Error::validation("required", "请选择村（社区）", "village_id");
    if (!in.id_number) throw core::Error::validation("required", "请填写身份证号", "id_number");
    const auto day = today();
    validate(r, day);
    if (age_on(r.birth_date, day) >= kAdultAge)
        throw core::Error::validation("adult", "已满18周岁，不属于未成年人台账", "id_number");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto village = tx.query_one(sql::kUnitById, {r.village_id});
        if (!village || village->str("kind") != "village")
            throw core::Error::validation("invalid_village", "村（社区）不存在", "village_id");
        if (!p.can_in_unit("children:child:create", r.village_id))
            throw core::Error::forbidden("out_of_scope", "无权在该村（社区）登记儿童");
        const auto id = write_record(tx, keyring_, p, std::nullopt, r, now, {{"source", "form"}});
        auto row = tx.query_one(std::string(sql::kChildColumns) + std::string(sql::kChildById), {id});
        return child_of(*row, day, false);
    });
}

Child ChildrenService::update(const security::Principal& p, std::int64_t id, const ChildInput& in) {
    require(p, "children:child:update");
    const auto day = today();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto row = tx.query_one(std::string(sql::kChildColumns) + std::string(sql::kChildById), {id});
        if (!row ||
            !in_scope(p.units_for("children:child:read"), row->i64("village_unit_id"), row->opt_i64("school_unit_id")))
            throw core::Error::not_found("儿童不存在");
        if (!p.can_in_unit("children:child:update", row->i64("village_unit_id")))
            throw core::Error::forbidden("out_of_scope", "无权修改该村（社区）的儿童信息");
        Record r = record_of(*row, keyring_);
        apply(r, in);
        validate(r, day);
        if (in.village_id) {
            auto village = tx.query_one(sql::kUnitById, {r.village_id});
            if (!village || village->str("kind") != "village")
                throw core::Error::validation("invalid_village", "村（社区）不存在", "village_id");
            if (!p.can_in_unit("children:child:update", r.village_id))
                throw core::Error::forbidden("out_of_scope", "无权将儿童转入该村（社区）");
        }
        write_record(tx, keyring_, p, id, r, now, {{"source", "form"}, {"fields", changed_fields(in)}});
        auto updated = tx.query_one(std::string(sql::kChildColumns) + std::string(sql::kChildById), {id});
        return child_of(*updated, day, false);
    });
}

// ---- import and export ---------------------------------------------------------------------------

ImportResult ChildrenService::import_ledger(const security::Principal& p, const std::string& bytes,
                                            const std::string& filename, bool commit, bool skip_bad) {
    require(p, "children:child:import");
    const auto sheet = io::read_sheet(bytes, filename);
    const auto day = today();
    const auto parsed = parse_ledger(sheet, day);

    std::map<std::int64_t, ImportRow> rows;
    const int c_name = io::column_of(sheet, "姓名");
    for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
        const auto rowno = static_cast<std::int64_t>(i < sheet.source_rows.size() ? sheet.source_rows[i] : i + 2);
        rows[rowno] = {rowno, "", "", c_name >= 0 ? sheet.rows[i][c_name] : ""};
    }
    auto reject = [&](std::int64_t rowno, const std::string& reason) {
        auto& r = rows[rowno];
        r.row = rowno;
        r.action = "reject";
        r.reason = r.reason.empty() ? reason : r.reason + "；" + reason;
    };
    for (const auto& problem : parsed.rejected) reject(problem.row, problem.reason);

    // Units resolved once per distinct name, before any transaction.
    std::map<std::string, std::optional<org::Unit>> units;
    for (const auto& r : parsed.rows) {
        if (!units.count(r.village)) units[r.village] = org_.resolve_unit(r.village);
        if (r.school && !units.count(*r.school)) units[*r.school] = org_.resolve_unit(*r.school);
    }

    struct Planned {
        const LedgerRow* row;
        Record record;
        std::optional<std::int64_t> existing;
    };
    // Decides every valid row against the ledger as `tx` sees it.
    auto classify = [&](db::Tx& tx) {
        std::vector<Planned> planned;
        for (const auto& r : parsed.rows) {
            if (rows[r.row].action == "reject") continue;
            const auto& village = units[r.village];
            if (!village || village->kind != "village") {
                reject(r.row, "未知的村（社区）：" + r.village);
                continue;
            }
            if (!p.can_in_unit("children:child:import", village->id)) {
                reject(r.row, "无权导入该村（社区）的儿童：" + village->name);
                continue;
            }
            std::optional<std::int64_t> school;
            if (r.school) {
                const auto& s = units[*r.school];
                if (!s || s->kind != "school") {
                    reject(r.row, "未知的学校：" + *r.school);
                    continue;
                }
                school = s->id;
            }
            Planned plan{&r, {}, std::nullopt};
            const std::string index = keyring_.blind_index(r.id_number, kIdContext);
            if (auto other = tx.query_one(sql::kChildByIndex, {index})) {
                if (!p.can_in_unit("children:child:import", other->i64("village_unit_id"))) {
                    reject(r.row, "重复：该身份证号的儿童已在“" + other->str("village_name") + "”的台账中");
                    continue;
                }
                plan.existing = other->i64("id");
                plan.record = record_of(
                    *tx.query_one(std::string(sql::kChildColumns) + std::string(sql::kChildById), {*plan.existing}),
                    keyring_);
            }
            auto& rec = plan.record;
            rec.name = r.name;
            rec.sex = std::string(1, r.sex);
            rec.id_number = r.id_number;
            rec.birth_date = r.birth_date;
            rec.village_id = village->id;
            rec.categories = r.categories;
            if (school) rec.school_id = school;
            if (r.class_name) rec.class_name = r.class_name;
            if (r.guardian) rec.guardian = r.guardian;
            if (r.guardian_sex) rec.guardian_sex = r.guardian_sex;
            if (r.guardian_phone) rec.guardian_phone = r.guardian_phone;
            if (r.parents_workplace) rec.parents_workplace = r.parents_workplace;
            auto& out = rows[r.row];
            out.action = plan.existing ? "update" : "create";
            out.name = r.name;
            planned.push_back(std::move(plan));
        }
        for (const auto& w : parsed.warnings) {
            auto& out = rows[w.row];
            if (out.action != "reject") out.reason = out.reason.empty() ? w.reason : out.reason + "；" + w.reason;
        }
        return planned;
    };
    auto summarise = [&](bool committed) {
        ImportResult result;
        result.committed = committed;
        for (auto& [rowno, r] : rows) {
            if (r.action.empty()) continue;
            if (r.action == "create")
                ++result.created;
            else if (r.action == "update")
                ++result.updated;
            else
                ++result.rejected;
            result.rows.push_back(r);
        }
        return result;
    };

    if (!commit) {
        db_.read([&](db::Tx& tx) { classify(tx); });
        return summarise(false);
    }
    const auto now = clock_.now_ms();
    bool written = false;
    db_.write([&](db::Tx& tx) {
        auto planned = classify(tx);
        const bool any_rejected =
            std::any_of(rows.begin(), rows.end(), [](const auto& kv) { return kv.second.action == "reject"; });
        if (any_rejected && !skip_bad) return;
        for (auto& plan : planned) {
            try {
                validate(plan.record, day);
                write_record(tx, keyring_, p, plan.existing, plan.record, now, {{"source", "import"}});
            } catch (const core::Error& e) {
                if (!skip_bad) throw;
                reject(plan.row->row, e.message());
            }
        }
        const auto s = summarise(true);
        audit::append(tx, audit::actor_of(p),
                      {"children.child.import",
                       "child",
                       "",
                       {{"created", s.created}, {"updated", s.updated}, {"rejected", s.rejected}}},
                      now);
        written = true;
    });
    return summarise(written);
}

ExportFile ChildrenService::import_template(const security::Principal& p) {
    require(p, "children:child:import");
    io::SheetOut sheet{"重点儿童台账", sheet_headers(), {}, {}};
    return {"children-template.xlsx", std::string(kXlsxType), io::write_xlsx({sheet})};
}

ExportFile ChildrenService::export_ledger(const security::Principal& p) {
    require(p, "children:child:export");
    const bool plain = p.has_township("children:child:export");
    Sql s;
    const std::string where = " WHERE c.status = 'active'" + scope_clause(s, p.units_for("children:child:export"));
    const auto now = clock_.now_ms();
    io::SheetOut sheet{"重点儿童台账", sheet_headers(), {}, {}};
    db_.write([&](db::Tx& tx) {
        for (const auto& row :
             tx.query(std::string(sql::kChildColumns) + where + " ORDER BY c.village_unit_id, c.id", s.params)) {
            const auto r = record_of(row, keyring_);
            std::vector<std::string> labels;
            for (const auto& c : r.categories) labels.emplace_back(category_label(c));
            const auto sex = [](const std::optional<std::string>& v) { return !v ? "" : *v == "F" ? "女" : "男"; };
            const std::string phone =
                r.guardian_phone ? (plain ? *r.guardian_phone : mask_phone(*r.guardian_phone)) : "";
            sheet.rows.push_back({r.name, sex(r.sex), plain ? r.id_number : core::mask_id_number(r.id_number),
                                  row.str("village_name"), join(labels, "、"), row.str("school_name"),
                                  r.class_name.value_or(""), r.guardian.value_or(""), sex(r.guardian_sex), phone,
                                  r.parents_workplace.value_or("")});
        }
        audit::append(
            tx, audit::actor_of(p),
            {"children.child.export", "child", "", {{"rows", sheet.rows.size()}, {"plain_id_numbers", plain}}}, now);
    });
    const std::string who =
        p.display_name.empty() || p.display_name == p.username ? p.username : p.display_name + "（" + p.username + "）";
    return {"children.xlsx", std::string(kXlsxType),
            io::write_xlsx({sheet}, "导出人 " + who + " " + shanghai_minute(now))};
}

// ---- data quality and archiving ------------------------------------------------------------------

QualityReport ChildrenService::quality(const security::Principal& p) {
    require(p, "children:quality:view");
    const auto units = p.units_for("children:quality:view");
    const auto day = today();
    const auto now = clock_.now_ms();
    QualityReport report;
    report.office = !units;
    db_.write([&](db::Tx& tx) {
        QualityRules rules;
        rules.school_age_from = static_cast<int>(policy::PolicyService::get_int(tx, "children.school_age_from"));
        rules.school_age_to = static_cast<int>(policy::PolicyService::get_int(tx, "children.school_age_to"));
        std::vector<ChildFacts> facts;
        for (const auto& r : tx.query(sql::kQualityFacts)) {
            if (units && !units->count(r.i64("village_unit_id"))) continue;
            facts.push_back({r.i64("id"), r.str("name"), r.str("birth_date"), r.str("village_name"), true,
                             !r.is_null("guardian_phone_enc"), !r.is_null("school_unit_id")});
        }
        report.items = quality_items(facts, day, rules);
        if (report.office) {
            std::vector<KnownChild> known;
            for (const auto& r : tx.query(sql::kAllForDuplicates))
                known.push_back(
                    {r.i64("id"), r.str("name"), r.str("birth_date"), r.str("village_name"), r.str("id_index")});
            report.duplicates = find_duplicates(known);
        }
        audit::append(tx, audit::actor_of(p),
                      {"children.quality.view",
                       "child",
                       "",
                       {{"items", report.items.size()}, {"duplicates", report.duplicates.size()}}},
                      now);
    });
    return report;
}

std::int64_t ChildrenService::archive_adults(const security::Principal& p) {
    require(p, "children:child:update");
    if (!p.has_township("children:child:update")) throw core::Error::forbidden();
    const auto day = today();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        std::vector<std::int64_t> archived;
        for (const auto& r : tx.query(sql::kActiveBirths))
            if (age_on(r.str("birth_date"), day) >= kAdultAge &&
                tx.exec(sql::kArchiveChild, {now, now, r.i64("id")}) > 0)
                archived.push_back(r.i64("id"));
        audit::append(tx, audit::actor_of(p),
                      {"children.child.archive", "child", "", {{"count", archived.size()}, {"child_ids", archived}}},
                      now);
        return static_cast<std::int64_t>(archived.size());
    });
}

// ---- demo ---------------------------------------------------------------------------------------

void ChildrenService::seed_demo() {
    // Invented names from syllables and ID numbers in the unused region 990101: no real person.
    static const char* kSurnames[] = {"安", "柏", "岑", "丁", "范", "葛", "韩", "蒋", "柯", "陆", "聂", "欧"};
    static const char* kGiven[] = {"禾", "星", "苗", "溪", "岚", "朵", "松", "帆", "晴", "宁", "川", "芽", "桐", "雨"};
    static const char* kWork[] = {"广东东莞", "浙江义乌", "福建晋江", "江苏昆山"};
    struct Village {
        const char* name;
        const char* school;
    };
    static const Village kVillages[] = {{"青石村", "五团镇中心小学"}, {"白沙社区", "青溪小学"},
                                        {"柳塘村", "五团镇中心小学"}, {"新桥村", "青溪小学"},
                                        {"枫林村", "五团镇中学"},     {"石门村", "五团镇中学"}};
    static const std::vector<std::vector<std::string>> kCategorySets = {{"left_behind"},
                                                                        {"left_behind", "single_parent"},
                                                                        {"in_difficulty"},
                                                                        {"migrant"},
                                                                        {"disabled", "in_difficulty"},
                                                                        {"de_facto_orphan"},
                                                                        {"reconstituted"},
                                                                        {"orphan"},
                                                                        {"troubled_family"}};
    const auto sys = system_principal();
    const auto day = today();
    const int year = std::stoi(day.substr(0, 4));
    const auto now = clock_.now_ms();
    std::map<std::string, std::int64_t> unit_ids;
    for (const auto& v : kVillages)
        for (const char* name : {v.name, v.school})
            if (auto u = org_.resolve_unit(name)) unit_ids[name] = u->id;
    db_.write([&](db::Tx& tx) {
        int n = 0;
        for (const auto& v : kVillages) {
            if (!unit_ids.count(v.name)) continue;
            for (int k = 0; k < 6; ++k, ++n) {
                Record r;
                // The first child of 柳塘村 shares name and birth date with the first of 青石村 (a duplicate to
                // resolve).
                const int twin = (std::string(v.name) == "柳塘村" && k == 0) ? 0 : n;
                const int age = 3 + (twin * 7) % 15;
                const bool male = n % 2 == 0;
                char birth[40];
                std::snprintf(birth, sizeof birth, "%04d%02d%02d", year - (3 + (twin * 7) % 15), 1 + twin % 12,
                              1 + (twin * 7) % 28);
                char seq[16];
                std::snprintf(seq, sizeof seq, "%03d", 100 + 2 * n + (male ? 1 : 0));
                const std::string first17 = std::string("990101") + birth + seq;
                r.id_number = first17 + core::id_checksum(first17);
                r.name = std::string(kSurnames[twin % 12]) + kGiven[(twin * 3) % 14] + kGiven[(twin * 5 + 1) % 14];
                r.sex = male ? "M" : "F";
                r.birth_date = std::string(birth).substr(0, 4) + "-" + std::string(birth).substr(4, 2) + "-" +
                               std::string(birth).substr(6, 2);
                r.village_id = unit_ids[v.name];
                if (age >= 6 && unit_ids.count(v.school)) {
                    r.school_id = unit_ids[v.school];
                    r.class_name = std::to_string(std::min(age - 5, 6)) + "年级" + std::to_string(1 + n % 3) + "班";
                }
                r.categories = kCategorySets[n % kCategorySets.size()];
                r.guardian = std::string(kSurnames[(n + 5) % 12]) + (n % 3 == 0   ? "奶奶"
                                                                     : n % 3 == 1 ? "爷爷"
                                                                                  : "外婆");
                r.guardian_sex = n % 3 == 1 ? "M" : "F";
                if (n % 5 != 4) {
                    char phone[24];
                    std::snprintf(phone, sizeof phone, "1390000%04d", 1000 + n);
                    r.guardian_phone = phone;
                }
                if (n % 2 == 0) r.parents_workplace = kWork[n % 4];
                r.boarding = age >= 12 && n % 2 == 1;
                r.risk_level = n % 7 == 0 ? "high" : n % 3 == 0 ? "medium" : "low";
                write_record(tx, keyring_, sys, std::nullopt, r, now, {{"source", "demo"}});
            }
        }
        // One young adult still on the ledger, for the data-quality view and the archiving sweep.
        if (unit_ids.count("青石村")) {
            Record r;
            const std::string first17 = "990101" + std::to_string(year - 19) + "0315" + "201";
            r.id_number = first17 + core::id_checksum(first17);
            r.name = "欧川禾";
            r.sex = "M";
            r.birth_date = std::to_string(year - 19) + "-03-15";
            r.village_id = unit_ids["青石村"];
            r.categories = {"left_behind"};
            write_record(tx, keyring_, sys, std::nullopt, r, now, {{"source", "demo"}});
        }
    });
}

// ---- the case review (倒查) --------------------------------------------------------------------------------

std::optional<ReviewChild> ChildrenService::review_child(db::Tx& tx, std::optional<std::int64_t> child_id,
                                                         const std::optional<std::string>& id_number) const {
    std::optional<db::Row> r;
    if (child_id)
        r = tx.query_one(std::string(sql::kReviewChildColumns) + std::string(sql::kReviewChildById), {*child_id});
    if (!r && id_number) {
        // The ledger's blind index is of the normalised number; a 15-digit or lower-case x form is normalised first.
        const auto id = core::parse_id_number(*id_number);
        const std::string index = keyring_.blind_index(id ? id->value : *id_number, kIdContext);
        r = tx.query_one(std::string(sql::kReviewChildColumns) + std::string(sql::kReviewChildByIndex), {index});
    }
    if (!r) return std::nullopt;
    ReviewChild c;
    c.id = r->i64("id");
    c.village_id = r->i64("village_unit_id");
    c.village_name = r->str("village_name");
    c.status = r->str("status");
    c.created_at = r->i64("created_at");
    c.archived_at = r->opt_i64("archived_at");
    const auto g = r->opt_str("guardian");
    c.has_guardian = g && !core::trim(*g).empty();
    return c;
}

std::optional<std::string> ChildrenService::review_unit_name(db::Tx& tx, std::int64_t unit_id) const {
    auto r = tx.query_one(sql::kUnitById, {unit_id});
    if (!r) return std::nullopt;
    return r->str("name");
}

}  // namespace hulei::children
