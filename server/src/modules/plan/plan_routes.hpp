#pragma once
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/plan/plan_service.hpp"

namespace hulei::plan {

/// Mounts /api/v1/campaigns (parse, create, read, update, matrix, exports), /api/v1/tasks (read, update,
/// progress), /api/v1/progress/{id}/attachments and /api/v1/attachments/{id}.
void mount_routes(http::Router& r, PlanService& svc);

/// JSON of a to-do entry (the app layer serves /api/v1/todo).
nlohmann::json todo_task_json(const TodoTask& t);

}  // namespace hulei::plan
