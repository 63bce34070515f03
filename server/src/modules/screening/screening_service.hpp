#pragma once
// Employment screening (从业查询) use cases: a unit checks one person or a staff sheet against the offender
// registry's blind-indexed match keys (written consent confirmed, or refused); the unit sees a status only;
// possible matches by name wait for the police, who confirm (hit) or clear them. Each method takes the
// Principal, checks the permission and scope, and audits in the same transaction with its purpose — never
// with a name or an ID number in the detail.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/registry/registry_service.hpp"
#include "modules/screening/screening_types.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::screening {

class ScreeningService {
public:
    ScreeningService(db::Database& db, core::Clock& clock, const security::Keyring& keyring,
                     registry::RegistryService& registry)
        : db_(db), clock_(clock), keyring_(keyring), registry_(registry) {}

    /// Checks people for a unit (400 consent_required without the consent confirmation); one transaction.
    std::vector<CheckOutcome> check(const security::Principal& p, const CheckRequest& req,
                                    const std::vector<PersonInput>& persons);
    /// Checks a staff sheet (.csv/.xlsx; headers 姓名, 身份证号, 岗位, optional 是否在职 是/否); `hired` is the
    /// default when the sheet has no 是否在职 column. Rows are numbered as the sheet shows them.
    std::vector<CheckOutcome> check_sheet(const security::Principal& p, const CheckRequest& req,
                                          const std::string& bytes, const std::string& filename, bool hired);
    /// The unit's screened staff with the last status and check time (default: the caller's own unit).
    std::vector<StaffPerson> persons(const security::Principal& p, std::optional<std::int64_t> unit_id);
    /// Open reviews with their candidate records masked (police).
    std::vector<Review> reviews(const security::Principal& p);
    /// Decides an open review: "confirm" (→ hit) or "clear" (→ clear); 409 when it is already decided.
    Review decide(const security::Principal& p, std::int64_t review_id, const std::string& decision,
                  const std::optional<std::string>& note);

    /// A principal for command-line checks (`hulei screening check`): the office, township-wide.
    static security::Principal system_principal();

    /// The case review (倒查): the checks of the person with ID number `id_number` (normalised when valid) by
    /// the employer `unit_id`, Hulei's and the official channel's. `before_hire`: a check on or before the
    /// Shanghai day of `hired_on`; with no hire date, a check of purpose pre_hire or any check on or before the
    /// day of `discovered_at`. `this_year`: a check in the Asia/Shanghai calendar year of `discovered_at`, on or
    /// before its day. Runs in the caller's transaction (the cases service) with no permission check and no
    /// audit of its own — the caller checks and audits the review.
    ReviewScreening review_screening(db::Tx& tx, std::int64_t unit_id, const std::string& id_number,
                                     std::optional<std::int64_t> hired_on, std::int64_t discovered_at) const;

private:
    std::int64_t unit_of(db::Tx& tx, const security::Principal& p, std::string_view permission,
                         std::optional<std::int64_t> unit_id) const;
    CheckOutcome check_one(db::Tx& tx, const security::Principal& p, std::int64_t unit_id, const PersonInput& in,
                           std::int64_t now, const std::string& today);
    Review review_of(db::Tx& tx, const db::Row& r) const;
    /// Refuses (429 rate_limited) when `count` more checks would take the unit over its daily limit.
    static void enforce_daily_limit(db::Tx& tx, std::int64_t unit_id, std::size_t count, std::int64_t now);
    /// Appends screening.anomaly for the auditor (once per unit, kind and day) when the unit checks far more
    /// people than its staff, or one of the persons just checked (`checked`) too often.
    static void note_anomalies(db::Tx& tx, std::int64_t unit_id, const std::vector<CheckOutcome>& checked,
                               std::int64_t now, const std::string& today);

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    registry::RegistryService& registry_;
};

}  // namespace hulei::screening
