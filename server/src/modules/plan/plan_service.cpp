#include "modules/plan/plan_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/upload.hpp"
#include "io/xlsx_writer.hpp"
#include "modules/plan/plan_document.hpp"
#include "modules/plan/plan_parser.hpp"
#include "modules/plan/plan_store.hpp"
#include "modules/policy/policy_service.hpp"
#include "security/keyring.hpp"
#include "security/permissions.hpp"

namespace hulei::plan {

namespace {

constexpr std::size_t kMaxTasks = 5000;
constexpr std::size_t kMaxPhases = 20;
constexpr std::size_t kMaxNumberChars = 100;
constexpr std::size_t kMaxTitleChars = 500;
constexpr std::size_t kMaxBodyChars = 20000;
constexpr std::size_t kMaxFilenameChars = 200;
constexpr std::int64_t kMaxIntervalDays = 366;
constexpr std::int64_t kBytesPerMb = 1024 * 1024;
constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

using security::require;

/// The office's powers (campaigns, the matrix, exports, 督办) need the permission with township scope.
void require_office(const security::Principal& p, std::string_view permission) {
    require(p, permission);
    if (!p.has_township(permission))
        throw core::Error::forbidden("office_only", "此操作需要全镇范围的领导小组办公室权限");
}

using UnitIndex = std::map<std::int64_t, const org::Unit*>;

UnitIndex index_units(const std::vector<org::Unit>& units) {
    UnitIndex idx;
    for (const auto& u : units) idx[u.id] = &u;
    return idx;
}

UnitRef ref_of(std::int64_t id, const UnitIndex& idx) {
    auto it = idx.find(id);
    return {id, it == idx.end() ? "#" + std::to_string(id) : it->second->name};
}

std::int64_t date_or_throw(const std::string& text, const std::string& field) {
    auto d = parse_date(text);
    if (!d) throw core::Error::validation("invalid_date", "日期格式应为 YYYY-MM-DD：" + text, field);
    return *d;
}

std::string task_field(std::size_t i, const std::string& name) { return "tasks[" + std::to_string(i) + "]." + name; }

/// A phase list checked against the period: names unique and non-empty, start ≤ end, inside the period.
void check_phases(const std::vector<PhaseInput>& phases, std::int64_t start, std::int64_t end) {
    if (phases.size() > kMaxPhases) throw core::Error::validation("too_many", "阶段过多", "phases");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < phases.size(); ++i) {
        const auto& ph = phases[i];
        const std::string field = "phases[" + std::to_string(i) + "]";
        if (ph.name.empty()) throw core::Error::validation("required", "阶段名称不能为空", field + ".name");
        if (std::find(names.begin(), names.end(), ph.name) != names.end())
            throw core::Error::validation("duplicate_phase", "阶段名称重复：" + ph.name, field + ".name");
        names.push_back(ph.name);
        const auto s = date_or_throw(ph.start, field + ".start");
        const auto e = date_or_throw(ph.end, field + ".end");
        if (s > e) throw core::Error::validation("period_order", "阶段开始日期晚于结束日期：" + ph.name, field + ".end");
        if (s < start || e > end)
            throw core::Error::validation("phase_outside_period", "阶段须在专项行动期间内：" + ph.name, field);
    }
}

/// A task checked and normalised before it is written.
struct PreparedTask {
    std::string number, title, body;
    std::optional<std::string> deadline_text, deadline_date, parent;
    std::optional<std::int64_t> interval;
    std::vector<std::int64_t> unit_ids;  ///< lead first, no duplicates
    std::optional<std::int64_t> lead;
    std::vector<std::string> phases;
    int depth = 0;
};

bool valid_number(const std::string& n) {
    if (n.empty() || core::utf8_length(n) > kMaxNumberChars) return false;
    if (n.front() == '/' || n.back() == '/' || n.find("//") != std::string::npos) return false;
    return true;
}

/// Units deduplicated, the lead (given, else the first) moved first; throws on unknown units or a foreign lead.
std::vector<std::int64_t> order_units(const std::vector<std::int64_t>& given, std::optional<std::int64_t>& lead,
                                      const UnitIndex& idx, const std::string& field_prefix) {
    std::vector<std::int64_t> units;
    for (auto id : given) {
        if (!idx.count(id))
            throw core::Error::validation("unknown_unit", "单位不存在：" + std::to_string(id), field_prefix + "unit_ids");
        if (std::find(units.begin(), units.end(), id) == units.end()) units.push_back(id);
    }
    if (units.empty()) {
        if (lead) throw core::Error::validation("lead_not_responsible", "牵头单位须是责任单位之一", field_prefix + "lead_unit_id");
        return units;
    }
    if (!lead) lead = units.front();
    if (std::find(units.begin(), units.end(), *lead) == units.end())
        throw core::Error::validation("lead_not_responsible", "牵头单位须是责任单位之一", field_prefix + "lead_unit_id");
    units.erase(std::find(units.begin(), units.end(), *lead));
    units.insert(units.begin(), *lead);
    return units;
}

std::optional<std::int64_t> checked_interval(std::optional<std::int64_t> v, const std::string& field) {
    if (v && (*v < 1 || *v > kMaxIntervalDays))
        throw core::Error::validation("out_of_range", "报送周期应为 1 至 366 天", field);
    return v;
}

std::optional<std::string> checked_deadline_date(const std::optional<std::string>& v, const std::string& field) {
    if (v && !v->empty()) {
        date_or_throw(*v, field);
        return v;
    }
    return std::nullopt;
}

std::vector<PreparedTask> prepare_tasks(const std::vector<TaskInput>& tasks, const std::vector<std::string>& phase_names,
                                        int default_year, const UnitIndex& idx) {
    if (tasks.size() > kMaxTasks) throw core::Error::validation("too_many", "任务过多", "tasks");
    std::vector<std::string> numbers;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const auto& t = tasks[i];
        if (!valid_number(t.number))
            throw core::Error::validation("invalid_number", "任务序号无效：" + t.number, task_field(i, "number"));
        if (std::find(numbers.begin(), numbers.end(), t.number) != numbers.end())
            throw core::Error::validation("duplicate_number", "任务序号重复：" + t.number, task_field(i, "number"));
        numbers.push_back(t.number);
    }
    std::vector<PreparedTask> out;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const auto& t = tasks[i];
        PreparedTask pt;
        pt.number = t.number;
        pt.title = t.title;
        if (pt.title.empty()) throw core::Error::validation("required", "任务名称不能为空", task_field(i, "title"));
        if (core::utf8_length(pt.title) > kMaxTitleChars)
            throw core::Error::validation("too_long", "任务名称过长", task_field(i, "title"));
        pt.body = t.body;
        if (core::utf8_length(pt.body) > kMaxBodyChars)
            throw core::Error::validation("too_long", "任务内容过长", task_field(i, "body"));
        pt.deadline_text = t.deadline_text && !t.deadline_text->empty() ? t.deadline_text : std::nullopt;
        if (t.deadline_date_given) pt.deadline_date = checked_deadline_date(t.deadline_date, task_field(i, "deadline_date"));
        else if (pt.deadline_text) pt.deadline_date = deadline_date(*pt.deadline_text, default_year);
        pt.interval = checked_interval(t.report_interval_days, task_field(i, "report_interval_days"));
        pt.lead = t.lead_unit_id;
        pt.unit_ids = order_units(t.unit_ids, pt.lead, idx, "tasks[" + std::to_string(i) + "].");
        for (const auto& ph : t.phases) {
            if (std::find(phase_names.begin(), phase_names.end(), ph) == phase_names.end())
                throw core::Error::validation("unknown_phase", "阶段不存在：" + ph, task_field(i, "phases"));
            if (std::find(pt.phases.begin(), pt.phases.end(), ph) == pt.phases.end()) pt.phases.push_back(ph);
        }
        pt.parent = parent_number(pt.number, numbers);
        pt.depth = static_cast<int>(std::count(pt.number.begin(), pt.number.end(), '/'));
        out.push_back(std::move(pt));
    }
    return out;
}

db::Value opt_value(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value opt_value(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(nullptr); }
db::Value user_value(const security::Principal& p) { return p.user_id ? db::Value(p.user_id) : db::Value(nullptr); }
std::string actor_name(const security::Principal& p) { return p.display_name.empty() ? p.username : p.display_name; }

/// Policy numbers every status computation needs.
struct StatusPolicy {
    std::int64_t today = 0;
    std::int64_t interval_days = 30;
    std::int64_t due_soon_days = 7;
};

StatusPolicy status_policy(db::Tx& tx, std::int64_t now_ms) {
    return {shanghai_day(now_ms), policy::PolicyService::get_int(tx, "plan.report_interval_days"),
            policy::PolicyService::get_int(tx, "plan.due_soon_days")};
}

struct ReportAgg {
    std::int64_t last_at = 0;
    bool done = false;
};

using AggMap = std::map<std::pair<std::int64_t, std::int64_t>, ReportAgg>;

void read_aggs(const std::vector<db::Row>& rows, AggMap& out) {
    for (const auto& r : rows) out[{r.i64("task_id"), r.i64("unit_id")}] = {r.i64("last_at"), r.i64("done") != 0};
}

/// Fills a unit's status on a task from its reports and the policy.
void fill_status(TaskUnitView& u, std::int64_t campaign_start, const std::optional<std::string>& deadline,
                 std::int64_t interval, const ReportAgg* agg, const StatusPolicy& pol) {
    StatusInput in;
    in.today = pol.today;
    in.campaign_start = campaign_start;
    if (deadline) in.deadline = parse_date(*deadline);
    in.interval_days = interval;
    in.due_soon_days = pol.due_soon_days;
    if (agg) {
        in.last_report = shanghai_day(agg->last_at);
        in.completed = agg->done;
        u.last_report_at = agg->last_at;
    }
    const auto r = task_status(in);
    u.status = r.status;
    u.overdue_days = r.overdue_days;
    if (r.next_report_due) u.next_report_due = format_date(*r.next_report_due);
}

TaskView task_of_row(const db::Row& r, const UnitIndex& idx, std::int64_t default_interval) {
    TaskView t;
    t.id = r.i64("id");
    t.campaign_id = r.i64("campaign_id");
    t.parent_id = r.opt_i64("parent_id");
    t.number = r.str("number");
    t.level = static_cast<int>(r.i64("depth"));
    t.title = r.str("title");
    t.body = r.str("body");
    t.deadline_text = r.opt_str("deadline_text");
    t.deadline_date = r.opt_str("deadline_date");
    t.report_interval_days = r.opt_i64("report_interval_days");
    t.effective_interval_days = t.report_interval_days.value_or(default_interval);
    if (auto lead = r.opt_i64("lead_unit_id")) t.lead_unit = ref_of(*lead, idx);
    return t;
}

/// Hides the statuses a non-office caller may not see: only his units', or all when his unit leads.
void mask_statuses(TaskView& t, const std::set<std::int64_t>& mine, bool office) {
    if (office) return;
    if (t.lead_unit && mine.count(t.lead_unit->id)) return;
    for (auto& u : t.units) {
        if (mine.count(u.unit.id)) continue;
        u.status.reset();
        u.last_report_at.reset();
        u.next_report_due.reset();
        u.overdue_days = 0;
    }
}

bool names_one_of(const TaskView& t, const std::set<std::int64_t>& mine) {
    for (const auto& u : t.units)
        if (mine.count(u.unit.id)) return true;
    return false;
}

/// Whether `p` may read a report of `unit` on `task_id`: the office, the reporting unit, the task's lead.
bool report_readable(db::Tx& tx, const security::Principal& p, std::int64_t unit, std::int64_t task_id) {
    if (PlanService::reads_all_reports(p)) return true;
    const auto mine = PlanService::own_units(p);
    if (mine.count(unit)) return true;
    auto task = tx.query_one(sql::kTaskById, {task_id});
    const auto lead = task ? task->opt_i64("lead_unit_id") : std::nullopt;
    return lead && mine.count(*lead) > 0;
}

std::string to_base64(std::string_view bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string from_base64(const std::string& text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        throw core::Error::internal("attachment content is not base64");
    out.resize(length);
    return out;
}

std::string full_width_parentheses(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '(') out += "（";
        else if (c == ')') out += "）";
        else out.push_back(c);
    }
    return out;
}

std::string phases_text(const std::vector<std::string>& phases) {
    std::string out;
    for (const auto& ph : phases) out += (out.empty() ? "" : "、") + ph;
    return out;
}

}  // namespace

// ---- who acts for what ------------------------------------------------------------------------------

bool PlanService::is_office(const security::Principal& p) {
    return p.has_township("plan:matrix:view");
}

bool PlanService::reads_all_reports(const security::Principal& p) {
    return p.has_township("plan:report:read");
}

std::set<std::int64_t> PlanService::own_units(const security::Principal& p, std::string_view permission) {
    std::set<std::int64_t> units;
    for (const auto& g : p.grants) {
        if (!security::role_has(g.role, permission)) continue;
        if (g.scope == security::Scope::Units) units.insert(g.unit_ids.begin(), g.unit_ids.end());
        else if (p.unit_id) units.insert(p.unit_id);
    }
    return units;
}

security::Principal PlanService::system_principal() {
    security::Principal p;
    p.username = "system";
    p.display_name = "系统";
    p.ip = "local";
    p.request_id = "cli";
    p.grants.push_back({0, "coordinator", security::Scope::Township, {}});
    return p;
}

std::vector<org::Unit> PlanService::all_units(const security::Principal& p) { return org_.list_units(p, "", ""); }

// ---- campaign drafts from a parse ---------------------------------------------------------------------

CampaignInput campaign_from_review(const ParseReview& review, const std::string& name, const std::string& start,
                                   const std::string& end, std::vector<std::string>* skipped) {
    CampaignInput in;
    in.name = name;
    in.period_start = start;
    in.period_end = end;
    in.source_text = review.text;
    std::set<std::string> wanted;
    for (const auto& item : review.items) {
        bool any = false;
        for (const auto& r : item.resolved) any = any || !r.units.empty();
        if (!any) {
            if (!item.units.empty() && skipped) skipped->push_back(item.number);
            continue;
        }
        wanted.insert(item.number);
        // Every ancestor path of the item ("四/（二）/1" → "四/（二）", "四") is kept as a heading.
        for (auto slash = item.number.rfind('/'); slash != std::string::npos; slash = item.number.rfind('/', slash - 1)) {
            wanted.insert(item.number.substr(0, slash));
            if (slash == 0) break;
        }
    }
    std::set<std::string> seen;
    for (const auto& item : review.items) {
        if (!wanted.count(item.number) || !seen.insert(item.number).second) continue;
        TaskInput t;
        t.number = item.number;
        t.title = item.title.empty() ? item.number : item.title;
        t.body = item.body;
        t.deadline_text = item.deadline;
        t.deadline_date = item.deadline_date;
        t.deadline_date_given = item.deadline_date.has_value();
        for (const auto& r : item.resolved)
            for (const auto& u : r.units)
                if (std::find(t.unit_ids.begin(), t.unit_ids.end(), u.id) == t.unit_ids.end()) t.unit_ids.push_back(u.id);
        in.tasks.push_back(std::move(t));
    }
    return in;
}

// ---- import review --------------------------------------------------------------------------------------

ParseReview PlanService::parse_document(const security::Principal& p, std::string_view bytes, const std::string& filename) {
    require_office(p, "plan:campaign:create");
    if (bytes.empty()) throw core::Error::validation("empty_file", "文件为空", "file");
    const std::string text = clean_text(plan_text_of(bytes, filename));
    const ParsedPlan parsed = parse_plan(text);
    const auto units = all_units(p);
    const int year = [&] {
        int y = 0, m = 0, d = 0;
        const auto s = format_date(shanghai_day(clock_.now_ms()));
        std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d);
        return y;
    }();

    std::map<std::string, ResolvedName> cache;
    auto resolve = [&](const std::string& written) {
        auto it = cache.find(written);
        if (it != cache.end()) return it->second;
        ResolvedName r{written, {}, "unknown"};
        // The org module folds full-width parentheses to half-width ones; names stored with full-width
        // parentheses need the written name the other way round.
        auto u = org_.resolve_unit(written);
        if (!u) u = org_.resolve_unit(full_width_parentheses(written));
        if (u) {
            r.units.push_back({u->id, u->name});
            r.how = fold_name(u->name) == fold_name(written) ? "name" : "alias";
        } else if (auto kind = group_kind(written)) {
            for (const auto& u : units_of_kind(units, *kind)) r.units.push_back({u.id, u.name});
            if (!r.units.empty()) r.how = "group";
        }
        cache.emplace(written, r);
        return r;
    };

    ParseReview review;
    review.title = parsed.title;
    review.text = text;
    for (const auto& item : parsed.items) {
        ReviewItem ri;
        ri.number = item.number;
        ri.level = item.level;
        ri.line = item.line;
        ri.title = item.title;
        ri.body = item.body;
        ri.units = item.units;
        ri.lead = item.lead;
        ri.deadline = item.deadline;
        if (item.deadline) ri.deadline_date = deadline_date(*item.deadline, year);
        for (const auto& name : item.units) {
            ri.resolved.push_back(resolve(name));
            if (ri.resolved.back().how == "unknown" &&
                std::find(review.unknown.begin(), review.unknown.end(), name) == review.unknown.end())
                review.unknown.push_back(name);
        }
        review.items.push_back(std::move(ri));
    }
    return review;
}

ImportResult PlanService::import_document(const security::Principal& p, std::string_view bytes,
                                          const std::string& filename, const ImportOptions& options) {
    const auto review = parse_document(p, bytes, filename);
    const std::string start = options.period_start.value_or(format_date(shanghai_day(clock_.now_ms())));
    date_or_throw(start, "start");
    const std::string end = options.period_end.value_or(start.substr(0, 4) + "-12-31");
    std::string name = options.name.value_or(review.title);
    if (name.empty()) name = "未命名专项行动";
    ImportResult result;
    auto in = campaign_from_review(review, name, start, end, &result.skipped);
    in.phases = options.phases;
    const auto view = create_campaign(p, in);
    result.campaign_id = view.summary.id;
    result.name = view.summary.name;
    result.tasks = static_cast<std::int64_t>(view.tasks.size());
    result.tasks_with_units = view.summary.task_count;
    result.unknown = review.unknown;
    return result;
}

// ---- campaigns --------------------------------------------------------------------------------------------

struct PlanService::Loaded {
    CampaignSummary summary;
    std::optional<std::string> source_text;
    std::int64_t start_day = 0;
    std::vector<Phase> phases;
    std::vector<TaskView> tasks;
};

PlanService::Loaded PlanService::load_campaign(db::Tx& tx, std::int64_t id, const std::vector<org::Unit>& units) const {
    auto c = tx.query_one(sql::kCampaignById, {id});
    if (!c) throw core::Error::not_found("专项行动不存在");
    const auto idx = index_units(units);
    const auto pol = status_policy(tx, clock_.now_ms());
    Loaded l;
    l.summary = {c->i64("id"), c->str("name"), c->opt_str("doc_number"), c->str("period_start"), c->str("period_end"),
                 tx.scalar_i64(sql::kCountTasksWithUnits, {id}), c->i64("created_at")};
    l.source_text = c->opt_str("source_text");
    l.start_day = parse_date(l.summary.period_start).value_or(pol.today);
    for (const auto& r : tx.query(sql::kPhasesOfCampaign, {id}))
        l.phases.push_back({r.i64("id"), r.str("name"), r.str("start_date"), r.str("end_date")});
    std::map<std::int64_t, std::size_t> pos;
    for (const auto& r : tx.query(sql::kTasksOfCampaign, {id})) {
        pos[r.i64("id")] = l.tasks.size();
        l.tasks.push_back(task_of_row(r, idx, pol.interval_days));
    }
    AggMap aggs;
    read_aggs(tx.query(sql::kReportAggOfCampaign, {id}), aggs);
    for (const auto& r : tx.query(sql::kUnitsOfCampaignTasks, {id})) {
        auto& t = l.tasks[pos.at(r.i64("task_id"))];
        TaskUnitView u;
        u.unit = ref_of(r.i64("unit_id"), idx);
        u.lead = r.i64("is_lead") != 0;
        auto agg = aggs.find({t.id, u.unit.id});
        fill_status(u, l.start_day, t.deadline_date, t.effective_interval_days, agg == aggs.end() ? nullptr : &agg->second, pol);
        t.units.push_back(std::move(u));
    }
    for (const auto& r : tx.query(sql::kPhasesOfCampaignTasks, {id})) l.tasks[pos.at(r.i64("task_id"))].phases.push_back(r.str("name"));
    return l;
}

namespace {

/// The tasks a caller sees: all for the office; else those naming his units plus their ancestors (context).
std::vector<TaskView> visible_tasks(std::vector<TaskView> tasks, const security::Principal& p) {
    const bool office = PlanService::is_office(p);
    if (office) return tasks;
    const auto mine = PlanService::own_units(p);
    std::map<std::int64_t, std::size_t> pos;
    for (std::size_t i = 0; i < tasks.size(); ++i) pos[tasks[i].id] = i;
    std::vector<int> keep(tasks.size(), 0);  // 0: hidden, 1: context, 2: own
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (!names_one_of(tasks[i], mine)) continue;
        keep[i] = 2;
        for (auto parent = tasks[i].parent_id; parent && pos.count(*parent); parent = tasks[pos[*parent]].parent_id)
            if (keep[pos[*parent]] == 0) keep[pos[*parent]] = 1;
    }
    std::vector<TaskView> out;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (!keep[i]) continue;
        tasks[i].context_only = keep[i] == 1;
        mask_statuses(tasks[i], mine, false);
        out.push_back(std::move(tasks[i]));
    }
    return out;
}

}  // namespace

std::vector<CampaignSummary> PlanService::list_campaigns(const security::Principal& p) {
    require(p, "plan:campaign:list");
    return db_.read([&](db::Tx& tx) {
        std::vector<CampaignSummary> out;
        for (const auto& r : tx.query(sql::kListCampaigns))
            out.push_back({r.i64("id"), r.str("name"), r.opt_str("doc_number"), r.str("period_start"),
                           r.str("period_end"), r.i64("task_count"), r.i64("created_at")});
        return out;
    });
}

CampaignView PlanService::get_campaign(const security::Principal& p, std::int64_t id) {
    require(p, "plan:campaign:list");
    const auto units = all_units(p);
    return db_.read([&](db::Tx& tx) {
        auto l = load_campaign(tx, id, units);
        return CampaignView{l.summary, l.source_text, l.phases, visible_tasks(std::move(l.tasks), p)};
    });
}

CampaignView PlanService::create_campaign(const security::Principal& p, const CampaignInput& in) {
    require_office(p, "plan:campaign:create");
    if (in.name.empty()) throw core::Error::validation("required", "专项行动名称不能为空", "name");
    const auto start = date_or_throw(in.period_start, "period_start");
    const auto end = date_or_throw(in.period_end, "period_end");
    if (start > end) throw core::Error::validation("period_order", "开始日期晚于结束日期", "period_end");
    check_phases(in.phases, start, end);
    std::vector<std::string> phase_names;
    for (const auto& ph : in.phases) phase_names.push_back(ph.name);
    const auto units = all_units(p);
    const auto idx = index_units(units);
    const auto tasks = prepare_tasks(in.tasks, phase_names, std::stoi(in.period_start.substr(0, 4)), idx);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto id = tx.scalar_i64(sql::kInsertCampaign, {in.name, opt_value(in.doc_number), in.period_start,
                                                             in.period_end, opt_value(in.source_text), now,
                                                             user_value(p), now});
        std::map<std::string, std::int64_t> phase_ids;
        for (std::size_t i = 0; i < in.phases.size(); ++i) {
            const auto& ph = in.phases[i];
            phase_ids[ph.name] = tx.scalar_i64(sql::kInsertPhase, {id, static_cast<std::int64_t>(i), ph.name, ph.start, ph.end});
        }
        std::map<std::string, std::int64_t> task_ids;
        for (std::size_t i = 0; i < tasks.size(); ++i) {
            const auto& t = tasks[i];
            // order_units put the lead first.
            const db::Value lead = t.unit_ids.empty() ? db::Value(nullptr) : db::Value(t.unit_ids.front());
            const auto tid = tx.scalar_i64(sql::kInsertTask,
                                           {id, t.number, static_cast<std::int64_t>(i), std::int64_t{t.depth}, t.title,
                                            t.body, opt_value(t.deadline_text), opt_value(t.deadline_date),
                                            opt_value(t.interval), lead, now, now});
            task_ids[t.number] = tid;
            for (std::size_t k = 0; k < t.unit_ids.size(); ++k)
                tx.exec(sql::kInsertTaskUnit, {tid, t.unit_ids[k], static_cast<std::int64_t>(k), std::int64_t{k == 0 ? 1 : 0}});
            for (const auto& ph : t.phases) tx.exec(sql::kInsertTaskPhase, {tid, phase_ids.at(ph)});
        }
        for (const auto& t : tasks)
            if (t.parent) tx.exec(sql::kSetTaskParent, {task_ids.at(*t.parent), task_ids.at(t.number)});
        audit::append(tx, audit::actor_of(p),
                      {"plan.campaign.create", "campaign", std::to_string(id),
                       {{"name", in.name}, {"period_start", in.period_start}, {"period_end", in.period_end},
                        {"phases", phase_names}, {"tasks", tasks.size()}}},
                      now);
        auto l = load_campaign(tx, id, units);
        return CampaignView{l.summary, l.source_text, l.phases, visible_tasks(std::move(l.tasks), p)};
    });
}

CampaignView PlanService::update_campaign(const security::Principal& p, std::int64_t id, const CampaignUpdate& in) {
    require_office(p, "plan:campaign:update");
    const auto units = all_units(p);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto c = tx.query_one(sql::kCampaignById, {id});
        if (!c) throw core::Error::not_found("专项行动不存在");
        const std::string name = in.name.value_or(c->str("name"));
        if (name.empty()) throw core::Error::validation("required", "专项行动名称不能为空", "name");
        const auto doc = in.doc_number ? *in.doc_number : c->opt_str("doc_number");
        const std::string ps = in.period_start.value_or(c->str("period_start"));
        const std::string pe = in.period_end.value_or(c->str("period_end"));
        const auto start = date_or_throw(ps, "period_start");
        const auto end = date_or_throw(pe, "period_end");
        if (start > end) throw core::Error::validation("period_order", "开始日期晚于结束日期", "period_end");
        std::vector<Phase> existing;
        for (const auto& r : tx.query(sql::kPhasesOfCampaign, {id}))
            existing.push_back({r.i64("id"), r.str("name"), r.str("start_date"), r.str("end_date")});
        std::vector<PhaseInput> phases;
        if (in.phases) {
            phases = *in.phases;
        } else {
            for (const auto& e : existing) phases.push_back({e.id, e.name, e.start, e.end});
        }
        check_phases(phases, start, end);
        nlohmann::json changed = nlohmann::json::array();
        if (in.name) changed.push_back("name");
        if (in.doc_number) changed.push_back("doc_number");
        if (in.period_start) changed.push_back("period_start");
        if (in.period_end) changed.push_back("period_end");
        if (in.phases) {
            changed.push_back("phases");
            std::set<std::int64_t> kept;
            for (std::size_t i = 0; i < phases.size(); ++i) {
                if (!phases[i].id) continue;
                const bool known = std::any_of(existing.begin(), existing.end(), [&](const Phase& e) { return e.id == *phases[i].id; });
                if (!known || !kept.insert(*phases[i].id).second)
                    throw core::Error::validation("unknown_phase", "阶段不属于该专项行动", "phases[" + std::to_string(i) + "].id");
            }
            // Renamed phases may swap names: park kept phases under unique names first.
            for (auto pid : kept) tx.exec(sql::kRenamePhaseTemporarily, {"\x01" + std::to_string(pid), pid});
            for (const auto& e : existing)
                if (!kept.count(e.id)) tx.exec(sql::kDeletePhase, {e.id});
            for (std::size_t i = 0; i < phases.size(); ++i) {
                const auto& ph = phases[i];
                if (ph.id) tx.exec(sql::kUpdatePhase, {static_cast<std::int64_t>(i), ph.name, ph.start, ph.end, *ph.id});
                else tx.scalar_i64(sql::kInsertPhase, {id, static_cast<std::int64_t>(i), ph.name, ph.start, ph.end});
            }
        }
        tx.exec(sql::kUpdateCampaign, {name, opt_value(doc), ps, pe, now, id});
        audit::append(tx, audit::actor_of(p), {"plan.campaign.update", "campaign", std::to_string(id), {{"fields", changed}}}, now);
        auto l = load_campaign(tx, id, units);
        return CampaignView{l.summary, l.source_text, l.phases, visible_tasks(std::move(l.tasks), p)};
    });
}

// ---- tasks ------------------------------------------------------------------------------------------------

TaskDetail PlanService::get_task(const security::Principal& p, std::int64_t id) {
    require(p, "plan:campaign:list");
    const auto units = all_units(p);
    const auto idx = index_units(units);
    return db_.read([&](db::Tx& tx) {
        auto row = tx.query_one(sql::kTaskById, {id});
        if (!row) throw core::Error::not_found("任务不存在");
        auto l = load_campaign(tx, row->i64("campaign_id"), units);
        auto visible = visible_tasks(std::move(l.tasks), p);
        auto it = std::find_if(visible.begin(), visible.end(), [&](const TaskView& t) { return t.id == id; });
        if (it == visible.end()) throw core::Error::not_found("任务不存在");
        TaskDetail d;
        d.task = std::move(*it);
        d.campaign_name = l.summary.name;
        const bool reads_all = reads_all_reports(p);
        const auto mine = own_units(p);
        const bool leads = d.task.lead_unit && mine.count(d.task.lead_unit->id);
        const auto reporters = own_units(p, "plan:progress:create");
        for (const auto& u : d.task.units)
            if (reporters.count(u.unit.id)) d.can_report_for.push_back(u.unit.id);
        std::map<std::int64_t, std::vector<AttachmentInfo>> files;
        for (const auto& a : tx.query(sql::kAttachmentsOfTask, {id}))
            files[a.i64("report_id")].push_back({a.i64("id"), a.i64("report_id"), a.str("filename"), a.str("content_type"),
                                                 a.str("sha256"), a.i64("size"), a.i64("created_at")});
        for (const auto& r : tx.query(sql::kReportsOfTask, {id})) {
            const auto unit = r.i64("unit_id");
            if (!reads_all && !leads && !mine.count(unit)) continue;
            Report rep{r.i64("id"), id, ref_of(unit, idx), r.str("content"), r.i64("completed") != 0,
                       r.i64("reported_at"), r.str("reported_by_name"), files[r.i64("id")]};
            d.reports.push_back(std::move(rep));
        }
        return d;
    });
}

TaskDetail PlanService::update_task(const security::Principal& p, std::int64_t id, const TaskUpdate& in) {
    require_office(p, "plan:task:update");
    const auto units = all_units(p);
    const auto idx = index_units(units);
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        auto row = tx.query_one(sql::kTaskById, {id});
        if (!row) throw core::Error::not_found("任务不存在");
        auto c = tx.query_one(sql::kCampaignById, {row->i64("campaign_id")});
        const int year = std::stoi(c->str("period_start").substr(0, 4));
        nlohmann::json changed = nlohmann::json::array();
        std::string title = row->str("title");
        if (in.title) {
            title = *in.title;
            if (title.empty()) throw core::Error::validation("required", "任务名称不能为空", "title");
            if (core::utf8_length(title) > kMaxTitleChars) throw core::Error::validation("too_long", "任务名称过长", "title");
            changed.push_back("title");
        }
        std::string body = row->str("body");
        if (in.body) {
            body = *in.body;
            if (core::utf8_length(body) > kMaxBodyChars) throw core::Error::validation("too_long", "任务内容过长", "body");
            changed.push_back("body");
        }
        auto deadline_text = row->opt_str("deadline_text");
        auto deadline = row->opt_str("deadline_date");
        if (in.deadline_text) {
            deadline_text = *in.deadline_text && !(*in.deadline_text)->empty() ? *in.deadline_text : std::nullopt;
            if (!in.deadline_date) deadline = deadline_text ? deadline_date(*deadline_text, year) : std::nullopt;
            changed.push_back("deadline_text");
        }
        if (in.deadline_date) {
            deadline = checked_deadline_date(*in.deadline_date, "deadline_date");
            changed.push_back("deadline_date");
        }
        auto interval = row->opt_i64("report_interval_days");
        if (in.report_interval_days) {
            interval = checked_interval(*in.report_interval_days, "report_interval_days");
            changed.push_back("report_interval_days");
        }
        std::vector<std::int64_t> current;
        std::optional<std::int64_t> lead = row->opt_i64("lead_unit_id");
        for (const auto& u : tx.query(sql::kUnitsOfTask, {id})) current.push_back(u.i64("unit_id"));
        std::vector<std::int64_t> new_units = in.unit_ids ? *in.unit_ids : current;
        if (in.lead_unit_id) lead = in.lead_unit_id;
        else if (lead && std::find(new_units.begin(), new_units.end(), *lead) == new_units.end()) lead.reset();
        const bool units_changed = in.unit_ids || in.lead_unit_id;
        new_units = order_units(new_units, lead, idx, "");
        if (new_units.empty()) lead.reset();
        if (in.unit_ids) changed.push_back("unit_ids");
        if (in.lead_unit_id) changed.push_back("lead_unit_id");
        std::vector<std::int64_t> phase_ids;
        if (in.phases) {
            const auto campaign_phases = tx.query(sql::kPhasesOfCampaign, {row->i64("campaign_id")});
            for (const auto& name : *in.phases) {
                auto ph = std::find_if(campaign_phases.begin(), campaign_phases.end(),
                                       [&](const db::Row& r) { return r.str("name") == name; });
                if (ph == campaign_phases.end()) throw core::Error::validation("unknown_phase", "阶段不存在：" + name, "phases");
                if (std::find(phase_ids.begin(), phase_ids.end(), ph->i64("id")) == phase_ids.end())
                    phase_ids.push_back(ph->i64("id"));
            }
            changed.push_back("phases");
        }
        tx.exec(sql::kUpdateTask, {title, body, opt_value(deadline_text), opt_value(deadline), opt_value(interval),
                                   opt_value(lead), now, id});
        if (units_changed) {
            tx.exec(sql::kDeleteTaskUnits, {id});
            for (std::size_t k = 0; k < new_units.size(); ++k)
                tx.exec(sql::kInsertTaskUnit, {id, new_units[k], static_cast<std::int64_t>(k), std::int64_t{k == 0 ? 1 : 0}});
        }
        if (in.phases) {
            tx.exec(sql::kDeleteTaskPhases, {id});
            for (auto ph : phase_ids) tx.exec(sql::kInsertTaskPhase, {id, ph});
        }
        audit::append(tx, audit::actor_of(p),
                      {"plan.task.update", "task", std::to_string(id),
                       {{"campaign_id", row->i64("campaign_id")}, {"number", row->str("number")}, {"fields", changed},
                        {"unit_ids", new_units}}},
                      now);
    });
    return get_task(p, id);
}

// ---- progress ---------------------------------------------------------------------------------------------

Report PlanService::add_progress(const security::Principal& p, std::int64_t task_id, const ProgressInput& in) {
    require(p, "plan:progress:create");
    const auto units = all_units(p);
    const auto idx = index_units(units);
    if (in.text.empty()) throw core::Error::validation("required", "进展内容不能为空", "text");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto row = tx.query_one(sql::kTaskById, {task_id});
        if (!row) throw core::Error::not_found("任务不存在");
        std::vector<std::int64_t> responsible;
        for (const auto& u : tx.query(sql::kUnitsOfTask, {task_id})) responsible.push_back(u.i64("unit_id"));
        const auto mine = own_units(p);
        const bool names_mine = std::any_of(responsible.begin(), responsible.end(),
                                            [&](std::int64_t u) { return mine.count(u) > 0; });
        if (!is_office(p) && !names_mine) {
            // A heading shown as context of the caller's tasks exists for him; anything else does not.
            auto shown = visible_tasks(load_campaign(tx, row->i64("campaign_id"), units).tasks, p);
            if (std::none_of(shown.begin(), shown.end(), [&](const TaskView& t) { return t.id == task_id; }))
                throw core::Error::not_found("任务不存在");
        }
        if (std::find(responsible.begin(), responsible.end(), in.unit_id) == responsible.end())
            throw core::Error::validation("unit_not_responsible", "该单位不是此任务的责任单位", "unit_id");
        if (!own_units(p, "plan:progress:create").count(in.unit_id))
            throw core::Error::forbidden("not_your_unit", "只能为本单位报送进展");
        const auto id = tx.scalar_i64(sql::kInsertReport, {task_id, in.unit_id, in.text, std::int64_t{in.completed ? 1 : 0},
                                                           now, user_value(p), actor_name(p)});
        audit::append(tx, audit::actor_of(p),
                      {"plan.progress.create", "progress_report", std::to_string(id),
                       {{"task_id", task_id}, {"unit_id", in.unit_id}, {"completed", in.completed}}},
                      now);
        return Report{id, task_id, ref_of(in.unit_id, idx), in.text, in.completed, now, actor_name(p), {}};
    });
}

AttachmentInfo PlanService::add_attachment(const security::Principal& p, std::int64_t report_id, const std::string& filename,
                                           const std::string& content_type, std::string_view bytes) {
    require(p, "plan:progress:create");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto rep = tx.query_one(sql::kReportById, {report_id});
        if (!rep) throw core::Error::not_found("进展报告不存在");
        if (!own_units(p, "plan:progress:create").count(rep->i64("unit_id"))) {
            // Reports the caller cannot read do not exist for him; readable ones of other units are refused.
            if (!report_readable(tx, p, rep->i64("unit_id"), rep->i64("task_id")))
                throw core::Error::not_found("进展报告不存在");
            throw core::Error::forbidden("not_your_unit", "只能为本单位的进展报告上传附件");
        }
        const std::string name = io::clean_filename(filename, kMaxFilenameChars);
        if (bytes.empty()) throw core::Error::validation("empty_file", "文件为空", "file");
        const auto max_mb = policy::PolicyService::get_int(tx, "plan.attachment_max_mb");
        if (static_cast<std::int64_t>(bytes.size()) > max_mb * kBytesPerMb)
            throw core::Error::too_large("附件过大（上限 " + std::to_string(max_mb) + " MB）");
        const auto max_files = policy::PolicyService::get_int(tx, "plan.attachments_per_report");
        if (tx.scalar_i64(sql::kCountAttachmentsOfReport, {report_id}) >= max_files)
            throw core::Error::conflict("too_many_attachments",
                                        "每份进展报告最多上传 " + std::to_string(max_files) + " 个附件", "file");
        const std::string type = io::clean_content_type(content_type);
        const std::string digest = security::sha256_hex(bytes);
        const auto size = static_cast<std::int64_t>(bytes.size());
        const auto id = tx.scalar_i64(sql::kInsertAttachment,
                                      {report_id, name, type, size, digest, to_base64(bytes), now, user_value(p)});
        audit::append(tx, audit::actor_of(p),
                      {"plan.attachment.create", "progress_attachment", std::to_string(id),
                       {{"report_id", report_id}, {"filename", name}, {"size", size}, {"sha256", digest}}},
                      now);
        return AttachmentInfo{id, report_id, name, type, digest, size, now};
    });
}

AttachmentFile PlanService::get_attachment(const security::Principal& p, std::int64_t id) {
    require(p, "plan:campaign:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto a = tx.query_one(sql::kAttachmentById, {id});
        if (!a) throw core::Error::not_found("附件不存在");
        if (!report_readable(tx, p, a->i64("unit_id"), a->i64("task_id"))) throw core::Error::not_found("附件不存在");
        audit::append(tx, audit::actor_of(p),
                      {"plan.attachment.read", "progress_attachment", std::to_string(id),
                       {{"report_id", a->i64("report_id")}, {"filename", a->str("filename")}}},
                      now);
        return AttachmentFile{{a->i64("id"), a->i64("report_id"), a->str("filename"), a->str("content_type"),
                               a->str("sha256"), a->i64("size"), a->i64("created_at")},
                              from_base64(a->str("content_base64"))};
    });
}

// ---- the matrix, the to-do list, exports -------------------------------------------------------------------

Matrix PlanService::matrix(const security::Principal& p, std::int64_t campaign_id, const MatrixFilter& filter) {
    require_office(p, "plan:matrix:view");
    const auto units = all_units(p);
    return db_.read([&](db::Tx& tx) {
        auto l = load_campaign(tx, campaign_id, units);
        std::optional<std::string> phase;
        if (!filter.phase.empty()) {
            for (const auto& ph : l.phases)
                if (ph.name == filter.phase || std::to_string(ph.id) == filter.phase) phase = ph.name;
            if (!phase) throw core::Error::validation("unknown_phase", "阶段不存在：" + filter.phase, "phase");
        }
        Matrix m;
        m.campaign_id = campaign_id;
        std::set<std::int64_t> listed;
        for (const auto& t : l.tasks) {
            if (t.units.empty()) continue;
            if (phase && std::find(t.phases.begin(), t.phases.end(), *phase) == t.phases.end()) continue;
            MatrixRow row{t.id, t.number, t.title, t.deadline_date, {}};
            for (const auto& u : t.units) {
                if (filter.unit_id && u.unit.id != *filter.unit_id) continue;
                if (filter.status && u.status != filter.status) continue;
                row.cells.push_back({u.unit.id, *u.status, u.last_report_at, u.next_report_due, u.overdue_days});
                if (listed.insert(u.unit.id).second) m.units.push_back(u.unit);
            }
            if (!row.cells.empty()) m.tasks.push_back(std::move(row));
        }
        return m;
    });
}

std::vector<TodoTask> PlanService::todo(const security::Principal& p) {
    require(p, "plan:campaign:list");
    const auto units = all_units(p);
    const auto idx = index_units(units);
    const auto mine = own_units(p);
    auto out = db_.read([&](db::Tx& tx) {
        const auto pol = status_policy(tx, clock_.now_ms());
        std::vector<TodoTask> items;
        for (auto unit : mine) {
            AggMap aggs;
            read_aggs(tx.query(sql::kReportAggOfUnit, {unit}), aggs);
            for (const auto& r : tx.query(sql::kTasksOfUnit, {unit})) {
                TaskUnitView u;
                u.unit = ref_of(unit, idx);
                const auto deadline = r.opt_str("deadline_date");
                const auto start = parse_date(r.str("period_start")).value_or(pol.today);
                const auto interval = r.opt_i64("report_interval_days").value_or(pol.interval_days);
                auto agg = aggs.find({r.i64("id"), unit});
                fill_status(u, start, deadline, interval, agg == aggs.end() ? nullptr : &agg->second, pol);
                if (u.status == Status::Completed || u.status == Status::OnTrack) continue;
                items.push_back({r.i64("campaign_id"), r.str("campaign_name"), r.i64("id"), r.str("number"),
                                 r.str("title"), u.unit, *u.status, deadline, u.next_report_due, u.overdue_days});
            }
        }
        return items;
    });
    auto rank = [](Status s) { return s == Status::Overdue ? 0 : s == Status::DueSoon ? 1 : 2; };
    std::stable_sort(out.begin(), out.end(), [&](const TodoTask& a, const TodoTask& b) {
        if (rank(a.status) != rank(b.status)) return rank(a.status) < rank(b.status);
        return a.overdue_days > b.overdue_days;
    });
    return out;
}

ExportFile PlanService::export_rows(const security::Principal& p, std::int64_t campaign_id, bool with_status) {
    require_office(p, "plan:export");
    const auto units = all_units(p);
    const auto now = clock_.now_ms();
    io::SheetOut sheet;
    std::string campaign;
    db_.write([&](db::Tx& tx) {
        auto l = load_campaign(tx, campaign_id, units);
        campaign = l.summary.name;
        sheet.name = with_status ? "进展情况" : "任务分解表";
        sheet.headers = with_status ? std::vector<std::string>{"序号", "任务", "责任单位", "状态", "最近报送", "逾期天数"}
                                    : std::vector<std::string>{"序号", "任务", "责任单位", "是否牵头", "完成时限", "所属阶段"};
        for (const auto& t : l.tasks) {
            for (const auto& u : t.units) {
                if (with_status) {
                    sheet.rows.push_back({t.number, t.title, u.unit.name, std::string(status_label(*u.status)),
                                          u.last_report_at ? shanghai_minute(*u.last_report_at) : "",
                                          u.overdue_days ? std::to_string(u.overdue_days) : ""});
                } else {
                    const std::string deadline =
                        t.deadline_text ? *t.deadline_text : t.deadline_date ? *t.deadline_date : "";
                    sheet.rows.push_back({t.number, t.title, u.unit.name, u.lead ? "是" : "否", deadline, phases_text(t.phases)});
                }
            }
        }
        audit::append(tx, audit::actor_of(p),
                      {"plan.campaign.export", "campaign", std::to_string(campaign_id),
                       {{"file", with_status ? "matrix.xlsx" : "tasks.xlsx"}, {"rows", sheet.rows.size()}}},
                      now);
    });
    const std::string who = p.display_name.empty() || p.display_name == p.username
                                ? p.username
                                : p.display_name + "（" + p.username + "）";
    const std::string watermark = "导出人 " + who + " " + shanghai_minute(now);
    return {campaign + (with_status ? "-进展情况.xlsx" : "-任务分解表.xlsx"), std::string(kXlsxType),
            io::write_xlsx({sheet}, watermark)};
}

ExportFile PlanService::export_tasks(const security::Principal& p, std::int64_t campaign_id) {
    return export_rows(p, campaign_id, false);
}

ExportFile PlanService::export_matrix(const security::Principal& p, std::int64_t campaign_id) {
    return export_rows(p, campaign_id, true);
}

// ---- for other modules ------------------------------------------------------------------------------------

std::vector<OverduePair> PlanService::overdue_pairs(const security::Principal& p, std::optional<std::int64_t> campaign_id) {
    if (!is_office(p)) throw core::Error::forbidden();
    const auto units = all_units(p);
    return db_.read([&](db::Tx& tx) {
        std::vector<std::int64_t> ids;
        if (campaign_id) ids.push_back(*campaign_id);
        else
            for (const auto& r : tx.query(sql::kListCampaigns)) ids.push_back(r.i64("id"));
        std::vector<OverduePair> out;
        for (auto cid : ids) {
            auto l = load_campaign(tx, cid, units);
            for (const auto& t : l.tasks)
                for (const auto& u : t.units)
                    if (u.status == Status::Overdue) out.push_back({cid, t.id, t.number, t.title, u.unit, u.overdue_days});
        }
        return out;
    });
}

std::optional<TaskRef> PlanService::find_task(std::int64_t id) {
    return db_.read([&](db::Tx& tx) -> std::optional<TaskRef> {
        auto row = tx.query_one(sql::kTaskById, {id});
        if (!row) return std::nullopt;
        TaskRef t{id, row->i64("campaign_id"), row->str("number"), row->str("title"), {}};
        for (const auto& u : tx.query(sql::kUnitsOfTask, {id})) t.unit_ids.push_back(u.i64("unit_id"));
        return t;
    });
}

std::optional<std::string> PlanService::campaign_name(std::int64_t id) {
    return db_.read([&](db::Tx& tx) -> std::optional<std::string> {
        auto c = tx.query_one(sql::kCampaignById, {id});
        if (!c) return std::nullopt;
        return c->str("name");
    });
}

}  // namespace hulei::plan
