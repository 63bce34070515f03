#pragma once
// Plain types of care teams (四位一体): the care-person import summary, the outcome of an assignment run
// and each child's team as shown to a caller.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hulei::children {

/// One rejected row of a care-person sheet.
struct CareRejected {
    std::int64_t row = 0;
    std::string reason;
};

/// `hulei care import`: all or nothing, so `created` is 0 whenever something is rejected.
struct CareImportSummary {
    std::int64_t created = 0;
    std::vector<CareRejected> rejected;
};

struct TeamIncomplete {
    std::int64_t child_id = 0;
    std::string reason;
};

struct TeamShortfall {
    std::string unit;
    std::string seat;  ///< 儿童主任/村干部 | 教师 | 民警
    int female_needed = 0;
    int persons_needed = 0;
    std::string reason;  ///< "" for missing persons; set when the unit lacks something else (a covering station)
};

/// The outcome of `assign_teams` for the children in the caller's scope.
struct TeamAssignmentOutcome {
    std::int64_t assigned = 0;  ///< children in scope whose team is complete
    std::vector<TeamIncomplete> incomplete;
    std::vector<TeamShortfall> shortfalls;
    bool dry_run = false;
};

/// One member of a team; the guardian has role 监护人 and no person id.
struct TeamMember {
    std::string role;
    std::optional<std::int64_t> person_id;
    std::string name;
    std::optional<std::string> sex;
    std::optional<std::string> unit;
    std::optional<std::string> phone_masked;
};

struct Team {
    std::int64_t child_id = 0;
    std::string name;
    std::string sex;
    std::string village;
    std::vector<TeamMember> members;
};

/// One row of a care-person sheet as an import preview shows it (mirrors the ledger's ImportRow).
struct CareImportRow {
    std::int64_t row = 0;
    std::string action;  ///< create | reject
    std::string reason;  ///< why rejected; "" otherwise
    std::string name;
};

/// The preview (or result) of a care-person import through the console.
struct CareImportResult {
    std::vector<CareImportRow> rows;  ///< by sheet row
    std::int64_t created = 0, rejected = 0;
    bool committed = false;  ///< whether anything was written
};

/// A care person as listed: phone masked, the linked console account, and the children he serves now.
struct CarePersonView {
    std::int64_t id = 0;
    std::string name, sex, seat, role;
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::optional<std::string> phone_masked;
    bool active = true;
    std::optional<std::int64_t> user_id;
    std::string username, user_display_name;
    std::int64_t children = 0, girls = 0;  ///< active children on his teams, and how many of them girls
    std::int64_t released = 0;             ///< on an update: team seats released by it
};

/// A console account a care person of its unit may be linked to: names only (no grants, phone or logins).
struct CareAccount {
    std::int64_t id = 0;
    std::string username, display_name;
    std::optional<std::int64_t> linked_person_id;  ///< the active care person linked to it, if any
};

struct CarePersonQuery {
    std::optional<std::int64_t> unit_id;
    std::string seat;    ///< village | teacher | police | "" for any
    std::string q;       ///< part of a name
    std::string active;  ///< 1 (default) | 0 | all
    std::int64_t offset = 0, limit = 20;
};

struct CarePersonPage {
    std::vector<CarePersonView> items;
    std::int64_t total = 0;
};

/// Fields of a new care person or of an update (absent = unchanged on update).
struct CarePersonInput {
    std::optional<std::string> name, sex, role;
    std::optional<std::int64_t> unit_id;
    std::optional<std::optional<std::string>> phone;  ///< inner empty (null or ""): no phone
    std::optional<bool> active;
    std::optional<std::optional<std::int64_t>> user_id;  ///< inner empty (null): unlink
};

/// The villages one police station covers; `configured` false when it covers its township by default.
struct StationCoverage {
    std::int64_t station_id = 0;
    std::string station;
    bool configured = false;
    std::vector<std::pair<std::int64_t, std::string>> villages;  ///< (id, name), by id
};

/// The figures of one village (or the totals) on the dashboard.
struct DashboardFigures {
    std::int64_t children = 0, teams_complete = 0, teams_incomplete = 0, visits_overdue = 0, visits_due_soon = 0,
                 urgent_open = 0;
    std::map<std::string, std::int64_t> by_category;  ///< category code → children
};

struct DashboardVillage {
    std::int64_t id = 0;
    std::string name;
    DashboardFigures figures;
};

/// The children's dashboard of the caller's scope: totals and one entry per village with active children.
struct Dashboard {
    DashboardFigures totals;
    std::vector<DashboardVillage> villages;  ///< by village id
};

}  // namespace hulei::children
