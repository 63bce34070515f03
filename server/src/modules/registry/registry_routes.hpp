#pragma once
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/registry/registry_service.hpp"

namespace hulei::registry {
/// Mounts /api/v1/registry (records, a record's check-ins, the due check-ins): police only.
void mount_routes(http::Router& r, RegistryService& svc);
/// A record as JSON (masked fields as the service gave them; `birth_date` and `checkins` only when known).
nlohmann::json record_json(const Record& rec, bool full);
}  // namespace hulei::registry
