#pragma once
// SQL of the screening module (tables screening_persons, screening_checks, screening_check_matches,
// screening_reviews). The registry's match keys are read from registry_match_keys, unit names from org's units.
#include <string_view>

namespace hulei::screening::sql {

inline constexpr std::string_view kUnitById = "SELECT id, name, kind FROM units WHERE id = :1";
inline constexpr std::string_view kMatchKey =
    "SELECT k.record_id, k.kind FROM registry_match_keys k JOIN registry_records r ON r.id = k.record_id "
    "WHERE k.key_index = :1 AND r.minor_at_offence = 0";
inline constexpr std::string_view kPersonByIndex =
    "SELECT id FROM screening_persons WHERE unit_id = :1 AND id_index = :2";
inline constexpr std::string_view kInsertPerson =
    "INSERT INTO screening_persons (unit_id, name_enc, id_number_enc, id_index, position, hired, consent_at, "
    "consent_by, last_status, last_checked_at, created_at, updated_at) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, "
    ":10, :11, :12) RETURNING id";
inline constexpr std::string_view kUpdatePerson =
    "UPDATE screening_persons SET name_enc = :1, id_number_enc = :2, position = :3, hired = :4, consent_at = :5, "
    "consent_by = :6, last_status = :7, last_checked_at = :8, updated_at = :9 WHERE id = :10";
inline constexpr std::string_view kInsertCheck =
    "INSERT INTO screening_checks (person_id, unit_id, status, purpose, checked_at, checked_by) "
    "VALUES (:1, :2, :3, :4, :5, :6) RETURNING id";
inline constexpr std::string_view kInsertMatch =
    "INSERT INTO screening_check_matches (check_id, record_id, kind) VALUES (:1, :2, :3)";
inline constexpr std::string_view kInsertReview =
    "INSERT INTO screening_reviews (check_id, status, created_at) VALUES (:1, 'open', :2) RETURNING id";
inline constexpr std::string_view kPersonsOfUnit =
    "SELECT id, name_enc, id_number_enc, position, hired, last_status, last_checked_at FROM screening_persons "
    "WHERE unit_id = :1 ORDER BY id";
inline constexpr std::string_view kReviewColumns =
    "SELECT v.id, v.check_id, v.status, v.created_at, c.unit_id, n.name AS unit_name, p.id AS person_id, "
    "p.name_enc, p.id_number_enc, p.position, p.hired "
    "FROM screening_reviews v JOIN screening_checks c ON c.id = v.check_id "
    "JOIN screening_persons p ON p.id = c.person_id JOIN units n ON n.id = c.unit_id";
inline constexpr std::string_view kOpenReviews = " WHERE v.status = 'open' ORDER BY v.created_at, v.id";
inline constexpr std::string_view kReviewById = " WHERE v.id = :1";
inline constexpr std::string_view kMatchesOf =
    "SELECT record_id FROM screening_check_matches WHERE check_id = :1 ORDER BY record_id";
/// Decides an open review; changes nothing when another officer decided first.
inline constexpr std::string_view kDecideReview =
    "UPDATE screening_reviews SET status = :1, officer_id = :2, note_enc = :3, decided_at = :4 "
    "WHERE id = :5 AND status = 'open'";
inline constexpr std::string_view kSetCheckStatus = "UPDATE screening_checks SET status = :1 WHERE id = :2";
/// The person's shown status follows the review only while that check is still the person's latest.
inline constexpr std::string_view kSetPersonStatus =
    "UPDATE screening_persons SET last_status = :1, updated_at = :2 WHERE id = :3 AND NOT EXISTS "
    "(SELECT 1 FROM screening_checks c WHERE c.person_id = :4 AND c.id > :5)";

// ---- purpose and abuse limits (issue 5 item 6; screening_anomalies) ----
/// Checks a unit made itself (monitoring re-checks excluded) since a moment.
inline constexpr std::string_view kUnitChecksSince =
    "SELECT COUNT(*) FROM screening_checks WHERE unit_id = :1 AND checked_at >= :2 AND purpose <> 'monitoring'";
inline constexpr std::string_view kHiredCount =
    "SELECT COUNT(*) FROM screening_persons WHERE unit_id = :1 AND hired = 1";
/// The checks since a moment (every unit) of the person with the same ID blind index as person :2.
inline constexpr std::string_view kPersonChecksSince =
    "SELECT COUNT(*) FROM screening_checks c JOIN screening_persons p ON p.id = c.person_id "
    "WHERE c.checked_at >= :1 AND c.purpose <> 'monitoring' "
    "AND p.id_index = (SELECT id_index FROM screening_persons WHERE id = :2)";
inline constexpr std::string_view kAnomalyExists =
    "SELECT 1 FROM screening_anomalies WHERE unit_id = :1 AND kind = :2 AND day = :3";
inline constexpr std::string_view kInsertAnomaly =
    "INSERT INTO screening_anomalies (unit_id, kind, day, checks, threshold, created_at) "
    "VALUES (:1, :2, :3, :4, :5, :6)";

// ---- the official channel and the annual coverage (screening_coverage.cpp) ----
inline constexpr std::string_view kPersonUnit = "SELECT unit_id FROM screening_persons WHERE id = :1";
inline constexpr std::string_view kInsertOfficial =
    "INSERT INTO screening_official_checks (person_id, unit_id, channel, query_date, reference, outcome, "
    "recorded_at, recorded_by) VALUES (:1, :2, :3, :4, :5, :6, :7, :8) RETURNING id";
inline constexpr std::string_view kLastOfficial =
    "SELECT id, channel, query_date, reference, outcome, recorded_at FROM screening_official_checks "
    "WHERE person_id = :1 ORDER BY query_date DESC, id DESC LIMIT 1";
/// Units a township-wide coverage lists: schools, and any unit that has screened staff.
inline constexpr std::string_view kCoverageUnits =
    "SELECT id, name FROM units WHERE kind = 'school' OR id IN (SELECT unit_id FROM screening_persons) ORDER BY id";
inline constexpr std::string_view kHiredOfUnit =
    "SELECT last_status, last_checked_at FROM screening_persons WHERE unit_id = :1 AND hired = 1";

// Monitoring (screening_alerts; screening_monitor.cpp).
/// The match keys of unsealed records, for the monitoring hook.
inline constexpr std::string_view kKeysOfRecord =
    "SELECT k.kind, k.key_index FROM registry_match_keys k JOIN registry_records r ON r.id = k.record_id "
    "WHERE k.record_id = :1 AND r.minor_at_offence = 0";
// A person's match keys (blind indexes, as registry_match_keys), rewritten at every check of the person.
inline constexpr std::string_view kDeletePersonKeys = "DELETE FROM screening_person_keys WHERE person_id = :1";
inline constexpr std::string_view kInsertPersonKey =
    "INSERT INTO screening_person_keys (person_id, kind, key_index) VALUES (:1, :2, :3) ON CONFLICT DO NOTHING";
inline constexpr std::string_view kSetPersonKeyed = "UPDATE screening_persons SET keyed = 1 WHERE id = :1";
/// Persons screened before their keys were stored (migration 0019): keyed once by the monitor.
inline constexpr std::string_view kUnkeyedPersons =
    "SELECT id, name_enc, id_number_enc FROM screening_persons WHERE keyed = 0 ORDER BY id";
/// The employed persons carrying key :1 of kind :2.
inline constexpr std::string_view kHiredPersonsWithKey =
    "SELECT p.id, p.unit_id, p.name_enc, p.last_status FROM screening_person_keys k "
    "JOIN screening_persons p ON p.id = k.person_id WHERE k.key_index = :1 AND k.kind = :2 AND p.hired = 1";
inline constexpr std::string_view kOpenAlertOf =
    "SELECT id FROM screening_alerts WHERE person_id = :1 AND record_id = :2 AND status = 'open'";
inline constexpr std::string_view kInsertMonitorCheck =
    "INSERT INTO screening_checks (person_id, unit_id, status, purpose, checked_at, checked_by) "
    "VALUES (:1, :2, :3, 'monitoring', :4, NULL) RETURNING id";
/// The status a monitoring re-check shows the unit; last_checked_at stays the unit's own (annual) check.
inline constexpr std::string_view kSetPersonMonitored =
    "UPDATE screening_persons SET last_status = :1, updated_at = :2 WHERE id = :3";
inline constexpr std::string_view kInsertAlert =
    "INSERT INTO screening_alerts (person_id, unit_id, record_id, check_id, action_id, kind, status, created_at) "
    "VALUES (:1, :2, :3, :4, :5, :6, 'open', :7) RETURNING id";
inline constexpr std::string_view kAlertColumns =
    "SELECT a.id, a.unit_id, n.name AS unit_name, a.person_id, p.name_enc, a.kind, a.status, a.created_at, "
    "a.action_id, a.closed_at FROM screening_alerts a JOIN screening_persons p ON p.id = a.person_id "
    "JOIN units n ON n.id = a.unit_id";
inline constexpr std::string_view kOpenAlerts = " WHERE a.status = 'open' ORDER BY a.created_at, a.id";
inline constexpr std::string_view kAlertById = " WHERE a.id = :1";
/// Closes an open alert; changes nothing when another officer closed it first.
inline constexpr std::string_view kCloseAlert =
    "UPDATE screening_alerts SET status = 'closed', closed_by = :1, closed_at = :2, close_note_enc = :3 "
    "WHERE id = :4 AND status = 'open'";

// ---- the case review (倒查) ----
/// An employer's (:1) checks of one person by the blind index of his ID number (:2).
inline constexpr std::string_view kReviewChecks =
    "SELECT c.checked_at, c.purpose FROM screening_checks c JOIN screening_persons p ON p.id = c.person_id "
    "WHERE p.unit_id = :1 AND p.id_index = :2 ORDER BY c.checked_at, c.id";
/// The same person's official-channel checks (query_date 'YYYY-MM-DD').
inline constexpr std::string_view kReviewOfficialChecks =
    "SELECT o.query_date FROM screening_official_checks o JOIN screening_persons p ON p.id = o.person_id "
    "WHERE p.unit_id = :1 AND p.id_index = :2 ORDER BY o.query_date, o.id";

}  // namespace hulei::screening::sql
