#pragma once
#include "http/router.hpp"
#include "modules/policy/policy_service.hpp"

namespace hulei::policy {
/// Mounts GET /api/v1/policies and PUT /api/v1/policies/{key}.
void mount_routes(http::Router& r, PolicyService& svc);
}  // namespace hulei::policy
