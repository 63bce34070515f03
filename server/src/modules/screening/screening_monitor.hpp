#pragma once
// Continuous monitoring of screened staff (持续监测; issue 5 item 5): when a registry record is created or
// corrected, every person a unit screened as employed (hired) whose keys it shares is re-checked in the same
// transaction — an exact ID makes the person `hit`, opens an alert and a supervision action addressed to the
// unit; a name + birth date + sex match opens an alert and a review for the police. Sealed records have no keys
// and never alert. Alerts are read by the police and the unit's supervising office, and closed by the police.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/supervision/supervision_service.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::screening {

/// One alert as the police and the office see it: the person's name masked, never a record's content.
struct Alert {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::int64_t person_id = 0;
    std::string person_name;  ///< masked (first character, then *)
    std::string kind;         ///< hit | pending_review
    std::string status;       ///< open | closed
    std::int64_t created_at = 0;
    std::optional<std::int64_t> action_id;  ///< the supervision action opened for a hit
    std::optional<std::int64_t> closed_at;
};

class ScreeningMonitor {
public:
    ScreeningMonitor(db::Database& db, core::Clock& clock, const security::Keyring& keyring,
                     supervision::SupervisionService& supervision)
        : db_(db), clock_(clock), keyring_(keyring), supervision_(supervision) {}

    /// The registry change hook: re-checks the employed persons that the records `record_ids` match, inside the
    /// registry write's transaction (a throw rolls the registry change back). Audited as the system.
    void on_registry_change(db::Tx& tx, const std::vector<std::int64_t>& record_ids);

    /// Open alerts in the caller's scope, oldest first (screening:alert:list; audited).
    std::vector<Alert> alerts(const security::Principal& p);
    /// Closes an open alert with an optional note (screening:alert:close); 409 already_closed.
    Alert close(const security::Principal& p, std::int64_t alert_id, const std::optional<std::string>& note);

private:
    Alert alert_of(const db::Row& r) const;

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    supervision::SupervisionService& supervision_;
};

}  // namespace hulei::screening
