#pragma once
// SQL of the reports module (tables reports, report_attachments, report_events, report_escalations). Unit
// names and the tree come from org's units (read only).
#include <string_view>

namespace hulei::reports::sql {

inline constexpr std::string_view kUnitById = "SELECT id, name, kind FROM units WHERE id = :1";
inline constexpr std::string_view kUnitTree = "SELECT id, parent_id, kind FROM units ORDER BY id";
inline constexpr std::string_view kReceiptTaken = "SELECT 1 FROM reports WHERE receipt_code = :1";

inline constexpr std::string_view kInsertReport =
    "INSERT INTO reports (receipt_code, unit_id, unit_category, station_id, trigger_code, discovered_at, reported_at, "
    "late, narrative_enc, child_enc, suspect_enc, reporter_enc, status, created_at, updated_at) "
    "VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, 'received', :13, :14) RETURNING id";
inline constexpr std::string_view kInsertEvent =
    "INSERT INTO report_events (report_id, kind, detail, note_enc, at, by_user) VALUES (:1, :2, :3, :4, :5, :6)";

/// Every column a report view needs, with the unit's and the station's names.
inline constexpr std::string_view kReportColumns =
    "SELECT r.id, r.receipt_code, r.unit_id, u.name AS unit_name, r.unit_category, r.station_id, "
    "s.name AS station_name, r.trigger_code, r.discovered_at, r.reported_at, r.late, r.narrative_enc, r.child_enc, "
    "r.suspect_enc, r.status, r.accepted_at, r.outcome, r.outcome_at, r.feedback_at, r.filed_at, r.filed_department, "
    "r.attachment_count FROM reports r JOIN units u ON u.id = r.unit_id LEFT JOIN units s ON s.id = r.station_id";
inline constexpr std::string_view kById = " WHERE r.id = :1";
inline constexpr std::string_view kByReceipt = " WHERE r.receipt_code = :1";
inline constexpr std::string_view kAllNewestFirst = " ORDER BY r.reported_at DESC, r.id DESC";
inline constexpr std::string_view kOpenOldestFirst =
    " WHERE r.status <> 'concluded' OR r.feedback_at IS NULL ORDER BY r.reported_at, r.id";

inline constexpr std::string_view kReporterOf = "SELECT reporter_enc, unit_id, station_id FROM reports WHERE id = :1";
/// A report's discovery time, for a case's review (modules/cases).
inline constexpr std::string_view kDiscoveredAt = "SELECT discovered_at FROM reports WHERE id = :1";

/// Receipts of one unit: status and times only.
inline constexpr std::string_view kReceiptsOfUnit =
    "SELECT receipt_code, status, outcome, reported_at, late, accepted_at, feedback_at, outcome_at, filed_at, "
    "filed_department FROM reports WHERE unit_id = :1 ORDER BY reported_at DESC, id DESC";
inline constexpr std::string_view kReceiptByCode =
    "SELECT id, unit_id, receipt_code, status, outcome, reported_at, late, accepted_at, feedback_at, outcome_at, "
    "filed_at, filed_department FROM reports WHERE receipt_code = :1";

// ---- the police's steps; each changes nothing when the step was already taken ----
inline constexpr std::string_view kAccept =
    "UPDATE reports SET status = 'accepted', accepted_at = :1, accepted_by = :2, updated_at = :3 "
    "WHERE id = :4 AND status = 'received'";
inline constexpr std::string_view kOutcome =
    "UPDATE reports SET status = :1, outcome = :2, outcome_at = :3, updated_at = :4 "
    "WHERE id = :5 AND status = 'accepted'";
inline constexpr std::string_view kFeedback =
    "UPDATE reports SET feedback_at = COALESCE(feedback_at, :1), updated_at = :2 WHERE id = :3";
inline constexpr std::string_view kFiled =
    "UPDATE reports SET filed_at = :1, filed_department = :2, updated_at = :3 WHERE id = :4 AND filed_at IS NULL";

// ---- attachments ----
/// Takes one place for an attachment under the cap; 0 rows when the report is full.
inline constexpr std::string_view kTakeAttachmentPlace =
    "UPDATE reports SET attachment_count = attachment_count + 1 WHERE id = :1 AND attachment_count < :2";
inline constexpr std::string_view kInsertAttachment =
    "INSERT INTO report_attachments (report_id, filename, content_type, size, sha256, content_enc, created_at) "
    "VALUES (:1, :2, :3, :4, :5, :6, :7) RETURNING id";
inline constexpr std::string_view kAttachmentsOf =
    "SELECT id, filename, content_type, size, created_at FROM report_attachments WHERE report_id = :1 ORDER BY id";
inline constexpr std::string_view kAttachmentById =
    "SELECT a.id, a.report_id, a.filename, a.content_type, a.size, a.created_at, a.content_enc, r.station_id "
    "FROM report_attachments a JOIN reports r ON r.id = a.report_id WHERE a.id = :1";

inline constexpr std::string_view kEventsOf =
    "SELECT kind, detail, note_enc, at FROM report_events WHERE report_id = :1 ORDER BY at, id";

// ---- escalation ----
inline constexpr std::string_view kEscalationsOf =
    "SELECT step, action_id, created_at FROM report_escalations WHERE report_id = :1 ORDER BY created_at, step";
inline constexpr std::string_view kInsertEscalation =
    "INSERT INTO report_escalations (report_id, step, action_id, created_at, created_by) VALUES (:1, :2, :3, :4, :5)";

inline constexpr std::string_view kUnacceptedCount = "SELECT COUNT(*) FROM reports WHERE status = 'received'";

// ---- figures ----
inline constexpr std::string_view kFigureRows =
    "SELECT station_id, trigger_code, unit_category, reported_at, late, accepted_at, feedback_at FROM reports";

// ---- the case review (倒查) ----
/// One report's unit and clock, no content (the cases module's review; unknown ids give no row).
inline constexpr std::string_view kReviewFact =
    "SELECT r.id, r.unit_id, u.name AS unit_name, r.late, r.discovered_at, r.reported_at FROM reports r "
    "JOIN units u ON u.id = r.unit_id WHERE r.id = :1";

}  // namespace hulei::reports::sql
