#pragma once
// Visits (走访, issue 4 items 6–7): record a visit to a child in the caller's scope, list a child's visits,
// edit a visit with conflict detection (an edit names the version it was based on; a stale version is a
// conflict, never an overwrite), photos of a visit (encrypted at rest), the due list (children overdue or
// due soon, by category and risk, pure rules in visit_rules.hpp) and the office's follow-up of urgent visits.
// Each method takes the Principal, checks permission and scope, and audits in the same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "modules/children/visit_rules.hpp"
#include "modules/children/visit_types.hpp"
#include "security/keyring.hpp"
#include "security/principal.hpp"

namespace hulei::children {

class VisitService {
public:
    VisitService(db::Database& db, core::Clock& clock, const security::Keyring& keyring)
        : db_(db), clock_(clock), keyring_(keyring) {}

    /// Records a visit to a child in the caller's `children:visit:create` scope (404 outside it); an urgent
    /// follow-up is audited separately and flagged for the office. A named visitor must be an active care person
    /// serving the child. With a `client_id` already recorded for this child the stored visit is answered
    /// (`replayed`, nothing written); recorded for another child, 409 client_id_conflict.
    VisitSaved create(const security::Principal& p, std::int64_t child_id, const VisitInput& in);
    /// A child's visits with their photos, latest first (404 outside the caller's scope); audited.
    std::vector<Visit> list(const security::Principal& p, std::int64_t child_id);
    /// Edits a visit based on `in.version`; a stale version gives `conflict` with the current record and
    /// changes nothing. An edit that makes the follow-up urgent again clears the office's acknowledgement; one
    /// that turns urgent off before the office acknowledged it is 409 urgent_open. A newly named visitor is
    /// checked as on create.
    VisitEdit update(const security::Principal& p, std::int64_t visit_id, const VisitInput& in);

    /// Adds a photo to a visit the caller may edit (404 otherwise): JPEG, PNG or WebP by content, at most
    /// policy visits.photo_max_mb (413) and visits.photos_per_visit per visit (409, held under concurrent
    /// uploads); encrypted; audited. With a `client_id` already stored on the visit the stored photo is answered
    /// (`replayed`, nothing written).
    VisitPhotoSaved add_photo(const security::Principal& p, std::int64_t visit_id, const std::string& filename,
                              const std::string& content_type, std::string_view bytes,
                              const std::optional<std::string>& client_id = std::nullopt);
    /// A photo's content for a caller who may read its visit (404 otherwise); every read is audited.
    VisitPhotoFile photo(const security::Principal& p, std::int64_t photo_id);

    /// Active children in the caller's scope (optionally one village; with `mine_only` only those on the
    /// teams of care persons linked to the caller's account) whose visit is overdue or due soon, soonest
    /// first; audited.
    std::vector<VisitDueItem> due(const security::Principal& p, std::optional<std::int64_t> village_id,
                                  bool mine_only = false);
    /// The to-do's section of due visits: counts, then the caller's own children first and the most overdue
    /// next, at most policy todo.visits_max_items; audited like the due list.
    VisitDueSummary due_summary(const security::Principal& p);

    /// Urgent follow-ups not yet acknowledged, oldest first (the office: `children:visit:ack`, township).
    std::vector<UrgentVisit> urgent(const security::Principal& p);
    /// The office acknowledges an urgent follow-up (with an optional note); 409 not_urgent or
    /// already_acknowledged; audited. Does not change the visit's version.
    Visit acknowledge(const security::Principal& p, std::int64_t visit_id, const std::optional<std::string>& note);

    /// The visit interval policies (visits.interval_days.*, visits.due_soon_days) as they stand in `tx`, for
    /// whoever computes due dates (the due list, the dashboard).
    static VisitIntervals read_intervals(db::Tx& tx);

    /// The case review (倒查): the child's last visit at or before `as_of` (the reviewer passes the end of the
    /// discovery's day), whether it was on schedule then (its next due day, by the child's current categories and
    /// risk, not past the Shanghai day of `as_of`; a child never visited before is not on schedule), and every
    /// visit that recorded suspected harm with the unit that knew. Runs in the caller's transaction (the cases
    /// service) with no permission check and no audit of its own — the caller checks and audits the review.
    ReviewVisits review_visits(db::Tx& tx, std::int64_t child_id, std::int64_t as_of) const;

private:
    VisitSaved record(const security::Principal& p, std::int64_t child_id, const VisitInput& in, std::int64_t now);
    std::vector<VisitDueItem> due_items(db::Tx& tx, const security::Principal& p,
                                        std::optional<std::int64_t> village_id, bool mine_only) const;

    db::Database& db_;
    core::Clock& clock_;
    const security::Keyring& keyring_;
};

}  // namespace hulei::children
