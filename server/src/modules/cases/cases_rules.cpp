#include "modules/cases/cases_rules.hpp"

#include <algorithm>

#include "modules/plan/plan_rules.hpp"
#include "modules/registry/registry_rules.hpp"

namespace hulei::cases {

namespace {

std::string_view label_in(const std::vector<Choice>& all, std::string_view code) {
    for (const auto& c : all)
        if (c.code == code) return c.label;
    return {};
}

/// Full-width and ideographic commas read as 、 (强制猥亵，侮辱罪 = 强制猥亵、侮辱罪); surrounding spaces dropped.
std::string folded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s.substr(i, 3) == "\xEF\xBC\x8C") {  // ，
            out += "\xE3\x80\x81";               // 、
            i += 3;
        } else if (s[i] == ',') {
            out += "\xE3\x80\x81";
            ++i;
        } else if (s[i] == ' ') {
            ++i;
        } else {
            out += s[i++];
        }
    }
    return out;
}

}  // namespace

const std::vector<Choice>& crime_types() {
    static const std::vector<Choice> all = {
        {"rape", "强奸罪"},
        {"forcible_indecency", "强制猥亵、侮辱罪"},
        {"child_molestation", "猥亵儿童罪"},
        {"organising_prostitution", "组织卖淫罪"},
        {"forcing_prostitution", "强迫卖淫罪"},
        {"procuring_prostitution", "引诱、容留、介绍卖淫罪"},
        {"luring_girls_prostitution", "引诱幼女卖淫罪"},
        {"custodial_sexual_assault", "负有照护职责人员性侵罪"},
        {"other", "其他"},
    };
    return all;
}

std::string crime_type_code(std::string_view text) {
    const std::string t = folded(text);
    for (const auto& c : crime_types())
        if (c.code == t || c.label == t) return std::string(c.code);
    return {};
}

std::string_view crime_type_label(std::string_view code) {
    return label_in(crime_types(), code);
}

std::string registry_type_of(std::string_view crime_type) {
    if (crime_type == "other" || crime_type_label(crime_type).empty()) return {};
    // The eight crime types carry the registry's own codes (registry_rules.cpp).
    return registry::record_type_label(crime_type).empty() ? std::string() : std::string(crime_type);
}

const std::vector<Choice>& stages() {
    static const std::vector<Choice> all = {
        {"accepted", "受案"}, {"filed", "立案"},       {"investigating", "侦查"}, {"prosecuting", "移送起诉"},
        {"judged", "判决"},   {"not_filed", "不立案"}, {"withdrawn", "撤案"},
    };
    return all;
}

std::string_view stage_label(std::string_view code) {
    return label_in(stages(), code);
}
bool valid_stage(std::string_view code) {
    return !stage_label(code).empty();
}

bool may_move(std::string_view from, std::string_view to) {
    if (from == "accepted") return to == "filed" || to == "not_filed";
    if (from == "filed") return to == "investigating" || to == "withdrawn";
    if (from == "investigating") return to == "prosecuting" || to == "withdrawn";
    if (from == "prosecuting") return to == "judged";
    return false;
}

bool is_final(std::string_view stage) {
    return stage == "judged" || stage == "not_filed" || stage == "withdrawn";
}

const std::vector<Choice>& relations() {
    static const std::vector<Choice> all = {
        {"family", "家庭成员"}, {"relative", "亲属"},     {"teacher", "教师、教练"}, {"caregiver", "其他照护人员"},
        {"neighbour", "邻居"},  {"acquaintance", "熟人"}, {"online", "网友"},        {"stranger", "陌生人"},
        {"other", "其他"},      {"unknown", "不详"},
    };
    return all;
}

bool valid_relation(std::string_view code) {
    return !label_in(relations(), code).empty();
}

const std::vector<Choice>& support_kinds() {
    static const std::vector<Choice> all = {
        {"legal_aid", "法律援助"}, {"psychological", "心理疏导"}, {"medical", "医疗救治"},
        {"financial", "经济救助"}, {"school_return", "复学安置"},
    };
    return all;
}

bool valid_support_kind(std::string_view code) {
    return !label_in(support_kinds(), code).empty();
}
std::string_view support_kind_label(std::string_view code) {
    return label_in(support_kinds(), code);
}

std::optional<std::int64_t> age_on(std::string_view birth_date, std::string_view day) {
    if (!plan::parse_date(birth_date) || !plan::parse_date(day)) return std::nullopt;
    const auto year = [](std::string_view d) { return std::stoll(std::string(d.substr(0, 4))); };
    std::int64_t age = year(day) - year(birth_date);
    if (day.substr(5) < birth_date.substr(5)) --age;  // MM-DD compare: the birthday not yet reached
    return age;
}

std::string mask_victim_name(std::string_view name) {
    return registry::mask_name(name);
}

}  // namespace hulei::cases
