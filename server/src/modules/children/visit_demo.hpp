#pragma once
// The demo township's visit history: a few synthetic past visits (some long ago, so that the dashboard and the
// to-do lists have overdue and due-soon children to show) and one urgent follow-up awaiting the office.
#include <cstdint>
#include <vector>

#include "modules/children/children_service.hpp"
#include "modules/children/visit_service.hpp"
#include "security/principal.hpp"

namespace hulei::children {

/// Records the demo visits through VisitService::create (validated and audited like any visit), each by the
/// demo user of the child's village when there is one (usernames village, village2), else by the coordinator
/// among `users`. `now_ms` anchors the history. Returns the number of visits recorded.
int seed_demo_visits(ChildrenService& children, VisitService& visits, const std::vector<security::Principal>& users,
                     std::int64_t now_ms);

}  // namespace hulei::children
