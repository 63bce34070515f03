#pragma once
// SQL of care teams (tables care_persons, care_assignments, police_coverage) and of the children's dashboard.
// Unit names come from org's units, account names from org's users (for the persons' link), by join or read.
#include <string_view>

namespace hulei::children::care_sql {

inline constexpr std::string_view kUnits = "SELECT id, parent_id, name, kind FROM units ORDER BY id";
inline constexpr std::string_view kActiveChildren =
    "SELECT c.id, c.name, c.sex, c.village_unit_id, c.school_unit_id, c.guardian, c.guardian_sex, "
    "c.guardian_phone_enc FROM children c WHERE c.status = 'active' ORDER BY c.id";
inline constexpr std::string_view kActivePersons =
    "SELECT id, name, sex, seat, unit_id FROM care_persons WHERE active = 1 ORDER BY id";
inline constexpr std::string_view kAllAssignments =
    "SELECT a.child_id, a.seat, a.person_id FROM care_assignments a JOIN children c ON c.id = a.child_id "
    "WHERE c.status = 'active' ORDER BY a.child_id";
inline constexpr std::string_view kDeleteAssignment = "DELETE FROM care_assignments WHERE child_id = :1 AND seat = :2";
inline constexpr std::string_view kInsertAssignment =
    "INSERT INTO care_assignments (child_id, seat, person_id, assigned_at) VALUES (:1, :2, :3, :4)";
inline constexpr std::string_view kInsertPerson =
    "INSERT INTO care_persons (name, sex, seat, role, unit_id, phone_enc, active, created_at) "
    "VALUES (:1, :2, :3, :4, :5, :6, 1, :7)";
inline constexpr std::string_view kPersonExists =
    "SELECT count(*) FROM care_persons WHERE name = :1 AND unit_id = :2 AND role = :3 AND active = 1";
inline constexpr std::string_view kTeamChildren =
    "SELECT c.id, c.name, c.sex, c.village_unit_id, v.name AS village_name, c.school_unit_id, c.guardian, "
    "c.guardian_sex, c.guardian_phone_enc FROM children c JOIN units v ON v.id = c.village_unit_id "
    "WHERE c.status = 'active'";
inline constexpr std::string_view kTeamMembers =
    "SELECT a.child_id, a.seat, p.id AS person_id, p.name, p.sex, p.role, p.phone_enc, u.name AS unit_name "
    "FROM care_assignments a JOIN care_persons p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id "
    "JOIN children c ON c.id = a.child_id WHERE c.status = 'active' ORDER BY a.child_id";

// ---- care persons (management) ----
inline constexpr std::string_view kPersonColumns =
    "SELECT p.id, p.name, p.sex, p.seat, p.role, p.unit_id, u.name AS unit_name, u.kind AS unit_kind, p.phone_enc, "
    "p.active, p.user_id, us.username, us.display_name AS user_display_name, coalesce(l.children, 0) AS children, "
    "coalesce(l.girls, 0) AS girls FROM care_persons p JOIN units u ON u.id = p.unit_id "
    "LEFT JOIN users us ON us.id = p.user_id "
    "LEFT JOIN (SELECT a.person_id, count(*) AS children, sum(CASE WHEN c.sex = 'F' THEN 1 ELSE 0 END) AS girls "
    "FROM care_assignments a JOIN children c ON c.id = a.child_id WHERE c.status = 'active' GROUP BY a.person_id) l "
    "ON l.person_id = p.id";
inline constexpr std::string_view kCountPersons = "SELECT count(*) FROM care_persons p";
inline constexpr std::string_view kPersonById = " WHERE p.id = :1";
inline constexpr std::string_view kUnitById = "SELECT id, name, kind FROM units WHERE id = :1";
// Console accounts (org's users, read as the persons' link needs them): only names, unit, state and the active
// care person linked to the account (the lowest id when several); callers append kAccountById or
// kActiveAccountsOfUnit.
inline constexpr std::string_view kAccountColumns =
    "SELECT us.id, us.username, us.display_name, us.unit_id, us.active, "
    "(SELECT min(lp.id) FROM care_persons lp WHERE lp.user_id = us.id AND lp.active = 1) AS linked_person_id "
    "FROM users us";
inline constexpr std::string_view kAccountById = " WHERE us.id = :1";
inline constexpr std::string_view kActiveAccountsOfUnit = " WHERE us.unit_id = :1 AND us.active = 1 ORDER BY us.id";
inline constexpr std::string_view kInsertPersonLinked =
    "INSERT INTO care_persons (name, sex, seat, role, unit_id, phone_enc, active, created_at, user_id) "
    "VALUES (:1, :2, :3, :4, :5, :6, 1, :7, :8) RETURNING id";
inline constexpr std::string_view kUpdatePerson =
    "UPDATE care_persons SET name = :1, sex = :2, role = :3, phone_enc = :4, active = :5, user_id = :6 WHERE id = :7";
inline constexpr std::string_view kOtherPersonExists =
    "SELECT count(*) FROM care_persons WHERE name = :1 AND unit_id = :2 AND role = :3 AND active = 1 AND id <> :4";
inline constexpr std::string_view kAssignmentsOfPerson = "SELECT count(*) FROM care_assignments WHERE person_id = :1";
inline constexpr std::string_view kReleaseAssignments = "DELETE FROM care_assignments WHERE person_id = :1";

// ---- police coverage ----
inline constexpr std::string_view kCoverageRows =
    "SELECT station_id, village_id FROM police_coverage ORDER BY station_id, village_id";
inline constexpr std::string_view kDeleteCoverage = "DELETE FROM police_coverage WHERE station_id = :1";
inline constexpr std::string_view kInsertCoverage =
    "INSERT INTO police_coverage (station_id, village_id) VALUES (:1, :2)";

// ---- dashboard ----
// Active children counted by village, categories, risk level, team state and the Shanghai day (UTC+8, whole
// days since the epoch) of the last visit or else of the record: one pass, no per-child query. Callers append
// the scope (on c.) before kDashboardGroupsEnd.
inline constexpr std::string_view kDashboardGroups =
    "SELECT t.village_unit_id, t.village_name, t.categories, t.risk_level, t.base_day, t.complete, count(*) AS n "
    "FROM (SELECT c.village_unit_id, v.name AS village_name, c.categories, c.risk_level, "
    "(coalesce(lv.last_visit, c.created_at) + 28800000) / 86400000 AS base_day, "
    "CASE WHEN coalesce(ta.seats, 0) >= 3 AND c.guardian IS NOT NULL AND trim(c.guardian) <> '' THEN 1 ELSE 0 END "
    "AS complete FROM children c JOIN units v ON v.id = c.village_unit_id "
    "LEFT JOIN (SELECT child_id, max(visited_at) AS last_visit FROM visits GROUP BY child_id) lv "
    "ON lv.child_id = c.id "
    "LEFT JOIN (SELECT child_id, count(DISTINCT seat) AS seats FROM care_assignments GROUP BY child_id) ta "
    "ON ta.child_id = c.id WHERE c.status = 'active'";
inline constexpr std::string_view kDashboardGroupsEnd =
    ") t GROUP BY t.village_unit_id, t.village_name, t.categories, t.risk_level, t.base_day, t.complete "
    "ORDER BY t.village_unit_id";
/// Unacknowledged urgent visits of active children per village; callers append the scope and kUrgentEnd.
inline constexpr std::string_view kDashboardUrgent =
    "SELECT c.village_unit_id, count(*) AS n FROM visits x JOIN children c ON c.id = x.child_id "
    "WHERE x.urgent = 1 AND x.urgent_ack_at IS NULL AND c.status = 'active'";
inline constexpr std::string_view kDashboardUrgentEnd = " GROUP BY c.village_unit_id";

// ---- the case review (倒查) ----
/// The team seats (village | teacher | police) of a child filled at a time (:2): assigned then and still held.
inline constexpr std::string_view kReviewSeatsAt =
    "SELECT count(DISTINCT seat) FROM care_assignments WHERE child_id = :1 AND assigned_at <= :2 "
    "AND seat IN ('village', 'teacher', 'police')";

}  // namespace hulei::children::care_sql
