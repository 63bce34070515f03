#pragma once
// Plain types of the plan module: campaigns with phases, the task tree with responsible units, progress
// reports with attachments, the office's matrix and a unit's to-do list.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/plan/plan_rules.hpp"

namespace hulei::plan {

/// A unit as other records show it.
struct UnitRef {
    std::int64_t id = 0;
    std::string name;
};

// ---- import review ------------------------------------------------------------------------------

/// How a written unit name was resolved against the unit tree.
struct ResolvedName {
    std::string written;
    std::vector<UnitRef> units;
    std::string how;  ///< "name" | "alias" | "group" | "unknown"
};

/// One parsed item for review, with its deadline as a date and its units resolved.
struct ReviewItem {
    std::string number;
    int level = 0;
    int line = 0;
    std::string title, body;
    std::vector<std::string> units;
    std::optional<std::string> lead, deadline, deadline_date;
    std::vector<ResolvedName> resolved;
};

/// The parse of an uploaded plan document: its text (for side-by-side review) and its items.
struct ParseReview {
    std::string title;
    std::string text;
    std::vector<ReviewItem> items;
    std::vector<std::string> unknown;  ///< distinct unit names that resolved to nothing, in order
};

// ---- campaigns ----------------------------------------------------------------------------------

struct PhaseInput {
    std::optional<std::int64_t> id;  ///< an existing phase (update only)
    std::string name, start, end;    ///< dates "YYYY-MM-DD"
};

struct TaskInput {
    std::string number, title, body;
    std::optional<std::string> deadline_text;
    std::optional<std::string> deadline_date;  ///< computed from deadline_text when absent
    bool deadline_date_given = false;          ///< an explicit null keeps the task without a date
    std::optional<std::int64_t> report_interval_days;
    std::vector<std::int64_t> unit_ids;
    std::optional<std::int64_t> lead_unit_id;  ///< defaults to the first unit
    std::vector<std::string> phases;           ///< phase names
};

struct CampaignInput {
    std::string name;
    std::optional<std::string> doc_number;
    std::string period_start, period_end;
    std::optional<std::string> source_text;
    std::vector<PhaseInput> phases;
    std::vector<TaskInput> tasks;
};

/// A campaign update: absent fields stay as they are; `phases`, when given, is the complete new list.
struct CampaignUpdate {
    std::optional<std::string> name;
    std::optional<std::optional<std::string>> doc_number;
    std::optional<std::string> period_start, period_end;
    std::optional<std::vector<PhaseInput>> phases;
};

/// A task update by the office; absent fields stay as they are.
struct TaskUpdate {
    std::optional<std::string> title, body;
    std::optional<std::optional<std::string>> deadline_text, deadline_date;
    std::optional<std::optional<std::int64_t>> report_interval_days;
    std::optional<std::vector<std::int64_t>> unit_ids;
    std::optional<std::int64_t> lead_unit_id;
    std::optional<std::vector<std::string>> phases;
};

struct Phase {
    std::int64_t id = 0;
    std::string name, start, end;
};

/// A responsible unit of a task with its status (null status: the caller may not see it).
struct TaskUnitView {
    UnitRef unit;
    bool lead = false;
    std::optional<Status> status;
    std::optional<std::int64_t> last_report_at;
    std::optional<std::string> next_report_due;
    std::int64_t overdue_days = 0;
};

struct TaskView {
    std::int64_t id = 0;
    std::int64_t campaign_id = 0;
    std::optional<std::int64_t> parent_id;
    std::string number;
    int level = 0;
    std::string title, body;
    std::optional<std::string> deadline_text, deadline_date;
    std::optional<std::int64_t> report_interval_days;
    std::int64_t effective_interval_days = 0;
    std::optional<UnitRef> lead_unit;
    std::vector<TaskUnitView> units;
    std::vector<std::string> phases;
    bool context_only = false;  ///< shown to a unit only as the ancestor of one of its tasks
};

struct CampaignSummary {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::string> doc_number;
    std::string period_start, period_end;
    std::int64_t task_count = 0;  ///< tasks with responsible units
    std::int64_t created_at = 0;
};

struct CampaignView {
    CampaignSummary summary;
    std::optional<std::string> source_text;
    std::vector<Phase> phases;
    std::vector<TaskView> tasks;  ///< document order; the tree is given by parent_id
};

// ---- progress -----------------------------------------------------------------------------------

struct ProgressInput {
    std::int64_t unit_id = 0;
    std::string text;
    bool completed = false;
};

struct AttachmentInfo {
    std::int64_t id = 0;
    std::int64_t report_id = 0;
    std::string filename, content_type, sha256;
    std::int64_t size = 0;
    std::int64_t created_at = 0;
};

struct AttachmentFile {
    AttachmentInfo info;
    std::string bytes;
};

struct Report {
    std::int64_t id = 0;
    std::int64_t task_id = 0;
    UnitRef unit;
    std::string text;
    bool completed = false;
    std::int64_t reported_at = 0;
    std::string reported_by;  ///< the reporter's display name at the time
    std::vector<AttachmentInfo> attachments;
};

/// A task with its units' statuses and the reports the caller may read.
struct TaskDetail {
    TaskView task;
    std::string campaign_name;
    std::vector<Report> reports;
    std::vector<std::int64_t> can_report_for;  ///< units the caller may file progress for on this task
};

// ---- the office's matrix and the to-do list -----------------------------------------------------

struct MatrixFilter {
    std::optional<std::int64_t> unit_id;
    std::optional<Status> status;
    std::string phase;  ///< a phase id or name; empty: every phase
};

struct MatrixCell {
    std::int64_t unit_id = 0;
    Status status = Status::NotStarted;
    std::optional<std::int64_t> last_report_at;
    std::optional<std::string> next_report_due;
    std::int64_t overdue_days = 0;
};

struct MatrixRow {
    std::int64_t task_id = 0;
    std::string number, title;
    std::optional<std::string> deadline_date;
    std::vector<MatrixCell> cells;
};

struct Matrix {
    std::int64_t campaign_id = 0;
    std::vector<UnitRef> units;
    std::vector<MatrixRow> tasks;
};

/// A (task, unit) pair that needs the unit's attention.
struct TodoTask {
    std::int64_t campaign_id = 0;
    std::string campaign_name;
    std::int64_t task_id = 0;
    std::string number, title;
    UnitRef unit;
    Status status = Status::NotStarted;
    std::optional<std::string> deadline_date, next_report_due;
    std::int64_t overdue_days = 0;
};

/// An overdue (task, unit) pair of a campaign, for the supervision ladder.
struct OverduePair {
    std::int64_t campaign_id = 0;
    std::int64_t task_id = 0;
    std::string number, title;
    UnitRef unit;
    std::int64_t overdue_days = 0;
};

/// A task as other modules refer to it.
struct TaskRef {
    std::int64_t id = 0;
    std::int64_t campaign_id = 0;
    std::string number, title;
    std::vector<std::int64_t> unit_ids;
};

/// A generated file: its name, content type and bytes.
struct ExportFile {
    std::string filename, content_type, bytes;
};

/// What `hulei plan import` did.
struct ImportResult {
    std::int64_t campaign_id = 0;
    std::string name;
    std::int64_t tasks = 0;                   ///< tasks created (headings included)
    std::int64_t tasks_with_units = 0;
    std::vector<std::string> skipped;         ///< numbers of items without any resolvable unit
    std::vector<std::string> unknown;         ///< unit names that resolved to nothing
};

}  // namespace hulei::plan
