#pragma once
// Access to every module's service for the command line and the test runner.
#include "app/app.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/org/org_service.hpp"
#include "modules/policy/policy_service.hpp"

namespace hulei::app {

policy::PolicyService& policy_service(App& app);
auth::AuthService& auth_service(App& app);
org::OrgService& org_service(App& app);

}  // namespace hulei::app
