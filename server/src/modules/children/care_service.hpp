#pragma once
// Care teams (四位一体, issue 4 items 4–5): care persons (imported from a sheet or kept one by one), the police
// stations' coverage of villages, automatic assignment under the policy's rules (the pure library
// care_assignment.hpp does the work), each child's team and the children's dashboard. Each method takes the
// Principal, checks permission and scope, and audits changes in the same transaction.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/children/care_assignment.hpp"
#include "modules/children/care_rules.hpp"
#include "modules/children/care_types.hpp"
#include "modules/children/children_types.hpp"
#include "modules/org/org_service.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::children {

class CareService {
public:
    CareService(db::Database& db, core::Clock& clock, const security::Keyring& keyring, org::OrgService& org)
        : db_(db), clock_(clock), keyring_(keyring), org_(org) {}

    /// `hulei care import`: import_sheet with commit, summarised as the command prints it (created is 0
    /// whenever a row is rejected).
    CareImportSummary import_persons(const security::Principal& p, const std::string& bytes,
                                     const std::string& filename);
    /// Previews (commit false) or imports a care-person sheet (headers 姓名, 性别, 角色, 单位, 手机) all or
    /// nothing; a row whose unit is outside the caller's children:care:manage units is rejected.
    CareImportResult import_sheet(const security::Principal& p, const std::string& bytes, const std::string& filename,
                                  bool commit);
    /// The care-person sheet template: the headers, no rows.
    ExportFile import_template(const security::Principal& p);

    /// Care persons of the caller's children:care:list units (care_units), phones masked, with their loads.
    CarePersonPage persons(const security::Principal& p, const CarePersonQuery& q);
    /// Adds a care person to a unit the caller manages; the role must fit the unit's kind.
    CarePersonView create_person(const security::Principal& p, const CarePersonInput& in);
    /// Changes a care person (NotFound outside children:care:list, Forbidden outside children:care:manage).
    /// Deactivating him, or changing a woman's sex to M, releases his team seats (`released`).
    CarePersonView update_person(const security::Principal& p, std::int64_t id, const CarePersonInput& in);
    /// The active console accounts of a unit the caller manages care persons in (NotFound outside
    /// children:care:manage or for a unit that holds no care persons), for linking; not audited (names only).
    std::vector<CareAccount> accounts(const security::Principal& p, std::optional<std::int64_t> unit_id);

    /// Every police station with the villages it covers (configured, else its township by default).
    std::vector<StationCoverage> coverage(const security::Principal& p);
    /// Sets the villages a station covers (villages of its own township); empty = back to the default.
    /// Township grant of children:care:manage only (the coordinator); audited.
    /// Permission first, then 400 required when `village_ids` is absent.
    StationCoverage set_coverage(const security::Principal& p, std::int64_t station_id,
                                 const std::optional<std::vector<std::int64_t>>& village_ids);

    /// The police coverage in force as it stands in `tx`: the police_coverage rows of a station, else every
    /// village of its township (coverage_with). For whoever asks which stations serve a village (the team
    /// assignment, the check of a visit's visitor).
    static Coverage coverage_in_force(db::Tx& tx);

    /// Children, teams, visits due and open urgent visits per village in the caller's children:child:list
    /// scope (or of one village), counted in the database.
    Dashboard dashboard(const security::Principal& p, std::optional<std::int64_t> village_id);
    /// Completes the teams of the active children in the caller's scope (the township for a township grant,
    /// a village user's villages), or of one village. Children outside the scope keep their teams. Unless
    /// `dry_run`, writes the new assignments in one transaction (audited with counts only).
    TeamAssignmentOutcome assign_teams(const security::Principal& p, std::optional<std::int64_t> village_unit_id,
                                       bool dry_run);
    /// Every active child's team in the caller's scope (village or school), phones masked; audited.
    std::vector<Team> teams(const security::Principal& p, std::optional<std::int64_t> village_unit_id);

    /// The case review (倒查): how many of the child's three team seats (village, teacher, police) were filled at
    /// `as_of` (epoch ms) by an assignment still held. A seat reassigned since counts from its new assignment.
    /// Runs in the caller's transaction (the cases service) with no permission check and no audit of its own —
    /// the caller checks and audits the review.
    static int review_seats(db::Tx& tx, std::int64_t child_id, std::int64_t as_of);

    /// Writes the demo township's care persons (invented names, no phone numbers); 田晓岚 and 罗春燕 are
    /// linked to the demo accounts `village` and `village2`, which must be created first.
    void seed_demo();

private:
    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    org::OrgService& org_;
};

}  // namespace hulei::children
