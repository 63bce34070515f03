#pragma once
// The to-do (GET /api/v1/todo): one page composed from several modules — plan tasks and supervision
// actions of the caller's units, visits due, the office's urgent follow-ups and mandatory reports waiting for
// the police or overdue — so that no module depends on another only to list its items.
#include <optional>
#include <vector>

#include "http/router.hpp"
#include "modules/cases/cases_service.hpp"
#include "modules/children/visit_service.hpp"
#include "modules/reports/reports_service.hpp"
#include "modules/supervision/supervision_service.hpp"

namespace hulei::app {

/// The sections of a caller's to-do; a section the caller may not see is absent (nullopt).
struct TodoPage {
    std::optional<supervision::Todo> work;                ///< plan tasks and 督办 actions (plan:campaign:list)
    std::optional<children::VisitDueSummary> visits_due;  ///< children:visit:list
    std::optional<std::vector<children::UrgentVisit>> urgent_visits;  ///< children:visit:ack, township
    std::optional<reports::ReportsTodo> reports;  ///< reports:report:handle (police), or reports:report:escalate (office)
    std::optional<std::vector<cases::SupportItem>> case_support;  ///< open support items (cases:support:list)
};

/// Composes the caller's to-do from the sections whose permission he holds; each service audits its reads.
TodoPage compose_todo(const security::Principal& p, supervision::SupervisionService& supervision,
                      children::VisitService& visits, reports::ReportsService& reports, cases::CasesService& cases);

/// Mounts GET /api/v1/todo for any signed-in user (an administrator gets an empty page).
void mount_todo_routes(http::Router& r, supervision::SupervisionService& supervision, children::VisitService& visits,
                       reports::ReportsService& reports, cases::CasesService& cases);

}  // namespace hulei::app
