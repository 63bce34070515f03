#pragma once
// The plan module's use cases: import a work plan into a campaign (parse → resolve units → review →
// create), the task tree with responsible units, progress reports with attachments, statuses, the
// office's matrix, a unit's to-do list and the .xlsx exports. Each method takes the Principal, checks
// permission and data scope, and audits changes (and exports) in the same transaction.
//
// Who sees what: the office (holders of plan:matrix:view — coordinator, leader) sees every task and report.
// Any other user acts for "own units", grant by grant: the unit of his account for an own-unit or
// township-wide grant (a township-wide police grant does not make a police officer a reporter for every
// unit), the listed units for a units-scoped grant (not his account's unit) — and only through grants whose
// role carries the permission at hand. He sees the
// tasks naming one of his units (and their ancestors, as context), his units' reports, and, on tasks his
// unit leads, the co-units' reports and statuses.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/org/org_service.hpp"
#include "modules/plan/plan_types.hpp"
#include "security/principal.hpp"

namespace hulei::plan {

/// Options of `hulei plan import`.
struct ImportOptions {
    std::optional<std::string> name;          ///< default: the plan's title
    std::optional<std::string> period_start;  ///< default: today (Asia/Shanghai)
    std::optional<std::string> period_end;    ///< default: 31 December of the start's year
    std::vector<PhaseInput> phases;
};

/// A campaign draft from a reviewed parse: every item with at least one resolved unit becomes a task with
/// those units (lead first, as the plan lists them), and every ancestor of such an item becomes a heading
/// task without units, so the tree keeps its shape. Items without resolvable units are listed in `skipped`.
CampaignInput campaign_from_review(const ParseReview& review, const std::string& name, const std::string& start,
                                   const std::string& end, std::vector<std::string>* skipped = nullptr);

class PlanService {
public:
    PlanService(db::Database& db, core::Clock& clock, org::OrgService& org) : db_(db), clock_(clock), org_(org) {}

    /// Parses an uploaded plan (.txt or .docx) for review: items, deadlines as dates, units resolved by
    /// name, alias or group; unknown names are kept with how = "unknown" (plan:campaign:create).
    ParseReview parse_document(const security::Principal& p, std::string_view bytes, const std::string& filename);

    /// Every campaign (plan:campaign:list); campaign names are not restricted.
    std::vector<CampaignSummary> list_campaigns(const security::Principal& p);
    /// A campaign with its phases and the tasks the caller may see (see the header comment).
    CampaignView get_campaign(const security::Principal& p, std::int64_t id);
    /// Creates a campaign with phases and tasks, all or nothing (plan:campaign:create).
    CampaignView create_campaign(const security::Principal& p, const CampaignInput& in);
    /// Changes name, document number, period and phases (plan:campaign:update).
    CampaignView update_campaign(const security::Principal& p, std::int64_t id, const CampaignUpdate& in);

    /// A task with its units' statuses and the reports the caller may read; NotFound when not visible.
    TaskDetail get_task(const security::Principal& p, std::int64_t id);
    /// Changes a task's text, deadline, interval, units, lead or phases (plan:task:update, the office).
    TaskDetail update_task(const security::Principal& p, std::int64_t id, const TaskUpdate& in);

    /// Files a progress report for one of the caller's units that is responsible for the task.
    Report add_progress(const security::Principal& p, std::int64_t task_id, const ProgressInput& in);
    /// Attaches a file to a report of one of the caller's units (size capped by plan.attachment_max_mb, count
    /// per report by plan.attachments_per_report).
    AttachmentInfo add_attachment(const security::Principal& p, std::int64_t report_id, const std::string& filename,
                                  const std::string& content_type, std::string_view bytes);
    /// An attachment, for those who may read its report; the read is audited.
    AttachmentFile get_attachment(const security::Principal& p, std::int64_t id);

    /// Tasks × units × status for the office (plan:matrix:view), filtered by unit, status and phase.
    Matrix matrix(const security::Principal& p, std::int64_t campaign_id, const MatrixFilter& filter);
    /// The (task, unit) pairs of the caller's own units that are overdue, due soon or not started.
    std::vector<TodoTask> todo(const security::Principal& p);

    /// 任务分解表: one row per task × unit (plan:export); audited as an export.
    ExportFile export_tasks(const security::Principal& p, std::int64_t campaign_id);
    /// The progress matrix: one row per task × unit with status (plan:export); audited as an export.
    ExportFile export_matrix(const security::Principal& p, std::int64_t campaign_id);

    /// Parse → resolve → create in one go (`hulei plan import`, the demo township).
    ImportResult import_document(const security::Principal& p, std::string_view bytes, const std::string& filename,
                                 const ImportOptions& options);

    // ---- for other modules' services (supervision) ----
    /// Overdue (task, unit) pairs of one campaign or of all (the office only).
    std::vector<OverduePair> overdue_pairs(const security::Principal& p, std::optional<std::int64_t> campaign_id);
    /// A task's identity and responsible units, or nullopt.
    std::optional<TaskRef> find_task(std::int64_t id);
    /// A campaign's name, or nullopt when it does not exist.
    std::optional<std::string> campaign_name(std::int64_t id);

    /// Whether `p` is the office: plan:matrix:view with township scope (sees every task and status).
    static bool is_office(const security::Principal& p);
    /// Whether `p` reads every unit's progress reports and attachments (the office's coordinator, township
    /// scope); leaders see statuses and figures only, units their own reports (and the lead its co-units').
    static bool reads_all_reports(const security::Principal& p);
    /// The units `p` acts for under `permission`: for each grant whose role carries it, the account's unit
    /// (own-unit and township-wide grants) or the listed units (units-scoped grants).
    static std::set<std::int64_t> own_units(const security::Principal& p,
                                            std::string_view permission = "plan:campaign:list");
    /// A principal for the command line and the demo: the leading-group office, township-wide.
    static security::Principal system_principal();

private:
    struct Loaded;
    Loaded load_campaign(db::Tx& tx, std::int64_t id, const std::vector<org::Unit>& units) const;
    std::vector<org::Unit> all_units(const security::Principal& p);
    void validate_and_insert_tasks(db::Tx& tx, std::int64_t campaign_id, const std::vector<TaskInput>& tasks,
                                   const std::vector<std::string>& phase_names, const std::string& period_start,
                                   const std::vector<org::Unit>& units, std::int64_t now);
    ExportFile export_rows(const security::Principal& p, std::int64_t campaign_id, bool with_status);

    db::Database& db_;
    core::Clock& clock_;
    org::OrgService& org_;
};

}  // namespace hulei::plan
