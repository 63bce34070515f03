#pragma once
// Cases (案件) use cases. The police (cases:case:*, the stations within the grant's scope) open a case — from a
// mandatory report they handle whose outcome opened a criminal or administrative matter, or directly — move it
// through its dated stages, record one-stop evidence collection (no interview content) and victim support items
// assigned to units. Victim identity, the narrative and the suspect's identity are encrypted at rest and masked in
// every answer; revealing them is a separate act with a reason, audited. A conviction with a known suspect ID
// number creates the offender-registry record (RegistryService::create) and keeps its id on the case. The
// judicial office (cases:support:*) sees only the support items assigned to its unit — never the victim — and
// closes them. The office and the leaders read figures only (small counts suppressed). The review (倒查) is
// gathered by ReviewGatherer and judged by review_case; the office turns a failed check into a 通报提醒.
// Each method checks permission and scope and audits in its transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/cases/case_review.hpp"
#include "modules/cases/cases_types.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::reports {
class ReportsService;
}
namespace hulei::registry {
class RegistryService;
}
namespace hulei::supervision {
class SupervisionService;
}

namespace hulei::cases {

class CasesService {
public:
    CasesService(db::Database& db, core::Clock& clock, const security::Keyring& keyring,
                 reports::ReportsService& reports, registry::RegistryService& registry,
                 supervision::SupervisionService& supervision, const ReviewGatherer& review)
        : db_(db),
          clock_(clock),
          keyring_(keyring),
          reports_(reports),
          registry_(registry),
          supervision_(supervision),
          review_(review) {}

    // ---- the police ----
    /// Opens a case (stage 受案 on accepted_on). With report_id: a report the caller handles whose outcome is
    /// criminal or administrative, not yet linked to a case (404 / 409 report_not_open / report_linked); the
    /// station is the report's. Everything is validated before anything is written.
    Case create(const security::Principal& p, const CaseInput& in);
    /// Replaces the suspect's fields (e.g. the ID number learnt later); not once the case has ended (409
    /// case_closed).
    Case update_suspect(const security::Principal& p, std::int64_t id, const SuspectInput& in);
    /// Links a further mandatory report the caller handles (409 report_linked).
    Case link_report(const security::Principal& p, std::int64_t id, std::int64_t report_id);
    /// The cases of the stations in the caller's scope, newest first, identities masked; audited.
    std::vector<Case> list(const security::Principal& p);
    /// One case with its stages, evidence and support items, identities masked; audited.
    Case get(const security::Principal& p, std::int64_t id);
    /// The case with the victim's identity, the narrative and the suspect's identity in clear, for a stated
    /// reason (cases:victim:reveal); audited with the reason.
    Case reveal(const security::Principal& p, std::int64_t id, const std::string& reason);
    /// Moves the case to its next stage (409 invalid_stage_order); the date is not in the future nor before the
    /// previous stage's. A conviction with the suspect's ID number creates the registry record first (its own
    /// transaction: RegistryService::create opens one) and records its id with the stage.
    Case add_stage(const security::Principal& p, std::int64_t id, const StageInput& in);
    /// Records a one-stop evidence collection session.
    Evidence add_evidence(const security::Principal& p, std::int64_t id, const EvidenceInput& in);
    /// Assigns a victim support item to a unit (legal aid: a 司法所).
    SupportItem add_support(const security::Principal& p, std::int64_t id, const std::string& kind,
                            std::int64_t unit_id);

    // ---- support items: the assigned unit (judicial office) and the police ----
    /// The support items the caller may act on: the judicial office its unit's, the police those of their cases.
    std::vector<SupportItem> support_items(const security::Principal& p);
    /// The open support items for the caller's to-do (as support_items, without closing notes); not audited:
    /// the lines name no person.
    std::vector<SupportItem> open_support_items(const security::Principal& p);
    /// Closes an open support item with what was provided (409 already_closed).
    SupportItem close_support(const security::Principal& p, std::int64_t item_id, const std::string& note);

    // ---- figures and the review ----
    /// Counts by crime type and stage (cases:stats:read); below policy reports.small_count_threshold suppressed
    /// for everyone but the police (who count their stations' cases).
    Stats stats(const security::Principal& p);
    /// The review (倒查) of a case: the police handling it or the office (township grant); audited.
    Review review(const security::Principal& p, std::int64_t id);
    /// The review list (倒查清单): every case in scope, newest first, with its review's tally and failed checks
    /// (police: their stations' cases; the office: all, township grant only); one review per case; audited.
    std::vector<ReviewListLine> reviews(const security::Principal& p);
    /// Raises a 通报提醒 to the unit of a failed check (office, township grant; 409 not_failed / already_opened).
    Review open_review_action(const security::Principal& p, std::int64_t id, const std::string& key);

private:
    Case case_of(db::Tx& tx, const db::Row& r, bool reveal, bool full) const;
    db::Row case_row(db::Tx& tx, const security::Principal& p, std::int64_t id) const;
    Review review_in(db::Tx& tx, std::int64_t id, const db::Row& row) const;
    SupportItem support_of(const db::Row& r, bool with_note) const;

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    reports::ReportsService& reports_;
    registry::RegistryService& registry_;
    supervision::SupervisionService& supervision_;
    const ReviewGatherer& review_;
};

}  // namespace hulei::cases
