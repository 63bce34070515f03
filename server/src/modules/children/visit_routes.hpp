#pragma once
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/children/visit_service.hpp"

namespace hulei::children {

/// Mounts /api/v1/children/{id}/visits, /api/v1/visits/due, /api/v1/visits/urgent, /api/v1/visits/{id}
/// (edit, photos, acknowledge) and /api/v1/visit-photos/{id}.
void mount_visit_routes(http::Router& r, VisitService& svc);

/// JSON of a line of the due list (also in the to-do, which the app layer serves).
nlohmann::json due_item_json(const VisitDueItem& d);
/// JSON of an unacknowledged urgent follow-up (also in the to-do).
nlohmann::json urgent_visit_json(const UrgentVisit& u);

}  // namespace hulei::children
