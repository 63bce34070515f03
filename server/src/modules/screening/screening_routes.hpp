#pragma once
// HTTP routes of the screening module (从业查询).
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/screening/screening_service.hpp"

namespace hulei::screening {

void mount_routes(http::Router& r, ScreeningService& svc);

/// The employer's view of checks: `[{"row","name","status"}]` and nothing else (the CLI prints the same).
nlohmann::json outcomes_json(const std::vector<CheckOutcome>& outcomes);

}  // namespace hulei::screening
