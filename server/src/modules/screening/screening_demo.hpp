#pragma once
// The demo township's registry and screening history: a dozen synthetic registry records (one sealed, some under
// control with check-ins due), the central primary school's staff checked (clear, one possible match waiting for
// the police, one applicant hit, one invalid ID number), official-channel results for some, and one monitoring
// alert raised by a record added after the staff were checked. Invented names, ID numbers in the unused region
// 990101: no real person.
#include <cstdint>
#include <vector>

#include "modules/registry/registry_service.hpp"
#include "modules/screening/screening_coverage.hpp"
#include "modules/screening/screening_service.hpp"
#include "security/principal.hpp"

namespace hulei::screening {

/// What the demo wrote (for `hulei demo`'s summary and the tests).
struct DemoSummary {
    int records = 0;
    int checks = 0;
    int officials = 0;
};

/// Writes the history through the services (validated, audited and monitored like any user's work), as the demo
/// users `police` and `school` among `users`; does nothing when either is missing. `now_ms` anchors dates.
DemoSummary seed_demo(registry::RegistryService& registry, ScreeningService& screening, CoverageService& coverage,
                      const std::vector<security::Principal>& users, std::int64_t now_ms);

}  // namespace hulei::screening
