#include "modules/cases/case_review.hpp"

#include <algorithm>
#include <set>

#include "modules/children/care_service.hpp"
#include "modules/children/children_service.hpp"
#include "modules/children/visit_service.hpp"
#include "modules/plan/plan_rules.hpp"
#include "modules/reports/reports_service.hpp"
#include "modules/screening/screening_service.hpp"

namespace hulei::cases {

namespace {

constexpr std::int64_t kMsPerHour = 3'600'000;
constexpr std::int64_t kMsPerDay = 24 * kMsPerHour;
constexpr std::int64_t kShanghaiOffsetMs = 8 * kMsPerHour;

constexpr const char* kPass = "pass";
constexpr const char* kFail = "fail";
constexpr const char* kNotAvailable = "not_available";

constexpr const char* kChildUnidentified = "未能识别受害儿童（案件未关联台账儿童，也未登记其身份证号）";
constexpr const char* kChildNotInLedger = "儿童未在台账中，无从核查";

/// The last millisecond of the Asia/Shanghai calendar day of `ms`. Discovery is often known by the day only (a
/// case's accepted date), so the review looks at the ledger as it stood at the end of that day: a child entered,
/// a seat filled or a visit made on the day of the discovery counts as before it.
std::int64_t end_of_shanghai_day(std::int64_t ms) {
    return (plan::shanghai_day(ms) + 1) * kMsPerDay - kShanghaiOffsetMs - 1;
}

ReviewCheck check(std::string key, std::string label, const char* result, std::string detail,
                  std::optional<UnitRef> unit = std::nullopt) {
    ReviewCheck c;
    c.key = std::move(key);
    c.label = std::move(label);
    c.result = result;
    c.detail = std::move(detail);
    if (std::string_view(result) == kFail) c.unit = std::move(unit);  // only a failed check names a unit
    return c;
}

/// "发现后N小时" with whole hours (under one hour: "不足1小时").
std::string gap_text(std::int64_t discovered_at, std::int64_t reported_at) {
    const std::int64_t hours = std::max<std::int64_t>(0, reported_at - discovered_at) / kMsPerHour;
    return hours < 1 ? std::string("发现后不足1小时") : "发现后" + std::to_string(hours) + "小时";
}

/// A failed check's detail when its responsible unit is not known.
std::string with_unknown_unit(std::string detail, const std::optional<UnitRef>& unit) {
    if (!unit) detail += "（责任单位未知）";
    return detail;
}

}  // namespace

std::vector<ReviewCheck> review_case(const ReviewFacts& facts, std::int64_t late_report_hours) {
    std::vector<ReviewCheck> out;

    // 1. Each reporting unit, once, in the order its first report appears: in time when one of its reports was.
    std::vector<std::int64_t> reporting_units;
    for (const auto& r : facts.reports)
        if (std::find(reporting_units.begin(), reporting_units.end(), r.unit.id) == reporting_units.end())
            reporting_units.push_back(r.unit.id);
    const std::string timely_label = "报告单位是否在" + std::to_string(late_report_hours) + "小时内报告";
    for (const auto unit_id : reporting_units) {
        const ReportFact* best = nullptr;  // an in-time report if any, else the quickest
        for (const auto& r : facts.reports) {
            if (r.unit.id != unit_id) continue;
            const auto gap = r.reported_at - r.discovered_at;
            if (!best || (best->late && !r.late) ||
                (best->late == r.late && gap < best->reported_at - best->discovered_at))
                best = &r;
        }
        const std::string gap = gap_text(best->discovered_at, best->reported_at);
        if (best->late)
            out.push_back(check("report_timely:" + std::to_string(unit_id), timely_label, kFail,
                                gap + "报告，超过" + std::to_string(late_report_hours) + "小时时限", best->unit));
        else
            out.push_back(check("report_timely:" + std::to_string(unit_id), timely_label, kPass, gap + "报告"));
    }

    // 2. Each unit that knew (a visit recorded suspected harm) but filed no report linked to the case.
    std::set<std::int64_t> named(reporting_units.begin(), reporting_units.end());
    for (const auto& s : facts.child.harm_signals) {
        if (!named.insert(s.unit.id).second) continue;
        std::int64_t first = s.recorded_at;  // the unit's earliest signal
        for (const auto& t : facts.child.harm_signals)
            if (t.unit.id == s.unit.id) first = std::min(first, t.recorded_at);
        out.push_back(check("unit_reported:" + std::to_string(s.unit.id), "知情单位是否履行强制报告义务", kFail,
                            "该单位" + plan::format_date(plan::shanghai_day(first)) +
                                "走访时记录了疑似受侵害情形，未见其就本案作出强制报告",
                            s.unit));
    }

    // 3–5. The victim in the ledger, his care team and his visits.
    const ChildFact& child = facts.child;
    if (!child.available) {
        out.push_back(check("child_in_ledger", "受害儿童是否已纳入重点儿童台账", kNotAvailable, kChildUnidentified));
        out.push_back(check("care_team_complete", "“四位一体”关爱团队是否完整", kNotAvailable, kChildUnidentified));
        out.push_back(check("visited_on_schedule", "是否按周期走访受害儿童", kNotAvailable, kChildUnidentified));
    } else if (!child.in_ledger) {
        out.push_back(check("child_in_ledger", "受害儿童是否已纳入重点儿童台账", kFail,
                            with_unknown_unit("发现时未在重点儿童台账中", child.village), child.village));
        out.push_back(check("care_team_complete", "“四位一体”关爱团队是否完整", kNotAvailable, kChildNotInLedger));
        out.push_back(check("visited_on_schedule", "是否按周期走访受害儿童", kNotAvailable, kChildNotInLedger));
    } else {
        out.push_back(check("child_in_ledger", "受害儿童是否已纳入重点儿童台账", kPass, "发现时已在重点儿童台账中"));
        if (child.team_complete)
            out.push_back(check("care_team_complete", "“四位一体”关爱团队是否完整", kPass,
                                "发现时村（社区）、学校、派出所责任人及监护人齐全"));
        else
            out.push_back(
                check("care_team_complete", "“四位一体”关爱团队是否完整", kFail,
                      with_unknown_unit("发现时关爱团队不完整（应有村（社区）、学校、派出所三名责任人及监护人）",
                                        child.village),
                      child.village));
        if (child.visited_on_schedule)
            out.push_back(
                check("visited_on_schedule", "是否按周期走访受害儿童", kPass, "发现前最近一次走访在规定周期内"));
        else if (child.last_visit_at)
            out.push_back(check(
                "visited_on_schedule", "是否按周期走访受害儿童", kFail,
                with_unknown_unit("发现前最近一次走访为" + plan::format_date(plan::shanghai_day(*child.last_visit_at)) +
                                      "，此后超过规定周期未走访",
                                  child.village),
                child.village));
        else
            out.push_back(check("visited_on_schedule", "是否按周期走访受害儿童", kFail,
                                with_unknown_unit("发现前从未走访", child.village), child.village));
    }

    // 6–7. The suspect's screening by the unit where he works with minors.
    const ScreeningFact& sc = facts.screening;
    if (!sc.available) {
        const std::string why = !sc.employer ? "未登记嫌疑人在密切接触未成年人单位的从业信息"
                                             : "嫌疑人身份证号未知或无效，无法核对从业查询记录";
        out.push_back(check("screened_before_hire", "嫌疑人入职前是否经从业查询", kNotAvailable, why));
        out.push_back(check("screened_this_year", "嫌疑人案发当年是否经从业查询", kNotAvailable, why));
    } else {
        if (sc.screened_before_hire)
            out.push_back(check("screened_before_hire", "嫌疑人入职前是否经从业查询", kPass, "入职前已进行从业查询"));
        else
            out.push_back(check("screened_before_hire", "嫌疑人入职前是否经从业查询", kFail,
                                with_unknown_unit("从业单位入职前未对其进行从业查询", sc.employer), sc.employer));
        if (sc.screened_this_year)
            out.push_back(
                check("screened_this_year", "嫌疑人案发当年是否经从业查询", kPass, "案发当年发现前已进行从业查询"));
        else
            out.push_back(check("screened_this_year", "嫌疑人案发当年是否经从业查询", kFail,
                                with_unknown_unit("从业单位案发当年发现前未对其进行从业查询", sc.employer),
                                sc.employer));
    }

    // 8. 法治副校长 and prevention education: the activities module is not built; no fact here can pass it.
    out.push_back(check("prevention_education", "学校法治副校长及预防性侵害教育是否落实", kNotAvailable,
                        facts.prevention_available ? "尚无可核查的宣传教育活动记录" : "宣传教育活动模块尚未上线"));
    return out;
}

ReviewFacts ReviewGatherer::gather(db::Tx& tx, const ReviewSubject& subject) const {
    ReviewFacts f;

    for (const auto& r : reports_.review_facts(tx, subject.report_ids))
        f.reports.push_back({r.report_id, {r.unit_id, r.unit_name}, r.late, r.discovered_at, r.reported_at});

    // The victim: identified by the ledger link or by his ID number; otherwise the checks are not available.
    if (subject.victim_child_id || subject.victim_id_number) {
        f.child.available = true;
        const std::int64_t day_end = end_of_shanghai_day(subject.discovered_at);
        if (auto c = children_.review_child(tx, subject.victim_child_id, subject.victim_id_number)) {
            f.child.village = UnitRef{c->village_id, c->village_name};
            f.child.in_ledger =
                c->created_at <= day_end && (!c->archived_at || *c->archived_at > subject.discovered_at);
            f.child.team_complete = care_.review_seats(tx, c->id, day_end) >= 3 && c->has_guardian;
            const auto v = visits_.review_visits(tx, c->id, day_end);
            f.child.last_visit_at = v.last_visit_at;
            f.child.visited_on_schedule = v.on_schedule;
            for (const auto& h : v.harm) f.child.harm_signals.push_back({{h.unit_id, h.unit_name}, h.visited_at});
        } else if (subject.victim_village_unit_id) {
            if (auto name = children_.review_unit_name(tx, *subject.victim_village_unit_id))
                f.child.village = UnitRef{*subject.victim_village_unit_id, *name};
        }
    }

    // The suspect: only where he works with minors (an employer is given); his ID number must be known and valid.
    if (subject.suspect_employer_unit_id) {
        const auto s =
            screening_.review_screening(tx, *subject.suspect_employer_unit_id, subject.suspect_id_number.value_or(""),
                                        subject.suspect_hired_on, subject.discovered_at);
        if (s.unit_found) f.screening.employer = UnitRef{*subject.suspect_employer_unit_id, s.unit_name};
        f.screening.available = s.unit_found && subject.suspect_id_number && s.id_valid;
        f.screening.screened_before_hire = s.before_hire;
        f.screening.screened_this_year = s.this_year;
    }

    f.prevention_available = false;  // activities (法治副校长, prevention education) are not built
    return f;
}

}  // namespace hulei::cases
