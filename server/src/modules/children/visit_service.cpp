#include "modules/children/visit_service.hpp"

#include <algorithm>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "modules/children/visit_rules.hpp"
#include "modules/children/visit_store.hpp"
#include "modules/policy/policy_service.hpp"

namespace hulei::children {

namespace {

constexpr std::size_t kMaxText = 2000;
constexpr std::int64_t kFutureSlackMs = 10 * 60'000;  // a phone's clock may run a little fast

void require(const security::Principal& p, std::string_view permission) {
    if (!p.has(permission)) throw core::Error::forbidden();
}

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

/// The child's row if it exists and lies in the caller's scope for `permission`; else 404.
db::Row child_in_scope(db::Tx& tx, const security::Principal& p, std::string_view permission, std::int64_t id) {
    auto r = tx.query_one(visit_sql::kChildScope, {id});
    if (!r || !in_scope(p.units_for(permission), r->i64("village_unit_id"), r->opt_i64("school_unit_id")))
        throw core::Error::not_found("儿童不存在");
    return *r;
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
    v.version = r.i64("version");
    v.created_at = r.i64("created_at");
    v.updated_at = r.i64("updated_at");
    v.created_by = r.opt_i64("created_by");
    v.updated_by = r.opt_i64("updated_by");
    return v;
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
    if (v.visitor_person_id && tx.scalar_i64(visit_sql::kPersonExists, {*v.visitor_person_id}) == 0)
        throw core::Error::validation("invalid_visitor", "走访人不存在", "visitor_person_id");
}

db::Value opt_value(const std::optional<std::string>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}
db::Value opt_value(const std::optional<std::int64_t>& v) {
    return v ? db::Value(*v) : db::Value(nullptr);
}

void audit_urgent(db::Tx& tx, const security::Principal& p, const Visit& v, std::int64_t now) {
    audit::append(
        tx, audit::actor_of(p),
        {"children.visit.urgent", "visit", std::to_string(v.id), {{"child_id", v.child_id}, {"notify", "office"}}},
        now);
}

}  // namespace

VisitSaved VisitService::create(const security::Principal& p, std::int64_t child_id, const VisitInput& in) {
    require(p, "children:visit:create");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        child_in_scope(tx, p, "children:visit:create", child_id);
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
        if (in.visitor_person_id) v.visitor_person_id = *in.visitor_person_id;
        v.visitor_user_id = p.user_id;
        validate(tx, v, now);
        v.created_at = v.updated_at = now;
        v.created_by = v.updated_by = p.user_id;
        v.id =
            tx.scalar_i64(visit_sql::kInsertVisit, {child_id, v.visited_at, opt_value(v.visitor_person_id), p.user_id,
                                                    v.method, v.findings, opt_value(v.risks), opt_value(v.follow_up),
                                                    std::int64_t{v.urgent ? 1 : 0}, now, now, p.user_id, p.user_id});
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.create",
                       "visit",
                       std::to_string(v.id),
                       {{"child_id", child_id}, {"method", v.method}, {"urgent", v.urgent}}},
                      now);
        if (v.urgent) audit_urgent(tx, p, v, now);
        return VisitSaved{v, v.urgent};
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
        auto r = tx.query_one(std::string(visit_sql::kVisitColumns) + std::string(visit_sql::kVisitById), {visit_id});
        if (!r) throw core::Error::not_found("走访记录不存在");
        const Visit current = visit_of(*r);
        try {
            child_in_scope(tx, p, "children:visit:create", current.child_id);
        } catch (const core::Error&) {
            throw core::Error::not_found("走访记录不存在");
        }
        if (*in.version != current.version) {
            audit::append(tx, audit::actor_of(p),
                          {"children.visit.conflict",
                           "visit",
                           std::to_string(visit_id),
                           {{"base_version", *in.version}, {"current_version", current.version}}},
                          now);
            return VisitEdit{true, current, false};
        }
        Visit v = current;
        if (in.visited_at) v.visited_at = *in.visited_at;
        if (in.method) v.method = *in.method;
        if (in.findings) v.findings = *in.findings;
        if (in.risks) v.risks = *in.risks;
        if (in.follow_up) v.follow_up = *in.follow_up;
        if (in.urgent) v.urgent = *in.urgent;
        if (in.visitor_person_id) v.visitor_person_id = *in.visitor_person_id;
        validate(tx, v, now);
        const auto changed = tx.exec(
            visit_sql::kUpdateVisit,
            {v.visited_at, opt_value(v.visitor_person_id), v.method, v.findings, opt_value(v.risks),
             opt_value(v.follow_up), std::int64_t{v.urgent ? 1 : 0}, now, p.user_id, visit_id, current.version});
        if (changed != 1) {
            // Another edit won between the read and the write: report the record as it now stands.
            auto again =
                tx.query_one(std::string(visit_sql::kVisitColumns) + std::string(visit_sql::kVisitById), {visit_id});
            return VisitEdit{true, again ? visit_of(*again) : current, false};
        }
        v.version = current.version + 1;
        v.updated_at = now;
        v.updated_by = p.user_id;
        const bool newly_urgent = v.urgent && !current.urgent;
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.update",
                       "visit",
                       std::to_string(visit_id),
                       {{"child_id", v.child_id}, {"version", v.version}, {"urgent", v.urgent}}},
                      now);
        if (newly_urgent) audit_urgent(tx, p, v, now);
        return VisitEdit{false, v, newly_urgent};
    });
}

std::vector<VisitDueItem> VisitService::due(const security::Principal& p, std::optional<std::int64_t> village_id) {
    require(p, "children:visit:list");
    const auto units = p.units_for("children:visit:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        VisitIntervals iv;
        iv.in_difficulty = static_cast<int>(policy::PolicyService::get_int(tx, "visits.interval_days.in_difficulty"));
        iv.de_facto_orphan =
            static_cast<int>(policy::PolicyService::get_int(tx, "visits.interval_days.de_facto_orphan"));
        iv.left_behind = static_cast<int>(policy::PolicyService::get_int(tx, "visits.interval_days.left_behind"));
        iv.fallback = static_cast<int>(policy::PolicyService::get_int(tx, "visits.interval_days.default"));
        iv.high_risk = static_cast<int>(policy::PolicyService::get_int(tx, "visits.interval_days.high_risk"));
        iv.due_soon_days = static_cast<int>(policy::PolicyService::get_int(tx, "visits.due_soon_days"));
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
            item.categories = core::split_nonempty(r.str("categories"), ',');
            item.risk_level = r.str("risk_level");
            item.last_visited_at = r.opt_i64("last_visited_at");
            item.interval_days = required_interval_days(item.categories, item.risk_level, iv);
            const auto d =
                visit_due(item.last_visited_at, r.i64("created_at"), now, item.interval_days, iv.due_soon_days);
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
        audit::append(tx, audit::actor_of(p),
                      {"children.visit.due",
                       "child",
                       "",
                       {{"village_id", village_id ? nlohmann::json(*village_id) : nlohmann::json(nullptr)},
                        {"returned", out.size()}}},
                      now);
        return out;
    });
}

}  // namespace hulei::children
