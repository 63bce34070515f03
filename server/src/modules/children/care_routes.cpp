// HTTP routes of care teams: parse → one service call → serialise.
#include "modules/children/care_routes.hpp"

#include "core/error.hpp"
#include "http/json_io.hpp"

namespace hulei::children {

namespace {

using http::Guard;
using http::Json;

Json opt(const std::optional<std::string>& v) {
    return v ? Json(*v) : Json(nullptr);
}

}  // namespace

nlohmann::json outcome_json(const TeamAssignmentOutcome& o) {
    Json incomplete = Json::array(), shortfalls = Json::array();
    for (const auto& i : o.incomplete) incomplete.push_back({{"child_id", i.child_id}, {"reason", i.reason}});
    for (const auto& s : o.shortfalls)
        shortfalls.push_back({{"unit", s.unit},
                              {"seat", s.seat},
                              {"female_needed", s.female_needed},
                              {"persons_needed", s.persons_needed}});
    return {{"assigned", o.assigned}, {"incomplete", incomplete}, {"shortfalls", shortfalls}, {"dry_run", o.dry_run}};
}

nlohmann::json teams_json(const std::vector<Team>& teams) {
    Json out = Json::array();
    for (const auto& t : teams) {
        Json members = Json::array();
        for (const auto& m : t.members)
            members.push_back({{"role", m.role},
                               {"person_id", m.person_id ? Json(*m.person_id) : Json(nullptr)},
                               {"name", m.name},
                               {"sex", opt(m.sex)},
                               {"unit", opt(m.unit)},
                               {"phone", opt(m.phone_masked)}});
        out.push_back(
            {{"child_id", t.child_id}, {"name", t.name}, {"sex", t.sex}, {"village", t.village}, {"members", members}});
    }
    return out;
}

void mount_care_routes(http::Router& r, CareService& svc) {
    r.add(
        "POST", "/api/v1/children/assign-teams", Guard::permission_of("children:team:assign"),
        [&svc](const http::Request& req, const security::Principal& p) {
            std::optional<std::int64_t> village;
            bool dry_run = false;
            if (!req.body.empty()) {
                http::Body b(req, {"village_id", "dry_run"});
                village = b.opt_i64("village_id");
                dry_run = b.opt_bool("dry_run").value_or(false);
            }
            return http::ok(outcome_json(svc.assign_teams(p, village, dry_run)));
        },
        http::kDefaultMaxBody, http::Cost::Slow);
    r.add(
        "GET", "/api/v1/children/teams", Guard::permission_of("children:team:list"),
        [&svc](const http::Request& req, const security::Principal& p) {
            return http::ok({{"items", teams_json(svc.teams(p, req.query_id("village_id")))}});
        },
        http::kDefaultMaxBody, http::Cost::Slow);
}

}  // namespace hulei::children
