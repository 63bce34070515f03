#pragma once
// SQL of the supervision module (supervision_actions, supervision_responses).
#include <string_view>

namespace hulei::supervision::sql {

inline constexpr std::string_view kInsertAction =
    "INSERT INTO supervision_actions (kind, unit_id, campaign_id, task_id, title, content, deadline, findings, status, "
    "created_at, created_by, created_by_name) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, 'open', :9, :10, :11) RETURNING id";
inline constexpr std::string_view kActionById =
    "SELECT a.id, a.kind, a.unit_id, a.campaign_id, a.task_id, a.title, a.content, a.deadline, a.findings, a.status, "
    "a.created_at, a.created_by_name, a.closed_at, a.closed_by_name, a.close_note, "
    "(SELECT count(*) FROM supervision_responses r WHERE r.action_id = a.id) AS response_count "
    "FROM supervision_actions a WHERE a.id = :1";
/// Filters: campaign (0 = any), unit (0 = any), status ('' = any); newest first.
inline constexpr std::string_view kListActions =
    "SELECT a.id, a.kind, a.unit_id, a.campaign_id, a.task_id, a.title, a.content, a.deadline, a.findings, a.status, "
    "a.created_at, a.created_by_name, a.closed_at, a.closed_by_name, a.close_note, "
    "(SELECT count(*) FROM supervision_responses r WHERE r.action_id = a.id) AS response_count "
    "FROM supervision_actions a WHERE (:1 = 0 OR a.campaign_id = :2) AND (:3 = 0 OR a.unit_id = :4) "
    "AND (:5 = '' OR a.status = :6) ORDER BY a.id DESC";
/// Nearest deadline first, actions without one after (NULLs sort first in SQLite, last in PostgreSQL).
inline constexpr std::string_view kOpenActionsOfUnit =
    "SELECT a.id, a.kind, a.unit_id, a.campaign_id, a.task_id, a.title, a.content, a.deadline, a.findings, a.status, "
    "a.created_at, a.created_by_name, a.closed_at, a.closed_by_name, a.close_note, "
    "(SELECT count(*) FROM supervision_responses r WHERE r.action_id = a.id) AS response_count "
    "FROM supervision_actions a WHERE a.unit_id = :1 AND a.status = 'open' "
    "ORDER BY CASE WHEN a.deadline IS NULL THEN 1 ELSE 0 END, a.deadline, a.id";
/// Ladder actions tied to a task, for the escalation proposals.
inline constexpr std::string_view kLadderActions =
    "SELECT id, kind, task_id, unit_id, created_at FROM supervision_actions "
    "WHERE task_id IS NOT NULL AND kind IN ('notice', 'warning', 'listed') ORDER BY id";
inline constexpr std::string_view kCloseAction =
    "UPDATE supervision_actions SET status = 'closed', closed_at = :1, closed_by = :2, closed_by_name = :3, "
    "close_note = :4 WHERE id = :5 AND status = 'open'";

inline constexpr std::string_view kInsertResponse =
    "INSERT INTO supervision_responses (action_id, unit_id, content, created_at, created_by, created_by_name) "
    "VALUES (:1, :2, :3, :4, :5, :6) RETURNING id";
inline constexpr std::string_view kResponsesOfAction =
    "SELECT id, action_id, unit_id, content, created_at, created_by_name FROM supervision_responses "
    "WHERE action_id = :1 ORDER BY id";

}  // namespace hulei::supervision::sql
