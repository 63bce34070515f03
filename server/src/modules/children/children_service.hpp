#pragma once
// The children module's ledger use cases: list, read, reveal, create, update, import, export, data quality
// and archiving at 18. Each method takes the Principal, checks permission and scope (a village sees its own
// villages, a school its own pupils, a township grant all), and audits in the same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/children/children_types.hpp"
#include "modules/org/org_service.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::children {

class ChildrenService {
public:
    ChildrenService(db::Database& db, core::Clock& clock, const security::Keyring& keyring, org::OrgService& org)
        : db_(db), clock_(clock), keyring_(keyring), org_(org) {}

    /// Children in the caller's scope; ID numbers masked, names masked where the caller does not own the village.
    ChildPage list(const security::Principal& p, const ChildQuery& q);
    /// One child's full record (ID number and phone masked); NotFound outside the caller's scope.
    Child get(const security::Principal& p, std::int64_t id);
    /// The plain ID number and guardian phone, for a stated reason (audited with it).
    Revealed reveal(const security::Principal& p, std::int64_t id, const std::string& reason);
    Child create(const security::Principal& p, const ChildInput& in);
    Child update(const security::Principal& p, std::int64_t id, const ChildInput& in);
    /// Previews (commit false) or imports a ledger sheet. On commit, nothing is written when a row is rejected
    /// unless `skip_bad` (the CLI's --skip-bad), which writes the good rows.
    ImportResult import_ledger(const security::Principal& p, const std::string& bytes, const std::string& filename,
                               bool commit, bool skip_bad = false);
    /// The import template: the required and optional headers, no rows.
    ExportFile import_template(const security::Principal& p);
    /// The caller's ledger in the import layout, watermarked; ID numbers and phones plain only for a township grant.
    ExportFile export_ledger(const security::Principal& p);
    /// Duplicates across villages (office only) and data-quality items of the caller's villages.
    QualityReport quality(const security::Principal& p);
    /// Archives every active child aged 18 or more (township grant only); returns how many.
    std::int64_t archive_adults(const security::Principal& p);

    /// Writes the demo township's synthetic children (invented names, synthetic ID numbers).
    void seed_demo();
    /// A principal for command-line ledger work (`hulei children import`): the office, township-wide.
    static security::Principal system_principal();

    // ---- the case review (倒查) ----
    // These run in the caller's transaction (the cases service) with no permission check and no audit of their
    // own: the caller has checked cases:review:read and audits the review.
    /// The ledger record of a case's victim: by `child_id` when given (and found), else by the blind index of the
    /// normalised 18-character `id_number`; nullopt when neither finds one (or neither is given).
    std::optional<ReviewChild> review_child(db::Tx& tx, std::optional<std::int64_t> child_id,
                                            const std::optional<std::string>& id_number) const;
    /// The name of a unit (a victim's village as the case records it), nullopt when there is no such unit.
    std::optional<std::string> review_unit_name(db::Tx& tx, std::int64_t unit_id) const;

private:
    std::string today() const;
    Child child_of(const db::Row& r, const std::string& today, bool mask_name) const;

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    org::OrgService& org_;
};

}  // namespace hulei::children
