#pragma once
// Plain types of visits (走访, issue 4 items 6–7): a visit as the API shows it, its input, the outcome of an edit
// (saved, or a conflict with the current record), its photos, one line of the due list and of the office's
// list of urgent follow-ups.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hulei::children {

/// A photo of a visit, without its content.
struct VisitPhoto {
    std::int64_t id = 0;
    std::int64_t visit_id = 0;
    std::string filename;
    std::string content_type;  ///< image/jpeg | image/png | image/webp
    std::int64_t size = 0;
    std::int64_t created_at = 0;
};

/// A photo as an upload answers it; `replayed`: a retried upload (its client_id already stored for the visit)
/// answered with the stored photo, nothing written.
struct VisitPhotoSaved {
    VisitPhoto photo;
    bool replayed = false;
};

/// A photo with its decrypted content (for download).
struct VisitPhotoFile {
    VisitPhoto info;
    std::string bytes;
};

struct Visit {
    std::int64_t id = 0;
    std::int64_t child_id = 0;
    std::int64_t visited_at = 0;
    std::optional<std::int64_t> visitor_person_id;
    std::optional<std::int64_t> visitor_user_id;
    std::string method;  ///< home | school | phone
    std::string findings;
    std::optional<std::string> risks, follow_up;
    bool urgent = false;
    bool suspected_harm = false;  ///< the findings describe harm to the child: offer a mandatory report
    std::optional<std::int64_t> urgent_ack_at;
    std::optional<std::int64_t> urgent_ack_by;
    std::optional<std::string> urgent_ack_by_name;  ///< display name of the office user who acknowledged
    std::optional<std::string> urgent_ack_note;
    std::vector<VisitPhoto> photos;
    std::int64_t version = 1;
    std::int64_t created_at = 0, updated_at = 0;
    std::optional<std::int64_t> created_by, updated_by;
};

/// Fields of a new visit or an edit (an edit leaves absent fields unchanged; `version` is the base version).
struct VisitInput {
    std::optional<std::int64_t> visited_at;
    std::optional<std::string> method, findings;
    std::optional<std::optional<std::string>> risks, follow_up;
    std::optional<bool> urgent, suspected_harm;
    std::optional<std::optional<std::int64_t>> visitor_person_id;
    std::optional<std::int64_t> version;
    /// Create only: the phone's own id of the visit, so a retried create is not recorded twice.
    std::optional<std::string> client_id;
};

/// A saved visit, whether the office is to be notified (an urgent follow-up) and whether the console should
/// offer to start a mandatory report (强制报告: harm to the child is suspected). `replayed`: a retried create
/// (its client_id already recorded for this child) answered with the stored visit; nothing was written.
struct VisitSaved {
    Visit visit;
    bool notify_office = false;
    bool offer_mandatory_report = false;
    bool replayed = false;
};

/// The outcome of an edit: saved, or a conflict (the edit's base version is stale; `visit` is the current one).
struct VisitEdit {
    bool conflict = false;
    Visit visit;
    bool notify_office = false;
    bool offer_mandatory_report = false;
};

/// One child on the due list.
struct VisitDueItem {
    std::int64_t child_id = 0;
    std::string name;
    std::int64_t village_id = 0;
    std::string village;
    std::vector<std::string> categories;
    std::string risk_level;
    int interval_days = 0;
    std::optional<std::int64_t> last_visited_at;
    std::string due_date;  ///< YYYY-MM-DD (Asia/Shanghai)
    std::int64_t days_left = 0;
    std::string status;  ///< overdue | due_soon
    bool mine = false;   ///< the child is on the team of a care person linked to the caller's account
};

/// The to-do's view of the due list: counts over all due children, the first items (mine first, then most
/// overdue), at most policy todo.visits_max_items.
struct VisitDueSummary {
    std::int64_t total = 0, overdue = 0, due_soon = 0;
    std::vector<VisitDueItem> items;
};

/// An urgent follow-up the office has not acknowledged yet.
struct UrgentVisit {
    std::int64_t visit_id = 0;
    std::int64_t child_id = 0;
    std::string child_name;
    std::int64_t village_id = 0;
    std::string village;
    std::int64_t visited_at = 0;
    std::optional<std::string> follow_up;
    bool suspected_harm = false;
    std::optional<std::string> recorded_by;  ///< display name of the recording account
};

/// A visit that recorded suspected harm of a child, for the case review (倒查): the unit that knew, and when.
struct ReviewHarmVisit {
    std::int64_t unit_id = 0;  ///< the named visitor's unit, else the recording account's unit
    std::string unit_name;
    std::int64_t visited_at = 0;
};

/// A child's visits as the case review (倒查) needs them: the schedule before the discovery and the harm signals.
struct ReviewVisits {
    std::optional<std::int64_t> last_visit_at;  ///< the last visit at or before the reference time
    int interval_days = 0;                      ///< the child's required interval (category and risk)
    /// That visit's next due day was not past the reference day; never visited: false.
    bool on_schedule = false;
    std::vector<ReviewHarmVisit> harm;  ///< every visit of the child that recorded suspected harm, oldest first
};

}  // namespace hulei::children
