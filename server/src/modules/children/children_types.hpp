#pragma once
// Plain types of the children's ledger (重点儿童台账): a child's record as the API shows it, inputs,
// list queries, import previews and the data-quality report.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/children/ledger_rows.hpp"

namespace hulei::children {

/// A unit named in a child's record (village, school).
struct UnitRef {
    std::int64_t id = 0;
    std::string name;
};

/// A child as shown to a caller: the ID number and guardian phone only masked (reveal() gives them plain).
struct Child {
    std::int64_t id = 0;
    std::string name;  ///< masked in lists for callers who do not own the village
    std::string sex;   ///< M | F
    std::string id_number_masked;
    std::string birth_date;
    int age = 0;
    UnitRef village;
    std::optional<UnitRef> school;
    std::optional<std::string> class_name;
    std::vector<std::string> categories;  ///< codes
    std::optional<std::string> guardian, guardian_sex, guardian_phone_masked, parents_workplace, carer, health_note;
    bool boarding = false;
    std::string risk_level;  ///< low | medium | high
    std::string status;      ///< active | archived
    std::optional<std::int64_t> archived_at;
    std::int64_t created_at = 0, updated_at = 0;
};

/// Fields of a new child or of an update (absent optionals are left unchanged on update).
struct ChildInput {
    std::optional<std::string> name, sex, id_number, class_name, guardian, guardian_sex, guardian_phone,
        parents_workplace, carer, health_note, risk_level;
    std::optional<std::int64_t> village_id;
    std::optional<std::optional<std::int64_t>> school_id;  ///< outer empty: unchanged; inner empty: no school
    std::optional<std::vector<std::string>> categories;    ///< codes or Chinese names
    std::optional<bool> boarding;
};

struct ChildQuery {
    std::optional<std::int64_t> village_id;
    std::string category;  ///< a code or Chinese name; "" for any
    std::string q;         ///< part of a name, or a whole ID number
    std::string status;    ///< active (default) | archived | all
    std::int64_t offset = 0, limit = 20;
};

struct ChildPage {
    std::vector<Child> items;
    std::int64_t total = 0;
};

/// The plain sensitive fields of one child, for a logged reveal with a reason.
struct Revealed {
    std::string id_number;
    std::optional<std::string> guardian_phone;
};

/// What an import does with one sheet row.
struct ImportRow {
    std::int64_t row = 0;
    std::string action;  ///< create | update | reject
    std::string reason;  ///< why rejected (or a warning); "" otherwise
    std::string name;
};

/// The preview (or result) of a ledger import.
struct ImportResult {
    std::vector<ImportRow> rows;  ///< by sheet row
    std::int64_t created = 0, updated = 0, rejected = 0;
    bool committed = false;  ///< whether anything was written
};

/// Duplicates (office only) and data-quality items of the caller's villages.
struct QualityReport {
    bool office = false;
    std::vector<DuplicateGroup> duplicates;
    std::vector<QualityItem> items;
};

/// The victim of a case as the ledger knows him, for the case review (倒查): no name, no ID number.
struct ReviewChild {
    std::int64_t id = 0;
    std::int64_t village_id = 0;
    std::string village_name;
    std::string status;  ///< active | archived
    std::int64_t created_at = 0;
    std::optional<std::int64_t> archived_at;
    bool has_guardian = false;  ///< a guardian is recorded (the fourth member of the care team)
};

/// A file handed out (template, export).
struct ExportFile {
    std::string filename;
    std::string content_type;
    std::string bytes;
};

}  // namespace hulei::children
