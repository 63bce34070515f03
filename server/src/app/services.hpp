#pragma once
// Access to every module's service for the command line and the test runner.
#include "app/app.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/cases/cases_service.hpp"
#include "modules/children/care_service.hpp"
#include "modules/children/children_service.hpp"
#include "modules/children/visit_service.hpp"
#include "modules/org/org_service.hpp"
#include "modules/plan/plan_service.hpp"
#include "modules/policy/policy_service.hpp"
#include "modules/registry/registry_service.hpp"
#include "modules/reports/reports_service.hpp"
#include "modules/screening/screening_coverage.hpp"
#include "modules/screening/screening_monitor.hpp"
#include "modules/screening/screening_service.hpp"
#include "modules/supervision/supervision_service.hpp"

namespace hulei::app {

policy::PolicyService& policy_service(App& app);
auth::AuthService& auth_service(App& app);
org::OrgService& org_service(App& app);
plan::PlanService& plan_service(App& app);
supervision::SupervisionService& supervision_service(App& app);
children::ChildrenService& children_service(App& app);
children::CareService& care_service(App& app);
children::VisitService& visit_service(App& app);
registry::RegistryService& registry_service(App& app);
screening::ScreeningService& screening_service(App& app);
screening::CoverageService& screening_coverage(App& app);
screening::ScreeningMonitor& screening_monitor(App& app);
reports::ReportsService& reports_service(App& app);
cases::CasesService& cases_service(App& app);

}  // namespace hulei::app
