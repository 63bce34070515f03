#include "modules/policy/policy_service.hpp"

#include "core/error.hpp"
#include "modules/policy/policy_store.hpp"
#include "security/permissions.hpp"

namespace hulei::policy {

namespace {

Policy policy_of(const db::Row& r) {
    return {r.str("key"), r.str("value"), r.str("kind"), r.str("value_type"), r.opt_i64("min_value"),
            r.opt_i64("max_value"), r.str("label_zh"), r.i64("updated_at")};
}

/// MM-DD of a day that exists in some year (02-29 included), as the yearly due-day policies hold.
bool valid_month_day(const std::string& v) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (v.size() != 5 || v[2] != '-') return false;
    for (int i : {0, 1, 3, 4})
        if (v[i] < '0' || v[i] > '9') return false;
    const int month = (v[0] - '0') * 10 + (v[1] - '0'), day = (v[3] - '0') * 10 + (v[4] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1];
}

bool parse_int(const std::string& s, std::int64_t* out) {
    if (s.empty() || s.size() > 12) return false;
    std::size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size() || s.find_first_not_of("0123456789", i) != std::string::npos) return false;
    *out = std::stoll(s);
    return true;
}

}  // namespace

std::int64_t PolicyService::get_int(db::Tx& tx, const std::string& key) {
    auto row = tx.query_one(sql::kGet, {key});
    std::int64_t v = 0;
    if (!row || !parse_int(row->str("value"), &v)) throw core::Error::internal("policy missing: " + key);
    return v;
}

std::string PolicyService::get_text(db::Tx& tx, const std::string& key) {
    auto row = tx.query_one(sql::kGet, {key});
    if (!row) throw core::Error::internal("policy missing: " + key);
    return row->str("value");
}

std::vector<Policy> PolicyService::list(const security::Principal& p) {
    if (!p.has("policy:policy:list")) throw core::Error::forbidden();
    return db_.read([](db::Tx& tx) {
        std::vector<Policy> out;
        for (const auto& r : tx.query(sql::kList)) out.push_back(policy_of(r));
        return out;
    });
}

Policy PolicyService::update(const security::Principal& p, const std::string& key, const std::string& value) {
    return db_.write([&](db::Tx& tx) {
        auto row = tx.query_one(sql::kGetFull, {key});
        if (!row) throw core::Error::not_found("参数不存在", "key");
        Policy pol = policy_of(*row);
        if (!p.has("policy:policy:update")) throw core::Error::forbidden();
        const char* needed = pol.kind == "security" ? "policy:security:update" : "policy:general:update";
        if (!p.has(needed)) throw core::Error::forbidden();
        if (pol.value_type == "int") {
            std::int64_t v = 0;
            if (!parse_int(value, &v)) throw core::Error::validation("wrong_type", "该参数应为整数", "value");
            if ((pol.min_value && v < *pol.min_value) || (pol.max_value && v > *pol.max_value))
                throw core::Error::validation("out_of_range",
                                              "取值范围为 " + std::to_string(pol.min_value.value_or(0)) + " 至 " +
                                                  std::to_string(pol.max_value.value_or(0)),
                                              "value");
        } else if (pol.value_type == "month_day") {
            if (!valid_month_day(value))
                throw core::Error::validation("wrong_type", "该参数应为“月-日”，如 03-31", "value");
        } else if (key == "totp.required_roles") {
            std::size_t start = 0;
            while (start <= value.size()) {
                auto end = value.find(',', start);
                if (end == std::string::npos) end = value.size();
                std::string role = value.substr(start, end - start);
                if (!role.empty() && !security::find_role(role))
                    throw core::Error::validation("unknown_role", "未知角色：" + role, "value");
                start = end + 1;
            }
        }
        const auto now = clock_.now_ms();
        tx.exec(sql::kUpdate, {value, now, p.user_id, key});
        audit::append(tx, audit::actor_of(p), {"policy.policy.update", "policy", key, {{"from", pol.value}, {"to", value}}},
                      now);
        pol.value = value;
        pol.updated_at = now;
        return pol;
    });
}

}  // namespace hulei::policy
