#pragma once
// Plain types of the offender registry: a record as the police see it (masked in lists), inputs, list
// queries, check-ins, the due list and the import summary.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hulei::registry {

/// A user named in a record (the managing officer, the officer of a check-in).
struct OfficerRef {
    std::int64_t id = 0;
    std::string name;
};

/// One check-in (报到/走访核查) of a person under control.
struct Checkin {
    std::int64_t id = 0;
    std::string checkin_date;  ///< YYYY-MM-DD
    OfficerRef officer;
    std::optional<std::string> note;
    std::int64_t created_at = 0;
};

/// A registry record. In lists `name` and `id_number` are masked and `birth_date` is empty; read one
/// (with a purpose) gives them plain, with the check-ins.
struct Record {
    std::int64_t id = 0;
    std::string name;
    std::string sex;  ///< M | F
    std::string id_number;
    std::string birth_date;
    std::string record_type;  ///< code (registry_rules.hpp)
    std::string decision_date;
    std::string decision_authority;
    bool minor_at_offence = false;  ///< sealed (犯罪记录封存): no match keys, never matched
    std::optional<std::string> release_date;
    std::string control_status;  ///< none | under_control | ended
    std::optional<OfficerRef> managing_officer;
    std::optional<std::string> next_checkin_due;
    std::vector<Checkin> checkins;  ///< read one only, newest first
    std::int64_t created_at = 0, updated_at = 0;
};

/// Fields of a new record or of a correction (absent optionals are left unchanged on update; the inner
/// optional of a nullable field empty clears it).
struct RecordInput {
    std::optional<std::string> name, sex, id_number, birth_date, record_type, decision_date, decision_authority,
        control_status;
    std::optional<bool> minor_at_offence;
    std::optional<std::optional<std::string>> release_date, next_checkin_due;
    std::optional<std::optional<std::int64_t>> managing_officer_id;
};

struct RecordQuery {
    std::string q;            ///< a whole ID number, or a whole name (exact, by blind index); "" for any
    std::string record_type;  ///< a code or Chinese name; "" for any
    std::string control_status;
    std::string purpose;  ///< required with `q`
    std::int64_t offset = 0, limit = 20;
};

struct RecordPage {
    std::vector<Record> items;
    std::int64_t total = 0;
};

struct CheckinInput {
    std::optional<std::string> checkin_date;  ///< default today
    std::optional<std::string> note;
    std::optional<std::string> next_checkin_due;  ///< default checkin_date + policy registry.checkin_interval_days
};

/// A person under control whose next check-in is due (or overdue) — masked as in lists.
struct DueCheckin {
    std::int64_t record_id = 0;
    std::string name;       ///< masked
    std::string id_number;  ///< masked
    std::string record_type;
    std::optional<OfficerRef> managing_officer;
    std::string next_checkin_due;
    std::int64_t days_left = 0;  ///< negative when overdue
};

/// One rejected import row.
struct ImportRejection {
    std::int64_t row = 0;
    std::string reason;
};

/// What an import did: nothing when any row was rejected (all or nothing).
struct ImportSummary {
    std::int64_t created = 0, updated = 0;
    std::vector<ImportRejection> rejected;
    bool committed = false;
    /// Records created or corrected (for monitoring: re-match screened staff against them).
    std::vector<std::int64_t> affected_record_ids;
};

}  // namespace hulei::registry
