#pragma once
// Visits (走访, issue 4 item 6): record a visit to a child in the caller's scope, list a child's visits,
// edit a visit with conflict detection (an edit names the version it was based on; a stale version is a
// conflict, never an overwrite) and the due list (children overdue or due soon, by category and risk,
// pure rules in visit_rules.hpp). Each method takes the Principal, checks permission and scope, and audits
// in the same transaction.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/children/visit_types.hpp"
#include "security/principal.hpp"

namespace hulei::children {

class VisitService {
public:
    VisitService(db::Database& db, core::Clock& clock) : db_(db), clock_(clock) {}

    /// Records a visit to a child in the caller's `children:visit:create` scope (404 outside it); an urgent
    /// follow-up is audited separately and flagged for the office.
    VisitSaved create(const security::Principal& p, std::int64_t child_id, const VisitInput& in);
    /// A child's visits, latest first (404 outside the caller's scope); audited.
    std::vector<Visit> list(const security::Principal& p, std::int64_t child_id);
    /// Edits a visit based on `in.version`; a stale version gives `conflict` with the current record and
    /// changes nothing.
    VisitEdit update(const security::Principal& p, std::int64_t visit_id, const VisitInput& in);
    /// Active children in the caller's scope (optionally one village) whose visit is overdue or due soon,
    /// most overdue first; audited.
    std::vector<VisitDueItem> due(const security::Principal& p, std::optional<std::int64_t> village_id);

private:
    db::Database& db_;
    core::Clock& clock_;
};

}  // namespace hulei::children
