#pragma once
// HTTP routes of the mandatory reports module (强制报告).
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/reports/reports_service.hpp"

namespace hulei::reports {

/// Mounts /api/v1/reports (submit, the police's list), /api/v1/reports/receipts…, /api/v1/reports/overdue,
/// /api/v1/reports/stats, /api/v1/reports/{id}… and /api/v1/report-attachments/{id}.
void mount_routes(http::Router& r, ReportsService& svc);

/// A list line of a report for the police (child masked, no narrative); also in the to-do.
nlohmann::json report_json(const Report& rep);
/// An overdue line for the office (station and clock only); also in the to-do.
nlohmann::json overdue_json(const OverdueLine& line);

}  // namespace hulei::reports
