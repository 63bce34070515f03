#pragma once
// The demo township's mandatory reports and a case: a teacher's late report turned into a case whose suspect, a
// teacher of the same school, was never screened (so the 倒查 has failures to show and units to name), and a
// village's fresh report waiting for the police. Invented text, an invented suspect with an ID number in the
// unused region 990101, the victim a synthetic child of the demo ledger: no real person.
#include <cstdint>
#include <vector>

#include "modules/cases/cases_service.hpp"
#include "modules/children/children_service.hpp"
#include "modules/reports/reports_service.hpp"
#include "security/principal.hpp"

namespace hulei::cases {

/// What the demo wrote.
struct DemoSummary {
    int reports = 0;
    int cases = 0;
};

/// Writes the history through the services (validated and audited like any user's work) as the demo users
/// `school`, `village`, `village2`, `police` and `judicial` among `users`; does nothing when one is missing or
/// the ledger has no girl at school in the `village` user's village. `now_ms` anchors the times.
DemoSummary seed_demo(reports::ReportsService& reports, CasesService& cases, children::ChildrenService& children,
                      const std::vector<security::Principal>& users, std::int64_t now_ms);

}  // namespace hulei::cases
