#pragma once
// Care teams (四位一体, issue 4 items 4–5): care persons imported from a sheet, automatic assignment under the
// policy's rules (the pure library care_assignment.hpp does the work) and each child's team. Each method
// takes the Principal, checks permission and scope, and audits in the same transaction.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/children/care_assignment.hpp"
#include "modules/children/care_types.hpp"
#include "modules/org/org_service.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::children {

/// A unit as coverage needs it.
struct CoverageUnit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id;
    std::string name;
    std::string kind;
};

/// The default coverage (no coverage table yet): every police station covers every village of its township
/// (the nearest ancestor of kind town; units without one share a township). Unit names for the messages.
Coverage default_coverage(const std::vector<CoverageUnit>& units);

class CareService {
public:
    CareService(db::Database& db, core::Clock& clock, const security::Keyring& keyring, org::OrgService& org)
        : db_(db), clock_(clock), keyring_(keyring), org_(org) {}

    /// Imports care persons (headers 姓名, 性别, 角色, 单位, 手机) all or nothing; township grant only.
    CareImportSummary import_persons(const security::Principal& p, const std::string& bytes,
                                     const std::string& filename);
    /// Completes the teams of the active children in the caller's scope (the township for a township grant,
    /// a village user's villages), or of one village. Children outside the scope keep their teams. Unless
    /// `dry_run`, writes the new assignments in one transaction (audited with counts only).
    TeamAssignmentOutcome assign_teams(const security::Principal& p, std::optional<std::int64_t> village_unit_id,
                                       bool dry_run);
    /// Every active child's team in the caller's scope (village or school), phones masked; audited.
    std::vector<Team> teams(const security::Principal& p, std::optional<std::int64_t> village_unit_id);

    /// Writes the demo township's care persons (invented names, no phone numbers).
    void seed_demo();

private:
    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    org::OrgService& org_;
};

}  // namespace hulei::children
