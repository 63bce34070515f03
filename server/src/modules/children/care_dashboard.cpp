#include "modules/children/care_dashboard.hpp"

#include "core/text.hpp"

namespace hulei::children {

namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kShanghaiOffsetMs = 8 * 3'600'000;

void add(DashboardFigures& to, const DashboardFigures& from) {
    to.children += from.children;
    to.teams_complete += from.teams_complete;
    to.teams_incomplete += from.teams_incomplete;
    to.visits_overdue += from.visits_overdue;
    to.visits_due_soon += from.visits_due_soon;
    to.urgent_open += from.urgent_open;
    for (const auto& [code, n] : from.by_category) to.by_category[code] += n;
}

}  // namespace

std::int64_t shanghai_day_start_ms(std::int64_t day) {
    return day * kMsPerDay - kShanghaiOffsetMs;
}

Dashboard build_dashboard(const std::vector<DashboardGroup>& groups,
                          const std::map<std::int64_t, std::int64_t>& urgent_open, const VisitIntervals& iv,
                          std::int64_t now_ms) {
    std::map<std::int64_t, DashboardVillage> villages;
    for (const auto& g : groups) {
        auto& v = villages[g.village_id];
        v.id = g.village_id;
        v.name = g.village_name;
        auto& f = v.figures;
        f.children += g.count;
        (g.team_complete ? f.teams_complete : f.teams_incomplete) += g.count;
        const auto codes = core::split_nonempty(g.categories, ',');
        for (const auto& c : codes) f.by_category[c] += g.count;
        const int interval = required_interval_days(codes, g.risk_level, iv);
        const auto due = visit_due(shanghai_day_start_ms(g.base_day), 0, now_ms, interval, iv.due_soon_days);
        if (due.status == "overdue")
            f.visits_overdue += g.count;
        else if (due.status == "due_soon")
            f.visits_due_soon += g.count;
    }
    Dashboard out;
    for (auto& [id, v] : villages) {
        if (auto u = urgent_open.find(id); u != urgent_open.end()) v.figures.urgent_open = u->second;
        add(out.totals, v.figures);
        out.villages.push_back(std::move(v));
    }
    return out;
}

}  // namespace hulei::children
