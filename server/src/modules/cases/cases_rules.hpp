#pragma once
// Pure rules of cases (案件): crime types and their registry record types, stages and their order, the suspect's
// relation to the victim, victim support kinds, ages. No I/O; tested in cases_rules_test.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hulei::cases {

/// A coded choice with its Chinese label.
struct Choice {
    std::string_view code;
    std::string_view label;
};

/// The crime types of the plan (方案 四(二)3) and `other`, in display order.
const std::vector<Choice>& crime_types();
/// The code of a crime type given by code or by Chinese label (，and 、 alike); "" when unknown.
std::string crime_type_code(std::string_view text);
std::string_view crime_type_label(std::string_view code);
/// The registry record type a conviction of `crime_type` is kept under; "" for `other` (no record).
std::string registry_type_of(std::string_view crime_type);

/// Stages in order: accepted 受案 → filed 立案 → investigating 侦查 → prosecuting 移送起诉 → judged 判决; or
/// not_filed 不立案 (from accepted) and withdrawn 撤案 (from filed or investigating).
const std::vector<Choice>& stages();
std::string_view stage_label(std::string_view code);
bool valid_stage(std::string_view code);
/// Whether a case at `from` may move to `to`.
bool may_move(std::string_view from, std::string_view to);
/// Whether `stage` ends the case (judged, not_filed, withdrawn).
bool is_final(std::string_view stage);

/// The suspect's relation to the victim.
const std::vector<Choice>& relations();
bool valid_relation(std::string_view code);

/// Victim support kinds: legal_aid (by a 司法所), psychological, medical, financial, school_return.
const std::vector<Choice>& support_kinds();
bool valid_support_kind(std::string_view code);
std::string_view support_kind_label(std::string_view code);

/// Whole years of age on `day` (YYYY-MM-DD) of a person born on `birth_date` (YYYY-MM-DD); nullopt when either
/// is not a date.
std::optional<std::int64_t> age_on(std::string_view birth_date, std::string_view day);

/// A victim's name masked for display (registry::mask_name: the first character, then "*"); "" stays "".
std::string mask_victim_name(std::string_view name);

}  // namespace hulei::cases
