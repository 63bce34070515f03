#pragma once
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/plan/plan_service.hpp"

namespace hulei::plan {

/// Mounts /api/v1/campaigns (parse, create, read, update, matrix, exports), /api/v1/tasks (read, update,
/// progress), /api/v1/progress/{id}/attachments and /api/v1/attachments/{id}.
void mount_routes(http::Router& r, PlanService& svc);

/// JSON of a to-do entry (the supervision module serves /api/v1/todo).
nlohmann::json todo_task_json(const TodoTask& t);

/// `attachment; filename="…"; filename*=UTF-8''…` for a download named `filename`.
std::string content_disposition(const std::string& filename);

}  // namespace hulei::plan
