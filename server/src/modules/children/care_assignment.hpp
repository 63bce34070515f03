#pragma once
// Automatic 四位一体 care-team assignment (issue 4 item 5): a pure library, no I/O and no database.
//
// Each child gets one care person per seat — Village (村干部/儿童主任 of the child's village), Teacher (a teacher
// of the child's school), Police (an officer of a station covering the child's village); the fourth member, the
// guardian or entrusted carer, comes with the child and is never assigned. Rules (all numbers are policy):
//   * a care person serves only children of his own unit;
//   * nobody covers more than `max_children_per_person` children nor more than `max_girls_per_person` girls;
//   * with `require_woman`, every complete team has at least one woman (the guardian counts).
// A team is complete when all three seats are filled, a guardian is recorded and the woman rule holds. A team
// that cannot get a woman is left with one seat open (see `Shortfall`), so a full all-male team never exists.
//
// Algorithm (assign_teams), about 1 s for 200,000 children and 61,000 persons on one core (-O2):
//   0. keep every existing assignment that is still eligible, in child-id order while the person stays within
//      both caps (the rest is released);
//   1. woman seats: children whose guardian is not a woman and who have no kept woman are grouped into classes
//      (village, school, sex, kept seats); a maximum flow (Dinic) through each pool's female girl room and female
//      child room decides how many of each class get a woman in which pool, open seats tried before kept male
//      seats (a kept male seat is replaced only to bring a woman). Boys may use a pool's women only as far as
//      the girls who cannot fit with that pool's men keep room with the women. Children the flow cannot serve
//      have their village seat left open (never a full all-male team) and count as female shortfall there;
//   2. every other open seat, per seat type: girls before boys, each to the eligible person with the fewest girls
//      (girls) or fewest children (boys) — even load. If some children may use several pools (a village covered
//      by several stations) a maximum flow over (pools, sex) classes first fixes how many each pool takes. A girl
//      who finds no room while someone has girl room but is full of boys gets that room by moving a boy to a
//      colleague with room (to a woman if the boy relies on her).
// Exactness: phase 2 fills the maximum number of seats of each type given phase 1 (single pools: greedy is
// exact; shared pools: max flow, aggregate room exact because girls go first). Phase 1 maximises the children
// who get a woman under its per-pool room reservation; the two phases are not optimised jointly, so on tight
// instances a joint optimum could complete a few more teams. Tested: on generated feasible instances (each
// village has women for its own woman-needing children; each unit has room) every team is completed. No rule is
// ever broken: check_assignment verifies every result in the tests.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hulei::children {

/// A team seat filled from the pool of care persons (the guardian seat is not assigned).
enum class Seat { Village, Teacher, Police };

/// The Chinese label of a seat, as shown in reasons ("儿童主任/村干部", "教师", "民警").
const char* seat_label(Seat seat);

/// A care person: `sex` is 'F' or 'M'; `unit_id` is the village, school or police station he belongs to.
struct CarePerson {
    std::int64_t id = 0;
    std::string name;
    char sex = 'M';
    Seat seat = Seat::Village;
    std::int64_t unit_id = 0;
};

/// A child who needs a team, with the team it has today (`current`, person ids; may be stale or invalid).
struct ChildNeed {
    std::int64_t id = 0;
    char sex = 'M';
    std::int64_t village_id = 0;
    std::optional<std::int64_t> school_id;
    bool has_guardian = true;
    bool guardian_female = false;
    std::map<Seat, std::int64_t> current;
};

/// The policy numbers and switches; defaults from the plan (方案 四(三)3). Caps must be ≥ 1.
struct AssignmentRules {
    int max_girls_per_person = 5;
    int max_children_per_person = 20;
    bool require_woman = true;
};

/// Which police stations cover which village, and unit names for the messages (missing → "单位#id").
struct Coverage {
    std::map<std::int64_t, std::vector<std::int64_t>> police_units_of_village;
    std::map<std::int64_t, std::string> unit_names;
};

/// Why a child's team is not complete: the open seats and one Chinese reason per problem, joined by "；".
struct Incomplete {
    std::int64_t child_id = 0;
    std::vector<Seat> open_seats;
    std::vector<std::string> reasons;
    std::string reason;
};

/// What unit `unit_id` (of seat type `seat`) lacks so that every team it serves can be completed.
/// With u open seats of this unit (ug of them girls), w of which wait for a woman (wg girls), C and
/// G' = min(max_girls, C): female_needed = max(⌈w/C⌉, ⌈wg/G'⌉); persons_needed (total new persons of this
/// seat type, female_needed of them women) = max(female_needed, ⌈u/C⌉, ⌈ug/G'⌉, L) where for village and
/// teacher units L = max(⌈n/C⌉, ⌈g/G'⌉) − P is the counting lower bound over all n children (g girls) of the
/// unit and its P current persons. Computed with the existing persons' loads as assigned; adding these persons
/// and rerunning completes those seats (checked on 200 random instances with one station per village). Police
/// seats of a village covered by several stations are counted against the first station listed for the village;
/// there the numbers are a good estimate, not a guarantee.
struct Shortfall {
    std::int64_t unit_id = 0;
    std::string unit;
    Seat seat = Seat::Village;
    int female_needed = 0;
    int persons_needed = 0;
};

/// The outcome: `teams` holds every filled seat (child → seat → person id), for complete and incomplete teams.
struct AssignmentResult {
    std::map<std::int64_t, std::map<Seat, std::int64_t>> teams;
    std::int64_t assigned = 0;       ///< children whose team is complete
    std::int64_t seats_kept = 0;     ///< existing assignments kept unchanged
    std::int64_t seats_new = 0;      ///< seats filled by this run
    std::vector<Incomplete> incomplete;  ///< by child id
    std::vector<Shortfall> shortfalls;   ///< by seat, then unit id; only units lacking someone
};

/// Completes every team it can under `rules`, keeping valid existing assignments and balancing load.
/// Throws core::Error (validation) when a cap is below 1 or an id is duplicated.
AssignmentResult assign_teams(const std::vector<ChildNeed>& children, const std::vector<CarePerson>& persons,
                              const Coverage& coverage, const AssignmentRules& rules);

/// An independent checker of every rule and of the result's own bookkeeping; empty means valid.
std::vector<std::string> check_assignment(const std::vector<ChildNeed>& children,
                                          const std::vector<CarePerson>& persons, const Coverage& coverage,
                                          const AssignmentRules& rules, const AssignmentResult& result);

}  // namespace hulei::children
