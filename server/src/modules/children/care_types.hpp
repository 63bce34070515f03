#pragma once
// Plain types of care teams (四位一体): the care-person import summary, the outcome of an assignment run
// and each child's team as shown to a caller.
#include <cstdint>
#include <optional>
#include <string>
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

}  // namespace hulei::children
