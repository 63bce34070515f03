#include "modules/screening/screening_demo.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/id_number.hpp"
#include "modules/plan/plan_rules.hpp"

namespace hulei::screening {

namespace {

/// A synthetic ID number in region 990101 (unused) for a birth date YYYYMMDD and a sequence (odd → man).
std::string demo_id(const char* birth, int seq) {
    char first17[24];
    std::snprintf(first17, sizeof first17, "990101%s%03d", birth, seq);
    return std::string(first17) + core::id_checksum(first17);
}

/// One invented registry record.
struct DemoRecord {
    const char* name;
    const char* birth;  ///< YYYYMMDD
    int seq;
    const char* type;  ///< record type code
    const char* decided;
    const char* authority;
    bool minor;           ///< sealed
    const char* control;  ///< none | under_control | ended
    int checkin_in_days;  ///< next check-in relative to today (under control only)
};

constexpr DemoRecord kRecords[] = {
    {"郝建林", "19760312", 111, "child_molestation", "2016-05-20", "某县人民法院", false, "under_control", -5},
    {"邵德明", "19811109", 131, "forcible_indecency", "2019-08-02", "某县人民法院", false, "under_control", 4},
    {"贾永胜", "19690721", 151, "rape", "2009-11-13", "某市中级人民法院", false, "ended", 0},
    {"龚立新", "19850204", 171, "indecency_penalty", "2022-03-18", "某县公安局", false, "under_control", 20},
    {"童海波", "19900617", 191, "relative_non_prosecution", "2021-06-30", "某县人民检察院", false, "none", 0},
    {"甘志强", "19790925", 211, "procuring_prostitution", "2015-01-09", "某县人民法院", false, "ended", 0},
    {"熊国平", "19720430", 231, "custodial_sexual_assault", "2023-10-11", "某县人民法院", false, "under_control", 60},
    {"祁少华", "20020108", 251, "forcible_indecency", "2018-04-27", "某县人民法院", true, "none", 0},  // sealed
    {"管凤英", "19830815", 262, "organising_prostitution", "2017-12-05", "某县人民法院", false, "none", 0},
    {"卫东升", "19800101", 271, "child_molestation", "2020-09-16", "某县人民法院", false, "under_control", 1},
};

/// The central primary school's staff (hired unless said otherwise).
struct DemoStaff {
    const char* name;
    const char* birth;
    int seq;
    const char* position;
    bool hired;
};

constexpr DemoStaff kStaff[] = {
    {"莫雨晴", "19880314", 302, "语文教师", true},   {"程立言", "19860722", 311, "数学教师", true},
    {"裴思源", "19910105", 321, "体育教师", true},   {"蓝秋禾", "19930918", 342, "音乐教师", true},
    {"狄文博", "19840227", 351, "校车司机", true},   {"庞晓芸", "19790611", 362, "食堂厨师", true},
    {"钟一帆", "19950403", 371, "保安", true},       {"严若溪", "19900826", 382, "心理教师", true},
    {"岳明川", "19870119", 391, "门卫", true},
    // Same name, birth date and sex as a registry record, another ID number: a possible match for the police.
    {"邵德明", "19811109", 401, "后勤工人", true},
    // An applicant whose ID number is in the registry: hit (不得录用).
    {"甘志强", "19790925", 211, "校外辅导员（拟聘）", false},
};

}  // namespace

DemoSummary seed_demo(registry::RegistryService& registry, ScreeningService& screening, CoverageService& coverage,
                      const std::vector<security::Principal>& users, std::int64_t now_ms) {
    auto user = [&](const char* username) -> const security::Principal* {
        auto it = std::find_if(users.begin(), users.end(), [&](const auto& p) { return p.username == username; });
        return it == users.end() ? nullptr : &*it;
    };
    const auto* police = user("police");
    const auto* school = user("school");
    DemoSummary out;
    if (!police || !school) return out;
    const auto today = plan::shanghai_day(now_ms);

    for (const auto& r : kRecords) {
        registry::RecordInput in;
        in.name = r.name;
        in.id_number = demo_id(r.birth, r.seq);
        in.record_type = r.type;
        in.decision_date = r.decided;
        in.decision_authority = r.authority;
        in.minor_at_offence = r.minor;
        in.control_status = r.control;
        if (std::string(r.control) == "under_control") {
            in.managing_officer_id = std::optional<std::int64_t>(police->user_id);
            in.next_checkin_due = std::optional<std::string>(plan::format_date(today + r.checkin_in_days));
        }
        registry.create(*police, in);
        ++out.records;
    }

    CheckRequest req;
    req.unit_id = school->unit_id;
    req.consent_confirmed = true;
    std::vector<PersonInput> staff;
    for (const auto& s : kStaff) staff.push_back({s.name, demo_id(s.birth, s.seq), s.position, s.hired});
    staff.push_back({"柳成荫", "99010119920230123X", "保洁员", true});  // 2月30日: invalid ID number
    const auto outcomes = screening.check(*school, req, staff);
    out.checks = static_cast<int>(outcomes.size());

    // The national query through the county education bureau, recorded for the first teachers.
    for (std::size_t i = 0; i < 3 && i < outcomes.size(); ++i) {
        OfficialCheck oc;
        oc.channel = "教育局";
        oc.date = plan::format_date(today - 20 - static_cast<int>(i));
        char ref[32];
        std::snprintf(ref, sizeof ref, "JYJ-DEMO-%03zu", i + 1);
        oc.reference = ref;
        oc.outcome = "未发现";
        coverage.record_official(*school, outcomes[i].person_id, oc);
        ++out.officials;
    }

    // A record added after the check, matching a hired teacher's ID number: monitoring raises an alert.
    registry::RecordInput late;
    late.name = "岳明川";
    late.id_number = demo_id("19870119", 391);
    late.record_type = "indecency_penalty";
    late.decision_date = plan::format_date(today - 3);
    late.decision_authority = "某县公安局";
    late.minor_at_offence = false;
    late.control_status = "none";
    registry.create(*police, late);
    ++out.records;
    return out;
}

}  // namespace hulei::screening
