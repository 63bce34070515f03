#pragma once
// SQL of care teams (tables care_persons, care_assignments). Unit names come from org's units by join.
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

}  // namespace hulei::children::care_sql
