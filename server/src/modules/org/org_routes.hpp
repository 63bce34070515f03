#pragma once
#include "http/router.hpp"
#include "modules/org/org_service.hpp"

namespace hulei::org {
/// Mounts /api/v1/units, /api/v1/users (with grants) and /api/v1/roles.
void mount_routes(http::Router& r, OrgService& svc);
}  // namespace hulei::org
