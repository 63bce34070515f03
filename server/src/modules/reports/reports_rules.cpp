#include "modules/reports/reports_rules.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace hulei::reports {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford's base32
constexpr std::size_t kReceiptLength = 12;

}  // namespace

std::string_view trigger_label(std::int64_t trigger) {
    static constexpr std::string_view labels[] = {
        "未成年人的生殖器官或隐私部位遭受或疑似遭受非正常损伤",
        "不满十四周岁的女性未成年人遭受或疑似遭受性侵害、怀孕、流产",
        "十四周岁以上女性未成年人遭受或疑似遭受性侵害所致怀孕、流产",
        "身体存在多处损伤、严重营养不良、意识不清，存在或疑似存在受到家庭暴力、欺凌、虐待、殴打或者被人麻醉等情形",
        "因自杀、自残、工伤、中毒、被人麻醉、殴打等非正常原因导致伤残、死亡",
        "被遗弃或长期处于无人照料状态",
        "来源不明、失踪或者被拐卖、收买",
        "被组织乞讨",
        "其他严重侵害未成年人身心健康的情形或未成年人正在面临不法侵害危险",
    };
    return valid_trigger(trigger) ? labels[trigger - 1] : std::string_view();
}

bool valid_trigger(std::int64_t trigger) {
    return trigger >= 1 && trigger <= 9;
}

const std::vector<std::string>& unit_categories() {
    static const std::vector<std::string> all = {"village", "school", "kindergarten", "training", "medical",
                                                 "welfare", "hotel",  "state_organ",  "other"};
    return all;
}

bool valid_category(std::string_view category) {
    const auto& all = unit_categories();
    return std::find(all.begin(), all.end(), category) != all.end();
}

std::string category_of_kind(std::string_view kind) {
    if (kind == "village" || kind == "school") return std::string(kind);
    if (kind == "town" || kind == "department" || kind == "police_station" || kind == "judicial_office")
        return "state_organ";
    return "other";
}

bool is_late(std::int64_t discovered_at, std::int64_t reported_at, std::int64_t late_report_hours) {
    return reported_at - discovered_at > late_report_hours * kMsPerHour;
}

namespace {

Step step_of(std::optional<std::int64_t> due, std::optional<std::int64_t> done, std::int64_t now) {
    Step s;
    s.due_at = due;
    s.done_at = done;
    if (!due) return s;
    if (done)
        s.late = *done > *due;
    else
        s.overdue = now > *due;
    return s;
}

}  // namespace

ReportClock clock_of(const ClockFacts& f, const Limits& limits, std::int64_t now) {
    ReportClock c;
    c.late_report_hours = limits.late_report_hours;
    c.late_report = is_late(f.discovered_at, f.reported_at, limits.late_report_hours);
    c.accept = step_of(f.reported_at + limits.accept_hours * kMsPerHour, f.accepted_at, now);
    if (f.accepted_at) {
        c.feedback = step_of(*f.accepted_at + limits.feedback_days * kMsPerDay, f.feedback_at, now);
        c.outcome = step_of(*f.accepted_at + limits.outcome_days * kMsPerDay, f.outcome_at, now);
    }
    return c;
}

std::optional<std::int64_t> station_for(const std::vector<TreeUnit>& units, std::int64_t unit_id) {
    std::map<std::int64_t, const TreeUnit*> by_id;
    for (const auto& u : units) by_id[u.id] = &u;
    const auto town_of = [&](std::int64_t id) -> std::int64_t {
        for (std::size_t hops = 0; hops <= units.size(); ++hops) {  // bounded: a cycle cannot loop forever
            auto it = by_id.find(id);
            if (it == by_id.end()) return 0;
            if (it->second->kind == "town") return id;
            if (!it->second->parent_id) return 0;
            id = *it->second->parent_id;
        }
        return 0;
    };
    const std::int64_t town = town_of(unit_id);
    std::optional<std::int64_t> first_any, first_in_town;
    for (const auto& [id, u] : by_id) {
        if (u->kind != "police_station") continue;
        if (!first_any) first_any = id;
        if (!first_in_town && town != 0 && town_of(id) == town) first_in_town = id;
    }
    return first_in_town ? first_in_town : first_any;
}

Count shown(std::int64_t value, std::int64_t threshold) {
    Count c;
    c.value = value;
    c.suppressed = threshold > 0 && value >= 1 && value < threshold;
    if (c.suppressed) c.value = 0;
    return c;
}

Rate rate_of(std::int64_t numerator, std::int64_t denominator, std::int64_t threshold) {
    Rate r;
    r.numerator = shown(numerator, threshold);
    r.denominator = shown(denominator, threshold);
    if (denominator > 0 && !r.denominator.suppressed)
        r.percent = std::round(1000.0 * static_cast<double>(numerator) / static_cast<double>(denominator)) / 10.0;
    return r;
}

std::string receipt_code_of(const std::vector<std::uint32_t>& random12) {
    std::string code;
    for (std::size_t i = 0; i < kReceiptLength && i < random12.size(); ++i) code += kAlphabet[random12[i] % 32];
    return code;
}

std::string normalise_receipt_code(std::string_view code) {
    std::string out(code);
    for (auto& ch : out)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return out;
}

bool valid_receipt_code(std::string_view code) {
    if (code.size() != kReceiptLength) return false;
    const std::string upper = normalise_receipt_code(code);
    return std::all_of(upper.begin(), upper.end(),
                       [](char ch) { return kAlphabet.find(ch) != std::string_view::npos; });
}

}  // namespace hulei::reports
