#pragma once
// The case review (倒查, issue 6 item 4): for a case, which safeguard failed and which unit answers for it.
// Two halves: `gather` collects the facts from the modules that hold them (reports, children — ledger, care team,
// visits —, screening), each through that module's own service method, never its tables; `review_case` is a
// pure function from those facts to the checks. A check whose module is not there (activities: 法治副校长 and
// prevention education are not built) says `not_available`, never `pass`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace hulei::reports {
class ReportsService;
}
namespace hulei::children {
class ChildrenService;
class VisitService;
class CareService;
}  // namespace hulei::children
namespace hulei::screening {
class ScreeningService;
}

namespace hulei::cases {

/// A unit named by a check.
struct UnitRef {
    std::int64_t id = 0;
    std::string name;
};

/// What the review is about: taken from the case (its linked reports, the victim, the suspect).
struct ReviewSubject {
    std::vector<std::int64_t> report_ids;          ///< mandatory reports the case was opened from / linked to
    std::optional<std::int64_t> victim_child_id;   ///< the victim in the children's ledger, when linked
    std::optional<std::string> victim_id_number;   ///< normalised 18 characters, when known
    std::optional<std::string> suspect_id_number;  ///< normalised 18 characters, when known
    std::optional<std::int64_t> suspect_employer_unit_id;  ///< the unit where the suspect works with minors
    std::optional<std::int64_t> suspect_hired_on;  ///< when he was hired there (epoch ms), when known
    std::int64_t discovered_at = 0;                ///< when the harm was first discovered (epoch ms): the reference
    /// The victim's village as the case records it: names the village answering for the ledger when the child is
    /// not found there (added by the review's engineer; optional, the ledger's village wins when found).
    std::optional<std::int64_t> victim_village_unit_id;
};

/// A mandatory report linked to the case, as the review needs it (no content).
struct ReportFact {
    std::int64_t report_id = 0;
    UnitRef unit;              ///< the reporting unit
    bool late = false;         ///< reported later than policy reports.late_report_hours after discovery
    std::int64_t discovered_at = 0, reported_at = 0;
};

/// A unit that knew: a visit recorded suspected harm of the victim (children module).
struct HarmSignal {
    UnitRef unit;
    std::int64_t recorded_at = 0;
};

/// The victim in the children's ledger.
struct ChildFact {
    bool available = false;  ///< the children module answered (false: the check is not_available)
    bool in_ledger = false;  ///< an active (or since archived) ledger record existed before discovered_at
    std::optional<UnitRef> village;  ///< the village the child lives in (when known: in the ledger, or the case's)
    bool team_complete = false;      ///< three seats filled and a guardian recorded
    bool visited_on_schedule = false;  ///< the last visit before discovered_at was within the child's interval
    std::optional<std::int64_t> last_visit_at;
    std::vector<HarmSignal> harm_signals;  ///< visits that recorded suspected harm
};

/// The suspect against the screening records of the unit where he works with minors.
struct ScreeningFact {
    bool available = false;   ///< screening answered and the suspect's ID number and employer are known
    std::optional<UnitRef> employer;
    bool screened_before_hire = false;  ///< a check of his ID number by the employer before suspect_hired_on
    bool screened_this_year = false;    ///< a check in the Asia/Shanghai year of discovered_at
};

/// Everything the review looks at.
struct ReviewFacts {
    std::vector<ReportFact> reports;
    ChildFact child;
    ScreeningFact screening;
    bool prevention_available = false;  ///< activities (法治副校长, prevention education): not built → false
};

/// One check of the review. `key` is stable (report_timely:<unit_id>, unit_reported:<unit_id>, child_in_ledger,
/// care_team_complete, visited_on_schedule, screened_before_hire, screened_this_year, prevention_education).
struct ReviewCheck {
    std::string key;
    std::string label;   ///< Chinese, e.g. "报告单位是否在24小时内报告"
    std::string result;  ///< pass | fail | not_available
    std::optional<UnitRef> unit;  ///< the responsible unit of a failed check
    std::string detail;  ///< Chinese, no personal data (e.g. "发现后31小时报告")
};

/// Collects the facts through each module's own review method, in the caller's transaction and without a
/// permission check of its own (the cases service has checked cases:review:read and audits the review).
class ReviewGatherer {
public:
    ReviewGatherer(reports::ReportsService& reports, children::ChildrenService& children,
                   children::VisitService& visits, children::CareService& care,
                   screening::ScreeningService& screening)
        : reports_(reports), children_(children), visits_(visits), care_(care), screening_(screening) {}

    ReviewFacts gather(db::Tx& tx, const ReviewSubject& subject) const;

private:
    reports::ReportsService& reports_;
    children::ChildrenService& children_;
    children::VisitService& visits_;
    children::CareService& care_;
    screening::ScreeningService& screening_;
};

/// The checks for `facts`, in a fixed order. Pure. `late_report_hours` is policy reports.late_report_hours.
std::vector<ReviewCheck> review_case(const ReviewFacts& facts, std::int64_t late_report_hours);

}  // namespace hulei::cases
