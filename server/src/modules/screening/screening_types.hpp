#pragma once
// Plain types of employment screening (从业查询): a person submitted for a check, what the employer is told,
// the unit's staff list, and a pending review as the police see it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/registry/registry_types.hpp"

namespace hulei::screening {

/// One person to check, as the unit typed it.
struct PersonInput {
    std::string name;
    std::string id_number;  ///< as typed: full-width digits, spaces, lower-case x and 15 digits are accepted
    std::string position;
    bool hired = false;  ///< employed (在职) or applying (拟聘)
};

/// The unit's written-consent confirmation and the unit checked for.
struct CheckRequest {
    std::optional<std::int64_t> unit_id;  ///< default: the caller's own unit
    bool consent_confirmed = false;       ///< the person's written consent is on file (required)
};

/// What the employer is told about one person: the status only (never a record, never that a name matched).
struct CheckOutcome {
    std::int64_t row = 0;  ///< 1 for a single person; the sheet's row number for a sheet
    std::string name;      ///< as submitted
    std::string status;    ///< clear | pending_review | hit | invalid_id
    std::int64_t person_id = 0;
    std::int64_t check_id = 0;
};

/// The result of a national query through the county education bureau or the police (the official channel).
struct OfficialCheck {
    std::int64_t id = 0;
    std::int64_t person_id = 0;
    std::string channel;    ///< 教育局 | 公安机关
    std::string date;       ///< YYYY-MM-DD, not in the future
    std::string reference;  ///< the answer's reference number
    std::string outcome;    ///< 未发现 | 发现记录
    std::int64_t recorded_at = 0;
};

/// One of a unit's screened staff with the status of the last check.
struct StaffPerson {
    std::int64_t id = 0;
    std::string name;
    std::string id_number;  ///< masked
    std::string position;
    bool hired = false;
    std::string last_status;
    std::int64_t last_checked_at = 0;
    std::optional<OfficialCheck> last_official;  ///< the latest official-channel result
};

/// A pending match waiting for the police, with the candidate records masked as registry lists show them.
struct Review {
    std::int64_t id = 0;
    std::int64_t check_id = 0;
    std::string status;  ///< open | confirmed | cleared
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::string name;       ///< the screened person's name
    std::string id_number;  ///< masked
    std::string sex;
    std::string birth_date;
    std::string position;
    bool hired = false;
    std::int64_t created_at = 0;
    std::vector<registry::Record> candidates;
};

/// A suspect against his employer's screening records, for the case review (倒查): no name, no ID number.
struct ReviewScreening {
    bool unit_found = false;  ///< the employer is a unit
    std::string unit_name;
    bool id_valid = false;    ///< the ID number is valid (an invalid one identifies nobody: nothing is looked up)
    std::int64_t checks = 0;  ///< the employer's checks of him (Hulei's and the official channel's)
    std::optional<std::int64_t> last_check_at;  ///< the last of Hulei's checks at or before the discovery
    bool before_hire = false;
    bool this_year = false;
};

}  // namespace hulei::screening
