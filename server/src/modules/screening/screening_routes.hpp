#pragma once
// HTTP routes of the screening module (从业查询).
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/screening/screening_coverage.hpp"
#include "modules/screening/screening_monitor.hpp"
#include "modules/screening/screening_service.hpp"

namespace hulei::screening {

void mount_routes(http::Router& r, ScreeningService& svc);
/// The official-channel record and the annual re-check coverage (JSON and .xlsx).
void mount_coverage_routes(http::Router& r, CoverageService& svc);
/// The monitoring alerts: the police and the office read them, the police close them.
void mount_alert_routes(http::Router& r, ScreeningMonitor& monitor);
/// An alert as the API and the CLI show it (the person's name masked, no record content).
nlohmann::json alert_json(const Alert& a);

/// The employer's view of checks: `[{"row","name","status"}]` and nothing else (the CLI prints the same).
nlohmann::json outcomes_json(const std::vector<CheckOutcome>& outcomes);

}  // namespace hulei::screening
