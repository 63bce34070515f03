#include "modules/children/care_service.hpp"

#include <algorithm>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/sheet.hpp"
#include "io/xlsx_writer.hpp"
#include "modules/children/care_dashboard.hpp"
#include "modules/children/care_store.hpp"
#include "modules/children/ledger_rows.hpp"
#include "modules/children/visit_service.hpp"
#include "modules/policy/policy_service.hpp"

namespace hulei::children {

namespace {

constexpr const char* kPhoneContext = "care_persons.phone";
constexpr const char* kGuardianPhoneContext = "children.guardian_phone";
constexpr std::size_t kMaxName = 30;
constexpr Seat kSeats[] = {Seat::Village, Seat::Teacher, Seat::Police};
constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const std::vector<std::string> kSheetHeaders = {"姓名", "性别", "角色", "单位", "手机"};

using security::require;

/// A statement under construction: each bound value gets the next positional number.
struct Sql {
    db::Params params;
    std::string bind(db::Value v) {
        params.push_back(std::move(v));
        return ":" + std::to_string(params.size());
    }
};

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

/// police_coverage rows: station → the villages it is configured to cover.
std::map<std::int64_t, std::vector<std::int64_t>> load_configured(db::Tx& tx) {
    std::map<std::int64_t, std::vector<std::int64_t>> out;
    for (const auto& r : tx.query(care_sql::kCoverageRows)) out[r.i64("station_id")].push_back(r.i64("village_id"));
    return out;
}

std::vector<CoverageUnit> load_units(db::Tx& tx) {
    std::vector<CoverageUnit> units;
    for (const auto& r : tx.query(care_sql::kUnits))
        units.push_back({r.i64("id"), r.opt_i64("parent_id"), r.str("name"), r.str("kind")});
    return units;
}

/// The coverage in force over units already read.
Coverage coverage_over(db::Tx& tx, const std::vector<CoverageUnit>& units) {
    return coverage_with(units, load_configured(tx));
}

}  // namespace

Coverage CareService::coverage_in_force(db::Tx& tx) {
    return coverage_over(tx, load_units(tx));
}

// ---- import ------------------------------------------------------------------------------------

CareImportSummary CareService::import_persons(const security::Principal& p, const std::string& bytes,
                                              const std::string& filename) {
    const auto result = import_sheet(p, bytes, filename, true);
    CareImportSummary summary;
    summary.created = result.committed ? result.created : 0;
    for (const auto& r : result.rows)
        if (r.action == "reject") summary.rejected.push_back({r.row, r.reason});
    return summary;
}

CareImportResult CareService::import_sheet(const security::Principal& p, const std::string& bytes,
                                           const std::string& filename, bool commit) {
    require(p, "children:care:manage");
    const auto manage = care_units(p, "children:care:manage");
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
    std::map<std::int64_t, CareImportRow> rows;
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
                reasons.push_back("单位“" + unit->name + "”不是" + kind_label(fit->seat) + "，不能担任" + role);
            else if (manage && !manage->count(unit->id))
                reasons.push_back("无权管理该单位的责任人：" + unit->name);
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
            rows[rowno] = {rowno, "reject", joined, name};
            continue;
        }
        rows[rowno] = {rowno, "create", "", name};
        planned.push_back({rowno, name, *sex, role, seat_code(fit->seat), unit->id, phone});
    }
    // Rows already active in the database are duplicates too, as the transaction sees them.
    auto classify = [&](db::Tx& tx) {
        for (const auto& pl : planned)
            if (tx.scalar_i64(care_sql::kPersonExists, {pl.name, pl.unit_id, pl.role}) > 0)
                rows[pl.row] = {pl.row, "reject", "重复：该单位已有同一角色的" + pl.name, pl.name};
    };
    auto summarise = [&](bool committed) {
        CareImportResult result;
        result.committed = committed;
        for (const auto& [rowno, r] : rows) {
            (r.action == "create" ? result.created : result.rejected) += 1;
            result.rows.push_back(r);
        }
        return result;
    };
    if (!commit) {
        db_.read([&](db::Tx& tx) { classify(tx); });
        return summarise(false);
    }
    const auto now = clock_.now_ms();
    bool written = false;
    db_.write([&](db::Tx& tx) {
        classify(tx);
        if (std::any_of(rows.begin(), rows.end(), [](const auto& kv) { return kv.second.action == "reject"; })) return;
        for (const auto& pl : planned)
            tx.exec(care_sql::kInsertPerson,
                    {pl.name, pl.sex, pl.seat, pl.role, pl.unit_id,
                     pl.phone ? db::Value(keyring_.encrypt(*pl.phone, kPhoneContext)) : db::Value(nullptr), now});
        audit::append(
            tx, audit::actor_of(p),
            {"children.care.import", "care_person", "", {{"created", static_cast<std::int64_t>(planned.size())}}}, now);
        written = true;
    });
    return summarise(written);
}

ExportFile CareService::import_template(const security::Principal& p) {
    require(p, "children:care:manage");
    io::SheetOut sheet{"关爱责任人", kSheetHeaders, {}, {}};
    return {"care-persons-template.xlsx", std::string(kXlsxType), io::write_xlsx({sheet})};
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
        const Coverage coverage = coverage_over(tx, units);
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
                    const bool kept =
                        stored.count(child.id) && stored[child.id].count(seat) && stored[child.id][seat] == s->second;
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
            out.shortfalls.push_back({s.unit, seat_label(s.seat), s.female_needed, s.persons_needed, ""});
        }
        for (const auto& s : uncovered_villages(needs, coverage, rules))
            if (scope_villages.count(s.unit_id))
                out.shortfalls.push_back({s.unit, seat_label(s.seat), s.female_needed, s.persons_needed,
                                          "没有派出所覆盖该村：请在派出所覆盖范围中加入该村"});
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
            TeamMember m{r.str("role"), r.i64("person_id"), r.str("name"),
                         r.str("sex"),  r.str("unit_name"), std::nullopt};
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

// ---- care persons ----------------------------------------------------------------------------------

namespace {

/// " AND p.unit_id IN (…)" for `units` (nullopt: every unit; empty: nothing).
std::string unit_clause(Sql& s, const std::optional<std::set<std::int64_t>>& units, const char* column) {
    if (!units) return "";
    if (units->empty()) return " AND 1 = 0";
    std::string list;
    for (auto u : *units) list += (list.empty() ? "" : ", ") + s.bind(u);
    return std::string(" AND ") + column + " IN (" + list + ")";
}

CarePersonView person_of(const db::Row& r, const security::Keyring& keyring) {
    CarePersonView v;
    v.id = r.i64("id");
    v.name = r.str("name");
    v.sex = r.str("sex");
    v.seat = r.str("seat");
    v.role = r.str("role");
    v.unit_id = r.i64("unit_id");
    v.unit_name = r.str("unit_name");
    if (auto enc = r.opt_str("phone_enc")) v.phone_masked = mask_phone(keyring.decrypt(*enc, kPhoneContext));
    v.active = r.i64("active") != 0;
    v.user_id = r.opt_i64("user_id");
    if (v.user_id) {
        v.username = r.opt_str("username").value_or("");
        v.user_display_name = r.opt_str("user_display_name").value_or("");
    }
    v.children = r.i64("children");
    v.girls = r.i64("girls");
    return v;
}

/// A care person's name as a form sends it: required, at most kMaxName characters, no control characters.
std::string checked_name(const std::string& raw) {
    const auto name = core::trim(raw);
    if (name.empty()) throw core::Error::validation("required", "请填写姓名", "name");
    if (core::has_control_characters(name) || core::utf8_length(name) > kMaxName)
        throw core::Error::validation("invalid_name", "姓名无效", "name");
    return name;
}

std::string checked_sex(const std::string& raw) {
    auto sex = parse_sex(raw);
    if (!sex) throw core::Error::validation("invalid_sex", "性别应为 M 或 F", "sex");
    return *sex;
}

/// The role's fit with the unit's kind (400 invalid_role / role_unit_mismatch, field role).
RoleFit checked_role(const std::string& role, const std::string& unit_kind, const std::string& unit_name) {
    const auto fit = role_fit(role);
    if (!fit) throw core::Error::validation("invalid_role", "角色应为 村干部、儿童主任、教师 或 民警", "role");
    if (unit_kind != fit->kind)
        throw core::Error::validation(
            "role_unit_mismatch", "单位“" + unit_name + "”不是" + kind_label(fit->seat) + "，不能担任" + role, "role");
    return *fit;
}

/// The encrypted phone to store: nullopt/"" → none; otherwise a valid number (400 invalid_phone).
db::Value checked_phone(const std::optional<std::string>& raw, const security::Keyring& keyring) {
    if (!raw || core::trim(*raw).empty()) return db::Value(nullptr);
    auto phone = normalise_phone(*raw);
    if (!phone) throw core::Error::validation("invalid_phone", "手机号码无效", "phone");
    return db::Value(keyring.encrypt(*phone, kPhoneContext));
}

/// A console account that may be linked to a person of `unit_id`: it exists, is active and belongs to the unit.
void check_user_link(db::Tx& tx, std::int64_t user_id, std::int64_t unit_id) {
    auto u = tx.query_one(std::string(care_sql::kAccountColumns) + std::string(care_sql::kAccountById), {user_id});
    if (!u || u->i64("active") == 0 || u->i64("unit_id") != unit_id)
        throw core::Error::validation("invalid_user", "关联账号不存在、已停用或不属于该责任人的单位", "user_id");
}

}  // namespace

CarePersonPage CareService::persons(const security::Principal& p, const CarePersonQuery& q) {
    require(p, "children:care:list");
    const auto units = care_units(p, "children:care:list");
    Sql s;
    std::string where = " WHERE 1 = 1" + unit_clause(s, units, "p.unit_id");
    if (q.unit_id) where += " AND p.unit_id = " + s.bind(*q.unit_id);
    if (!q.seat.empty()) {
        if (!seat_of_code(q.seat))
            throw core::Error::validation("invalid_seat", "seat 应为 village、teacher 或 police", "seat");
        where += " AND p.seat = " + s.bind(q.seat);
    }
    if (q.active.empty() || q.active == "1")
        where += " AND p.active = 1";
    else if (q.active == "0")
        where += " AND p.active = 0";
    else if (q.active != "all")
        throw core::Error::validation("wrong_type", "active 应为 1、0 或 all", "active");
    const auto text = core::trim(q.q);
    if (!text.empty()) where += " AND p.name LIKE " + s.bind("%" + core::escape_like(text) + "%") + " ESCAPE '\\'";
    return db_.read([&](db::Tx& tx) {
        CarePersonPage page;
        page.total = tx.scalar_i64(std::string(care_sql::kCountPersons) + where, s.params);
        Sql paged = s;
        const std::string limit = paged.bind(q.limit), offset = paged.bind(q.offset);
        for (const auto& r : tx.query(std::string(care_sql::kPersonColumns) + where +
                                          " ORDER BY p.unit_id, p.id LIMIT " + limit + " OFFSET " + offset,
                                      paged.params))
            page.items.push_back(person_of(r, keyring_));
        return page;
    });
}

CarePersonView CareService::create_person(const security::Principal& p, const CarePersonInput& in) {
    require(p, "children:care:manage");
    const auto name = checked_name(in.name.value_or(""));
    if (!in.sex) throw core::Error::validation("required", "请填写性别", "sex");
    const auto sex = checked_sex(*in.sex);
    if (!in.role) throw core::Error::validation("required", "请填写角色", "role");
    if (!in.unit_id) throw core::Error::validation("required", "请选择单位", "unit_id");
    const auto phone = checked_phone(in.phone ? *in.phone : std::nullopt, keyring_);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto unit = tx.query_one(care_sql::kUnitById, {*in.unit_id});
        if (!unit) throw core::Error::validation("invalid_unit", "单位不存在", "unit_id");
        if (const auto manage = care_units(p, "children:care:manage"); manage && !manage->count(*in.unit_id))
            throw core::Error::forbidden("out_of_scope", "无权管理该单位的责任人");
        const auto fit = checked_role(*in.role, unit->str("kind"), unit->str("name"));
        const std::int64_t user = in.user_id ? in.user_id->value_or(0) : 0;  // 0: no account linked
        if (user) check_user_link(tx, user, *in.unit_id);
        if (tx.scalar_i64(care_sql::kPersonExists, {name, *in.unit_id, *in.role}) > 0)
            throw core::Error::conflict("duplicate_person", "该单位已有同一角色的" + name, "name");
        const auto id = tx.scalar_i64(care_sql::kInsertPersonLinked,
                                      {name, sex, std::string(seat_code(fit.seat)), *in.role, *in.unit_id, phone, now,
                                       user ? db::Value(user) : db::Value(nullptr)});
        audit::append(tx, audit::actor_of(p),
                      {"children.care.create",
                       "care_person",
                       std::to_string(id),
                       {{"unit_id", *in.unit_id},
                        {"role", *in.role},
                        {"user_id", user ? nlohmann::json(user) : nlohmann::json(nullptr)}}},
                      now);
        return person_of(
            *tx.query_one(std::string(care_sql::kPersonColumns) + std::string(care_sql::kPersonById), {id}), keyring_);
    });
}

std::vector<CareAccount> CareService::accounts(const security::Principal& p, std::optional<std::int64_t> unit_id) {
    require(p, "children:care:manage");
    if (!unit_id) throw core::Error::validation("required", "请选择单位", "unit_id");
    if (*unit_id <= 0) throw core::Error::validation("wrong_type", "unit_id 应为正整数", "unit_id");
    if (const auto manage = care_units(p, "children:care:manage"); manage && !manage->count(*unit_id))
        throw core::Error::not_found("单位不存在");
    return db_.read([&](db::Tx& tx) {
        const auto unit = tx.query_one(care_sql::kUnitById, {*unit_id});
        if (!unit || !holds_care_persons(unit->str("kind"))) throw core::Error::not_found("单位不存在");
        std::vector<CareAccount> out;
        for (const auto& r : tx.query(
                 std::string(care_sql::kAccountColumns) + std::string(care_sql::kActiveAccountsOfUnit), {*unit_id}))
            out.push_back({r.i64("id"), r.str("username"), r.str("display_name"), r.opt_i64("linked_person_id")});
        return out;
    });
}

CarePersonView CareService::update_person(const security::Principal& p, std::int64_t id, const CarePersonInput& in) {
    require(p, "children:care:manage");
    if (in.unit_id) throw core::Error::validation("unknown_field", "不能更改责任人的单位", "unit_id");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto row = tx.query_one(std::string(care_sql::kPersonColumns) + std::string(care_sql::kPersonById), {id});
        const auto list = care_units(p, "children:care:list");
        if (!row || (list && !list->count(row->i64("unit_id")))) throw core::Error::not_found("责任人不存在");
        const auto unit_id = row->i64("unit_id");
        if (const auto manage = care_units(p, "children:care:manage"); manage && !manage->count(unit_id))
            throw core::Error::forbidden("out_of_scope", "无权管理该单位的责任人");
        const auto before = person_of(*row, keyring_);
        std::vector<std::string> fields;
        const std::string name = in.name ? checked_name(*in.name) : before.name;
        if (in.name && name != before.name) fields.push_back("name");
        const std::string sex = in.sex ? checked_sex(*in.sex) : before.sex;
        if (sex != before.sex) fields.push_back("sex");
        const std::string role = in.role.value_or(before.role);
        checked_role(role, row->str("unit_kind"), before.unit_name);
        if (role != before.role) fields.push_back("role");
        db::Value phone = row->is_null("phone_enc") ? db::Value(nullptr) : db::Value(row->str("phone_enc"));
        if (in.phone) {
            phone = checked_phone(*in.phone, keyring_);
            fields.push_back("phone");
        }
        const bool active = in.active.value_or(before.active);
        if (active != before.active) fields.push_back("active");
        std::optional<std::int64_t> user = before.user_id;
        if (in.user_id) {
            user = *in.user_id;
            if (user && user != before.user_id) check_user_link(tx, *user, unit_id);
            if (user != before.user_id) fields.push_back("user_id");
        }
        if (active && tx.scalar_i64(care_sql::kOtherPersonExists, {name, unit_id, role, id}) > 0)
            throw core::Error::conflict("duplicate_person", "该单位已有同一角色的" + name, "name");
        // Seats a deactivated person, or a woman recorded now as a man (the woman rule), can no longer hold.
        std::int64_t released = 0;
        if ((before.active && !active) || (before.sex == "F" && sex == "M")) {
            released = tx.scalar_i64(care_sql::kAssignmentsOfPerson, {id});
            tx.exec(care_sql::kReleaseAssignments, {id});
        }
        tx.exec(care_sql::kUpdatePerson, {name, sex, role, phone, std::int64_t{active ? 1 : 0},
                                          user ? db::Value(*user) : db::Value(nullptr), id});
        audit::append(tx, audit::actor_of(p),
                      {"children.care.update",
                       "care_person",
                       std::to_string(id),
                       {{"unit_id", unit_id}, {"fields", fields}, {"active", active}, {"released", released}}},
                      now);
        auto after = person_of(
            *tx.query_one(std::string(care_sql::kPersonColumns) + std::string(care_sql::kPersonById), {id}), keyring_);
        after.released = released;
        return after;
    });
}

// ---- coverage ----------------------------------------------------------------------------------------

namespace {

std::vector<StationCoverage> coverage_items(const std::vector<CoverageUnit>& units,
                                            const std::map<std::int64_t, std::vector<std::int64_t>>& configured,
                                            std::optional<std::int64_t> only) {
    std::map<std::int64_t, std::string> names;
    for (const auto& u : units) names[u.id] = u.name;
    std::vector<StationCoverage> out;
    for (const auto& u : units) {
        if (u.kind != "police_station" || (only && u.id != *only)) continue;
        StationCoverage item{u.id, u.name, false, {}};
        auto c = configured.find(u.id);
        item.configured = c != configured.end() && !c->second.empty();
        for (auto v : item.configured ? c->second : coverable_villages(units, u.id))
            item.villages.emplace_back(v, names[v]);
        std::sort(item.villages.begin(), item.villages.end());
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

std::vector<StationCoverage> CareService::coverage(const security::Principal& p) {
    require(p, "children:care:list");
    return db_.read([&](db::Tx& tx) { return coverage_items(load_units(tx), load_configured(tx), std::nullopt); });
}

StationCoverage CareService::set_coverage(const security::Principal& p, std::int64_t station_id,
                                          const std::optional<std::vector<std::int64_t>>& village_ids) {
    require(p, "children:care:manage");
    if (care_units(p, "children:care:manage")) throw core::Error::forbidden();
    if (!village_ids) throw core::Error::validation("required", "请选择村（社区）", "village_ids");
    const std::set<std::int64_t> wanted(village_ids->begin(), village_ids->end());
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        const auto units = load_units(tx);
        auto station = std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.id == station_id; });
        if (station == units.end() || station->kind != "police_station") throw core::Error::not_found("派出所不存在");
        const auto allowed = coverable_villages(units, station_id);
        for (auto v : wanted)
            if (std::find(allowed.begin(), allowed.end(), v) == allowed.end())
                throw core::Error::validation(
                    "invalid_village", "只能选择该派出所所在乡镇的村（社区）：编号 " + std::to_string(v) + " 不符合",
                    "village_ids");
        tx.exec(care_sql::kDeleteCoverage, {station_id});
        for (auto v : wanted) tx.exec(care_sql::kInsertCoverage, {station_id, v});
        audit::append(
            tx, audit::actor_of(p),
            {"children.care.coverage",
             "unit",
             std::to_string(station_id),
             {{"villages", std::vector<std::int64_t>(wanted.begin(), wanted.end())}, {"default", wanted.empty()}}},
            now);
        return coverage_items(units, load_configured(tx), station_id).front();
    });
}

// ---- dashboard ------------------------------------------------------------------------------------------

Dashboard CareService::dashboard(const security::Principal& p, std::optional<std::int64_t> village_id) {
    require(p, "children:child:list");
    const auto units = p.units_for("children:child:list");
    Sql s;
    std::string where;
    if (units) {
        if (units->empty()) {
            where = " AND 1 = 0";
        } else {
            std::string villages, schools;
            for (auto u : *units) villages += (villages.empty() ? "" : ", ") + s.bind(u);
            for (auto u : *units) schools += (schools.empty() ? "" : ", ") + s.bind(u);
            where = " AND (c.village_unit_id IN (" + villages + ") OR c.school_unit_id IN (" + schools + "))";
        }
    }
    if (village_id) where += " AND c.village_unit_id = " + s.bind(*village_id);
    const auto now = clock_.now_ms();
    return db_.read([&](db::Tx& tx) {
        const VisitIntervals iv = VisitService::read_intervals(tx);
        std::vector<DashboardGroup> groups;
        for (const auto& r :
             tx.query(std::string(care_sql::kDashboardGroups) + where + std::string(care_sql::kDashboardGroupsEnd),
                      s.params))
            groups.push_back({r.i64("village_unit_id"), r.str("village_name"), r.opt_str("categories").value_or(""),
                              r.str("risk_level"), r.i64("base_day"), r.i64("complete") != 0, r.i64("n")});
        std::map<std::int64_t, std::int64_t> urgent;
        for (const auto& r :
             tx.query(std::string(care_sql::kDashboardUrgent) + where + std::string(care_sql::kDashboardUrgentEnd),
                      s.params))
            urgent[r.i64("village_unit_id")] = r.i64("n");
        return build_dashboard(groups, urgent, iv, now);
    });
}

// ---- demo --------------------------------------------------------------------------------------------

void CareService::seed_demo() {
    struct DemoPerson {
        const char* name;
        const char* sex;
        const char* role;
        const char* unit;
        const char* account = nullptr;  ///< username of the demo account linked to him, if any
    };
    // Invented names; no phone numbers. The two villages' 儿童主任 use the demo village accounts (their to-do
    // then lists the visits of the children on their teams).
    static const DemoPerson kPersons[] = {
        {"田晓岚", "F", "儿童主任", "青石村", "village"},
        {"石大川", "M", "村干部", "青石村"},
        {"罗春燕", "F", "儿童主任", "白沙社区", "village2"},
        {"龙建平", "M", "村干部", "白沙社区"},
        {"向秀梅", "F", "儿童主任", "柳塘村"},
        {"彭志强", "M", "村干部", "柳塘村"},
        {"杨桂芝", "F", "儿童主任", "新桥村"},
        {"吴光明", "M", "村干部", "新桥村"},
        {"麻丽萍", "F", "儿童主任", "枫林村"},
        {"滕德贵", "M", "村干部", "枫林村"},
        {"张翠兰", "F", "儿童主任", "石门村"},
        {"符国庆", "M", "村干部", "石门村"},
        {"梁静", "F", "教师", "五团镇中心小学"},
        {"欧阳辉", "M", "教师", "五团镇中心小学"},
        {"黄雪梅", "F", "教师", "青溪小学"},
        {"宋立新", "M", "教师", "青溪小学"},
        {"曾晓红", "F", "教师", "五团镇中学"},
        {"谭卫东", "M", "教师", "五团镇中学"},
        {"姚丽娟", "F", "民警", "五团镇派出所"},
        {"邓海燕", "F", "民警", "五团镇派出所"},
        {"廖小芳", "F", "民警", "五团镇派出所"},
        {"钟振华", "M", "民警", "五团镇派出所"},
        {"雷永刚", "M", "民警", "五团镇派出所"},
    };
    const auto now = clock_.now_ms();
    std::vector<std::pair<const DemoPerson*, std::int64_t>> rows;
    for (const auto& person : kPersons)
        if (auto u = org_.resolve_unit(person.unit)) rows.emplace_back(&person, u->id);
    db_.write([&](db::Tx& tx) {
        for (const auto& [person, unit] : rows) {
            db::Value user(nullptr);  // the named account, among the unit's active ones
            if (person->account) {
                for (const auto& r : tx.query(
                         std::string(care_sql::kAccountColumns) + std::string(care_sql::kActiveAccountsOfUnit), {unit}))
                    if (r.str("username") == person->account) user = db::Value(r.i64("id"));
                if (std::holds_alternative<std::nullptr_t>(user))
                    throw core::Error::internal(std::string("demo account missing (seed the users first): ") +
                                                person->account);
            }
            tx.scalar_i64(care_sql::kInsertPersonLinked,
                          {std::string(person->name), std::string(person->sex),
                           std::string(seat_code(role_fit(person->role)->seat)), std::string(person->role), unit,
                           db::Value(nullptr), now, user});
        }
    });
}

int CareService::review_seats(db::Tx& tx, std::int64_t child_id, std::int64_t as_of) {
    return static_cast<int>(tx.scalar_i64(care_sql::kReviewSeatsAt, {child_id, as_of}));
}

}  // namespace hulei::children
