#include "modules/children/visit_demo.hpp"

#include <algorithm>
#include <string>

namespace hulei::children {

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

/// One past visit of the demo: how many days ago, how, and what was found (invented text).
struct DemoVisit {
    int days_ago;
    const char* method;
    const char* findings;
};

// The n-th active child (by id) gets kHistory[n % 4]; the last entry leaves the child unvisited.
constexpr DemoVisit kHistory[] = {
    {100, "home", "入户走访：孩子与祖父母同住，生活起居正常，作业由邻居大学生辅导。"},
    {85, "phone", "电话回访：监护人反映孩子近期学习积极，周末在村儿童之家活动。"},
    {12, "school", "到校走访：与班主任交流，孩子在校表现良好，按时寄宿返校。"},
    {0, "", ""},
};

}  // namespace

int seed_demo_visits(ChildrenService& children, VisitService& visits, const std::vector<security::Principal>& users,
                     std::int64_t now_ms) {
    auto user = [&](const char* username) -> const security::Principal* {
        auto it = std::find_if(users.begin(), users.end(), [&](const auto& p) { return p.username == username; });
        return it == users.end() ? nullptr : &*it;
    };
    const auto* office = user("coordinator");
    if (!office) return 0;
    ChildQuery q;
    q.limit = 200;
    const auto page = children.list(*office, q);
    auto items = page.items;
    std::sort(items.begin(), items.end(), [](const Child& a, const Child& b) { return a.id < b.id; });

    int recorded = 0, n = 0;
    for (const auto& c : items) {
        const DemoVisit& h = kHistory[n++ % std::size(kHistory)];
        if (h.days_ago == 0) continue;
        const security::Principal* by = office;
        for (const auto* name : {"village", "village2"})
            if (const auto* p = user(name); p && p->unit_id == c.village.id) by = p;
        VisitInput in;
        in.visited_at = now_ms - h.days_ago * kDayMs;
        in.method = h.method;
        in.findings = h.findings;
        visits.create(*by, c.id, in);
        ++recorded;
    }
    // One urgent follow-up in 白沙社区 (village2's village), awaiting the office's acknowledgement.
    if (const auto* v2 = user("village2")) {
        for (const auto& c : items) {
            if (c.village.id != v2->unit_id) continue;
            VisitInput in;
            in.visited_at = now_ms - 2 * kDayMs;
            in.method = "home";
            in.findings = "入户走访：孩子父母均在外务工，照看的祖母近日住院，孩子独自在家。";
            in.follow_up = std::optional<std::string>("请镇社会事务办协调临时照护，本周内再次入户。");
            in.urgent = true;
            visits.create(*v2, c.id, in);
            ++recorded;
            break;
        }
    }
    return recorded;
}

}  // namespace hulei::children
