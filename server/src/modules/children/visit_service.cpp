#include "modules/children/visit_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/upload.hpp"
#include "modules/children/care_service.hpp"
#include "modules/children/visit_rules.hpp"
#include "modules/children/visit_store.hpp"
#include "modules/policy/policy_service.hpp"
#include "security/keyring.hpp"

namespace hulei::children {

namespace {

constexpr std::size_t kMaxText = 2000;
constexpr std::int64_t kFutureSlackMs = 10 * 60'000;  // a phone's clock may run a little fast
constexpr std::size_t kMaxNote = 500;
constexpr std::int64_t kBytesPerMb = 1024 * 1024;
constexpr std::string_view kPhotoContext = "visit_photos.content";

using security::require;

bool in_scope(const std::optional<std::set<std::int64_t>>& units, std::int64_t village,
              std::optional<std::int64_t> school) {
    return !units || units->count(village) || (school && units->count(*school));
}

/// A name in a list for a caller who does not keep the child's village: first character, then stars.
std::string mask_name(const std::string& name) {
    if (name.empty()) return name;
    const unsigned char lead = static_cast<unsigned char>(name[0]);
    const std::size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::size_t rest = core::utf8_length(name) - 1;
    return name.substr(0, std::min(first, name.size())) + std::string(std::max<std::size_t>(rest, 1), '*');
}

/// Whether the child exists and lies in the caller's scope for `permission`.
bool child_visible(db::Tx& tx, const security::Principal& p, std::string_view permission, std::int64_t id) {
    auto r = tx.query_one(visit_sql::kChildScope, {id});
    return r && in_scope(p.units_for(permission), r->i64("village_unit_id"), r->opt_i64("school_unit_id"));
}

/// 404 unless the child exists and lies in the caller's scope for `permission`.
void child_in_scope(db::Tx& tx, const security::Principal& p, std::string_view permission, std::int64_t id) {
    if (!child_visible(tx, p, permission, id)) throw core::Error::not_found("儿童不存在");
}

Visit visit_of(const db::Row& r) {
    Visit v;
    v.id = r.i64("id");
    v.child_id = r.i64("child_id");
    v.visited_at = r.i64("visited_at");
    v.visitor_person_id = r.opt_i64("visitor_person_id");
    v.visitor_user_id = r.opt_i64("visitor_user_id");
    v.method = r.str("method");
    v.findings = r.str("findings");
    v.risks = r.opt_str("risks");
    v.follow_up = r.opt_str("follow_up");
    v.urgent = r.i64("urgent") != 0;
    v.suspected_harm = r.i64("suspected_harm") != 0;
    v.urgent_ack_at = r.opt_i64("urgent_ack_at");
    v.urgent_ack_by = r.opt_i64("urgent_ack_by");
    v.urgent_ack_by_name = r.opt_str("urgent_ack_by_name");
    v.urgent_ack_note = r.opt_str("urgent_ack_note");
    v.version = r.i64("version");
    v.created_at = r.i64("created_at");
    v.updated_at = r.i64("updated_at");
    v.created_by = r.opt_i64("created_by");
    v.updated_by = r.opt_i64("updated_by");
    return v;
}

VisitPhoto photo_of(const db::Row& r) {
    return {r.i64("id"),           r.i64("visit_id"), r.str("filename"),
            r.str("content_type"), r.i64("size"),     r.i64("created_at")};
}

/// The visit (with its photos) that `where` (kVisitById, kVisitByClientId) finds for `key`.
std::optional<Visit> find_visit_where(db::Tx& tx, std::string_view where, const db::Value& key) {
    auto r = tx.query_one(std::string(visit_sql::kVisitColumns) + std::string(where), {key});
    if (!r) return std::nullopt;
    Visit v = visit_of(*r);
    for (const auto& ph : tx.query(visit_sql::kPhotosOfVisit, {v.id})) v.photos.push_back(photo_of(ph));
    return v;
}

std::optional<Visit> find_visit(db::Tx& tx, std::int64_t id) {
    return find_visit_where(tx, visit_sql::kVisitById, id);
}

/// The visit if it exists and its child lies in the caller's scope for `permission`; else 404.
Visit visit_in_scope(db::Tx& tx, const security::Principal& p, std::string_view permission, std::int64_t id) {
    auto v = find_visit(tx, id);
    if (!v || !child_visible(tx, p, permission, v->child_id)) throw core::Error::not_found("走访记录不存在");
    return *v;
}

void check_text(const std::optional<std::string>& v, const char* field, const char* label) {
    if (!v) return;
    for (unsigned char ch : *v)
        if ((ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f)
            throw core::Error::validation("invalid_text", std::string(label) + "含有控制字符", field);
    if (core::utf8_length(*v) > kMaxText) throw core::Error::validation("too_long", std::string(label) + "过长", field);
}

std::optional<std::string> blank_to_null(const std::optional<std::string>& v) {
    if (!v || core::trim(*v).empty()) return std::nullopt;
    return v;
}

/// Validates a complete visit (after an edit's fields are merged in).
void validate(db::Tx& tx, Visit& v, std::int64_t now) {
    if (v.visited_at <= 0) throw core::Error::validation("invalid_date", "请填写走访时间", "visited_at");
    if (v.visited_at > now + kFutureSlackMs)
        throw core::Error::validation("invalid_date", "走访时间不能晚于当前时间", "visited_at");
    if (!valid_visit_method(v.method))
        throw core::Error::validation("invalid_method", "走访方式应为 home、school 或 phone", "method");
    if (core::trim(v.findings).empty()) throw core::Error::validation("required", "请填写走访发现", "findings");
    check_text(v.findings, "findings", "走访发现");
    check_text(v.risks, "risks", "风险");
    check_text(v.follow_up, "follow_up", "后续措施");
    v.risks = blank_to_null(v.risks);
    v.follow_up = blank_to_null(v.follow_up);
}

/// 400 invalid_visitor unless care person `person_id` is active and serves the child: on its team, of its village
/// or school unit, or of a police station covering its village (the coverage in force, as assignment uses it).
/// Checked only when a save names the visitor, so deactivating him later does not block edits of old visits.
void check_visitor(db::Tx& tx, std::int64_t person_id, std::int64_t child_id) {
    auto person = tx.query_one(visit_sql::kVisitorPerson, {child_id, person_id});
    if (!person) throw core::Error::validation("invalid_visitor", "走访人不存在或已停用", "visitor_person_id");
    auto child = tx.query_one(visit_sql::kChildScope, {child_id});
    if (!child) throw core::Error::not_found("儿童不存在");
    const auto village = child->i64("village_unit_id");
    std::vector<std::int64_t> stations;
    if (person->str("unit_kind") == "police_station") {
        const Coverage coverage = CareService::coverage_in_force(tx);
        if (auto it = coverage.police_units_of_village.find(village); it != coverage.police_units_of_village.end())
            stations = it->second;
    }
    if (!visitor_serves_child(person->i64("unit_id"), person->i64("on_team") > 0, village,
                              child->opt_i64("school_unit_id"), stations))
        throw core::Error::validation("invalid_visitor",
                                      "走访人须是该儿童的关爱团队成员，或其所在村（社区）、学校或辖区派出所的关爱人员",
                                      "visitor_person_id");
}

/// 400 invalid_client_id unless `id` is absent or 1–64 characters of [A-Za-z0-9_-].
void check_client_id(const std::optional<std::string>& id) {
    if (id && !valid_client_id(*id))
        throw core::Error::validation("invalid_client_id", "client_id 应为 1–64 个字母、数字、下划线或连字符",
                                      "client_id");
}

/// Whether a write may have failed only because a copy of it (the same client_id) was stored first by another
/// transaction: the unique index refused it, or — for a photo — the copy took the visit's last place.
bool lost_client_id_race(const core::Error& e, const std::optional<std::string>& client_id) {
    return client_id && e.kind() == core::ErrorKind::Conflict &&
           (e.code() == "duplicate" || e.code() == "too_many_photos");
}

db::Value opt_value(const std::optional<std::string>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}
db::Value opt_value(const std::optional<std::int64_t>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}
db::Value flag(bool b) {
    return std::int64_t{b ? 1 : 0};
}
db::Value user_value(const security::Principal& p) {
    return p.user_id ? db::Value(p.user_id) : db::Value(nullptr);
}

void require_office(const security::Principal& p) {
    if (!p.has_township("children:visit:ack")) throw core::Error::forbidden();
}

void audit_urgent(db::Tx& tx, const security::Principal& p, const Visit& v, std::int64_t now) {
    audit::append(
        tx, audit::actor_of(p),
        {"children.visit.urgent", "visit", std::to_string(v.id), {{"child_id", v.child_id}, {"notify", "office"}}},
        now);
}

/// A retried create: the visit already recorded under `client_id` for this child (the caller may edit it, having
/// passed the scope check), audited as a replay; 409 client_id_conflict when it belongs to another child;
/// nullopt when there is none.
std::optional<VisitSaved> replayed_visit(db::Tx& tx, const security::Principal& p, std::int64_t child_id,
                                         const std::string& client_id, std::int64_t now) {
    auto v = find_visit_where(tx, visit_sql::kVisitByClientId, client_id);
    if (!v) return std::nullopt;
    if (v->child_id != child_id)
        throw core::Error::conflict("client_id_conflict", "该 client_id 已用于另一名儿童的走访记录", "client_id");
    audit::append(tx, audit::actor_of(p),
                  {"children.visit.replay", "visit", std::to_string(v->id), {{"child_id", child_id}}}, now);
    return VisitSaved{*v, v->urgent, v->suspected_harm, true};
}

/// A retried photo upload: the photo already stored under `client_id` on the visit, if any.
std::optional<VisitPhotoSaved> replayed_photo(db::Tx& tx, std::int64_t visit_id, const std::string& client_id) {
    auto r = tx.query_one(visit_sql::kPhotoByClientId, {visit_id, client_id});
    if (!r) return std::nullopt;
    return VisitPhotoSaved{photo_of(*r), true};
}

}  // namespace

VisitSaved VisitService::create(const security::Principal& p, std::int64_t child_id, const VisitInput& in) {
    require(p, "children:visit:create");
    check_client_id(in.client_id);
    const auto now = clock_.now_ms();
    try {
        return record(p, child_id, in, now);
    } catch (const core::Error& e) {
        // Two copies of one create at once: the second insert broke the unique client_id. Answer the first's visit.
        if (!lost_client_id_race(e, in.client_id)) throw;
        auto again = db_.write([&](db::Tx& tx) {
            child_in_scope(tx, p, "children:visit:create", child_id);
            return replayed_visit(tx, p, child_id, *in.client_id, now);
        });
        if (!again) throw;
        return *again;
    }
}

VisitSaved VisitService::record(const security::Principal& p, std::int64_t child_id, const VisitInput& in,
                                std::int64_t now) {
    return db_.write([&](db::Tx& tx) {
        child_in_scope(tx, p, "children:visit:create", child_id);
        if (in.client_id)
            if (auto replay = replayed_visit(tx, p, child_id, *in.client_id, now)) return *replay;
        if (!in.visited_at) throw core::Error::validation("required", "请填写走访时间", "visited_at");
        if (!in.method) throw core::Error::validation("required", "请选择走访方式", "method");
        if (!in.findings) throw core::Error::validation("required", "请填写走访发现", "findings");
        Visit v;
        v.child_id = child_id;
        v.visited_at = *in.visited_at;
        v.method = *in.method;
        v.findings = *in.findings;
        if (in.risks) v.risks = *in.risks;
        if (in.follow_up) v.follow_up = *in.follow_up;
        v.urgent = in.urgent.value_or(false);
        v.suspected_harm = in.suspected_harm.value_or(false);
        if (in.visitor_person_id) v.visitor_person_id = *in.visitor_person_id;
        v.visitor_user_id = p.user_id;
        validate(tx, v, now);
        if (v.visitor_person_id) check_visitor(tx, *v.visitor_person_id, child_id);
        v.created_at = v.updated_at = now;
        v.created_by = v.updated_by = p.user_id;
        v.id = tx.scalar_i64(visit_sql::kInsertVisit,
                             {child_id, v.visited_at, opt_value(v.visitor_person_id), p.user_id, v.method, v.findings,
                              opt_value(v.risks), opt_value(v.follow_up), flag(v.urgent), flag(v.suspected_harm), now,
                              now, p.user_id, p.user_id, opt_value(in.client_id)});
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.create",
                       "visit",
                       std::to_string(v.id),
                       {{"child_id", child_id},
                        {"method", v.method},
                        {"urgent", v.urgent},
                        {"suspected_harm", v.suspected_harm}}},
                      now);
        if (v.urgent) audit_urgent(tx, p, v, now);
        return VisitSaved{v, v.urgent, v.suspected_harm, false};
    });
}

std::vector<Visit> VisitService::list(const security::Principal& p, std::int64_t child_id) {
    require(p, "children:visit:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        child_in_scope(tx, p, "children:visit:list", child_id);
        std::vector<Visit> out;
        for (const auto& r :
             tx.query(std::string(visit_sql::kVisitColumns) + std::string(visit_sql::kVisitsOfChild), {child_id}))
            out.push_back(visit_of(r));
        std::map<std::int64_t, std::vector<VisitPhoto>> photos;
        for (const auto& r : tx.query(visit_sql::kPhotosOfChild, {child_id}))
            photos[r.i64("visit_id")].push_back(photo_of(r));
        for (auto& v : out)
            if (auto it = photos.find(v.id); it != photos.end()) v.photos = std::move(it->second);
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.list", "child", std::to_string(child_id), {{"returned", out.size()}}}, now);
        return out;
    });
}

VisitEdit VisitService::update(const security::Principal& p, std::int64_t visit_id, const VisitInput& in) {
    require(p, "children:visit:create");
    if (!in.version) throw core::Error::validation("required", "请提供所编辑记录的版本号", "version");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const Visit current = visit_in_scope(tx, p, "children:visit:create", visit_id);
        if (*in.version != current.version) {
            audit::append(tx, audit::actor_of(p),
                          {"children.visit.conflict",
                           "visit",
                           std::to_string(visit_id),
                           {{"base_version", *in.version}, {"current_version", current.version}}},
                          now);
            return VisitEdit{true, current, false, false};
        }
        Visit v = current;
        if (in.visited_at) v.visited_at = *in.visited_at;
        if (in.method) v.method = *in.method;
        if (in.findings) v.findings = *in.findings;
        if (in.risks) v.risks = *in.risks;
        if (in.follow_up) v.follow_up = *in.follow_up;
        if (in.urgent) v.urgent = *in.urgent;
        if (in.suspected_harm) v.suspected_harm = *in.suspected_harm;
        if (in.visitor_person_id) v.visitor_person_id = *in.visitor_person_id;
        validate(tx, v, now);
        // The visitor is checked only when this edit names a new one: a visit whose care person has since been
        // deactivated stays editable.
        if (in.visitor_person_id && *in.visitor_person_id && **in.visitor_person_id != current.visitor_person_id)
            check_visitor(tx, **in.visitor_person_id, v.child_id);
        // An open urgent follow-up is the office's to close: it cannot be withdrawn before acknowledgement.
        if (current.urgent && !v.urgent && !current.urgent_ack_at)
            throw core::Error::conflict("urgent_open", "紧急情况尚未经乡镇办公室确认，不能取消紧急标记", "urgent");
        const bool newly_urgent = v.urgent && !current.urgent;
        if (newly_urgent) {
            // Urgent again after it was turned off: back on the office's list until acknowledged anew.
            v.urgent_ack_at.reset();
            v.urgent_ack_by.reset();
            v.urgent_ack_by_name.reset();
            v.urgent_ack_note.reset();
        }
        const auto changed =
            tx.exec(visit_sql::kUpdateVisit, {v.visited_at, opt_value(v.visitor_person_id), v.method, v.findings,
                                              opt_value(v.risks), opt_value(v.follow_up), flag(v.urgent),
                                              flag(v.suspected_harm), now, p.user_id, visit_id, current.version});
        if (changed != 1) {
            // Another edit won between the read and the write: report the record as it now stands.
            auto again = find_visit(tx, visit_id);
            return VisitEdit{true, again ? *again : current, false, false};
        }
        if (newly_urgent) tx.exec(visit_sql::kClearAcknowledgement, {visit_id});
        v.version = current.version + 1;
        v.updated_at = now;
        v.updated_by = p.user_id;
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.update",
                       "visit",
                       std::to_string(visit_id),
                       {{"child_id", v.child_id},
                        {"version", v.version},
                        {"urgent", v.urgent},
                        {"suspected_harm", v.suspected_harm}}},
                      now);
        if (newly_urgent) audit_urgent(tx, p, v, now);
        return VisitEdit{false, v, newly_urgent, v.suspected_harm};
    });
}

// ---- photos -------------------------------------------------------------------------------------------

VisitPhotoSaved VisitService::add_photo(const security::Principal& p, std::int64_t visit_id,
                                        const std::string& filename, const std::string& content_type,
                                        std::string_view bytes, const std::optional<std::string>& client_id) {
    require(p, "children:visit:create");
    check_client_id(client_id);
    const auto now = clock_.now_ms();
    auto store = [&](db::Tx& tx) {
        const Visit v = visit_in_scope(tx, p, "children:visit:create", visit_id);
        if (client_id)
            if (auto replay = replayed_photo(tx, visit_id, *client_id)) return *replay;
        VisitPhoto ph;
        ph.visit_id = visit_id;
        ph.filename = io::clean_filename(filename);
        if (bytes.empty()) throw core::Error::validation("empty_file", "照片为空", "file");
        const auto max_mb = policy::PolicyService::get_int(tx, "visits.photo_max_mb");
        if (static_cast<std::int64_t>(bytes.size()) > max_mb * kBytesPerMb)
            throw core::Error::too_large("照片过大（上限 " + std::to_string(max_mb) + " MB）");
        ph.content_type = io::clean_content_type(content_type);
        const auto sniffed = io::sniff_image(bytes);
        if (!sniffed || *sniffed != ph.content_type)
            throw core::Error::validation("unsupported_type",
                                          "只能上传 JPEG、PNG 或 WebP 格式的照片，且内容须与类型相符", "file");
        const auto max_photos = policy::PolicyService::get_int(tx, "visits.photos_per_visit");
        if (tx.exec(visit_sql::kTakePhotoPlace, {visit_id, max_photos}) != 1)
            throw core::Error::conflict("too_many_photos", "每次走访最多上传 " + std::to_string(max_photos) + " 张照片",
                                        "file");
        ph.size = static_cast<std::int64_t>(bytes.size());
        ph.created_at = now;
        ph.id = tx.scalar_i64(visit_sql::kInsertPhoto,
                              {visit_id, ph.filename, ph.content_type, ph.size, security::sha256_hex(bytes),
                               keyring_.encrypt(bytes, kPhotoContext), now, user_value(p), opt_value(client_id)});
        audit::append(
            tx, audit::actor_of(p),
            {"children.visit.photo.create",
             "visit_photo",
             std::to_string(ph.id),
             {{"visit_id", visit_id}, {"child_id", v.child_id}, {"content_type", ph.content_type}, {"size", ph.size}}},
            now);
        return VisitPhotoSaved{ph, false};
    };
    try {
        return db_.write(store);
    } catch (const core::Error& e) {
        // Two copies of one upload at once: the second broke the unique (visit, client_id) or found the visit
        // full with the first; either way the first's photo is the answer.
        if (!lost_client_id_race(e, client_id)) throw;
        auto again = db_.write([&](db::Tx& tx) {
            visit_in_scope(tx, p, "children:visit:create", visit_id);
            return replayed_photo(tx, visit_id, *client_id);
        });
        if (!again) throw;
        return *again;
    }
}

VisitPhotoFile VisitService::photo(const security::Principal& p, std::int64_t photo_id) {
    require(p, "children:visit:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto r = tx.query_one(visit_sql::kPhotoById, {photo_id});
        if (!r || !child_visible(tx, p, "children:visit:list", r->i64("child_id")))
            throw core::Error::not_found("照片不存在");
        VisitPhotoFile f{photo_of(*r), keyring_.decrypt(r->str("content_enc"), kPhotoContext)};
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.photo.read",
                       "visit_photo",
                       std::to_string(photo_id),
                       {{"visit_id", f.info.visit_id}, {"child_id", r->i64("child_id")}}},
                      now);
        return f;
    });
}

// ---- the due list ---------------------------------------------------------------------------------------

VisitIntervals VisitService::read_intervals(db::Tx& tx) {
    auto days = [&](const char* key) { return static_cast<int>(policy::PolicyService::get_int(tx, key)); };
    VisitIntervals iv;
    iv.in_difficulty = days("visits.interval_days.in_difficulty");
    iv.de_facto_orphan = days("visits.interval_days.de_facto_orphan");
    iv.left_behind = days("visits.interval_days.left_behind");
    iv.fallback = days("visits.interval_days.default");
    iv.high_risk = days("visits.interval_days.high_risk");
    iv.due_soon_days = days("visits.due_soon_days");
    return iv;
}

std::vector<VisitDueItem> VisitService::due_items(db::Tx& tx, const security::Principal& p,
                                                  std::optional<std::int64_t> village_id, bool mine_only) const {
    const auto units = p.units_for("children:visit:list");
    const auto now = clock_.now_ms();
    const VisitIntervals iv = read_intervals(tx);
    std::set<std::int64_t> mine;
    for (const auto& r : tx.query(visit_sql::kTeamChildrenOfUser, {p.user_id})) mine.insert(r.i64("child_id"));
    std::string sql = std::string(visit_sql::kDueChildren);
    db::Params params;
    if (village_id) {
        sql += " AND c.village_unit_id = :1";
        params.push_back(*village_id);
    }
    sql += " ORDER BY c.village_unit_id, c.id";
    std::vector<VisitDueItem> out;
    for (const auto& r : tx.query(sql, params)) {
        const auto village = r.i64("village_unit_id");
        if (!in_scope(units, village, r.opt_i64("school_unit_id"))) continue;
        VisitDueItem item;
        item.child_id = r.i64("id");
        item.mine = mine.count(item.child_id) > 0;
        if (mine_only && !item.mine) continue;
        item.categories = core::split_nonempty(r.str("categories"), ',');
        item.risk_level = r.str("risk_level");
        item.last_visited_at = r.opt_i64("last_visited_at");
        item.interval_days = required_interval_days(item.categories, item.risk_level, iv);
        const auto d = visit_due(item.last_visited_at, r.i64("created_at"), now, item.interval_days, iv.due_soon_days);
        if (d.status == "ok") continue;
        item.name = p.can_in_unit("children:child:update", village) ? r.str("name") : mask_name(r.str("name"));
        item.village_id = village;
        item.village = r.str("village_name");
        item.due_date = d.due_date;
        item.days_left = d.days_left;
        item.status = d.status;
        out.push_back(std::move(item));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const VisitDueItem& a, const VisitDueItem& b) { return a.days_left < b.days_left; });
    return out;
}

std::vector<VisitDueItem> VisitService::due(const security::Principal& p, std::optional<std::int64_t> village_id,
                                            bool mine_only) {
    require(p, "children:visit:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto out = due_items(tx, p, village_id, mine_only);
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.due",
                       "child",
                       "",
                       {{"village_id", village_id ? nlohmann::json(*village_id) : nlohmann::json(nullptr)},
                        {"mine", mine_only},
                        {"returned", out.size()}}},
                      now);
        return out;
    });
}

VisitDueSummary VisitService::due_summary(const security::Principal& p) {
    require(p, "children:visit:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        VisitDueSummary s;
        s.items = due_items(tx, p, std::nullopt, false);
        s.total = static_cast<std::int64_t>(s.items.size());
        for (const auto& d : s.items) ++(d.status == "overdue" ? s.overdue : s.due_soon);
        // Already most overdue first: a stable partition puts the caller's own children ahead.
        std::stable_partition(s.items.begin(), s.items.end(), [](const VisitDueItem& d) { return d.mine; });
        const auto cap = policy::PolicyService::get_int(tx, "todo.visits_max_items");
        if (static_cast<std::int64_t>(s.items.size()) > cap) s.items.resize(static_cast<std::size_t>(cap));
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.due",
                       "child",
                       "",
                       {{"village_id", nullptr}, {"mine", false}, {"todo", true}, {"returned", s.items.size()}}},
                      now);
        return s;
    });
}

// ---- urgent follow-ups -----------------------------------------------------------------------------------

std::vector<UrgentVisit> VisitService::urgent(const security::Principal& p) {
    require_office(p);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        std::vector<UrgentVisit> out;
        for (const auto& r : tx.query(visit_sql::kUrgentOpen))
            out.push_back({r.i64("id"), r.i64("child_id"), r.str("child_name"), r.i64("village_unit_id"),
                           r.str("village_name"), r.i64("visited_at"), r.opt_str("follow_up"),
                           r.i64("suspected_harm") != 0, r.opt_str("recorded_by")});
        audit::append(tx, audit::actor_of(p), {"children.visit.urgent_list", "visit", "", {{"returned", out.size()}}},
                      now);
        return out;
    });
}

Visit VisitService::acknowledge(const security::Principal& p, std::int64_t visit_id,
                                const std::optional<std::string>& note) {
    require_office(p);
    check_text(note, "note", "说明");
    if (note && core::utf8_length(*note) > kMaxNote) throw core::Error::validation("too_long", "说明过长", "note");
    const auto text = blank_to_null(note);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto v = find_visit(tx, visit_id);
        if (!v) throw core::Error::not_found("走访记录不存在");
        if (!v->urgent) throw core::Error::conflict("not_urgent", "该走访没有标记为紧急，无需确认");
        if (v->urgent_ack_at) throw core::Error::conflict("already_acknowledged", "该紧急事项已被确认");
        if (tx.exec(visit_sql::kAcknowledge, {now, user_value(p), opt_value(text), visit_id}) != 1)
            throw core::Error::conflict("already_acknowledged", "该紧急事项已被确认");
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.acknowledge",
                       "visit",
                       std::to_string(visit_id),
                       {{"child_id", v->child_id}, {"with_note", text.has_value()}}},
                      now);
        auto saved = find_visit(tx, visit_id);
        return saved ? *saved : *v;
    });
}

// ---- the case review (倒查) -----------------------------------------------------------------------------

ReviewVisits VisitService::review_visits(db::Tx& tx, std::int64_t child_id, std::int64_t as_of) const {
    ReviewVisits out;
    auto child = tx.query_one(visit_sql::kReviewChild, {child_id});
    if (!child) return out;
    const VisitIntervals iv = read_intervals(tx);
    out.interval_days =
        required_interval_days(core::split_nonempty(child->str("categories"), ','), child->str("risk_level"), iv);
    if (auto last = tx.query_one(visit_sql::kReviewLastVisit, {child_id, as_of}))
        out.last_visit_at = last->opt_i64("last_visited_at");
    if (out.last_visit_at)
        out.on_schedule = visit_due(out.last_visit_at, 0, as_of, out.interval_days, 0).status != "overdue";
    for (const auto& r : tx.query(visit_sql::kReviewHarmVisits, {child_id})) {
        if (r.is_null("unit_id")) continue;
        out.harm.push_back({r.i64("unit_id"), r.str("unit_name"), r.i64("visited_at")});
    }
    return out;
}

}  // namespace hulei::children
