#pragma once
// Employment screening (从业查询), issue 5 items 3 and 4: the official channel — the result of the national
// query made through the county education bureau or the police, recorded beside Hulei's own check — and the
// annual re-check: due-date rules (pure, unit-tested) and coverage per unit and for the township.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/screening/screening_types.hpp"
#include "security/principal.hpp"

namespace hulei::screening {

// ---- pure due-date rules ------------------------------------------------------------------------------

/// A day of the year ("MM-DD"), the re-check due date of every year.
struct MonthDay {
    int month = 3;
    int day = 31;
};

/// Parses "MM-DD" (a day that exists in a leap year; "02-29" allowed); std::nullopt when malformed.
std::optional<MonthDay> parse_month_day(std::string_view text);

/// The due day (days since 1970-01-01) of `year`; 02-29 falls on 02-28 in a common year.
std::int64_t due_day_of(int year, MonthDay due);

/// Where a hired person stands for this year's re-check.
enum class RecheckState {
    Current,  ///< checked this (calendar) year
    Due,      ///< last checked in an earlier year; today is on or before this year's due day
    Overdue,  ///< last checked in an earlier year; today is past this year's due day
    Never,    ///< never checked
};

/// The re-check state of a person last checked on `last_check_day` (days since epoch, Asia/Shanghai), today
/// being `today`.
RecheckState recheck_state(std::optional<std::int64_t> last_check_day, std::int64_t today, MonthDay due);

// ---- the official channel -------------------------------------------------------------------------------

/// One unit's (or the township's) re-check coverage: hired staff and where they stand this year.
struct CoverageRow {
    std::int64_t unit_id = 0;  ///< 0 for the total row
    std::string unit_name;
    std::int64_t staff = 0;
    std::int64_t checked_this_year = 0;
    std::int64_t due = 0;
    std::int64_t overdue = 0;
    std::int64_t never = 0;
};

/// Coverage of the caller's units, then the total ("合计"); the due day of this year.
struct Coverage {
    std::string due_date;  ///< this year's due day, YYYY-MM-DD
    std::vector<CoverageRow> units;
    CoverageRow total;
};

/// A file handed out (the coverage export).
struct CoverageFile {
    std::string filename;
    std::string content_type;
    std::string bytes;
};

/// The official channel and the annual coverage; each method checks the permission and scope and audits in
/// the same transaction, never with a name, an ID number or a reference number in the detail.
class CoverageService {
public:
    CoverageService(db::Database& db, core::Clock& clock) : db_(db), clock_(clock) {}

    /// Records an official result for a person of a unit in the caller's scope (404 outside it).
    OfficialCheck record_official(const security::Principal& p, std::int64_t person_id, const OfficialCheck& in);
    /// The last official result of a person, if any (no permission check: for the staff list's rows).
    static std::optional<OfficialCheck> last_official(db::Tx& tx, std::int64_t person_id);
    /// Coverage per unit within the caller's grant (a school: its own unit) and the total.
    Coverage coverage(const security::Principal& p);
    /// The coverage as an .xlsx sheet (Chinese headers, one row per unit and a total row).
    CoverageFile coverage_xlsx(const security::Principal& p);

private:
    Coverage coverage_in(db::Tx& tx, const security::Principal& p, std::int64_t now);

    db::Database& db_;
    core::Clock& clock_;
};

}  // namespace hulei::screening
