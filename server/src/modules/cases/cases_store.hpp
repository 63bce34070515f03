#pragma once
// SQL of the cases module (tables cases, case_reports, case_stages, case_evidence, case_support_items,
// case_review_actions). Unit names and kinds come from org's units, a ledger child's existence from children
// (read only).
#include <string_view>

namespace hulei::cases::sql {

inline constexpr std::string_view kUnitById = "SELECT id, name, kind FROM units WHERE id = :1";
inline constexpr std::string_view kChildExists = "SELECT 1 FROM children WHERE id = :1";

inline constexpr std::string_view kInsertCase =
    "INSERT INTO cases (station_id, crime_type, stage, accepted_on, victim_enc, victim_village_id, victim_child_id, "
    "narrative_enc, suspect_enc, suspect_relation, suspect_works_with_minors, suspect_employer_unit_id, "
    "suspect_hired_on, created_at, created_by, updated_at) "
    "VALUES (:1, :2, 'accepted', :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15) RETURNING id";

/// Every column a case view needs, with the station's, the village's and the employer's names.
inline constexpr std::string_view kCaseColumns =
    "SELECT c.id, c.station_id, s.name AS station_name, c.crime_type, c.stage, c.accepted_on, c.victim_enc, "
    "c.victim_village_id, v.name AS village_name, c.victim_child_id, c.narrative_enc, c.suspect_enc, "
    "c.suspect_relation, c.suspect_works_with_minors, c.suspect_employer_unit_id, e.name AS employer_name, "
    "c.suspect_hired_on, c.registry_record_id, c.created_at, c.updated_at FROM cases c "
    "JOIN units s ON s.id = c.station_id LEFT JOIN units v ON v.id = c.victim_village_id "
    "LEFT JOIN units e ON e.id = c.suspect_employer_unit_id";
inline constexpr std::string_view kById = " WHERE c.id = :1";
inline constexpr std::string_view kNewestFirst = " ORDER BY c.created_at DESC, c.id DESC";

inline constexpr std::string_view kUpdateSuspect =
    "UPDATE cases SET suspect_enc = :1, suspect_relation = :2, suspect_works_with_minors = :3, "
    "suspect_employer_unit_id = :4, suspect_hired_on = :5, updated_at = :6 WHERE id = :7";

// ---- reports ----
inline constexpr std::string_view kInsertCaseReport =
    "INSERT INTO case_reports (report_id, case_id, linked_at, linked_by) VALUES (:1, :2, :3, :4)";
inline constexpr std::string_view kCaseOfReport = "SELECT case_id FROM case_reports WHERE report_id = :1";
inline constexpr std::string_view kReportsOf =
    "SELECT report_id FROM case_reports WHERE case_id = :1 ORDER BY report_id";

// ---- stages ----
inline constexpr std::string_view kInsertStage =
    "INSERT INTO case_stages (case_id, stage, stage_date, convicted, court, recorded_at, recorded_by) "
    "VALUES (:1, :2, :3, :4, :5, :6, :7)";
inline constexpr std::string_view kStagesOf =
    "SELECT stage, stage_date, convicted, court, recorded_at FROM case_stages WHERE case_id = :1 ORDER BY id";
inline constexpr std::string_view kLastStageDate =
    "SELECT stage_date FROM case_stages WHERE case_id = :1 ORDER BY id DESC LIMIT 1";
/// Moves a case on; 0 rows when another request moved it first.
inline constexpr std::string_view kMoveStage =
    "UPDATE cases SET stage = :1, registry_record_id = COALESCE(:2, registry_record_id), updated_at = :3 "
    "WHERE id = :4 AND stage = :5";

// ---- evidence ----
inline constexpr std::string_view kInsertEvidence =
    "INSERT INTO case_evidence (case_id, held_at, place, attendees, recorded_at, recorded_by) "
    "VALUES (:1, :2, :3, :4, :5, :6) RETURNING id";
inline constexpr std::string_view kEvidenceOf =
    "SELECT id, held_at, place, attendees, recorded_at FROM case_evidence WHERE case_id = :1 ORDER BY held_at, id";

// ---- support items ----
inline constexpr std::string_view kInsertSupport =
    "INSERT INTO case_support_items (case_id, kind, unit_id, status, opened_at, opened_by) "
    "VALUES (:1, :2, :3, 'open', :4, :5) RETURNING id";
inline constexpr std::string_view kSupportColumns =
    "SELECT i.id, i.case_id, i.kind, i.unit_id, u.name AS unit_name, i.status, i.opened_at, i.closed_at, "
    "i.close_note_enc, c.crime_type, c.station_id, s.name AS station_name FROM case_support_items i "
    "JOIN units u ON u.id = i.unit_id JOIN cases c ON c.id = i.case_id JOIN units s ON s.id = c.station_id";
inline constexpr std::string_view kSupportOfCase = " WHERE i.case_id = :1 ORDER BY i.id";
inline constexpr std::string_view kSupportById = " WHERE i.id = :1";
inline constexpr std::string_view kSupportAll = " ORDER BY i.status DESC, i.opened_at, i.id";
inline constexpr std::string_view kCloseSupport =
    "UPDATE case_support_items SET status = 'closed', closed_at = :1, closed_by = :2, close_note_enc = :3 "
    "WHERE id = :4 AND status = 'open'";

// ---- review ----
inline constexpr std::string_view kReviewActionsOf =
    "SELECT check_key, action_id FROM case_review_actions WHERE case_id = :1";
inline constexpr std::string_view kInsertReviewAction =
    "INSERT INTO case_review_actions (case_id, check_key, action_id, created_at, created_by) "
    "VALUES (:1, :2, :3, :4, :5)";

// ---- figures ----
inline constexpr std::string_view kFigureRows = "SELECT station_id, crime_type, stage FROM cases";

}  // namespace hulei::cases::sql
