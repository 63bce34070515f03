#pragma once
#include "http/router.hpp"
#include "modules/supervision/supervision_service.hpp"

namespace hulei::supervision {
/// Mounts /api/v1/supervision (issue, list, proposals, read, respond, close) and /api/v1/todo.
void mount_routes(http::Router& r, SupervisionService& svc);
}  // namespace hulei::supervision
