#pragma once
#include "http/router.hpp"
#include "modules/audit/audit_service.hpp"

namespace hulei::audit_log {
/// Mounts GET /api/v1/audit and GET /api/v1/audit/verify.
void mount_routes(http::Router& r, AuditLogService& svc);
}  // namespace hulei::audit_log
