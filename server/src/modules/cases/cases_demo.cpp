#include "modules/cases/cases_demo.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/id_number.hpp"
#include "modules/plan/plan_rules.hpp"

namespace hulei::cases {

namespace {

constexpr std::int64_t kHourMs = 60LL * 60 * 1000;

}  // namespace

DemoSummary seed_demo(reports::ReportsService& reports, CasesService& cases, children::ChildrenService& children,
                      const std::vector<security::Principal>& users, std::int64_t now_ms) {
    auto user = [&](const char* username) -> const security::Principal* {
        auto it = std::find_if(users.begin(), users.end(), [&](const auto& p) { return p.username == username; });
        return it == users.end() ? nullptr : &*it;
    };
    const auto *school = user("school"), *village = user("village"), *village2 = user("village2"),
               *police = user("police"), *judicial = user("judicial");
    DemoSummary out;
    if (!school || !village || !village2 || !police || !judicial) return out;

    // The victim: the first girl of the village user's village who goes to the demo school.
    children::ChildQuery q;
    q.limit = 200;
    const auto page = children.list(*village, q);
    auto items = page.items;
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    const auto victim = std::find_if(items.begin(), items.end(), [&](const children::Child& c) {
        return c.sex == "F" && c.school && c.school->id == school->unit_id;
    });
    if (victim == items.end()) return out;

    // A teacher's report, 30 hours after the discovery: late.
    reports::ReportInput a;
    a.trigger = 4;
    a.seen = "学生手臂和背部有多处淤青，询问后称放学后被一名老师留在办公室，情绪低落、不愿回校。";
    a.discovered_at = now_ms - 30 * kHourMs;
    a.child_name = victim->name;
    a.child_sex = std::string("F");
    a.child_details = std::string("本校学生（见重点儿童台账）");
    a.suspect = std::string("本校一名男教师");
    const auto submitted = reports.submit(*school, a);
    ++out.reports;
    reports.accept(*police, submitted.id, std::string("已受理，民警已联系学校"));
    reports.record_outcome(*police, submitted.id, "criminal", std::nullopt);

    // The case opened from it: the suspect teaches at the school and was never screened.
    const std::string today = plan::format_date(plan::shanghai_day(now_ms));
    const std::string first17 = "99010119830611271";
    CaseInput c;
    c.report_id = submitted.id;
    c.crime_type = "child_molestation";
    c.accepted_on = today;
    c.narrative = std::string("据报告，嫌疑人系被害人所在学校教师，多次以补课为名将被害人留在办公室。");
    c.victim.name = victim->name;
    c.victim.sex = "F";
    c.victim.birth_date = victim->birth_date;
    c.victim.village_id = victim->village.id;
    c.victim.child_id = victim->id;
    c.suspect.name = std::string("苏某远");
    c.suspect.id_number = first17 + core::id_checksum(first17);
    c.suspect.relation = "teacher";
    c.suspect.works_with_minors = true;
    c.suspect.employer_unit_id = school->unit_id;
    c.suspect.hired_on = std::string("2023-09-01");
    const auto opened = cases.create(*police, c);
    ++out.cases;
    StageInput filed;
    filed.stage = "filed";
    filed.date = today;
    cases.add_stage(*police, opened.id, filed);
    cases.add_support(*police, opened.id, "legal_aid", judicial->unit_id);
    cases.add_support(*police, opened.id, "psychological", school->unit_id);

    // A village's report of a child left alone, two hours ago: waiting on the police's to-do.
    reports::ReportInput b;
    b.trigger = 6;
    b.seen = "邻居反映一名约六岁的男孩连续多日独自在家，家中无成年人照看，夜间哭闹。";
    b.discovered_at = now_ms - 2 * kHourMs;
    b.child_sex = std::string("M");
    b.child_age = 6;
    b.child_details = std::string("白沙社区，具体住址已电话告知");
    reports.submit(*village2, b);
    ++out.reports;
    return out;
}

}  // namespace hulei::cases
