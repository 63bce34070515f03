#pragma once
// SQL of visits (tables visits, visit_photos). Children and unit names come from the ledger's tables by join,
// the team of a care person from care_assignments, and display names of accounts from users.
#include <string_view>

namespace hulei::children::visit_sql {

inline constexpr std::string_view kChildScope =
    "SELECT id, village_unit_id, school_unit_id, status FROM children WHERE id = :1";
/// A visit's named care person (:2), if active: his unit, its kind and whether he is on the child's (:1) team.
inline constexpr std::string_view kVisitorPerson =
    "SELECT p.unit_id, u.kind AS unit_kind, (SELECT count(*) FROM care_assignments a WHERE a.person_id = p.id "
    "AND a.child_id = :1) AS on_team FROM care_persons p JOIN units u ON u.id = p.unit_id "
    "WHERE p.id = :2 AND p.active = 1";
inline constexpr std::string_view kVisitColumns =
    "SELECT v.id, v.child_id, v.visited_at, v.visitor_person_id, v.visitor_user_id, v.method, v.findings, v.risks, "
    "v.follow_up, v.urgent, v.suspected_harm, v.urgent_ack_at, v.urgent_ack_by, v.urgent_ack_note, "
    "ack.display_name AS urgent_ack_by_name, v.version, v.created_at, v.updated_at, v.created_by, v.updated_by "
    "FROM visits v LEFT JOIN users ack ON ack.id = v.urgent_ack_by";
inline constexpr std::string_view kVisitById = " WHERE v.id = :1";
/// The visit a phone created under its client_id (a retried create is answered with it).
inline constexpr std::string_view kVisitByClientId = " WHERE v.client_id = :1";
inline constexpr std::string_view kVisitsOfChild = " WHERE v.child_id = :1 ORDER BY v.visited_at DESC, v.id DESC";
inline constexpr std::string_view kInsertVisit =
    "INSERT INTO visits (child_id, visited_at, visitor_person_id, visitor_user_id, method, findings, risks, "
    "follow_up, urgent, suspected_harm, version, created_at, updated_at, created_by, updated_by, client_id) VALUES "
    "(:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, 1, :11, :12, :13, :14, :15) RETURNING id";
/// An edit, checked against the base version. The office's acknowledgement is not touched (it does not change
/// the version, so an edit must not write back what it read of it).
inline constexpr std::string_view kUpdateVisit =
    "UPDATE visits SET visited_at = :1, visitor_person_id = :2, method = :3, findings = :4, risks = :5, "
    "follow_up = :6, urgent = :7, suspected_harm = :8, version = version + 1, updated_at = :9, updated_by = :10 "
    "WHERE id = :11 AND version = :12";
/// An edit made the follow-up urgent again: back on the office's list.
inline constexpr std::string_view kClearAcknowledgement =
    "UPDATE visits SET urgent_ack_at = NULL, urgent_ack_by = NULL, urgent_ack_note = NULL WHERE id = :1";
inline constexpr std::string_view kDueChildren =
    "SELECT c.id, c.name, c.village_unit_id, v.name AS village_name, c.school_unit_id, c.categories, c.risk_level, "
    "c.created_at, (SELECT max(x.visited_at) FROM visits x WHERE x.child_id = c.id) AS last_visited_at "
    "FROM children c JOIN units v ON v.id = c.village_unit_id WHERE c.status = 'active'";
/// Children on the teams of the active care persons linked to an account.
inline constexpr std::string_view kTeamChildrenOfUser =
    "SELECT DISTINCT a.child_id FROM care_assignments a JOIN care_persons p ON p.id = a.person_id "
    "WHERE p.user_id = :1 AND p.active = 1";

// ---- urgent follow-ups --------------------------------------------------------------------------------
inline constexpr std::string_view kUrgentOpen =
    "SELECT v.id, v.child_id, v.visited_at, v.follow_up, v.suspected_harm, c.name AS child_name, c.village_unit_id, "
    "un.name AS village_name, u.display_name AS recorded_by FROM visits v JOIN children c ON c.id = v.child_id "
    "JOIN units un ON un.id = c.village_unit_id LEFT JOIN users u ON u.id = v.visitor_user_id "
    "WHERE v.urgent = 1 AND v.urgent_ack_at IS NULL ORDER BY v.visited_at, v.id";
inline constexpr std::string_view kAcknowledge =
    "UPDATE visits SET urgent_ack_at = :1, urgent_ack_by = :2, urgent_ack_note = :3 "
    "WHERE id = :4 AND urgent = 1 AND urgent_ack_at IS NULL";

// ---- photos -------------------------------------------------------------------------------------------
inline constexpr std::string_view kPhotosOfVisit =
    "SELECT id, visit_id, filename, content_type, size, created_at FROM visit_photos WHERE visit_id = :1 ORDER BY id";
inline constexpr std::string_view kPhotosOfChild =
    "SELECT p.id, p.visit_id, p.filename, p.content_type, p.size, p.created_at FROM visit_photos p "
    "JOIN visits v ON v.id = p.visit_id WHERE v.child_id = :1 ORDER BY p.id";
/// Takes one of the visit's photo places (:2 = policy visits.photos_per_visit): one row changed, or none when the
/// visit is full. Atomic, so concurrent uploads cannot pass the cap together; run in the insert's transaction.
inline constexpr std::string_view kTakePhotoPlace =
    "UPDATE visits SET photo_count = photo_count + 1 WHERE id = :1 AND photo_count < :2";
inline constexpr std::string_view kInsertPhoto =
    "INSERT INTO visit_photos (visit_id, filename, content_type, size, sha256, content_enc, created_at, created_by, "
    "client_id) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9) RETURNING id";
/// The photo a phone uploaded to a visit under its client_id (a retried upload is answered with it).
inline constexpr std::string_view kPhotoByClientId =
    "SELECT id, visit_id, filename, content_type, size, created_at FROM visit_photos "
    "WHERE visit_id = :1 AND client_id = :2";
inline constexpr std::string_view kPhotoById =
    "SELECT p.id, p.visit_id, p.filename, p.content_type, p.size, p.created_at, p.content_enc, v.child_id "
    "FROM visit_photos p JOIN visits v ON v.id = p.visit_id WHERE p.id = :1";

// ---- the case review (倒查) -----------------------------------------------------------------------------
inline constexpr std::string_view kReviewChild = "SELECT categories, risk_level FROM children WHERE id = :1";
inline constexpr std::string_view kReviewLastVisit =
    "SELECT max(visited_at) AS last_visited_at FROM visits WHERE child_id = :1 AND visited_at <= :2";
/// Visits that recorded suspected harm, with the unit that knew: the named care person's, else the recording
/// account's (org's users and units, read only).
inline constexpr std::string_view kReviewHarmVisits =
    "SELECT v.visited_at, coalesce(p.unit_id, u.unit_id) AS unit_id, n.name AS unit_name FROM visits v "
    "LEFT JOIN care_persons p ON p.id = v.visitor_person_id "
    "LEFT JOIN users u ON u.id = coalesce(v.visitor_user_id, v.created_by) "
    "LEFT JOIN units n ON n.id = coalesce(p.unit_id, u.unit_id) "
    "WHERE v.child_id = :1 AND v.suspected_harm = 1 ORDER BY v.visited_at, v.id";

}  // namespace hulei::children::visit_sql
