#pragma once
#include "http/router.hpp"
#include "modules/children/children_service.hpp"

namespace hulei::children {
/// Mounts /api/v1/children (ledger, reveal, import, export, template, quality, archive-adults).
void mount_routes(http::Router& r, ChildrenService& svc);
}  // namespace hulei::children
