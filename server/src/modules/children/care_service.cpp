#include "modules/children/care_service.hpp"

#include <algorithm>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/sheet.hpp"
#include "modules/children/care_store.hpp"
#include "modules/children/ledger_rows.hpp"
#include "modules/policy/policy_service.hpp"

namespace hulei::children {

namespace {

constexpr const char* kPhoneContext = "care_persons.phone";
constexpr const char* kGuardianPhoneContext = "children.guardian_phone";
constexpr std::size_t kMaxName = 30;
constexpr Seat kSeats[] = {Seat::Village, Seat::Teacher, Seat::Police};

void require(const security::Principal& p, std::string_view permission) {
    if (!p.has(permission)) throw core::Error::forbidden();
}

const char* seat_code(Seat s) {
    switch (s) {
        case Seat::Village: return "village";
        case Seat::Teacher: return "teacher";
        case Seat::Police: return "police";
    }
    return "village";
}

std::optional<Seat> seat_of_code(const std::string& s) {
    if (s == "village") return Seat::Village;
    if (s == "teacher") return Seat::Teacher;
    if (s == "police") return Seat::Police;
    return std::nullopt;
}

/// The seat a role fills and the unit kind it must belong to.
struct RoleFit {
    Seat seat;
    const char* kind;
};
std::optional<RoleFit> role_fit(const std::string& role) {
    if (role == "村干部" || role == "儿童主任") return RoleFit{Seat::Village, "village"};
    if (role == "教师") return RoleFit{Seat::Teacher, "school"};
    if (role == "民警") return RoleFit{Seat::Police, "police_station"};
    return std::nullopt;
}

std::string mask_phone(const std::string& phone) {
    if (phone.size() < 7) return std::string(phone.size(), '*');
    return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::optional<std::string> parse_sex(const std::string& raw) {
    const auto s = core::trim(raw);
    if (s == "男" || s == "M" || s == "m") return std::string("M");
    if (s == "女" || s == "F" || s == "f") return std::string("F");
    return std::nullopt;
}

std::vector<CoverageUnit> load_units(db::Tx& tx) {
    std::vector<CoverageUnit> units;
    for (const auto& r : tx.query(care_sql::kUnits))
        units.push_back({r.i64("id"), r.opt_i64("parent_id"), r.str("name"), r.str("kind")});
    return units;
}

}  // namespace

Coverage default_coverage(const std::vector<CoverageUnit>& units) {
    Coverage cov;
    std::map<std::int64_t, const CoverageUnit*> by_id;
    for (const auto& u : units) {
        by_id[u.id] = &u;
        cov.unit_names[u.id] = u.name;
    }
    // The township of a unit: its nearest ancestor (or itself) of kind town; 0 when there is none.
    auto township = [&](std::int64_t id) -> std::int64_t {
        std::set<std::int64_t> seen;
        for (auto it = by_id.find(id); it != by_id.end() && seen.insert(it->first).second;) {
            if (it->second->kind == "town") return it->first;
            if (!it->second->parent_id) break;
            it = by_id.find(*it->second->parent_id);
        }
        return 0;
    };
    std::map<std::int64_t, std::vector<std::int64_t>> stations;  // township → police stations
    for (const auto& u : units)
        if (u.kind == "police_station") stations[township(u.id)].push_back(u.id);
    for (const auto& u : units)
        if (u.kind == "village") {
            auto it = stations.find(township(u.id));
            if (it != stations.end()) cov.police_units_of_village[u.id] = it->second;
        }
    return cov;
}

// ---- import ------------------------------------------------------------------------------------

CareImportSummary CareService::import_persons(const security::Principal& p, const std::string& bytes,
                                              const std::string& filename) {
    require(p, "children:team:assign");
    if (!p.has_township("children:team:assign")) throw core::Error::forbidden();
    const auto sheet = io::read_sheet(bytes, filename);
    const int c_name = io::column_of(sheet, "姓名"), c_sex = io::column_of(sheet, "性别"),
              c_role = io::column_of(sheet, "角色"), c_unit = io::column_of(sheet, "单位"),
              c_phone = io::column_of(sheet, "手机");
    for (auto [col, header] : {std::pair{c_name, "姓名"}, {c_sex, "性别"}, {c_role, "角色"}, {c_unit, "单位"}})
        if (col < 0) throw core::Error::validation("missing_header", std::string("缺少表头：") + header, "file");

    struct Planned {
        std::int64_t row;
        std::string name, sex, role, seat;
        std::int64_t unit_id;
        std::optional<std::string> phone;
    };
    CareImportSummary summary;
    std::vector<Planned> planned;
    std::map<std::string, std::optional<org::Unit>> units;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
        const auto& cells = sheet.rows[i];
        const auto rowno = static_cast<std::int64_t>(i < sheet.source_rows.size() ? sheet.source_rows[i] : i + 2);
        auto cell = [&](int c) { return c >= 0 && c < static_cast<int>(cells.size()) ? core::trim(cells[c]) : ""; };
        std::vector<std::string> reasons;
        const std::string name = cell(c_name), role = cell(c_role), unit_name = cell(c_unit), phone_raw = cell(c_phone);
        if (name.empty())
            reasons.push_back("缺少姓名");
        else if (core::has_control_characters(name) || core::utf8_length(name) > kMaxName)
            reasons.push_back("姓名无效");
        const auto sex = parse_sex(cell(c_sex));
        if (!sex) reasons.push_back("性别应为 男 或 女");
        const auto fit = role_fit(role);
        if (!fit) reasons.push_back("角色应为 村干部、儿童主任、教师 或 民警：" + role);
        std::optional<org::Unit> unit;
        if (unit_name.empty()) {
            reasons.push_back("缺少单位");
        } else {
            if (!units.count(unit_name)) units[unit_name] = org_.resolve_unit(unit_name);
            unit = units[unit_name];
            if (!unit)
                reasons.push_back("未知单位：" + unit_name);
            else if (fit && unit->kind != fit->kind)
                reasons.push_back("单位“" + unit->name + "”不是" +
                                  (fit->seat == Seat::Village  ? "村（社区）"
                                   : fit->seat == Seat::Teacher ? "学校"
                                                                : "派出所") +
                                  "，不能担任" + role);
        }
        std::optional<std::string> phone;
        if (!phone_raw.empty()) {
            phone = normalise_phone(phone_raw);
            if (!phone) reasons.push_back("手机号码无效");
        }
        if (reasons.empty() && !seen.insert(name + "|" + std::to_string(unit->id) + "|" + role).second)
            reasons.push_back("重复：表中已有同一单位同一角色的" + name);
        if (!reasons.empty()) {
            std::string joined;
            for (const auto& r : reasons) joined += (joined.empty() ? "" : "；") + r;
            summary.rejected.push_back({rowno, joined});
            continue;
        }
        planned.push_back({rowno, name, *sex, role, seat_code(fit->seat), unit->id, phone});
    }
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        for (const auto& pl : planned)
            if (tx.scalar_i64(care_sql::kPersonExists, {pl.name, pl.unit_id, pl.role}) > 0)
                summary.rejected.push_back({pl.row, "重复：该单位已有同一角色的" + pl.name});
        if (!summary.rejected.empty()) return;
        for (const auto& pl : planned)
            tx.exec(care_sql::kInsertPerson,
                    {pl.name, pl.sex, pl.seat, pl.role, pl.unit_id,
                     pl.phone ? db::Value(keyring_.encrypt(*pl.phone, kPhoneContext)) : db::Value(nullptr), now});
        summary.created = static_cast<std::int64_t>(planned.size());
        audit::append(tx, audit::actor_of(p), {"children.care.import", "care_person", "", {{"created", summary.created}}},
                      now);
    });
    std::sort(summary.rejected.begin(), summary.rejected.end(),
              [](const CareRejected& a, const CareRejected& b) { return a.row < b.row; });
    return summary;
}

// ---- assignment ----------------------------------------------------------------------------------

TeamAssignmentOutcome CareService::assign_teams(const security::Principal& p,
                                                std::optional<std::int64_t> village_unit_id, bool dry_run) {
    require(p, "children:team:assign");
    const auto scope = p.units_for("children:team:assign");
    const auto now = clock_.now_ms();
    auto run = [&](db::Tx& tx) {
        const auto units = load_units(tx);
        if (village_unit_id) {
            auto it = std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.id == *village_unit_id; });
            if (it == units.end() || it->kind != "village")
                throw core::Error::validation("invalid_village", "村（社区）不存在", "village_id");
            if (!p.can_in_unit("children:team:assign", *village_unit_id))
                throw core::Error::forbidden("out_of_scope", "无权为该村（社区）分配关爱团队");
        }
        auto in_scope = [&](std::int64_t village) {
            if (village_unit_id) return village == *village_unit_id;
            return !scope || scope->count(village) > 0;
        };
        const Coverage coverage = default_coverage(units);
        AssignmentRules rules;
        rules.max_girls_per_person = static_cast<int>(policy::PolicyService::get_int(tx, "care.max_girls_per_person"));
        rules.max_children_per_person =
            static_cast<int>(policy::PolicyService::get_int(tx, "care.max_children_per_person"));
        rules.require_woman = policy::PolicyService::get_int(tx, "care.require_woman") != 0;

        // Every active child of the township takes part (the persons' loads are shared), but only the
        // children in scope get new seats; the others keep their assignments as stored.
        std::vector<ChildNeed> needs;
        std::map<std::int64_t, std::size_t> index;
        for (const auto& r : tx.query(care_sql::kActiveChildren)) {
            ChildNeed c;
            c.id = r.i64("id");
            c.sex = r.str("sex") == "F" ? 'F' : 'M';
            c.village_id = r.i64("village_unit_id");
            c.school_id = r.opt_i64("school_unit_id");
            const auto g = r.opt_str("guardian");
            c.has_guardian = g && !core::trim(*g).empty();
            c.guardian_female = c.has_guardian && r.opt_str("guardian_sex").value_or("") == "F";
            index[c.id] = needs.size();
            needs.push_back(std::move(c));
        }
        std::map<std::int64_t, std::map<Seat, std::int64_t>> stored;
        for (const auto& r : tx.query(care_sql::kAllAssignments)) {
            auto seat = seat_of_code(r.str("seat"));
            auto it = index.find(r.i64("child_id"));
            if (!seat || it == index.end()) continue;
            needs[it->second].current[*seat] = r.i64("person_id");
            stored[r.i64("child_id")][*seat] = r.i64("person_id");
        }
        std::vector<CarePerson> persons;
        std::map<std::int64_t, char> sex_of;
        for (const auto& r : tx.query(care_sql::kActivePersons)) {
            auto seat = seat_of_code(r.str("seat"));
            if (!seat) continue;
            CarePerson cp{r.i64("id"), r.str("name"), r.str("sex") == "F" ? 'F' : 'M', *seat, r.i64("unit_id")};
            sex_of[cp.id] = cp.sex;
            persons.push_back(std::move(cp));
        }
        const auto result = children::assign_teams(needs, persons, coverage, rules);

        // The final teams: the result for children in scope, the stored teams for the others.
        std::map<std::int64_t, std::map<Seat, std::int64_t>> final_teams;
        for (const auto& c : needs) {
            if (in_scope(c.village_id)) {
                auto it = result.teams.find(c.id);
                if (it != result.teams.end()) final_teams[c.id] = it->second;
            } else if (auto it = stored.find(c.id); it != stored.end()) {
                final_teams[c.id] = it->second;
            }
        }
        // Out-of-scope children keep stored seats the library may have moved; release in-scope seats (new
        // ones first, latest child first) of anyone now over a cap, so no rule is broken.
        std::map<std::int64_t, std::pair<int, int>> load;  // person → (children, girls)
        for (const auto& [child, seats] : final_teams)
            for (const auto& [seat, person] : seats) {
                auto& l = load[person];
                ++l.first;
                if (needs[index[child]].sex == 'F') ++l.second;
            }
        std::map<std::int64_t, std::string> released;
        for (int pass = 0; pass < 2; ++pass)
            for (auto it = final_teams.rbegin(); it != final_teams.rend(); ++it) {
                const auto& child = needs[index[it->first]];
                if (!in_scope(child.village_id)) continue;
                for (auto seat : kSeats) {
                    auto s = it->second.find(seat);
                    if (s == it->second.end()) continue;
                    const bool kept = stored.count(child.id) && stored[child.id].count(seat) &&
                                      stored[child.id][seat] == s->second;
                    if (pass == 0 && kept) continue;
                    auto& l = load[s->second];
                    if (l.first <= rules.max_children_per_person && l.second <= rules.max_girls_per_person) continue;
                    --l.first;
                    if (child.sex == 'F') --l.second;
                    released[child.id] = std::string(seat_label(seat)) + "：责任人已达联系上限（含其他村儿童）";
                    it->second.erase(s);
                }
            }

        TeamAssignmentOutcome out;
        out.dry_run = dry_run;
        std::set<std::int64_t> incomplete_ids;
        std::set<std::int64_t> scope_villages, scope_schools, scope_stations;
        for (const auto& inc : result.incomplete) {
            const auto& c = needs[index[inc.child_id]];
            if (!in_scope(c.village_id)) continue;
            std::string reason = inc.reason;
            if (auto r = released.find(c.id); r != released.end()) reason += (reason.empty() ? "" : "；") + r->second;
            out.incomplete.push_back({c.id, reason});
            incomplete_ids.insert(c.id);
        }
        for (const auto& [id, reason] : released)
            if (!incomplete_ids.count(id)) {
                out.incomplete.push_back({id, reason});
                incomplete_ids.insert(id);
            }
        std::sort(out.incomplete.begin(), out.incomplete.end(),
                  [](const TeamIncomplete& a, const TeamIncomplete& b) { return a.child_id < b.child_id; });
        std::int64_t in_scope_children = 0;
        for (const auto& c : needs) {
            if (!in_scope(c.village_id)) continue;
            ++in_scope_children;
            scope_villages.insert(c.village_id);
            if (c.school_id) scope_schools.insert(*c.school_id);
            if (auto it = coverage.police_units_of_village.find(c.village_id);
                it != coverage.police_units_of_village.end())
                scope_stations.insert(it->second.begin(), it->second.end());
            if (!incomplete_ids.count(c.id)) ++out.assigned;
        }
        for (const auto& s : result.shortfalls) {
            const auto& relevant = s.seat == Seat::Village   ? scope_villages
                                   : s.seat == Seat::Teacher ? scope_schools
                                                             : scope_stations;
            if (!relevant.count(s.unit_id)) continue;
            out.shortfalls.push_back({s.unit, seat_label(s.seat), s.female_needed, s.persons_needed});
        }
        if (dry_run) return out;

        std::int64_t written = 0, removed = 0;
        for (const auto& c : needs) {
            if (!in_scope(c.village_id)) continue;
            const auto& before = stored.count(c.id) ? stored[c.id] : std::map<Seat, std::int64_t>{};
            const auto& after = final_teams.count(c.id) ? final_teams[c.id] : std::map<Seat, std::int64_t>{};
            for (auto seat : kSeats) {
                auto b = before.find(seat);
                auto a = after.find(seat);
                const bool same = (b == before.end() && a == after.end()) ||
                                  (b != before.end() && a != after.end() && b->second == a->second);
                if (same) continue;
                if (b != before.end()) {
                    tx.exec(care_sql::kDeleteAssignment, {c.id, std::string(seat_code(seat))});
                    if (a == after.end()) ++removed;
                }
                if (a != after.end()) {
                    tx.exec(care_sql::kInsertAssignment, {c.id, std::string(seat_code(seat)), a->second, now});
                    ++written;
                }
            }
        }
        audit::append(tx, audit::actor_of(p),
                      {"children.team.assign",
                       "child",
                       "",
                       {{"village_id", village_unit_id ? nlohmann::json(*village_unit_id) : nlohmann::json(nullptr)},
                        {"children", in_scope_children},
                        {"assigned", out.assigned},
                        {"incomplete", out.incomplete.size()},
                        {"seats_written", written},
                        {"seats_removed", removed}}},
                      now);
        return out;
    };
    if (dry_run) return db_.read(run);
    return db_.write(run);
}

// ---- teams ------------------------------------------------------------------------------------------

std::vector<Team> CareService::teams(const security::Principal& p, std::optional<std::int64_t> village_unit_id) {
    require(p, "children:team:list");
    const auto scope = p.units_for("children:team:list");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        std::string where = " ORDER BY c.village_unit_id, c.id";
        db::Params params;
        if (village_unit_id) {
            where = " AND c.village_unit_id = :1" + where;
            params.push_back(*village_unit_id);
        }
        std::vector<Team> out;
        std::map<std::int64_t, std::size_t> index;
        std::map<std::int64_t, TeamMember> guardians;
        for (const auto& r : tx.query(std::string(care_sql::kTeamChildren) + where, params)) {
            const auto village = r.i64("village_unit_id");
            const auto school = r.opt_i64("school_unit_id");
            if (scope && !scope->count(village) && !(school && scope->count(*school))) continue;
            Team t{r.i64("id"), r.str("name"), r.str("sex"), r.str("village_name"), {}};
            if (auto g = r.opt_str("guardian"); g && !core::trim(*g).empty()) {
                TeamMember m{"监护人", std::nullopt, *g, r.opt_str("guardian_sex"), std::nullopt, std::nullopt};
                if (auto enc = r.opt_str("guardian_phone_enc"))
                    m.phone_masked = mask_phone(keyring_.decrypt(*enc, kGuardianPhoneContext));
                guardians[t.child_id] = m;
            }
            index[t.child_id] = out.size();
            out.push_back(std::move(t));
        }
        std::map<std::int64_t, std::map<int, TeamMember>> seats;
        for (const auto& r : tx.query(care_sql::kTeamMembers)) {
            const auto child = r.i64("child_id");
            if (!index.count(child)) continue;
            auto seat = seat_of_code(r.str("seat"));
            TeamMember m{r.str("role"), r.i64("person_id"), r.str("name"), r.str("sex"), r.str("unit_name"),
                         std::nullopt};
            if (auto enc = r.opt_str("phone_enc")) m.phone_masked = mask_phone(keyring_.decrypt(*enc, kPhoneContext));
            seats[child][seat ? static_cast<int>(*seat) : 9] = std::move(m);
        }
        for (auto& t : out) {
            for (auto& [k, m] : seats[t.child_id]) t.members.push_back(std::move(m));
            if (auto g = guardians.find(t.child_id); g != guardians.end()) t.members.push_back(g->second);
        }
        audit::append(tx, audit::actor_of(p),
                      {"children.team.list",
                       "child",
                       "",
                       {{"village_id", village_unit_id ? nlohmann::json(*village_unit_id) : nlohmann::json(nullptr)},
                        {"returned", out.size()}}},
                      now);
        return out;
    });
}

// ---- demo --------------------------------------------------------------------------------------------

void CareService::seed_demo() {
    struct DemoPerson {
        const char* name;
        const char* sex;
        const char* role;
        const char* unit;
    };
    // Invented names; no phone numbers.
    static const DemoPerson kPersons[] = {
        {"田晓岚", "F", "儿童主任", "青石村"},   {"石大川", "M", "村干部", "青石村"},
        {"罗春燕", "F", "儿童主任", "白沙社区"}, {"龙建平", "M", "村干部", "白沙社区"},
        {"向秀梅", "F", "儿童主任", "柳塘村"},   {"彭志强", "M", "村干部", "柳塘村"},
        {"杨桂芝", "F", "儿童主任", "新桥村"},   {"吴光明", "M", "村干部", "新桥村"},
        {"麻丽萍", "F", "儿童主任", "枫林村"},   {"滕德贵", "M", "村干部", "枫林村"},
        {"张翠兰", "F", "儿童主任", "石门村"},   {"符国庆", "M", "村干部", "石门村"},
        {"梁静", "F", "教师", "五团镇中心小学"}, {"欧阳辉", "M", "教师", "五团镇中心小学"},
        {"黄雪梅", "F", "教师", "青溪小学"},     {"宋立新", "M", "教师", "青溪小学"},
        {"曾晓红", "F", "教师", "五团镇中学"},   {"谭卫东", "M", "教师", "五团镇中学"},
        {"姚丽娟", "F", "民警", "五团镇派出所"}, {"邓海燕", "F", "民警", "五团镇派出所"},
        {"廖小芳", "F", "民警", "五团镇派出所"}, {"钟振华", "M", "民警", "五团镇派出所"},
        {"雷永刚", "M", "民警", "五团镇派出所"},
    };
    const auto now = clock_.now_ms();
    std::vector<std::pair<const DemoPerson*, std::int64_t>> rows;
    for (const auto& person : kPersons)
        if (auto u = org_.resolve_unit(person.unit)) rows.emplace_back(&person, u->id);
    db_.write([&](db::Tx& tx) {
        for (const auto& [person, unit] : rows)
            tx.exec(care_sql::kInsertPerson, {std::string(person->name), std::string(person->sex),
                                              std::string(seat_code(role_fit(person->role)->seat)),
                                              std::string(person->role), unit, db::Value(nullptr), now});
    });
}

}  // namespace hulei::children
