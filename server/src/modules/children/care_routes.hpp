#pragma once
#include "http/router.hpp"
#include "modules/children/care_service.hpp"

namespace hulei::children {
/// Mounts /api/v1/children/assign-teams, /children/teams and /children/dashboard (before the ledger's
/// /children/{id}) and /api/v1/care/* (care persons, the accounts they may be linked to, their sheet, police
/// coverage).
void mount_care_routes(http::Router& r, CareService& svc);
/// JSON of an assignment outcome and of teams (shared by the API and the command line).
nlohmann::json outcome_json(const TeamAssignmentOutcome& o);
nlohmann::json teams_json(const std::vector<Team>& teams);
}  // namespace hulei::children
