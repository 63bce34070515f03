#pragma once
// SQL of the children module (table children). Unit names are read from org's units by join.
#include <string_view>

namespace hulei::children::sql {

inline constexpr std::string_view kChildColumns =
    "SELECT c.id, c.name, c.sex, c.id_number_enc, c.id_index, c.birth_date, c.village_unit_id, v.name AS village_name, "
    "c.school_unit_id, s.name AS school_name, c.class_name, c.categories, c.guardian, c.guardian_sex, "
    "c.guardian_phone_enc, c.parents_workplace, c.carer, c.health_note, c.boarding, c.risk_level, c.status, "
    "c.archived_at, c.created_at, c.updated_at FROM children c JOIN units v ON v.id = c.village_unit_id "
    "LEFT JOIN units s ON s.id = c.school_unit_id";
inline constexpr std::string_view kCountChildren = "SELECT count(*) FROM children c";
inline constexpr std::string_view kChildById = " WHERE c.id = :1";
inline constexpr std::string_view kChildByIndex =
    "SELECT c.id, c.village_unit_id, v.name AS village_name FROM children c JOIN units v ON v.id = c.village_unit_id "
    "WHERE c.id_index = :1";
inline constexpr std::string_view kUnitById = "SELECT id, name, kind FROM units WHERE id = :1";
inline constexpr std::string_view kInsertChild =
    "INSERT INTO children (name, sex, id_number_enc, id_index, birth_date, village_unit_id, school_unit_id, "
    "class_name, "
    "categories, guardian, guardian_sex, guardian_phone_enc, parents_workplace, carer, health_note, boarding, "
    "risk_level, "
    "status, created_at, updated_at, created_by) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, "
    ":15, :16, :17, 'active', :18, :19, :20) RETURNING id";
inline constexpr std::string_view kUpdateChild =
    "UPDATE children SET name = :1, sex = :2, id_number_enc = :3, id_index = :4, birth_date = :5, village_unit_id = "
    ":6, "
    "school_unit_id = :7, class_name = :8, categories = :9, guardian = :10, guardian_sex = :11, guardian_phone_enc = "
    ":12, "
    "parents_workplace = :13, carer = :14, health_note = :15, boarding = :16, risk_level = :17, updated_at = :18 "
    "WHERE id = :19";
inline constexpr std::string_view kActiveBirths =
    "SELECT id, birth_date FROM children WHERE status = 'active' ORDER BY id";
inline constexpr std::string_view kArchiveChild =
    "UPDATE children SET status = 'archived', archived_at = :1, updated_at = :2 WHERE id = :3 AND status = 'active'";
inline constexpr std::string_view kAllForDuplicates =
    "SELECT c.id, c.name, c.birth_date, c.id_index, v.name AS village_name FROM children c "
    "JOIN units v ON v.id = c.village_unit_id WHERE c.status = 'active' ORDER BY c.id";
inline constexpr std::string_view kQualityFacts =
    "SELECT c.id, c.name, c.birth_date, c.village_unit_id, v.name AS village_name, c.school_unit_id, "
    "c.guardian_phone_enc, "
    "c.status FROM children c JOIN units v ON v.id = c.village_unit_id WHERE c.status = 'active' ORDER BY "
    "c.village_unit_id, c.id";

// ---- the case review (倒查) ----
inline constexpr std::string_view kReviewChildColumns =
    "SELECT c.id, c.village_unit_id, v.name AS village_name, c.status, c.created_at, c.archived_at, c.guardian "
    "FROM children c JOIN units v ON v.id = c.village_unit_id";
inline constexpr std::string_view kReviewChildById = " WHERE c.id = :1";
inline constexpr std::string_view kReviewChildByIndex = " WHERE c.id_index = :1";

}  // namespace hulei::children::sql
