#pragma once
// The demo township's campaign: the seed plan imported through the same parse → resolve → create path
// as an upload, with its three overlapping phases and a few synthetic progress reports.
#include <cstdint>
#include <string_view>
#include <vector>

#include "modules/plan/plan_service.hpp"
#include "security/principal.hpp"

namespace hulei::plan {

/// The seed plan's text with the leading group's members named by post (no real person's name).
std::string_view demo_plan_text();

/// Imports the seed plan as 五团镇“利剑护蕾·雷霆行动” (2024-02-27 – 2024-12-31) on behalf of the coordinator
/// among `users` (else the system principal) and files a few reports as the demo users of the reporting
/// units (usernames officer, village, school, police, womens). Returns the campaign id.
std::int64_t seed_demo_campaign(PlanService& plan, const std::vector<security::Principal>& users);

}  // namespace hulei::plan
