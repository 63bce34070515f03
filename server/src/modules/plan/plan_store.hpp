#pragma once
// SQL of the plan module (campaigns, campaign_phases, tasks, task_units, task_phases, progress_reports,
// progress_attachments). Positional placeholders, each number used once per statement.
#include <string_view>

namespace hulei::plan::sql {

// ---- campaigns ----
inline constexpr std::string_view kInsertCampaign =
    "INSERT INTO campaigns (name, doc_number, period_start, period_end, source_text, created_at, created_by, updated_at) "
    "VALUES (:1, :2, :3, :4, :5, :6, :7, :8) RETURNING id";
inline constexpr std::string_view kUpdateCampaign =
    "UPDATE campaigns SET name = :1, doc_number = :2, period_start = :3, period_end = :4, updated_at = :5 WHERE id = :6";
inline constexpr std::string_view kCampaignById =
    "SELECT id, name, doc_number, period_start, period_end, source_text, created_at FROM campaigns WHERE id = :1";
inline constexpr std::string_view kListCampaigns =
    "SELECT c.id, c.name, c.doc_number, c.period_start, c.period_end, c.created_at, "
    "(SELECT count(*) FROM tasks t WHERE t.campaign_id = c.id AND t.lead_unit_id IS NOT NULL) AS task_count "
    "FROM campaigns c ORDER BY c.id DESC";
inline constexpr std::string_view kCountTasksWithUnits =
    "SELECT count(*) FROM tasks WHERE campaign_id = :1 AND lead_unit_id IS NOT NULL";

// ---- phases ----
inline constexpr std::string_view kPhasesOfCampaign =
    "SELECT id, name, start_date, end_date FROM campaign_phases WHERE campaign_id = :1 ORDER BY seq, id";
inline constexpr std::string_view kInsertPhase =
    "INSERT INTO campaign_phases (campaign_id, seq, name, start_date, end_date) VALUES (:1, :2, :3, :4, :5) RETURNING id";
inline constexpr std::string_view kUpdatePhase =
    "UPDATE campaign_phases SET seq = :1, name = :2, start_date = :3, end_date = :4 WHERE id = :5";
inline constexpr std::string_view kRenamePhaseTemporarily =
    "UPDATE campaign_phases SET name = :1 WHERE id = :2";
inline constexpr std::string_view kDeletePhase = "DELETE FROM campaign_phases WHERE id = :1";

// ---- tasks ----
inline constexpr std::string_view kInsertTask =
    "INSERT INTO tasks (campaign_id, number, seq, depth, title, body, deadline_text, deadline_date, "
    "report_interval_days, lead_unit_id, created_at, updated_at) "
    "VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12) RETURNING id";
inline constexpr std::string_view kSetTaskParent = "UPDATE tasks SET parent_id = :1 WHERE id = :2";
inline constexpr std::string_view kUpdateTask =
    "UPDATE tasks SET title = :1, body = :2, deadline_text = :3, deadline_date = :4, report_interval_days = :5, "
    "lead_unit_id = :6, updated_at = :7 WHERE id = :8";
inline constexpr std::string_view kTasksOfCampaign =
    "SELECT id, campaign_id, parent_id, number, depth, title, body, deadline_text, deadline_date, "
    "report_interval_days, lead_unit_id FROM tasks WHERE campaign_id = :1 ORDER BY seq, id";
inline constexpr std::string_view kTaskById =
    "SELECT id, campaign_id, parent_id, number, depth, title, body, deadline_text, deadline_date, "
    "report_interval_days, lead_unit_id FROM tasks WHERE id = :1";

inline constexpr std::string_view kInsertTaskUnit =
    "INSERT INTO task_units (task_id, unit_id, seq, is_lead) VALUES (:1, :2, :3, :4)";
inline constexpr std::string_view kDeleteTaskUnits = "DELETE FROM task_units WHERE task_id = :1";
inline constexpr std::string_view kUnitsOfTask =
    "SELECT unit_id, is_lead FROM task_units WHERE task_id = :1 ORDER BY seq";
inline constexpr std::string_view kUnitsOfCampaignTasks =
    "SELECT tu.task_id, tu.unit_id, tu.is_lead FROM task_units tu JOIN tasks t ON t.id = tu.task_id "
    "WHERE t.campaign_id = :1 ORDER BY tu.task_id, tu.seq";

inline constexpr std::string_view kInsertTaskPhase = "INSERT INTO task_phases (task_id, phase_id) VALUES (:1, :2)";
inline constexpr std::string_view kDeleteTaskPhases = "DELETE FROM task_phases WHERE task_id = :1";
inline constexpr std::string_view kPhasesOfCampaignTasks =
    "SELECT tp.task_id, p.name FROM task_phases tp JOIN campaign_phases p ON p.id = tp.phase_id "
    "WHERE p.campaign_id = :1 ORDER BY tp.task_id, p.seq, p.id";

/// The tasks a unit is responsible for, across campaigns (the to-do list).
inline constexpr std::string_view kTasksOfUnit =
    "SELECT t.id, t.campaign_id, c.name AS campaign_name, c.period_start, t.number, t.title, t.deadline_date, "
    "t.report_interval_days FROM task_units tu JOIN tasks t ON t.id = tu.task_id "
    "JOIN campaigns c ON c.id = t.campaign_id WHERE tu.unit_id = :1 ORDER BY c.id, t.seq";

// ---- progress ----
inline constexpr std::string_view kInsertReport =
    "INSERT INTO progress_reports (task_id, unit_id, content, completed, reported_at, reported_by, reported_by_name) "
    "VALUES (:1, :2, :3, :4, :5, :6, :7) RETURNING id";
inline constexpr std::string_view kReportById =
    "SELECT id, task_id, unit_id, content, completed, reported_at, reported_by_name FROM progress_reports WHERE id = :1";
inline constexpr std::string_view kReportsOfTask =
    "SELECT id, task_id, unit_id, content, completed, reported_at, reported_by_name FROM progress_reports "
    "WHERE task_id = :1 ORDER BY reported_at DESC, id DESC";
/// Per (task, unit) of a campaign: the latest report and whether any report says completed.
inline constexpr std::string_view kReportAggOfCampaign =
    "SELECT r.task_id, r.unit_id, max(r.reported_at) AS last_at, max(r.completed) AS done "
    "FROM progress_reports r JOIN tasks t ON t.id = r.task_id WHERE t.campaign_id = :1 GROUP BY r.task_id, r.unit_id";
inline constexpr std::string_view kReportAggOfUnit =
    "SELECT task_id, unit_id, max(reported_at) AS last_at, max(completed) AS done FROM progress_reports "
    "WHERE unit_id = :1 GROUP BY task_id, unit_id";

inline constexpr std::string_view kInsertAttachment =
    "INSERT INTO progress_attachments (report_id, filename, content_type, size, sha256, content_base64, created_at, "
    "created_by) VALUES (:1, :2, :3, :4, :5, :6, :7, :8) RETURNING id";
inline constexpr std::string_view kCountAttachmentsOfReport =
    "SELECT count(*) FROM progress_attachments WHERE report_id = :1";
inline constexpr std::string_view kAttachmentsOfTask =
    "SELECT a.id, a.report_id, a.filename, a.content_type, a.size, a.sha256, a.created_at FROM progress_attachments a "
    "JOIN progress_reports r ON r.id = a.report_id WHERE r.task_id = :1 ORDER BY a.id";
inline constexpr std::string_view kAttachmentById =
    "SELECT a.id, a.report_id, a.filename, a.content_type, a.size, a.sha256, a.created_at, a.content_base64, "
    "r.task_id, r.unit_id FROM progress_attachments a JOIN progress_reports r ON r.id = a.report_id WHERE a.id = :1";

}  // namespace hulei::plan::sql
