#include "modules/screening/screening_coverage.hpp"

#include <cstdio>
#include <map>

#include "audit/audit.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "io/xlsx_writer.hpp"
#include "modules/plan/plan_rules.hpp"
#include "modules/policy/policy_service.hpp"
#include "modules/screening/screening_store.hpp"

namespace hulei::screening {

namespace {

constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::size_t kMaxReference = 50;

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

std::string two(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
}

int year_of(std::int64_t day) {
    return std::stoi(plan::format_date(day).substr(0, 4));
}

MonthDay due_policy(db::Tx& tx) {
    const auto md = parse_month_day(policy::PolicyService::get_text(tx, "screening.recheck_due_month_day"));
    if (!md) throw core::Error::internal("policy screening.recheck_due_month_day is not MM-DD");
    return *md;
}

}  // namespace

std::optional<MonthDay> parse_month_day(std::string_view t) {
    if (t.size() != 5 || t[2] != '-') return std::nullopt;
    for (const std::size_t i : {0u, 1u, 3u, 4u})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    const int m = (t[0] - '0') * 10 + (t[1] - '0'), d = (t[3] - '0') * 10 + (t[4] - '0');
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
    return MonthDay{m, d};
}

std::int64_t due_day_of(int year, MonthDay due) {
    const int d = (due.month == 2 && due.day == 29 && !leap(year)) ? 28 : due.day;
    return *plan::parse_date(std::to_string(year) + "-" + two(due.month) + "-" + two(d));
}

RecheckState recheck_state(std::optional<std::int64_t> last_check_day, std::int64_t today, MonthDay due) {
    if (!last_check_day) return RecheckState::Never;
    const int year = year_of(today);
    if (year_of(*last_check_day) >= year) return RecheckState::Current;
    return today <= due_day_of(year, due) ? RecheckState::Due : RecheckState::Overdue;
}

OfficialCheck CoverageService::record_official(const security::Principal& p, std::int64_t person_id,
                                               const OfficialCheck& in) {
    if (!p.has("screening:check:create")) throw core::Error::forbidden();
    OfficialCheck c = in;
    if (c.channel != "教育局" && c.channel != "公安机关")
        throw core::Error::validation("invalid_channel", "查询渠道应为 教育局 或 公安机关", "channel");
    if (c.outcome != "未发现" && c.outcome != "发现记录")
        throw core::Error::validation("invalid_outcome", "查询结果应为 未发现 或 发现记录", "outcome");
    const auto day = plan::parse_date(c.date);
    if (!day) throw core::Error::validation("invalid_date", "日期格式应为 YYYY-MM-DD：" + c.date, "date");
    const auto now = clock_.now_ms();
    if (*day > plan::shanghai_day(now)) throw core::Error::validation("invalid_date", "查询日期不能晚于今天", "date");
    c.reference = core::trim(c.reference);
    if (c.reference.empty()) throw core::Error::validation("required", "请填写查询文书编号", "reference");
    if (!core::valid_utf8(c.reference) || core::has_control_characters(c.reference))
        throw core::Error::validation("invalid_text", "查询文书编号含有无效字符", "reference");
    if (core::utf8_length(c.reference) > kMaxReference)
        throw core::Error::validation("too_long", "查询文书编号过长", "reference");
    c.date = plan::format_date(*day);
    return db_.write([&](db::Tx& tx) {
        const auto person = tx.query_one(sql::kPersonUnit, {person_id});
        if (!person || !p.can_in_unit("screening:check:create", person->i64("unit_id")))
            throw core::Error::not_found("人员不存在");
        const std::int64_t unit_id = person->i64("unit_id");
        c.person_id = person_id;
        c.recorded_at = now;
        c.id = tx.scalar_i64(sql::kInsertOfficial, {person_id, unit_id, c.channel, c.date, c.reference, c.outcome, now,
                                                    p.user_id ? db::Value(p.user_id) : db::Value(nullptr)});
        audit::append(tx, audit::actor_of(p),
                      {"screening.official.create",
                       "screening_official_check",
                       std::to_string(c.id),
                       {{"purpose", "official_channel"},
                        {"unit_id", unit_id},
                        {"person_id", person_id},
                        {"channel", c.channel},
                        {"outcome", c.outcome}}},
                      now);
        return c;
    });
}

std::optional<OfficialCheck> CoverageService::last_official(db::Tx& tx, std::int64_t person_id) {
    const auto r = tx.query_one(sql::kLastOfficial, {person_id});
    if (!r) return std::nullopt;
    return OfficialCheck{r->i64("id"),        person_id,         r->str("channel"),    r->str("query_date"),
                         r->str("reference"), r->str("outcome"), r->i64("recorded_at")};
}

Coverage CoverageService::coverage_in(db::Tx& tx, const security::Principal& p, std::int64_t now) {
    const MonthDay due = due_policy(tx);
    const std::int64_t today = plan::shanghai_day(now);
    Coverage out;
    out.due_date = plan::format_date(due_day_of(year_of(today), due));
    std::map<std::int64_t, CoverageRow> rows;
    const auto scope = p.units_for("screening:check:list");
    if (scope) {
        for (const auto id : *scope)
            if (const auto u = tx.query_one(sql::kUnitById, {id})) rows[id] = {id, u->str("name")};
    } else {
        for (const auto& u : tx.query(sql::kCoverageUnits)) rows[u.i64("id")] = {u.i64("id"), u.str("name")};
    }
    for (auto& [id, row] : rows) {
        for (const auto& s : tx.query(sql::kHiredOfUnit, {id})) {
            ++row.staff;
            // A person whose only check had an invalid ID number was never really checked.
            const auto last = s.opt_i64("last_checked_at");
            const bool checked = last && s.str("last_status") != "invalid_id";
            switch (recheck_state(checked ? std::optional(plan::shanghai_day(*last)) : std::nullopt, today, due)) {
                case RecheckState::Current:
                    ++row.checked_this_year;
                    break;
                case RecheckState::Due:
                    ++row.due;
                    break;
                case RecheckState::Overdue:
                    ++row.overdue;
                    break;
                case RecheckState::Never:
                    ++row.never;
                    break;
            }
        }
        out.total.staff += row.staff;
        out.total.checked_this_year += row.checked_this_year;
        out.total.due += row.due;
        out.total.overdue += row.overdue;
        out.total.never += row.never;
        out.units.push_back(row);
    }
    out.total.unit_name = "合计";
    audit::append(tx, audit::actor_of(p),
                  {"screening.coverage.read",
                   "screening_person",
                   "",
                   {{"purpose", "recheck_coverage"}, {"units", out.units.size()}}},
                  now);
    return out;
}

Coverage CoverageService::coverage(const security::Principal& p) {
    if (!p.has("screening:check:list")) throw core::Error::forbidden();
    const auto now = clock_.now_ms();
    return db_.write([&](db::Tx& tx) { return coverage_in(tx, p, now); });
}

CoverageFile CoverageService::coverage_xlsx(const security::Principal& p) {
    const Coverage c = coverage(p);
    io::SheetOut sheet{
        "从业查询覆盖情况", {"单位", "在职人员", "本年已查询", "待复查", "逾期未复查", "从未查询"}, {}, {}};
    const auto line = [](const CoverageRow& r) {
        return std::vector<std::string>{
            r.unit_name,           std::to_string(r.staff),   std::to_string(r.checked_this_year),
            std::to_string(r.due), std::to_string(r.overdue), std::to_string(r.never)};
    };
    for (const auto& r : c.units) sheet.rows.push_back(line(r));
    sheet.rows.push_back(line(c.total));
    return {"screening-coverage.xlsx", std::string(kXlsxType),
            io::write_xlsx({sheet}, "复查截止日 " + c.due_date + " 导出人 " + p.username)};
}

}  // namespace hulei::screening
