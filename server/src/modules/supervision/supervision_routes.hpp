#pragma once
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/supervision/supervision_service.hpp"

namespace hulei::supervision {

/// Mounts /api/v1/supervision (issue, list, proposals, read, respond, close).
void mount_routes(http::Router& r, SupervisionService& svc);

/// JSON of an action, with its responses or without (lists, the to-do the app layer serves).
nlohmann::json action_json(const Action& a, bool with_responses);

}  // namespace hulei::supervision
