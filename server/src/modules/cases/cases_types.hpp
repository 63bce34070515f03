#pragma once
// Plain types of cases (案件): what the police enter (a case, a stage, an evidence session, a support item), the
// case as the police see it (victim identity masked unless revealed), the judicial office's support items, the
// figures and the review (倒查) as answered.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/cases/case_review.hpp"

namespace hulei::cases {

/// The victim as entered: identity (encrypted at rest) and the two links the review needs.
struct VictimInput {
    std::optional<std::string> name;
    std::string sex;                         ///< F | M
    std::optional<std::int64_t> age;         ///< 0–17; or birth_date
    std::optional<std::string> birth_date;   ///< YYYY-MM-DD
    std::optional<std::string> id_number;    ///< validated (core/id_number.hpp), encrypted
    std::optional<std::int64_t> village_id;  ///< a village unit
    std::optional<std::int64_t> child_id;    ///< the child in the ledger
};

/// The suspect as entered.
struct SuspectInput {
    std::optional<std::string> name;
    std::optional<std::string> id_number;  ///< validated, encrypted
    std::string relation;                  ///< cases_rules.hpp relations()
    bool works_with_minors = false;
    std::optional<std::int64_t> employer_unit_id;
    std::optional<std::string> hired_on;  ///< YYYY-MM-DD
};

/// A new case: from a mandatory report the caller handles, or directly.
struct CaseInput {
    std::optional<std::int64_t> report_id;
    std::optional<std::int64_t> station_id;  ///< without a report: default the caller's unit
    std::string crime_type;                  ///< code or Chinese label
    std::string accepted_on;                 ///< 受案 date, YYYY-MM-DD, not in the future
    std::optional<std::string> narrative;    ///< 简要案情, encrypted
    VictimInput victim;
    SuspectInput suspect;
};

/// The next stage of a case. A judgment names the court and the verdict.
struct StageInput {
    std::string stage;
    std::string date;                      ///< YYYY-MM-DD
    std::optional<bool> convicted;         ///< judged only (required)
    std::optional<std::string> court;      ///< judged and convicted: required
    std::optional<bool> minor_at_offence;  ///< default: the suspect was under 18 on the accepted date
};

struct StageEntry {
    std::string stage;
    std::string date;
    std::optional<bool> convicted;
    std::optional<std::string> court;
    std::int64_t recorded_at = 0;
};

/// One-stop evidence collection: that it happened, when, where, who attended — never what was said.
struct EvidenceInput {
    std::int64_t held_at = 0;  ///< epoch ms, not in the future
    std::string place;
    std::vector<std::string> attendees;  ///< roles or names of those present, 1–10
};

struct Evidence {
    std::int64_t id = 0;
    std::int64_t held_at = 0;
    std::string place;
    std::vector<std::string> attendees;
    std::int64_t recorded_at = 0;
};

/// A victim support item, assigned to a unit and tracked to closure.
struct SupportItem {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::string kind;
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::string status;  ///< open | closed
    std::int64_t opened_at = 0;
    std::optional<std::int64_t> closed_at;
    std::optional<std::string> close_note;  ///< what was provided (encrypted at rest)
    // For the assigned unit's list: the case without its victim.
    std::string crime_type;
    std::string station_name;
};

/// The registry side of a conviction.
struct RegistryLink {
    std::optional<std::int64_t> record_id;
    std::string status;  ///< none (not judged) | created | no_id_number | not_applicable (other) | acquitted
};

/// A case as the handling police see it. Victim identity and narrative are masked ("***", masked name and ID
/// number) unless `revealed` (POST …/reveal with a reason).
struct Case {
    std::int64_t id = 0;
    std::int64_t station_id = 0;
    std::string station_name;
    std::string crime_type;
    std::string stage;
    std::string accepted_on;
    std::vector<std::int64_t> report_ids;
    // victim
    std::string victim_name;  ///< masked unless revealed
    std::string victim_sex;
    std::optional<std::int64_t> victim_age;
    std::string victim_birth_date;  ///< revealed only
    std::string victim_id_number;   ///< masked unless revealed ("" when none)
    std::optional<std::int64_t> victim_village_id;
    std::string victim_village_name;
    std::optional<std::int64_t> victim_child_id;
    bool has_narrative = false;
    std::string narrative;  ///< revealed only
    // suspect
    std::string suspect_name;       ///< masked unless revealed
    std::string suspect_id_number;  ///< masked unless revealed
    std::string suspect_relation;
    bool suspect_works_with_minors = false;
    std::optional<std::int64_t> suspect_employer_unit_id;
    std::string suspect_employer_name;
    std::optional<std::string> suspect_hired_on;
    RegistryLink registry;
    bool revealed = false;
    bool full = false;  ///< stages, evidence and support items filled
    std::vector<StageEntry> stages;
    std::vector<Evidence> evidence;
    std::vector<SupportItem> support;
    std::int64_t created_at = 0, updated_at = 0;
};

/// A count as shown: exact, or suppressed for a role that may not see small counts.
struct Count {
    std::int64_t value = 0;
    bool suppressed = false;
};

struct Stats {
    std::int64_t threshold = 0;  ///< 0: exact (the police)
    Count total;
    std::map<std::string, Count> by_crime_type;  ///< every crime type present
    std::map<std::string, Count> by_stage;       ///< every stage present
};

/// A review check as answered: the check and the supervision action raised from it, if any.
struct ReviewLine {
    ReviewCheck check;
    std::optional<std::int64_t> action_id;
};

struct Review {
    std::int64_t case_id = 0;
    std::int64_t late_report_hours = 0;
    std::vector<ReviewLine> checks;
};

/// A case in the office's review list (倒查清单): where and when (month only), its stage, and the review's tally
/// with the failed checks — no crime type, no victim, no suspect.
struct ReviewListLine {
    std::int64_t case_id = 0;
    std::int64_t station_id = 0;
    std::string station_name;
    std::string accepted_month;  ///< YYYY-MM
    std::string stage;
    std::int64_t pass = 0, fail = 0, not_available = 0;
    std::vector<ReviewLine> failed;  ///< the failed checks, in the review's order
};

}  // namespace hulei::cases
