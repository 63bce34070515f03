#pragma once
#include "http/router.hpp"
#include "modules/children/visit_service.hpp"

namespace hulei::children {
/// Mounts /api/v1/children/{id}/visits, /api/v1/visits/due and /api/v1/visits/{id}.
void mount_visit_routes(http::Router& r, VisitService& svc);
}  // namespace hulei::children
