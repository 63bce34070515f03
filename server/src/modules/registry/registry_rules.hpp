#pragma once
// Pure rules of the offender registry (性侵违法犯罪人员信息库): record types, control statuses, dates and
// yes/no cells as officials write them, a person's fields checked against the ID number, and row-by-row
// validation of an import sheet. No database, no I/O, no exception on bad input.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/sheet.hpp"

namespace hulei::registry {

/// One qualifying record type: a stable code, its Chinese name, and whether it is one of the types kept
/// only when policy registry.optional_types_enabled = 1 (虐待, 拐卖, 暴力伤害 — 未保法 第62条).
struct RecordType {
    std::string_view code;
    std::string_view label;
    bool optional = false;
};

/// Every record type, in the order of the issue (the ten qualifying types, then the three optional ones).
const std::vector<RecordType>& record_types();
/// The Chinese name of a record type code; "" for an unknown code.
std::string_view record_type_label(std::string_view code);

/// A record type as written (its code or its Chinese name, ASCII or full-width punctuation), or the
/// Chinese reason it is refused: unknown, or optional while `optional_enabled` is false.
struct RecordTypeParse {
    std::string code;   ///< "" when refused
    std::string error;  ///< "" when accepted
};
RecordTypeParse parse_record_type(std::string_view text, bool optional_enabled);

/// Whether `status` is a control status (列管): none | under_control | ended.
bool valid_control_status(std::string_view status);
/// The Chinese name of a control status (未列管, 列管中, 已解除列管); "" for an unknown one.
std::string_view control_status_label(std::string_view status);

/// A calendar date as officials write it — 2020-03-05, 2020/3/5, 2020.3.5, 2020年3月5日, 20200305 —
/// as "YYYY-MM-DD"; nullopt when it is none of these or no real day (years 1900–2999).
std::optional<std::string> parse_sheet_date(std::string_view text);
/// 'M' or 'F' for 男/女/男性/女性/M/F (any case); 0 otherwise.
char parse_sex(std::string_view text);
/// A 是/否 cell (also 1/0, Y/N, yes/no, true/false in any case): nullopt when it is neither or empty.
std::optional<bool> parse_yes_no(std::string_view text);
/// A name for a list: its first character, then one `*` per further character (at least one).
std::string mask_name(std::string_view name);

/// A person's identity as the registry keeps it, checked against the ID number.
struct Identity {
    std::string id_number;   ///< normalised, 18 characters
    std::string birth_date;  ///< YYYY-MM-DD (the ID number's)
    char sex = 'M';          ///< 'M' | 'F' (the ID number's)
};

/// Checks an ID number (normalised and validated as of `today`, YYYY-MM-DD) and, when given, a written
/// sex and birth date against it. On failure `error` holds a Chinese reason, `code` one of
/// invalid_id_number, invalid_sex, sex_mismatch, invalid_birth_date, birth_date_mismatch, and `field`
/// the field concerned (id_number, sex, birth_date).
struct IdentityCheck {
    std::optional<Identity> identity;
    std::string code, error, field;
};
IdentityCheck check_identity(std::string_view id_number, std::string_view sex, std::string_view birth_date,
                             std::string_view today);

/// One valid row of an import sheet.
struct RegistryRow {
    int row = 0;  ///< the row number as Excel shows it
    std::string name;
    Identity identity;
    std::string record_type;  ///< code
    std::string decision_date;
    std::string decision_authority;
    bool minor_at_offence = false;
};

/// A rejected row: the sheet row and every reason, joined with "；" (row 1 for a missing header).
struct RowRejection {
    int row = 0;
    std::string reason;
};

struct ParsedRegistry {
    std::vector<RegistryRow> rows;
    std::vector<RowRejection> rejected;  ///< by row
};

/// Validates a registry sheet as of `today`. Required headers 姓名, 性别, 身份证号, 出生日期, 记录类型, 决定日期,
/// 决定机关, 犯罪时未成年 (a missing one → one rejection at row 1 naming every missing header, and no rows).
/// A row is rejected for: a missing or too long name; an invalid ID number; a sex or birth date that is
/// missing, malformed or disagrees with the ID number; an unknown record type (or an optional one while
/// `optional_types_enabled` is false); a decision date that is missing, malformed, in the future or before
/// the birth date; a missing or too long authority; 犯罪时未成年 not 是/否. Two rows with the same ID number,
/// record type and decision date are both rejected.
ParsedRegistry parse_registry_sheet(const io::Sheet& sheet, std::string_view today, bool optional_types_enabled);

/// Longest name and decision authority accepted (characters).
inline constexpr std::size_t kMaxName = 30;
inline constexpr std::size_t kMaxAuthority = 100;
inline constexpr std::size_t kMaxNote = 500;

}  // namespace hulei::registry
