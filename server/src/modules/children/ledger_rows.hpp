#pragma once
// Pure rules of the children's ledger import and data quality: row-by-row validation of a village's sheet,
// duplicate detection across villages, data-quality items. No database, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/sheet.hpp"

namespace hulei::children {

/// Age at which a person leaves the minors' ledger (未成年人保护法 第2条).
inline constexpr int kAdultAge = 18;

/// Whether `code` is one of the nine category codes (left_behind, migrant, in_difficulty, de_facto_orphan,
/// orphan, disabled, single_parent, reconstituted, troubled_family).
bool valid_category(std::string_view code);
/// The Chinese name of a category code (留守儿童…); "" for an unknown code.
std::string_view category_label(std::string_view code);
/// The code of one category as a sheet spells it: its code, its Chinese name or a short form (留守, 困境…).
std::optional<std::string> parse_category(std::string_view text);

/// A 类别 cell split on 、 , ， ; ； into category codes (in sheet order, without repeats), or the
/// Chinese reason it is refused (empty cell, unknown category).
struct CategoryParse {
    std::vector<std::string> codes;
    std::string error;
};
CategoryParse parse_categories(std::string_view cell);

/// A guardian phone normalised (full-width digits, spaces, +86 removed): an 11-digit mobile, or a landline
/// with its area code as 0AAA-NNNNNNN[-EXT]; nullopt when it is neither.
std::optional<std::string> normalise_phone(std::string_view raw);

/// Whole years of age on `today` (both YYYY-MM-DD): the age goes up on the birthday itself; someone born
/// on 29 February turns a year older on 1 March in common years. -1 when either date is malformed.
int age_on(std::string_view birth_date, std::string_view today);

/// One valid row of the import sheet, ready to be created or matched against the ledger.
struct LedgerRow {
    int row = 0;               ///< the row number as Excel shows it (Sheet::source_rows)
    std::string name;
    char sex = 'M';            ///< 'M' or 'F'
    std::string id_number;     ///< normalised, 18 characters
    std::string birth_date;    ///< YYYY-MM-DD, from the ID number
    std::string village;       ///< as written; the caller resolves it to a unit (unknown village → rejection)
    std::vector<std::string> categories;  ///< category codes
    std::optional<std::string> school, class_name, guardian, guardian_sex /* "M" | "F" */,
        guardian_phone /* normalise_phone */, parents_workplace;
};

/// Why a row is rejected (or, in warnings, why it deserves a look): the sheet row, a Chinese reason and the
/// column header it concerns ("" when it concerns the whole row).
struct RowProblem {
    int row = 0;
    std::string reason;
    std::string column;
};

/// The preview of an import: valid rows, every problem of every rejected row (a row may have several),
/// and warnings that do not stop a row (possible duplicates by name + birth date).
struct ParsedLedger {
    std::vector<LedgerRow> rows;
    std::vector<RowProblem> rejected;
    std::vector<RowProblem> warnings;
};

/// Validates an import sheet as of `today` (YYYY-MM-DD). Required columns 姓名, 性别, 身份证号, 村（社区）, 类别
/// (a missing one → one problem at row 1 naming it, and no rows); optional 学校, 班级, 监护人, 监护人性别,
/// 监护人电话, 父母务工地. A row with any problem is rejected; the same ID number on several rows rejects
/// all of them.
ParsedLedger parse_ledger(const io::Sheet& sheet, std::string_view today);

/// A child already in the ledger, as the data-quality view sees it: the ID number only as its blind index.
struct KnownChild {
    std::int64_t id = 0;
    std::string name;
    std::string birth_date;  ///< YYYY-MM-DD
    std::string village;
    std::string id_index;    ///< blind index of the ID number; "" when unknown
};

/// Children that are probably the same person: `kind` is "same_id" (same blind index) or "name_birth"
/// (same name and birth date, different or unknown ID numbers).
struct DuplicateGroup {
    std::string kind;
    std::vector<std::int64_t> child_ids;   ///< ascending
    std::vector<std::string> villages;     ///< distinct, sorted
    std::string message;                   ///< Chinese, for the office
};

/// Duplicate groups, ID matches first: children sharing a blind index; then children sharing name + birth
/// date whose group is not already explained by one ID number. Groups within one village are included too.
std::vector<DuplicateGroup> find_duplicates(const std::vector<KnownChild>& children);

/// What the data-quality view needs of a child; no contact details, only whether they exist.
struct ChildFacts {
    std::int64_t id = 0;
    std::string name;
    std::string birth_date;  ///< YYYY-MM-DD
    std::string village;
    bool active = true;
    bool has_guardian_contact = false;
    bool has_school = false;
};

/// Ages of compulsory schooling and beyond for which a missing school is an item (policy
/// children.school_age_from / children.school_age_to).
struct QualityRules {
    int school_age_from = 6;
    int school_age_to = 17;
};

/// One data-quality finding: `code` is missing_guardian_contact, missing_school or adult_active.
struct QualityItem {
    std::int64_t child_id = 0;
    std::string name;
    std::string village;
    std::string code;
    std::string message;
};

/// Data-quality items of active children on `today`, in input order: missing guardian contact, missing
/// school for a child of school age, and a child of 18 or older still active (to be archived).
std::vector<QualityItem> quality_items(const std::vector<ChildFacts>& children, std::string_view today,
                                       const QualityRules& rules = {});

}  // namespace hulei::children
