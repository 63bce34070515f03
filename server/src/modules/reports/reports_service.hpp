#pragma once
// Mandatory reports (强制报告) use cases. A user of a mandated unit submits a report (reports:report:create); it
// goes at once to the police station serving the unit's township and the unit gets a receipt code with which its
// users follow the status — never a detail of the case. The handling police (reports:report:handle, the station
// within the grant's scope) read, accept, record the outcome and the feedback to the unit. The reporter's
// identity is encrypted and read only by the handling police and the auditor (reports:reporter:read), each read
// audited with its reason. The clock (late report, acceptance, feedback, outcome; policies reports.*) is computed
// when read; the office (reports:report:escalate, township) lists overdue reports without their content and
// turns an overdue step into a supervision action addressed to the station. Figures are aggregated, with small
// counts suppressed outside the police. Each method checks permission and scope and audits in its transaction.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/reports/reports_rules.hpp"
#include "modules/reports/reports_types.hpp"
#include "modules/supervision/supervision_service.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::reports {

/// An attachment's content for the handling police.
struct AttachmentFile {
    Attachment info;
    std::string bytes;
};

/// Filters of the police's list.
struct ReportQuery {
    std::optional<std::string> status;  ///< received | accepted | handling | concluded
    bool overdue_only = false;
};

class ReportsService {
public:
    ReportsService(db::Database& db, core::Clock& clock, const security::Keyring& keyring,
                   supervision::SupervisionService& supervision)
        : db_(db), clock_(clock), keyring_(keyring), supervision_(supervision) {}

    // ---- the reporting unit ----
    /// Submits a report for the caller's unit (or a unit listed in his grant); validates everything before
    /// writing (trigger 1–9, discovery not in the future, text lengths); flags a late report; one transaction.
    Submitted submit(const security::Principal& p, const ReportInput& in);
    /// Adds a file (JPEG, PNG, WebP or PDF by content) to the report of a receipt of the caller's unit, within
    /// policies reports.attachment_max_mb (413) and reports.attachments_per_report (409); encrypted; audited.
    Attachment add_attachment(const security::Principal& p, const std::string& code, const std::string& filename,
                              const std::string& content_type, std::string_view bytes);
    /// Records the unit's 备案 with its supervising department (once; 409 already_filed).
    Receipt record_filing(const security::Principal& p, const std::string& code, const std::string& department);
    /// The receipts of the caller's reporting units, newest first.
    std::vector<Receipt> receipts(const security::Principal& p);
    /// One receipt's status; 404 unless the report is of one of the caller's reporting units.
    Receipt receipt(const security::Principal& p, const std::string& code);

    // ---- the handling police ----
    /// Reports of the stations in the caller's scope, newest first, child names masked; audited.
    std::vector<Report> list(const security::Principal& p, const ReportQuery& q);
    /// One report in full (narrative, child, suspect, attachments, timeline), the reporter excluded; audited.
    Report get(const security::Principal& p, std::int64_t id);
    /// Accepts a received report (409 already_accepted).
    Report accept(const security::Principal& p, std::int64_t id, const std::optional<std::string>& note);
    /// Records the outcome of an accepted report: administrative | criminal (→ handling) | transferred | closed
    /// (→ concluded); a closure needs its reasons. 409 not_accepted / already_decided.
    Report record_outcome(const security::Principal& p, std::int64_t id, const std::string& outcome,
                          const std::optional<std::string>& reason);
    /// Records feedback given to the reporting unit (an accepted report; the first feedback stops the clock).
    Report record_feedback(const security::Principal& p, std::int64_t id, const std::optional<std::string>& note);
    /// An attachment's content (handling police); audited.
    AttachmentFile attachment(const security::Principal& p, std::int64_t attachment_id);

    /// The reporter's identity, with a reason (handling police in scope, or the auditor); audited.
    Reporter reporter(const security::Principal& p, std::int64_t id, const std::string& reason);

    // ---- the office ----
    /// Reports with an overdue step in the caller's scope (the office: all; the police: their stations), with
    /// the steps still to be escalated — station and clock only.
    std::vector<OverdueLine> overdue(const security::Principal& p);
    /// Turns an overdue step (accept | feedback | outcome) into a 通报提醒 addressed to the station (once per
    /// step; 409 not_overdue / already_escalated / no_station).
    Escalation escalate(const security::Principal& p, std::int64_t id, const std::string& step);

    /// Figures by trigger, unit category and month, and timeliness rates (reports:stats:read); counts below
    /// policy reports.small_count_threshold are suppressed for everyone without reports:report:handle.
    Stats stats(const security::Principal& p, std::optional<std::int64_t> year);

    /// The to-do section: the police's unaccepted and overdue reports, the office's overdue ones.
    ReportsTodo todo(const security::Principal& p);

    /// A report the caller handles, as a list line (child masked, no narrative), read in the caller's
    /// transaction without an audit entry of its own — for a case opened from or linked to it (modules/cases
    /// audits); nullopt when there is none or the caller does not handle its station.
    std::optional<Report> handled_report(db::Tx& tx, const security::Principal& p, std::int64_t id) const;
    /// When the harm reported in `id` was discovered (epoch ms), read in the caller's transaction without a
    /// check of its own (the cases service has checked the review permission); nullopt when there is no report.
    std::optional<std::int64_t> discovered_at(db::Tx& tx, std::int64_t id) const;

    /// The case review's facts of `report_ids` (倒查): reporting unit, late flag, discovery and report times, in
    /// the order given; unknown ids and repeats are skipped. Runs in the caller's transaction (the cases
    /// service), with no permission check and no audit of its own — the caller checks and audits the review.
    std::vector<ReviewReport> review_facts(db::Tx& tx, const std::vector<std::int64_t>& report_ids) const;

private:
    Limits limits(db::Tx& tx) const;
    Report report_of(const db::Row& r, const Limits& limits, std::int64_t now, bool full) const;
    void fill_detail(db::Tx& tx, Report& rep) const;
    std::optional<Report> handled(db::Tx& tx, const security::Principal& p, std::int64_t id, bool full,
                                  std::int64_t now) const;
    Report handled_or_404(db::Tx& tx, const security::Principal& p, std::int64_t id, std::int64_t now) const;
    std::vector<Report> in_scope(db::Tx& tx, const security::Principal& p, std::int64_t now) const;
    db::Row receipt_row(db::Tx& tx, const security::Principal& p, const std::string& code) const;
    std::string new_receipt_code(db::Tx& tx) const;

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
    supervision::SupervisionService& supervision_;
};

/// The units a principal reports for: its own unit under an own-unit or township grant of reports:report:create,
/// and the units listed in a units grant. Receipts are visible to exactly these units' users.
std::set<std::int64_t> reporting_units(const security::Principal& p);

}  // namespace hulei::reports
