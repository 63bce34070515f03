#include "modules/org/org_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/sheet.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/org/org_store.hpp"
#include "modules/policy/policy_service.hpp"
#include "security/permissions.hpp"

namespace hulei::org {

namespace {

constexpr const char* kPhoneContext = "users.phone";
constexpr std::int64_t kNoParentMarker = 0;

const std::vector<std::pair<std::string_view, std::string_view>>& kind_aliases() {
    static const std::vector<std::pair<std::string_view, std::string_view>> a = {
        {"村", "village"},        {"社区", "village"},     {"村(社区)", "village"}, {"居委会", "village"},
        {"镇政府", "town"},       {"乡", "town"},          {"街道", "town"},        {"镇属部门", "department"},
        {"幼儿园", "school"},     {"公安派出所", "police_station"},
    };
    return a;
}

bool valid_code(const std::string& s) {
    if (s.empty() || s.size() > 40) return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool valid_username(const std::string& s) {
    if (s.size() < 3 || s.size() > 32) return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

std::string normalise_phone(const std::string& raw) {
    std::string out;
    for (char c : raw)
        if (c != ' ' && c != '-') out.push_back(c);
    const bool mobile = out.size() == 11 && out[0] == '1' && out.find_first_not_of("0123456789") == std::string::npos;
    const bool landline = out.size() >= 7 && out.size() <= 12 && out[0] == '0' &&
                          out.find_first_not_of("0123456789") == std::string::npos;
    if (!mobile && !landline)
        throw core::Error::validation("invalid_phone", "手机号应为 11 位数字（或带区号的固定电话）", "phone");
    return out;
}

std::string mask_phone(const std::string& phone) {
    if (phone.size() < 7) return std::string(phone.size(), '*');
    return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

using security::require;

/// Full-width parentheses and spaces folded, for matching names typed by hand.
std::string fold_name(const std::string& s) {
    std::string out = core::trim(s);
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"（", "("}, {"）", ")"}}) {
        for (auto pos = out.find(from); pos != std::string::npos; pos = out.find(from, pos + to.size()))
            out.replace(pos, from.size(), to);
    }
    return out;
}

}  // namespace

const std::vector<UnitKind>& unit_kinds() {
    static const std::vector<UnitKind> k = {
        {"town", "镇"},           {"department", "部门"}, {"police_station", "派出所"}, {"judicial_office", "司法所"},
        {"womens_federation", "妇联"}, {"school", "学校"}, {"village", "村（社区）"},       {"other", "其他"},
    };
    return k;
}

std::optional<std::string> parse_unit_kind(std::string_view text) {
    const std::string t = fold_name(std::string(text));
    for (const auto& k : unit_kinds())
        if (t == k.code || t == fold_name(std::string(k.label))) return std::string(k.code);
    for (const auto& [alias, code] : kind_aliases())
        if (t == fold_name(std::string(alias))) return std::string(code);
    return std::nullopt;
}

std::optional<std::string> separation_violation(const std::vector<std::string>& existing, std::string_view role) {
    const auto* info = security::find_role(role);
    if (!info) return std::nullopt;
    for (const auto& r : existing) {
        if (r == role) continue;
        const auto* other = security::find_role(r);
        if (!other) continue;
        if (info->admin || other->admin)
            return "三员分立：" + std::string(other->label_zh) + "不能同时担任" + info->label_zh +
                   "（系统管理员、安全管理员、审计管理员须由不同人员专职担任）";
    }
    return std::nullopt;
}

security::Principal OrgService::system_principal() {
    security::Principal p;
    p.username = "system";
    p.ip = "local";
    p.request_id = "cli";
    p.grants.push_back({0, "sysadmin", security::Scope::Township, {}});
    p.grants.push_back({0, "secadmin", security::Scope::Township, {}});
    return p;
}

// ---- units ----------------------------------------------------------------------------------

Unit OrgService::load_unit(db::Tx& tx, std::int64_t id) const {
    auto r = tx.query_one(sql::kUnitById, {id});
    if (!r) throw core::Error::not_found("单位不存在");
    Unit u{r->i64("id"), r->opt_i64("parent_id"), r->str("name"), r->str("kind"), r->str("code"), {}};
    for (const auto& a : tx.query(sql::kAliasesOfUnit, {id})) u.aliases.push_back(a.str("alias"));
    return u;
}

std::vector<Unit> OrgService::list_units(const security::Principal& p, const std::string& q, const std::string& kind) {
    require(p, "org:unit:list");
    return db_.read([&](db::Tx& tx) {
        std::map<std::int64_t, std::vector<std::string>> aliases;
        for (const auto& a : tx.query(sql::kListAliases)) aliases[a.i64("unit_id")].push_back(a.str("alias"));
        std::vector<Unit> out;
        for (const auto& r : tx.query(sql::kListUnits)) {
            Unit u{r.i64("id"), r.opt_i64("parent_id"), r.str("name"), r.str("kind"), r.str("code"), aliases[r.i64("id")]};
            if (!kind.empty() && u.kind != kind) continue;
            if (!q.empty()) {
                bool hit = u.name.find(q) != std::string::npos || u.code.find(q) != std::string::npos;
                for (const auto& a : u.aliases) hit = hit || a.find(q) != std::string::npos;
                if (!hit) continue;
            }
            out.push_back(std::move(u));
        }
        return out;
    });
}

std::string OrgService::units_version(const security::Principal& p) {
    require(p, "org:unit:list");
    const auto writes = unit_writes_.load();
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now().time_since_epoch()).count();
    {
        std::lock_guard lock(version_mutex_);
        if (!db_version_.empty() && db_version_writes_ == writes && now - db_version_read_at_ < kUnitsRecheckMs)
            return db_version_ + ":" + std::to_string(writes);
    }
    auto version = db_.read([](db::Tx& tx) {
        auto r = tx.query_one(sql::kUnitsVersion);
        return std::to_string(r->i64("n")) + ":" + std::to_string(r->i64("max_id")) + ":" + std::to_string(r->i64("max_at"));
    });
    std::lock_guard lock(version_mutex_);
    db_version_ = version;
    db_version_writes_ = writes;
    db_version_read_at_ = now;
    return version + ":" + std::to_string(writes);
}

Unit OrgService::get_unit(const security::Principal& p, std::int64_t id) {
    require(p, "org:unit:list");
    return db_.read([&](db::Tx& tx) { return load_unit(tx, id); });
}

void OrgService::write_unit(db::Tx& tx, const security::Principal& p, std::optional<std::int64_t> id, const Unit& u,
                            std::int64_t now) {
    if (u.name.empty()) throw core::Error::validation("required", "单位名称不能为空", "name");
    if (core::utf8_length(u.name) > 100) throw core::Error::validation("too_long", "单位名称过长", "name");
    if (!parse_unit_kind(u.kind)) throw core::Error::validation("invalid_kind", "单位类型无效：" + u.kind, "kind");
    if (!valid_code(u.code))
        throw core::Error::validation("invalid_code", "单位编码只能包含字母、数字、-、_、.，且不超过 40 个字符", "code");
    if (auto other = tx.query_one(sql::kUnitByName, {u.name}); other && other->i64("id") != id.value_or(0))
        throw core::Error::conflict("duplicate_name", "已有同名单位：" + u.name, "name");
    if (auto other = tx.query_one(sql::kUnitByAlias, {u.name}); other && other->i64("unit_id") != id.value_or(0))
        throw core::Error::conflict("duplicate_name", "该名称已是其他单位的别名：" + u.name, "name");
    if (auto other = tx.query_one(sql::kUnitByCode, {u.code}); other && other->i64("id") != id.value_or(0))
        throw core::Error::conflict("duplicate_code", "单位编码已被使用：" + u.code, "code");
    if (u.parent_id) {
        if (!tx.query_one(sql::kUnitById, {*u.parent_id}))
            throw core::Error::validation("invalid_parent", "上级单位不存在", "parent_id");
        // Walk up from the new parent: meeting this unit would make a cycle.
        std::optional<std::int64_t> cur = u.parent_id;
        for (int depth = 0; cur && depth < 64; ++depth) {
            if (id && *cur == *id) throw core::Error::validation("parent_cycle", "上级单位不能是本单位或其下级单位", "parent_id");
            auto row = tx.query_one(sql::kParentOf, {*cur});
            cur = row ? row->opt_i64("parent_id") : std::nullopt;
        }
    }
    std::set<std::string> seen;
    for (const auto& a : u.aliases) {
        if (core::utf8_length(a) > 100) throw core::Error::validation("too_long", "别名过长", "aliases");
        if (a == u.name || !seen.insert(a).second) continue;
        if (auto other = tx.query_one(sql::kUnitByName, {a}); other && other->i64("id") != id.value_or(0))
            throw core::Error::conflict("duplicate_alias", "别名与其他单位名称相同：" + a, "aliases");
        if (auto other = tx.query_one(sql::kUnitByAlias, {a}); other && other->i64("unit_id") != id.value_or(0))
            throw core::Error::conflict("duplicate_alias", "别名已属于其他单位：" + a, "aliases");
    }
    const db::Value parent = u.parent_id ? db::Value(*u.parent_id) : db::Value(nullptr);
    std::int64_t unit_id = 0;
    if (id) {
        tx.exec(sql::kUpdateUnit, {parent, u.name, u.kind, u.code, now, *id});
        unit_id = *id;
    } else {
        unit_id = tx.scalar_i64(sql::kInsertUnit, {parent, u.name, u.kind, u.code, now, now});
    }
    tx.exec(sql::kDeleteAliases, {unit_id});
    for (const auto& a : seen)
        if (a != u.name) tx.exec(sql::kInsertAlias, {a, unit_id});
    audit::append(tx, audit::actor_of(p),
                  {id ? "org.unit.update" : "org.unit.create", "unit", std::to_string(unit_id),
                   {{"name", u.name}, {"kind", u.kind}, {"code", u.code},
                    {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json(nullptr)},
                    {"aliases", u.aliases}}},
                  now);
}

Unit OrgService::create_unit(const security::Principal& p, const UnitInput& in) {
    require(p, "org:unit:create");
    Unit u;
    u.name = in.name.value_or("");
    u.kind = parse_unit_kind(in.kind.value_or("")).value_or(in.kind.value_or(""));
    if (!in.kind) throw core::Error::validation("required", "请选择单位类型", "kind");
    u.code = in.code.value_or("");
    if (in.parent_id) u.parent_id = *in.parent_id;
    if (in.aliases) u.aliases = *in.aliases;
    const auto now = clock_.now_ms();
    auto created = db_.write([&](db::Tx& tx) {
        write_unit(tx, p, std::nullopt, u, now);
        return load_unit(tx, *tx.query_one(sql::kUnitByCode, {u.code})->opt_i64("id"));
    });
    ++unit_writes_;
    return created;
}

Unit OrgService::update_unit(const security::Principal& p, std::int64_t id, const UnitInput& in) {
    require(p, "org:unit:update");
    const auto now = clock_.now_ms();
    auto updated = db_.write([&](db::Tx& tx) {
        Unit u = load_unit(tx, id);
        if (in.name) u.name = *in.name;
        if (in.kind) u.kind = parse_unit_kind(*in.kind).value_or(*in.kind);
        if (in.code) u.code = *in.code;
        if (in.parent_id) u.parent_id = *in.parent_id;
        if (in.aliases) u.aliases = *in.aliases;
        write_unit(tx, p, id, u, now);
        return load_unit(tx, id);
    });
    ++unit_writes_;
    return updated;
}

void OrgService::delete_unit(const security::Principal& p, std::int64_t id) {
    require(p, "org:unit:delete");
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        Unit u = load_unit(tx, id);
        if (tx.scalar_i64(sql::kCountChildren, {id}) > 0)
            throw core::Error::conflict("unit_in_use", "该单位下还有下级单位，不能删除");
        if (tx.scalar_i64(sql::kCountUsersOfUnit, {id}) > 0)
            throw core::Error::conflict("unit_in_use", "该单位下还有用户，不能删除");
        if (tx.scalar_i64(sql::kCountGrantUnits, {id}) > 0)
            throw core::Error::conflict("unit_in_use", "有用户的授权范围包含该单位，不能删除");
        tx.exec(sql::kDeleteUnit, {id});
        audit::append(tx, audit::actor_of(p), {"org.unit.delete", "unit", std::to_string(id), {{"name", u.name}}}, now);
    });
    ++unit_writes_;
}

std::optional<Unit> OrgService::resolve_unit(const std::string& name_or_alias) {
    const std::string key = core::trim(name_or_alias);
    if (key.empty()) return std::nullopt;
    return db_.read([&](db::Tx& tx) -> std::optional<Unit> {
        for (const auto& candidate : {key, fold_name(key)}) {
            if (auto r = tx.query_one(sql::kUnitByName, {candidate})) return load_unit(tx, r->i64("id"));
            if (auto r = tx.query_one(sql::kUnitByAlias, {candidate})) return load_unit(tx, r->i64("unit_id"));
            if (auto r = tx.query_one(sql::kUnitByCode, {candidate})) return load_unit(tx, r->i64("id"));
        }
        return std::nullopt;
    });
}

ImportSummary OrgService::import_units(const security::Principal& p, const io::Sheet& sheet) {
    require(p, "org:unit:create");
    require(p, "org:unit:update");
    const int c_name = io::column_of(sheet, "名称");
    const int c_kind = io::column_of(sheet, "类型");
    const int c_parent = io::column_of(sheet, "上级单位");
    const int c_code = io::column_of(sheet, "编码");
    const int c_alias = io::column_of(sheet, "别名");
    ImportSummary summary;
    if (c_name < 0 || c_kind < 0 || c_code < 0) {
        summary.rejected.push_back({1, "缺少必需的列：名称、类型、编码（可选：上级单位、别名）"});
        return summary;
    }
    auto cell = [](const std::vector<std::string>& row, int c) { return c < 0 ? std::string() : core::trim(row[c]); };
    const auto now = clock_.now_ms();
    struct Pending {
        std::int64_t row;
        Unit unit;
        std::string parent;
    };
    std::vector<Pending> pending;
    std::set<std::string> names, codes;
    for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
        const auto& row = sheet.rows[i];
        const std::int64_t rowno = i < sheet.source_rows.size() ? static_cast<std::int64_t>(sheet.source_rows[i])
                                                                 : static_cast<std::int64_t>(i) + 2;
        Pending pd{rowno, {}, cell(row, c_parent)};
        pd.unit.name = cell(row, c_name);
        pd.unit.code = cell(row, c_code);
        const std::string kind_text = cell(row, c_kind);
        auto kind = parse_unit_kind(kind_text);
        if (pd.unit.name.empty()) summary.rejected.push_back({rowno, "名称为空"});
        else if (!kind) summary.rejected.push_back({rowno, "类型无效：" + kind_text + "（应为 镇、部门、派出所、司法所、妇联、学校、村（社区）、其他）"});
        else if (!valid_code(pd.unit.code)) summary.rejected.push_back({rowno, "编码无效：" + pd.unit.code});
        else if (!names.insert(pd.unit.name).second) summary.rejected.push_back({rowno, "名称在表中重复：" + pd.unit.name});
        else if (!codes.insert(pd.unit.code).second) summary.rejected.push_back({rowno, "编码在表中重复：" + pd.unit.code});
        else {
            pd.unit.kind = *kind;
            const std::string aliases = cell(row, c_alias);
            std::size_t start = 0;
            while (start < aliases.size()) {
                auto end = aliases.find_first_of("、,;；", start);
                // find_first_of works on bytes; the multibyte separators are matched below.
                std::string part;
                auto pos_cn = aliases.find("、", start);
                auto pos_semi = aliases.find("；", start);
                auto pos_ascii = aliases.find_first_of(",;", start);
                end = std::min({pos_cn, pos_semi, pos_ascii});
                part = core::trim(aliases.substr(start, end == std::string::npos ? std::string::npos : end - start));
                if (!part.empty()) pd.unit.aliases.push_back(part);
                if (end == std::string::npos) break;
                start = end + (end == pos_ascii ? 1 : 3);
            }
            pending.push_back(std::move(pd));
        }
    }
    if (!summary.rejected.empty()) return summary;
    try {
        db_.write([&](db::Tx& tx) {
            // Parents may come later in the sheet: insert in passes until no row can progress.
            std::vector<bool> done(pending.size(), false);
            std::size_t remaining = pending.size();
            while (remaining > 0) {
                std::size_t progressed = 0;
                for (std::size_t i = 0; i < pending.size(); ++i) {
                    if (done[i]) continue;
                    auto& pd = pending[i];
                    if (!pd.parent.empty()) {
                        std::optional<std::int64_t> parent;
                        for (const auto& key : {pd.parent, fold_name(pd.parent)}) {
                            if (parent) break;
                            if (auto r = tx.query_one(sql::kUnitByName, {key})) parent = r->i64("id");
                            else if (auto a = tx.query_one(sql::kUnitByAlias, {key})) parent = a->i64("unit_id");
                            else if (auto c = tx.query_one(sql::kUnitByCode, {key})) parent = c->i64("id");
                        }
                        if (!parent) continue;
                        pd.unit.parent_id = parent;
                    }
                    std::optional<std::int64_t> existing;
                    if (auto r = tx.query_one(sql::kUnitByCode, {pd.unit.code})) existing = r->i64("id");
                    else if (auto n = tx.query_one(sql::kUnitByName, {pd.unit.name})) existing = n->i64("id");
                    try {
                        write_unit(tx, p, existing, pd.unit, now);
                    } catch (const core::Error& e) {
                        summary.rejected.push_back({pd.row, e.message()});
                    }
                    (existing ? summary.updated : summary.created)++;
                    done[i] = true;
                    ++progressed;
                    --remaining;
                }
                if (progressed == 0) {
                    for (std::size_t i = 0; i < pending.size(); ++i)
                        if (!done[i]) summary.rejected.push_back({pending[i].row, "上级单位不存在：" + pending[i].parent});
                    break;
                }
            }
            if (!summary.rejected.empty()) throw core::Error::validation("import_rejected", "导入被拒绝");
        });
        ++unit_writes_;
    } catch (const core::Error& e) {
        if (e.code() != "import_rejected") throw;
        summary.created = summary.updated = 0;
        std::sort(summary.rejected.begin(), summary.rejected.end(),
                  [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
    }
    return summary;
}

// ---- users ----------------------------------------------------------------------------------

void OrgService::check_not_other_admin(db::Tx& tx, const security::Principal& p, std::int64_t user_id) const {
    if (p.user_id == 0 || p.user_id == user_id) return;  // the command line (server access) may
    for (const auto& g : tx.query(sql::kGrantsOfUser, {user_id})) {
        const auto* role = security::find_role(g.str("role"));
        if (role && role->admin)
            throw core::Error::forbidden("separation_of_duties",
                                         "三员分立：不能重置或停用其他管理员（" + std::string(role->label_zh) +
                                             "）的账户，请在服务器上使用 hulei user passwd");
    }
}

User OrgService::user_of(db::Tx& tx, const db::Row& r) const {
    User u;
    u.id = r.i64("id");
    u.username = r.str("username");
    u.display_name = r.str("display_name");
    u.unit_id = r.i64("unit_id");
    u.unit_name = r.str("unit_name");
    u.sex = r.opt_str("sex");
    if (auto enc = r.opt_str("phone_enc")) u.phone_masked = mask_phone(keyring_.decrypt(*enc, kPhoneContext));
    u.active = r.boolean("active");
    u.locked = r.i64("locked_until") > clock_.now_ms();
    u.must_change_password = r.boolean("must_change_password");
    u.totp_enabled = !r.is_null("totp_secret_enc");
    u.created_at = r.i64("created_at");
    u.grants = [&] {
        std::vector<security::Grant> gs;
        for (const auto& g : tx.query(sql::kGrantsOfUser, {u.id})) {
            security::Grant grant{g.i64("id"), g.str("role"),
                                  security::parse_scope(g.str("scope")).value_or(security::Scope::OwnUnit), {}};
            for (const auto& gu : tx.query(sql::kGrantUnits, {grant.id})) grant.unit_ids.push_back(gu.i64("unit_id"));
            gs.push_back(std::move(grant));
        }
        return gs;
    }();
    return u;
}

User OrgService::load_user(db::Tx& tx, std::int64_t id) const {
    auto r = tx.query_one(std::string(sql::kUserColumns) + " WHERE u.id = :1", {id});
    if (!r) throw core::Error::not_found("用户不存在");
    return user_of(tx, *r);
}

UserPage OrgService::list_users(const security::Principal& p, const UserQuery& q) {
    require(p, "org:user:list");
    return db_.read([&](db::Tx& tx) {
        const std::string like = "%" + core::escape_like(q.q) + "%";
        const std::int64_t unit = q.unit_id.value_or(0);
        db::Params params{q.q, like, like, unit, unit};
        UserPage page;
        page.total = tx.scalar_i64(std::string(sql::kCountUsers) + std::string(sql::kUserFilter), params);
        params.push_back(q.limit);
        params.push_back(q.offset);
        for (const auto& r : tx.query(std::string(sql::kUserColumns) + std::string(sql::kUserFilter) +
                                          " ORDER BY u.id LIMIT :6 OFFSET :7",
                                      params))
            page.items.push_back(user_of(tx, r));
        return page;
    });
}

User OrgService::get_user(const security::Principal& p, std::int64_t id) {
    require(p, "org:user:list");
    return db_.read([&](db::Tx& tx) { return load_user(tx, id); });
}

void OrgService::check_password(db::Tx& tx, const std::string& password, const std::string& username,
                                const char* field) const {
    const auto min_length = policy::PolicyService::get_int(tx, "password.min_length");
    if (auto why = security::password_policy_violation(password, username, static_cast<int>(min_length)))
        throw core::Error::validation("weak_password", *why, field);
}

User OrgService::create_user(const security::Principal& p, const UserInput& in) {
    require(p, "org:user:create");
    const std::string username = in.username.value_or("");
    if (!valid_username(username))
        throw core::Error::validation("invalid_username", "用户名为 3–32 位小写字母、数字、.、_ 或 -", "username");
    const std::string display = in.display_name.value_or("");
    if (display.empty()) throw core::Error::validation("required", "姓名不能为空", "display_name");
    if (!in.unit_id) throw core::Error::validation("required", "请选择所属单位", "unit_id");
    if (in.sex && *in.sex != "F" && *in.sex != "M") throw core::Error::validation("invalid_sex", "性别应为 F 或 M", "sex");
    const std::string password = in.initial_password.value_or("");
    if (password.empty()) throw core::Error::validation("required", "请设置初始密码", "initial_password");
    db_.read([&](db::Tx& tx) { check_password(tx, password, username, "initial_password"); });
    std::optional<std::string> phone_enc;
    if (in.phone && !in.phone->empty()) phone_enc = keyring_.encrypt(normalise_phone(*in.phone), kPhoneContext);
    const std::string hash = security::hash_password(password, cost_);
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        if (tx.query_one(sql::kUserByUsername, {username}))
            throw core::Error::conflict("duplicate_username", "用户名已存在：" + username, "username");
        if (!tx.query_one(sql::kUnitById, {*in.unit_id}))
            throw core::Error::validation("invalid_unit", "所属单位不存在", "unit_id");
        const auto id = tx.scalar_i64(
            sql::kInsertUser,
            {username, display, *in.unit_id, in.sex ? db::Value(*in.sex) : db::Value(nullptr),
             phone_enc ? db::Value(*phone_enc) : db::Value(nullptr), hash,
             std::int64_t{in.must_change_password || p.user_id != 0 ? 1 : 0}, now, now});
        audit::append(tx, audit::actor_of(p),
                      {"org.user.create", "user", std::to_string(id),
                       {{"username", username}, {"unit_id", *in.unit_id}}},
                      now);
        return load_user(tx, id);
    });
}

User OrgService::update_user(const security::Principal& p, std::int64_t id, const UserInput& in) {
    require(p, "org:user:update");
    std::optional<std::string> new_phone_enc;
    if (in.phone && !in.phone->empty()) new_phone_enc = keyring_.encrypt(normalise_phone(*in.phone), kPhoneContext);
    if (in.sex && *in.sex != "F" && *in.sex != "M") throw core::Error::validation("invalid_sex", "性别应为 F 或 M", "sex");
    if (in.display_name && in.display_name->empty())
        throw core::Error::validation("required", "姓名不能为空", "display_name");
    if (in.active && !*in.active && id == p.user_id)
        throw core::Error::conflict("self_deactivate", "不能停用自己的账户");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        auto r = tx.query_one("SELECT display_name, unit_id, sex, phone_enc, active FROM users WHERE id = :1", {id});
        if (!r) throw core::Error::not_found("用户不存在");
        if (in.active || in.unit_id) check_not_other_admin(tx, p, id);
        const std::int64_t unit = in.unit_id.value_or(r->i64("unit_id"));
        if (!tx.query_one(sql::kUnitById, {unit})) throw core::Error::validation("invalid_unit", "所属单位不存在", "unit_id");
        db::Value sex = in.sex ? db::Value(*in.sex) : (r->is_null("sex") ? db::Value(nullptr) : db::Value(r->str("sex")));
        db::Value phone = r->is_null("phone_enc") ? db::Value(nullptr) : db::Value(r->str("phone_enc"));
        if (in.phone) phone = new_phone_enc ? db::Value(*new_phone_enc) : db::Value(nullptr);
        const bool active = in.active.value_or(r->boolean("active"));
        tx.exec(sql::kUpdateUser, {in.display_name.value_or(r->str("display_name")), unit, sex, phone,
                                   std::int64_t{active ? 1 : 0}, now, id});
        if (!active) auth::AuthService::revoke_user_sessions(tx, id, now);
        nlohmann::json changed = nlohmann::json::array();
        if (in.display_name) changed.push_back("display_name");
        if (in.unit_id) changed.push_back("unit_id");
        if (in.sex) changed.push_back("sex");
        if (in.phone) changed.push_back("phone");
        if (in.active) changed.push_back("active");
        audit::append(tx, audit::actor_of(p), {"org.user.update", "user", std::to_string(id), {{"fields", changed}}}, now);
        return load_user(tx, id);
    });
}

void OrgService::reset_password(const security::Principal& p, std::int64_t id, const std::string& new_password) {
    require(p, "org:user:reset_password");
    const auto username = db_.read([&](db::Tx& tx) {
        auto r = tx.query_one("SELECT username FROM users WHERE id = :1", {id});
        if (!r) throw core::Error::not_found("用户不存在");
        check_not_other_admin(tx, p, id);
        check_password(tx, new_password, r->str("username"), "new_password");
        return r->str("username");
    });
    const std::string hash = security::hash_password(new_password, cost_);
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        tx.exec(sql::kResetPassword, {hash, now, id});
        auth::AuthService::revoke_user_sessions(tx, id, now);
        audit::append(tx, audit::actor_of(p), {"org.user.reset_password", "user", std::to_string(id), {{"username", username}}}, now);
    });
}

// ---- grants ---------------------------------------------------------------------------------

std::vector<security::Grant> OrgService::list_grants(const security::Principal& p, std::int64_t user_id) {
    require(p, "org:grant:list");
    return db_.read([&](db::Tx& tx) { return load_user(tx, user_id).grants; });
}

security::Grant OrgService::add_grant(const security::Principal& p, std::int64_t user_id, const GrantInput& in) {
    require(p, "org:grant:create");
    if (!security::find_role(in.role)) throw core::Error::validation("invalid_role", "未知角色：" + in.role, "role");
    auto scope = security::parse_scope(in.scope);
    if (!scope) throw core::Error::validation("invalid_scope", "数据范围应为 own_unit、units 或 township", "scope");
    if (*scope == security::Scope::Units && in.unit_ids.empty())
        throw core::Error::validation("required", "指定单位范围时至少选择一个单位", "unit_ids");
    if (*scope != security::Scope::Units && !in.unit_ids.empty())
        throw core::Error::validation("unexpected_units", "只有“指定单位”范围需要选择单位", "unit_ids");
    if (user_id == p.user_id) throw core::Error::forbidden("self_grant", "不能修改自己的角色授权");
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) {
        User u = load_user(tx, user_id);
        std::vector<std::string> roles;
        for (const auto& g : u.grants) roles.push_back(g.role);
        if (std::find(roles.begin(), roles.end(), in.role) != roles.end())
            throw core::Error::conflict("duplicate_grant", "该用户已拥有此角色", "role");
        if (auto why = separation_violation(roles, in.role)) throw core::Error::conflict("separation_of_duties", *why, "role");
        for (auto unit : in.unit_ids)
            if (!tx.query_one(sql::kUnitById, {unit}))
                throw core::Error::validation("invalid_unit", "单位不存在：" + std::to_string(unit), "unit_ids");
        const db::Value by = p.user_id ? db::Value(p.user_id) : db::Value(nullptr);
        const auto gid = tx.scalar_i64(sql::kInsertGrant, {user_id, in.role, std::string(security::scope_name(*scope)), now, by});
        std::set<std::int64_t> units(in.unit_ids.begin(), in.unit_ids.end());
        for (auto unit : units) tx.exec(sql::kInsertGrantUnit, {gid, unit});
        audit::append(tx, audit::actor_of(p),
                      {"org.grant.create", "user", std::to_string(user_id),
                       {{"grant_id", gid}, {"role", in.role}, {"scope", security::scope_name(*scope)}, {"unit_ids", units}}},
                      now);
        return security::Grant{gid, in.role, *scope, std::vector<std::int64_t>(units.begin(), units.end())};
    });
}

void OrgService::delete_grant(const security::Principal& p, std::int64_t user_id, std::int64_t grant_id) {
    require(p, "org:grant:delete");
    if (user_id == p.user_id) throw core::Error::forbidden("self_grant", "不能修改自己的角色授权");
    const auto now = clock_.now_ms();
    db_.write([&](db::Tx& tx) {
        auto g = tx.query_one(sql::kGrantById, {grant_id, user_id});
        if (!g) throw core::Error::not_found("授权不存在");
        tx.exec(sql::kDeleteGrant, {grant_id});
        audit::append(tx, audit::actor_of(p),
                      {"org.grant.delete", "user", std::to_string(user_id), {{"grant_id", grant_id}, {"role", g->str("role")}}},
                      now);
    });
}

}  // namespace hulei::org
