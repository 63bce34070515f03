#pragma once
// Plain types of mandatory reports (强制报告): what a reporter submits, the report's clock (report, acceptance,
// feedback, outcome), the report as the handling police see it, the reporting unit's receipt, the office's
// overdue line and the aggregated figures.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hulei::reports {

/// What a mandated reporter submits from a phone: only the trigger, what was seen and when it was discovered
/// are required; the child and the suspect as much as is known.
struct ReportInput {
    std::optional<std::int64_t> unit_id;       ///< the reporting unit (default: the reporter's own unit)
    std::optional<std::string> unit_category;  ///< default: from the unit's kind
    std::int64_t trigger = 0;                  ///< 1–9, 2020 意见 第4条
    std::string seen;                          ///< what was seen or heard
    std::int64_t discovered_at = 0;            ///< epoch ms, not in the future
    std::optional<std::string> child_name;
    std::optional<std::string> child_sex;      ///< F | M
    std::optional<std::int64_t> child_age;     ///< 0–17
    std::optional<std::string> child_details;  ///< school, class, address, whatever identifies the child
    std::optional<std::string> suspect;
    std::optional<std::string> reporter_phone;  ///< the reporter's contact number
};

/// One step of the clock: when it is due, when it was done, and whether it is overdue now (due passed, not
/// done) or was done late.
struct Step {
    std::optional<std::int64_t> due_at;  ///< absent until the step can start (feedback and outcome: accepted)
    std::optional<std::int64_t> done_at;
    bool overdue = false;
    bool late = false;
};

/// The clock of a report at read time, from the policies in force.
struct ReportClock {
    std::int64_t late_report_hours = 0;
    bool late_report = false;  ///< reported more than late_report_hours after discovery (fixed at submission)
    Step accept, feedback, outcome;
    bool overdue() const { return accept.overdue || feedback.overdue || outcome.overdue; }
};

struct Attachment {
    std::int64_t id = 0;
    std::string filename;
    std::string content_type;
    std::int64_t size = 0;
    std::int64_t created_at = 0;
};

struct Event {
    std::string kind;  ///< created | accepted | outcome | feedback | filed | escalated | attachment
    std::string detail;
    std::optional<std::string> note;  ///< police notes, for the police only
    std::int64_t at = 0;
};

struct Escalation {
    std::string step;  ///< accept | feedback | outcome
    std::int64_t action_id = 0;
    std::int64_t created_at = 0;
};

/// A report as the handling police see it. `full` holds the narrative, the child, the suspect, attachments and
/// the timeline (the detail); a list line has the child's name masked and no narrative. The reporter's identity
/// is never part of it (see Reporter).
struct Report {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::string unit_category;
    std::optional<std::int64_t> station_id;
    std::string station_name;
    std::int64_t trigger = 0;
    std::int64_t discovered_at = 0;
    std::int64_t reported_at = 0;
    std::string status;                  ///< received | accepted | handling | concluded
    std::optional<std::string> outcome;  ///< administrative | criminal | transferred | closed
    std::optional<std::int64_t> filed_at;
    std::optional<std::string> filed_department;
    std::int64_t attachment_count = 0;
    ReportClock clock;
    // Child, as known (name masked in lists).
    std::string child_name, child_sex, child_details;
    std::optional<std::int64_t> child_age;
    bool full = false;
    std::string seen;
    std::string suspect;
    std::vector<Attachment> attachments;
    std::vector<Event> events;
    std::vector<Escalation> escalations;
};

/// The reporter's identity: for the handling police and the auditor, each reading audited with its reason.
struct Reporter {
    std::int64_t report_id = 0;
    std::int64_t user_id = 0;
    std::string username;
    std::string name;
    std::string phone;
    std::int64_t unit_id = 0;
    std::string unit_name;
};

/// What the reporting unit sees: status and timestamps, never a detail of the case.
struct Receipt {
    std::string code;
    std::string status;
    std::optional<std::string> outcome;
    std::int64_t reported_at = 0;
    bool late = false;  ///< the unit reported more than reports.late_report_hours after the discovery
    std::optional<std::int64_t> accepted_at;
    std::optional<std::int64_t> feedback_at;
    std::optional<std::int64_t> outcome_at;
    std::optional<std::int64_t> filed_at;
    std::optional<std::string> filed_department;
};

/// The answer to a submission.
struct Submitted {
    std::int64_t id = 0;
    Receipt receipt;
    bool late = false;
};

/// A report with an overdue step, as the office sees it: the station and the clock, no content.
struct OverdueLine {
    std::int64_t id = 0;
    std::optional<std::int64_t> station_id;
    std::string station_name;
    std::string status;
    std::int64_t reported_at = 0;
    ReportClock clock;
    std::vector<Escalation> escalations;
    std::vector<std::string> proposals;  ///< overdue steps not yet escalated: accept | feedback | outcome
};

/// A count as shown: exact, or suppressed ("<5") for a role that may not see small counts.
struct Count {
    std::int64_t value = 0;
    bool suppressed = false;
};

/// A rate: numerator over denominator; absent when the denominator is 0 or suppressed.
struct Rate {
    Count numerator, denominator;
    std::optional<double> percent;
};

struct Stats {
    std::int64_t threshold = 0;  ///< counts below it are suppressed (0: exact, the police)
    Count total;
    std::map<std::int64_t, Count> by_trigger;       ///< 1–9, all present
    std::map<std::string, Count> by_unit_category;  ///< every category present
    std::map<std::string, Count> by_month;          ///< YYYY-MM (Asia/Shanghai), months with reports
    Rate reported_in_time, accepted_in_time, feedback_in_time;
};

/// The police's and the office's to-do section.
struct ReportsTodo {
    std::int64_t unaccepted = 0;
    std::int64_t overdue = 0;
    std::vector<Report> items;       ///< police: unaccepted or overdue reports (list lines)
    std::vector<OverdueLine> lines;  ///< office: overdue reports
};

/// A report as the case review (倒查) needs it: the reporting unit and the clock only, no content.
struct ReviewReport {
    std::int64_t report_id = 0;
    std::int64_t unit_id = 0;
    std::string unit_name;
    bool late = false;  ///< the flag fixed at submission (policy reports.late_report_hours then)
    std::int64_t discovered_at = 0, reported_at = 0;
};

}  // namespace hulei::reports
