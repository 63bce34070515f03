#pragma once
// SQL of visits (table visits). Children and unit names come from the ledger's tables by join.
#include <string_view>

namespace hulei::children::visit_sql {

inline constexpr std::string_view kChildScope =
    "SELECT id, village_unit_id, school_unit_id, status FROM children WHERE id = :1";
inline constexpr std::string_view kPersonExists = "SELECT count(*) FROM care_persons WHERE id = :1 AND active = 1";
inline constexpr std::string_view kVisitColumns =
    "SELECT id, child_id, visited_at, visitor_person_id, visitor_user_id, method, findings, risks, follow_up, urgent, "
    "version, created_at, updated_at, created_by, updated_by FROM visits";
inline constexpr std::string_view kVisitById = " WHERE id = :1";
inline constexpr std::string_view kVisitsOfChild = " WHERE child_id = :1 ORDER BY visited_at DESC, id DESC";
inline constexpr std::string_view kInsertVisit =
    "INSERT INTO visits (child_id, visited_at, visitor_person_id, visitor_user_id, method, findings, risks, "
    "follow_up, urgent, version, created_at, updated_at, created_by, updated_by) VALUES (:1, :2, :3, :4, :5, :6, :7, "
    ":8, :9, 1, :10, :11, :12, :13) RETURNING id";
inline constexpr std::string_view kUpdateVisit =
    "UPDATE visits SET visited_at = :1, visitor_person_id = :2, method = :3, findings = :4, risks = :5, "
    "follow_up = :6, urgent = :7, version = version + 1, updated_at = :8, updated_by = :9 "
    "WHERE id = :10 AND version = :11";
inline constexpr std::string_view kDueChildren =
    "SELECT c.id, c.name, c.village_unit_id, v.name AS village_name, c.school_unit_id, c.categories, c.risk_level, "
    "c.created_at, (SELECT max(x.visited_at) FROM visits x WHERE x.child_id = c.id) AS last_visited_at "
    "FROM children c JOIN units v ON v.id = c.village_unit_id WHERE c.status = 'active'";

}  // namespace hulei::children::visit_sql
