#pragma once
// SQL of the registry module (tables registry_records, registry_match_keys, registry_checkins). Officers'
// names are read from org's users by join.
#include <string_view>

namespace hulei::registry::sql {

inline constexpr std::string_view kRecordColumns =
    "SELECT r.id, r.name_enc, r.sex, r.id_number_enc, r.birth_date, r.record_type, r.decision_date, "
    "r.decision_authority, r.minor_at_offence, r.release_date, r.control_status, r.managing_officer_id, "
    "o.display_name AS officer_name, r.next_checkin_due, r.created_at, r.updated_at "
    "FROM registry_records r LEFT JOIN users o ON o.id = r.managing_officer_id";
inline constexpr std::string_view kCountRecords = "SELECT count(*) FROM registry_records r";
inline constexpr std::string_view kRecordById = " WHERE r.id = :1";
inline constexpr std::string_view kRecordByKey =
    "SELECT id FROM registry_records WHERE id_index = :1 AND record_type = :2 AND decision_date = :3";
inline constexpr std::string_view kInsertRecord =
    "INSERT INTO registry_records (name_enc, name_index, sex, id_number_enc, id_index, birth_date, record_type, "
    "decision_date, decision_authority, minor_at_offence, release_date, control_status, managing_officer_id, "
    "next_checkin_due, created_at, updated_at, created_by, updated_by) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, "
    ":10, :11, :12, :13, :14, :15, :16, :17, :18) RETURNING id";
inline constexpr std::string_view kUpdateRecord =
    "UPDATE registry_records SET name_enc = :1, name_index = :2, sex = :3, id_number_enc = :4, id_index = :5, "
    "birth_date = :6, record_type = :7, decision_date = :8, decision_authority = :9, minor_at_offence = :10, "
    "release_date = :11, control_status = :12, managing_officer_id = :13, next_checkin_due = :14, updated_at = :15, "
    "updated_by = :16 WHERE id = :17";
inline constexpr std::string_view kDeleteMatchKeys = "DELETE FROM registry_match_keys WHERE record_id = :1";
inline constexpr std::string_view kInsertMatchKey =
    "INSERT INTO registry_match_keys (record_id, kind, key_index) VALUES (:1, :2, :3)";
/// A user who may manage a record: active, of a police station, holding the police role.
inline constexpr std::string_view kPoliceOfficer =
    "SELECT u.id, u.display_name FROM users u JOIN units n ON n.id = u.unit_id JOIN grants g ON g.user_id = u.id "
    "WHERE u.id = :1 AND u.active = 1 AND n.kind = 'police_station' AND g.role = 'police'";
inline constexpr std::string_view kCheckinsOf =
    "SELECT c.id, c.checkin_date, c.officer_id, u.display_name AS officer_name, c.note_enc, c.created_at "
    "FROM registry_checkins c JOIN users u ON u.id = c.officer_id WHERE c.record_id = :1 "
    "ORDER BY c.checkin_date DESC, c.id DESC";
inline constexpr std::string_view kInsertCheckin =
    "INSERT INTO registry_checkins (record_id, checkin_date, officer_id, note_enc, created_at, created_by) "
    "VALUES (:1, :2, :3, :4, :5, :6) RETURNING id";
inline constexpr std::string_view kSetNextDue =
    "UPDATE registry_records SET next_checkin_due = :1, updated_at = :2, updated_by = :3 WHERE id = :4";
/// Under control and due on or before :1 (YYYY-MM-DD), soonest first.
inline constexpr std::string_view kDue =
    " WHERE r.control_status = 'under_control' AND r.next_checkin_due IS NOT NULL AND r.next_checkin_due <= :1";

}  // namespace hulei::registry::sql
