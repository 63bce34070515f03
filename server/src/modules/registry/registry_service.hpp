#pragma once
// The offender registry's use cases (police only): list (masked), read one with a stated purpose, create,
// correct, check-ins, the due check-ins, and the sheet import. Each method takes the Principal, checks the
// permission, and audits in the same transaction — never with a name or an ID number in the detail.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/registry/registry_types.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::registry {

/// Called inside the write transaction after records were created or corrected (their match keys already
/// rewritten), with their ids — the monitoring hook (issue 5 item 5). Throwing rolls the change back.
using ChangeHook = std::function<void(db::Tx&, const std::vector<std::int64_t>& record_ids)>;

class RegistryService {
public:
    RegistryService(db::Database& db, core::Clock& clock, const security::Keyring& keyring)
        : db_(db), clock_(clock), keyring_(keyring) {}

    /// Records, names and ID numbers masked; a search (`q`) needs a purpose, recorded in the audit entry.
    RecordPage list(const security::Principal& p, const RecordQuery& q);
    /// One record in full with its check-ins, for a stated purpose (400 required without one; audited with it).
    Record get(const security::Principal& p, std::int64_t id, const std::string& purpose);
    /// A new record; its match keys are written unless it is sealed.
    Record create(const security::Principal& p, const RecordInput& in);
    /// The same, in the caller's transaction (a case's conviction: the record and the stage commit together).
    Record create_in(db::Tx& tx, const security::Principal& p, const RecordInput& in);
    /// A correction of a record (fields not given unchanged); its match keys are rewritten.
    Record update(const security::Principal& p, std::int64_t id, const RecordInput& in);
    /// A check-in of a person under control by the caller; moves the next due date on.
    Checkin add_checkin(const security::Principal& p, std::int64_t record_id, const CheckinInput& in);
    /// Persons under control whose next check-in falls on or before today + policy
    /// registry.checkin_due_soon_days, soonest first; `mine` keeps those the caller manages.
    std::vector<DueCheckin> due(const security::Principal& p, bool mine);
    /// Imports a registry sheet (.csv/.xlsx): a row whose ID number, record type and decision date are
    /// already in the registry corrects that record, any other row creates one. All or nothing: when a row
    /// is rejected nothing is written. Returns the created and corrected record ids too.
    ImportSummary import_sheet(const security::Principal& p, const std::string& bytes, const std::string& filename);

    /// The records `ids` masked as in lists (no check-ins), read in the caller's transaction — for the
    /// police's review of screening matches; the caller checks its own permission and audits.
    std::vector<Record> masked_records(db::Tx& tx, const std::vector<std::int64_t>& ids) const;

    /// Sets the monitoring hook (none by default: no alerts yet).
    void set_change_hook(ChangeHook hook) { on_change_ = std::move(hook); }

    /// A principal for command-line registry work (`hulei registry import`): the police, township-wide.
    static security::Principal system_principal();

private:
    std::string today() const;
    Record record_of(const db::Row& r, bool masked) const;

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    ChangeHook on_change_;
};

}  // namespace hulei::registry
