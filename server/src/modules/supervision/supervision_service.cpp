#include "modules/supervision/supervision_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "modules/plan/plan_rules.hpp"
#include "modules/policy/policy_service.hpp"
#include "modules/supervision/supervision_rules.hpp"
#include "modules/supervision/supervision_store.hpp"

namespace hulei::supervision {

namespace {

constexpr std::size_t kMaxUnitsPerIssue = 5000;
constexpr std::size_t kMaxTextChars = 5000;

using security::require;

/// The office's powers (campaigns, the matrix, exports, 督办) need the permission with township scope.
void require_office(const security::Principal& p, std::string_view permission) {
    require(p, permission);
    if (!p.has_township(permission))
        throw core::Error::forbidden("office_only", "此操作需要全镇范围的领导小组办公室权限");
}

db::Value opt_value(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value opt_value(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value user_value(const security::Principal& p) { return p.user_id ? db::Value(p.user_id) : db::Value(nullptr); }
std::string actor_name(const security::Principal& p) { return p.display_name.empty() ? p.username : p.display_name; }

bool visible_to(const security::Principal& p, std::int64_t unit_id) {
    return plan::PlanService::is_office(p) ||
           plan::PlanService::own_units(p, "supervision:action:list").count(unit_id) > 0;
}

}  // namespace

Action SupervisionService::action_of(const db::Row& r) const {
    Action a;
    a.id = r.i64("id");
    a.kind = r.str("kind");
    a.unit = {r.i64("unit_id"), ""};
    a.campaign_id = r.opt_i64("campaign_id");
    if (auto t = r.opt_i64("task_id")) a.task = plan::TaskRef{*t, 0, "", "", {}};
    a.title = r.str("title");
    a.content = r.str("content");
    a.deadline = r.opt_str("deadline");
    a.findings = r.opt_str("findings");
    a.status = r.str("status");
    a.created_at = r.i64("created_at");
    a.created_by = r.str("created_by_name");
    a.closed_at = r.opt_i64("closed_at");
    a.closed_by = r.opt_str("closed_by_name");
    a.close_note = r.opt_str("close_note");
    a.response_count = r.i64("response_count");
    return a;
}

Action SupervisionService::load(db::Tx& tx, std::int64_t id) const {
    auto r = tx.query_one(sql::kActionById, {id});
    if (!r) throw core::Error::not_found("督办事项不存在");
    Action a = action_of(*r);
    for (const auto& rr : tx.query(sql::kResponsesOfAction, {id}))
        a.responses.push_back({rr.i64("id"), id, {rr.i64("unit_id"), ""}, rr.str("content"), rr.i64("created_at"),
                               rr.str("created_by_name")});
    return a;
}

void SupervisionService::fill_names(const security::Principal& p, std::vector<Action>& actions) {
    std::map<std::int64_t, std::string> units;
    for (const auto& u : org_.list_units(p, "", "")) units[u.id] = u.name;
    auto name_of = [&](std::int64_t id) -> std::string {
        auto it = units.find(id);
        return it != units.end() ? it->second : std::to_string(id);
    };
    std::map<std::int64_t, std::optional<std::string>> campaigns;
    std::map<std::int64_t, std::optional<plan::TaskRef>> tasks;
    for (auto& a : actions) {
        a.unit.name = name_of(a.unit.id);
        for (auto& r : a.responses) r.unit.name = name_of(r.unit.id);
        if (a.campaign_id) {
            if (!campaigns.count(*a.campaign_id)) campaigns[*a.campaign_id] = plan_.campaign_name(*a.campaign_id);
            a.campaign_name = campaigns[*a.campaign_id];
        }
        if (a.task) {
            const auto tid = a.task->id;
            if (!tasks.count(tid)) tasks[tid] = plan_.find_task(tid);
            if (tasks[tid]) a.task = tasks[tid];
        }
    }
}

std::vector<Action> SupervisionService::create(const security::Principal& p, const ActionInput& in) {
    require_office(p, "supervision:action:create");
    if (!valid_kind(in.kind))
        throw core::Error::validation("invalid_kind", "督办方式应为 notice、warning、listed、inspection 或 unannounced", "kind");
    if (in.unit_ids.empty()) throw core::Error::validation("required", "请选择督办对象单位", "unit_ids");
    if (in.unit_ids.size() > kMaxUnitsPerIssue) throw core::Error::validation("too_many", "督办对象过多", "unit_ids");
    if (in.title.empty()) throw core::Error::validation("required", "标题不能为空", "title");
    if (in.content.empty()) throw core::Error::validation("required", "督办内容不能为空", "content");
    std::set<std::int64_t> known;
    for (const auto& u : org_.list_units(p, "", "")) known.insert(u.id);
    std::vector<std::int64_t> units;
    for (auto id : in.unit_ids) {
        if (!known.count(id)) throw core::Error::validation("unknown_unit", "单位不存在：" + std::to_string(id), "unit_ids");
        if (std::find(units.begin(), units.end(), id) == units.end()) units.push_back(id);
    }
    std::optional<std::int64_t> campaign = in.campaign_id;
    if (campaign && !plan_.campaign_name(*campaign))
        throw core::Error::validation("unknown_campaign", "专项行动不存在", "campaign_id");
    if (in.task_id) {
        auto task = plan_.find_task(*in.task_id);
        if (!task) throw core::Error::validation("unknown_task", "任务不存在", "task_id");
        if (campaign && *campaign != task->campaign_id)
            throw core::Error::validation("task_not_in_campaign", "任务不属于该专项行动", "task_id");
        campaign = task->campaign_id;
        for (auto u : units)
            if (std::find(task->unit_ids.begin(), task->unit_ids.end(), u) == task->unit_ids.end())
                throw core::Error::validation("unit_not_responsible", "督办对象不是该任务的责任单位", "unit_ids");
    }
    const bool inspection = in.kind == "inspection" || in.kind == "unannounced";
    if (!inspection && (in.findings || !in.findings_by_unit.empty()))
        throw core::Error::validation("unexpected_findings", "只有督导检查和暗访记录检查发现", "findings");
    for (const auto& [unit, text] : in.findings_by_unit)
        if (std::find(units.begin(), units.end(), unit) == units.end())
            throw core::Error::validation("unknown_unit", "检查发现对应的单位不在督办对象中：" + std::to_string(unit), "findings");
    auto findings_of = [&](std::int64_t unit) -> std::optional<std::string> {
        auto it = in.findings_by_unit.find(unit);
        if (it != in.findings_by_unit.end() && !it->second.empty()) return it->second;
        if (in.findings && !in.findings->empty()) return in.findings;
        return std::nullopt;
    };
    if (in.kind == "unannounced")
        for (auto u : units)
            if (!findings_of(u)) throw core::Error::validation("required", "暗访须记录对每个单位的发现", "findings");
    const auto now = clock_.now_ms();
    const auto today = plan::shanghai_day(now);
    if (in.deadline) {
        auto d = plan::parse_date(*in.deadline);
        if (!d) throw core::Error::validation("invalid_date", "日期格式应为 YYYY-MM-DD：" + *in.deadline, "deadline");
        if (*d < today) throw core::Error::validation("deadline_past", "整改期限不能早于今天", "deadline");
    }
    auto ids = db_.write([&](db::Tx& tx) {
        std::optional<std::string> deadline = in.deadline;
        if (!deadline && in.kind == "listed")
            deadline = plan::format_date(today + policy::PolicyService::get_int(tx, "supervision.rectification_days"));
        std::vector<std::int64_t> created;
        for (auto unit : units) {
            const auto findings = findings_of(unit);
            const auto id = tx.scalar_i64(sql::kInsertAction, {in.kind, unit, opt_value(campaign), opt_value(in.task_id),
                                                               in.title, in.content, opt_value(deadline),
                                                               opt_value(findings), now, user_value(p), actor_name(p)});
            audit::append(tx, audit::actor_of(p),
                          {"supervision.action.create", "supervision_action", std::to_string(id),
                           {{"kind", in.kind}, {"unit_id", unit},
                            {"campaign_id", campaign ? nlohmann::json(*campaign) : nlohmann::json(nullptr)},
                            {"task_id", in.task_id ? nlohmann::json(*in.task_id) : nlohmann::json(nullptr)},
                            {"deadline", deadline ? nlohmann::json(*deadline) : nlohmann::json(nullptr)}}},
                          now);
            created.push_back(id);
        }
        return created;
    });
    std::vector<Action> out = db_.read([&](db::Tx& tx) {
        std::vector<Action> v;
        for (auto id : ids) v.push_back(load(tx, id));
        return v;
    });
    fill_names(p, out);
    return out;
}

ActionPage SupervisionService::list(const security::Principal& p, const ActionQuery& q) {
    require(p, "supervision:action:list");
    if (!q.status.empty() && q.status != "open" && q.status != "closed")
        throw core::Error::validation("invalid_status", "状态应为 open 或 closed", "status");
    const std::int64_t campaign = q.campaign_id.value_or(0);
    const std::int64_t unit = q.unit_id.value_or(0);
    auto all = db_.read([&](db::Tx& tx) {
        std::vector<Action> v;
        for (const auto& r : tx.query(sql::kListActions, {campaign, campaign, unit, unit, q.status, q.status})) {
            if (!visible_to(p, r.i64("unit_id"))) continue;
            v.push_back(action_of(r));
        }
        return v;
    });
    ActionPage page;
    page.total = static_cast<std::int64_t>(all.size());
    for (std::int64_t i = q.offset; i < page.total && i < q.offset + q.limit; ++i)
        page.items.push_back(std::move(all[static_cast<std::size_t>(i)]));
    fill_names(p, page.items);
    return page;
}

Action SupervisionService::get(const security::Principal& p, std::int64_t id) {
    require(p, "supervision:action:list");
    std::vector<Action> one{db_.read([&](db::Tx& tx) { return load(tx, id); })};
    if (!visible_to(p, one[0].unit.id)) throw core::Error::not_found("督办事项不存在");
    fill_names(p, one);
    return one[0];
}

ResponseView SupervisionService::respond(const security::Principal& p, std::int64_t id, const std::string& text) {
    require(p, "supervision:response:create");
    if (text.empty()) throw core::Error::validation("required", "反馈内容不能为空", "text");
    if (core::utf8_length(text) > kMaxTextChars) throw core::Error::validation("too_long", "反馈内容过长", "text");
    const auto now = clock_.now_ms();
    ResponseView out = db_.write([&](db::Tx& tx) {
        const Action a = load(tx, id);
        if (!plan::PlanService::own_units(p, "supervision:response:create").count(a.unit.id)) {
            if (plan::PlanService::is_office(p))
                throw core::Error::forbidden("not_addressed", "只有被督办单位可以反馈");
            throw core::Error::not_found("督办事项不存在");
        }
        if (a.status != "open") throw core::Error::conflict("closed", "该督办事项已办结");
        const auto rid = tx.scalar_i64(sql::kInsertResponse, {id, a.unit.id, text, now, user_value(p), actor_name(p)});
        audit::append(tx, audit::actor_of(p),
                      {"supervision.response.create", "supervision_action", std::to_string(id),
                       {{"response_id", rid}, {"unit_id", a.unit.id}}},
                      now);
        return ResponseView{rid, id, {a.unit.id, ""}, text, now, actor_name(p)};
    });
    for (const auto& u : org_.list_units(p, "", ""))
        if (u.id == out.unit.id) out.unit.name = u.name;
    return out;
}

Action SupervisionService::close(const security::Principal& p, std::int64_t id, const std::string& note) {
    require_office(p, "supervision:action:close");
    if (note.empty()) throw core::Error::validation("required", "请填写办结说明", "note");
    if (core::utf8_length(note) > kMaxTextChars) throw core::Error::validation("too_long", "办结说明过长", "note");
    const auto now = clock_.now_ms();
    std::vector<Action> one{db_.write([&](db::Tx& tx) {
        const Action a = load(tx, id);
        if (a.status != "open") throw core::Error::conflict("already_closed", "该督办事项已办结");
        if (a.kind == "listed" && a.response_count == 0)
            throw core::Error::conflict("evidence_required", "挂牌整治须在被督办单位提交整改情况后方可办结");
        tx.exec(sql::kCloseAction, {now, user_value(p), actor_name(p), note, id});
        audit::append(tx, audit::actor_of(p),
                      {"supervision.action.close", "supervision_action", std::to_string(id),
                       {{"kind", a.kind}, {"unit_id", a.unit.id}, {"responses", a.response_count}}},
                      now);
        return load(tx, id);
    })};
    fill_names(p, one);
    return one[0];
}

std::vector<Proposal> SupervisionService::proposals(const security::Principal& p, std::optional<std::int64_t> campaign_id) {
    require_office(p, "supervision:action:create");
    const auto pairs = plan_.overdue_pairs(p, campaign_id);
    const auto now = clock_.now_ms();
    const auto today = plan::shanghai_day(now);
    LadderPolicy ladder;
    std::int64_t rectification_days = 0;
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::pair<std::int64_t, IssuedRung>>> issued;
    db_.read([&](db::Tx& tx) {
        ladder.notice_after = policy::PolicyService::get_int(tx, "supervision.notice_after_days");
        ladder.warning_after = policy::PolicyService::get_int(tx, "supervision.warning_after_days");
        ladder.listed_after = policy::PolicyService::get_int(tx, "supervision.listed_after_days");
        rectification_days = policy::PolicyService::get_int(tx, "supervision.rectification_days");
        for (const auto& r : tx.query(sql::kLadderActions))
            issued[{r.i64("task_id"), r.i64("unit_id")}].push_back(
                {r.i64("id"), {r.str("kind"), plan::shanghai_day(r.i64("created_at"))}});
    });
    std::vector<Proposal> out;
    for (const auto& pair : pairs) {
        std::vector<IssuedRung> rungs;
        std::vector<std::int64_t> ids;
        const std::int64_t due_day = today - pair.overdue_days;
        for (const auto& [id, rung] : issued[{pair.task_id, pair.unit.id}]) {
            rungs.push_back(rung);
            if (rung.issued_day > due_day) ids.push_back(id);
        }
        auto kind = next_rung(pair.overdue_days, today, rungs, ladder);
        if (!kind) continue;
        Proposal pr;
        pr.pair = pair;
        pr.kind = *kind;
        pr.issued = ids;
        if (*kind == "listed") pr.deadline = plan::format_date(today + rectification_days);
        const std::string task = "“" + pair.number + " " + pair.title + "”";
        pr.title = "关于" + pair.unit.name + std::string(kind_label(*kind)) + "的通知（" + pair.number + "）";
        pr.content = pair.unit.name + "：你单位承担的任务" + task + "已逾期 " + std::to_string(pair.overdue_days) +
                     " 天未报送进展或未按期完成，现予以" + std::string(kind_label(*kind)) +
                     (pr.deadline ? "，请于 " + *pr.deadline + " 前完成整改并反馈整改情况。" : "，请抓紧落实并及时报送进展。");
        out.push_back(std::move(pr));
    }
    std::stable_sort(out.begin(), out.end(), [](const Proposal& a, const Proposal& b) {
        return a.pair.overdue_days > b.pair.overdue_days;
    });
    return out;
}

Todo SupervisionService::todo(const security::Principal& p) {
    Todo t;
    t.tasks = plan_.todo(p);
    const auto mine = plan::PlanService::own_units(p, "supervision:action:list");
    if (!mine.empty()) {
        t.actions = db_.read([&](db::Tx& tx) {
            std::vector<Action> v;
            for (auto unit : mine)
                for (const auto& r : tx.query(sql::kOpenActionsOfUnit, {unit})) v.push_back(action_of(r));
            return v;
        });
        // Across several units as for one: nearest deadline first, those without one after.
        std::stable_sort(t.actions.begin(), t.actions.end(), [](const Action& a, const Action& b) {
            if (a.deadline.has_value() != b.deadline.has_value()) return a.deadline.has_value();
            if (a.deadline != b.deadline) return *a.deadline < *b.deadline;
            return a.id < b.id;
        });
        fill_names(p, t.actions);
    }
    return t;
}

std::int64_t SupervisionService::open_by_system(db::Tx& tx, const std::string& kind, std::int64_t unit_id,
                                               const std::string& title, const std::string& content, std::int64_t now) {
    if (!valid_kind(kind) || kind == "listed" || kind == "unannounced")
        throw core::Error::internal("supervision: a system action needs a kind without deadline or findings");
    const auto id = tx.scalar_i64(sql::kInsertAction, {kind, unit_id, nullptr, nullptr, title, content, nullptr, nullptr,
                                                       now, nullptr, std::string("系统")});
    audit::append(tx, {std::nullopt, "system", "local", "system"},
                  {"supervision.action.create", "supervision_action", std::to_string(id),
                   {{"kind", kind}, {"unit_id", unit_id}, {"source", "system"}}},
                  now);
    return id;
}

}  // namespace hulei::supervision
