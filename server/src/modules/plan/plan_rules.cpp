#include "modules/plan/plan_rules.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/text.hpp"

namespace hulei::plan {

// ---- calendar dates ---------------------------------------------------------------------------

namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kShanghaiOffsetMs = 8 * 3'600'000;

/// Civil date of a day number (Howard Hinnant's algorithm).
void civil_of(std::int64_t z, int* y, int* m, int* d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    *y = static_cast<int>(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

}  // namespace

std::int64_t day_of(int year, int month, int day) {
    const std::int64_t y = month <= 2 ? year - 1 : year;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = month > 2 ? month - 3 : month + 9;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::optional<std::int64_t> parse_date(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    const int y = std::stoi(std::string(t.substr(0, 4)));
    const int m = std::stoi(std::string(t.substr(5, 2)));
    const int d = std::stoi(std::string(t.substr(8, 2)));
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    return day_of(y, m, d);
}

std::string format_date(std::int64_t day) {
    int y = 0, m = 0, d = 0;
    civil_of(day, &y, &m, &d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::int64_t shanghai_day(std::int64_t epoch_ms) { return floor_div(epoch_ms + kShanghaiOffsetMs, kMsPerDay); }

std::string shanghai_minute(std::int64_t epoch_ms) {
    const std::int64_t local = epoch_ms + kShanghaiOffsetMs;
    const std::int64_t day = floor_div(local, kMsPerDay);
    const std::int64_t minute = (local - day * kMsPerDay) / 60'000;
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(minute / 60), static_cast<int>(minute % 60));
    return format_date(day) + buf;
}

// ---- deadlines --------------------------------------------------------------------------------

namespace {

/// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes come back as themselves.
char32_t next_cp(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
    if (c >= 0xF0 && i + 3 < s.size()) {
        char32_t cp = (static_cast<char32_t>(c & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
        i += 4;
        return cp;
    }
    if (c >= 0xE0 && i + 2 < s.size()) {
        char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) | (cont(1) << 6) | cont(2);
        i += 3;
        return cp;
    }
    if (c >= 0xC0 && i + 1 < s.size()) {
        char32_t cp = (static_cast<char32_t>(c & 0x1F) << 6) | cont(1);
        i += 2;
        return cp;
    }
    ++i;
    return c;
}

void append_cp(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

int chinese_digit(char32_t cp) {
    switch (cp) {
        case U'〇': case U'零': return 0;
        case U'一': return 1;
        case U'二': case U'两': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        case U'十': return 10;
        default: return -1;
    }
}

/// The value of a run of Chinese numerals ("二〇二四" → 2024, "十二" → 12, "三十一" → 31), or -1.
int chinese_number(const std::u32string& run, bool as_year) {
    if (as_year) {
        if (run.size() != 4) return -1;
        int v = 0;
        for (char32_t cp : run) {
            const int d = chinese_digit(cp);
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
    const auto ten = run.find(U'十');
    if (ten == std::u32string::npos) return run.size() == 1 ? chinese_digit(run[0]) : -1;
    if (run.size() > 3) return -1;
    int tens = 1, ones = 0;
    if (ten == 1) tens = chinese_digit(run[0]);
    else if (ten != 0) return -1;
    if (ten + 1 < run.size()) ones = chinese_digit(run[ten + 1]);
    if (tens < 1 || tens > 9 || ones < 0 || ones > 9) return -1;
    return tens * 10 + ones;
}

/// Full-width digits and punctuation as ASCII; Chinese numerals before 年/月/日/号/季 as Arabic digits.
std::string normalise(std::string_view text) {
    std::u32string cps;
    for (std::size_t i = 0; i < text.size();) cps.push_back(next_cp(text, i));
    std::string out;
    for (std::size_t i = 0; i < cps.size();) {
        const char32_t cp = cps[i];
        if (cp >= U'０' && cp <= U'９') {
            out.push_back(static_cast<char>('0' + (cp - U'０')));
            ++i;
            continue;
        }
        if (cp == U'．') { out.push_back('.'); ++i; continue; }
        if (cp == U'－') { out.push_back('-'); ++i; continue; }
        if (cp == U'／') { out.push_back('/'); ++i; continue; }
        if (chinese_digit(cp) >= 0) {
            std::size_t j = i;
            while (j < cps.size() && chinese_digit(cps[j]) >= 0) ++j;
            const std::u32string run = cps.substr(i, j - i);
            const char32_t after = j < cps.size() ? cps[j] : 0;
            int value = -1;
            if (after == U'年') value = chinese_number(run, true);
            else if (after == U'月' || after == U'日' || after == U'号' || after == U'季') value = chinese_number(run, false);
            if (value >= 0) out += std::to_string(value);
            else for (char32_t c : run) append_cp(out, c);
            i = j;
            continue;
        }
        append_cp(out, cp);
        ++i;
    }
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Cursor {
public:
    Cursor(std::string_view s, std::size_t i) : s_(s), i_(i) {}
    bool eat(std::string_view lit) {
        if (s_.substr(i_, lit.size()) != lit) return false;
        i_ += lit.size();
        return true;
    }
    bool peek(std::string_view lit) const { return s_.substr(i_, lit.size()) == lit; }
    /// 1..max_digits ASCII digits (not followed by another digit).
    std::optional<int> number(std::size_t max_digits) {
        std::size_t j = i_;
        while (j < s_.size() && is_digit(s_[j])) ++j;
        if (j == i_ || j - i_ > max_digits) return std::nullopt;
        const int v = std::stoi(std::string(s_.substr(i_, j - i_)));
        i_ = j;
        return v;
    }
    std::size_t pos() const { return i_; }
    void reset(std::size_t i) { i_ = i; }

private:
    std::string_view s_;
    std::size_t i_;
};

enum class Period { Day, Month, Quarter, Half, Year };

struct Match {
    std::int64_t day;        ///< the resolved date
    std::size_t end;         ///< where the phrase ends
};

std::optional<std::int64_t> checked(int y, int m, int d) {
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    return day_of(y, m, d);
}

/// A deadline phrase starting at byte `start` of the normalised text.
std::optional<Match> match_at(std::string_view s, std::size_t start, std::optional<int> default_year) {
    if (start > 0 && is_digit(s[start - 1])) return std::nullopt;
    Cursor c(s, start);
    int year = 0;
    if (auto y = c.number(4); y && c.pos() - start == 4) {
        year = *y;
        if (!c.eat("年")) {
            // 2025.6.30, 2025-06-30, 2025/6/30
            for (std::string_view sep : {".", "-", "/"}) {
                Cursor d(s, c.pos());
                if (!d.eat(sep)) continue;
                auto m = d.number(2);
                if (!m || !d.eat(sep)) continue;
                auto day = d.number(2);
                if (!day) continue;
                if (auto v = checked(year, *m, *day)) return Match{*v, d.pos()};
            }
            return std::nullopt;
        }
    } else {
        c.reset(start);
        if (!default_year) return std::nullopt;
        Cursor probe(s, start);
        if (!probe.number(2) || !probe.peek("月")) return std::nullopt;
        year = *default_year;
    }
    if (year < 1900 || year > 2999) return std::nullopt;

    Period period = Period::Year;
    bool end_marked = false;  // 底/末/内: the end of the period itself
    std::int64_t end_day = day_of(year, 12, 31);
    std::int64_t before_day = day_of(year - 1, 12, 31);
    const std::size_t after_year = c.pos();
    if (c.eat("上半年")) {
        period = Period::Half;
        end_day = day_of(year, 6, 30);
        before_day = day_of(year - 1, 12, 31);
    } else if (c.eat("下半年")) {
        period = Period::Half;
        end_day = day_of(year, 12, 31);
        before_day = day_of(year, 6, 30);
    } else {
        Cursor q(s, c.pos());
        q.eat("第");
        if (auto n = q.number(1); n && q.eat("季度") && *n >= 1 && *n <= 4) {
            period = Period::Quarter;
            end_day = day_of(year, 3 * *n, days_in_month(year, 3 * *n));
            before_day = day_of(year, 3 * (*n - 1) + 1, 1) - 1;
            c.reset(q.pos());
        } else if (Cursor m(s, c.pos()); auto month = m.number(2)) {
            if (!m.eat("月") || *month < 1 || *month > 12) return std::nullopt;
            c.reset(m.pos());
            period = Period::Month;
            end_day = day_of(year, *month, days_in_month(year, *month));
            before_day = day_of(year, *month, 1) - 1;
            Cursor d(s, c.pos());
            if (auto day = d.number(2); day && (d.eat("日") || d.eat("号"))) {
                auto v = checked(year, *month, *day);
                if (!v) return std::nullopt;
                period = Period::Day;
                end_day = before_day = *v;
                c.reset(d.pos());
            } else if (c.eat("上旬") || c.eat("初")) {
                period = Period::Day;
                end_day = before_day = day_of(year, *month, 10);
            } else if (c.eat("中旬")) {
                period = Period::Day;
                end_day = before_day = day_of(year, *month, 20);
            } else if (c.eat("下旬")) {
                period = Period::Day;
                before_day = end_day;
            }
        } else {
            c.reset(after_year);
        }
    }
    if (period != Period::Day) {
        if (period == Period::Year) c.eat("年");  // 2024年年底
        if (c.eat("底") || c.eat("末") || c.eat("内") || c.eat("度内")) end_marked = true;
    }
    // Nothing but a bare year ("2024年") is too vague to be a deadline unless it is marked (底/末/内/前).
    const bool before = c.peek("前") || c.peek("以前") || c.peek("之前");
    if (period == Period::Year && !end_marked && !before) return std::nullopt;
    // A start date (自…起, …开始, …以来) is not a deadline.
    for (std::string_view lit : {"起", "开始", "以来", "至今"})
        if (c.peek(lit)) return std::nullopt;
    const std::int64_t day = (before && !end_marked && period != Period::Day) ? before_day : end_day;
    return Match{day, c.pos()};
}

}  // namespace

std::optional<std::string> deadline_date(std::string_view text, std::optional<int> default_year) {
    const std::string s = normalise(text);
    for (std::string_view never : {"长期", "持续", "常态化"})
        if (s.find(never) != std::string::npos) return std::nullopt;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_digit(s[i])) continue;
        auto m = match_at(s, i, default_year);
        if (!m) continue;
        // A date after 每 is a frequency (每年12月底前), not a deadline.
        if (s.substr(0, i).find("每") != std::string::npos) return std::nullopt;
        return format_date(m->day);
    }
    return std::nullopt;
}

// ---- status -------------------------------------------------------------------------------------

std::string_view status_name(Status s) {
    switch (s) {
        case Status::Completed: return "completed";
        case Status::Overdue: return "overdue";
        case Status::DueSoon: return "due_soon";
        case Status::OnTrack: return "on_track";
        case Status::NotStarted: return "not_started";
    }
    return "not_started";
}

std::string_view status_label(Status s) {
    switch (s) {
        case Status::Completed: return "已完成";
        case Status::Overdue: return "逾期";
        case Status::DueSoon: return "即将到期";
        case Status::OnTrack: return "正常推进";
        case Status::NotStarted: return "未开始";
    }
    return "未开始";
}

std::optional<Status> parse_status(std::string_view name) {
    for (auto s : {Status::Completed, Status::Overdue, Status::DueSoon, Status::OnTrack, Status::NotStarted})
        if (status_name(s) == name) return s;
    return std::nullopt;
}

StatusResult task_status(const StatusInput& in) {
    StatusResult r;
    if (in.completed) {
        r.status = Status::Completed;
        return r;
    }
    const std::int64_t anchor = in.last_report ? std::max(in.campaign_start, *in.last_report) : in.campaign_start;
    const std::int64_t next_due = anchor + std::max<std::int64_t>(in.interval_days, 1);
    r.next_report_due = next_due;
    std::int64_t overdue = 0;
    if (in.deadline && in.today > *in.deadline) overdue = in.today - *in.deadline;
    if (in.today > next_due) overdue = std::max(overdue, in.today - next_due);
    if (overdue > 0) {
        r.status = Status::Overdue;
        r.overdue_days = overdue;
        return r;
    }
    const bool deadline_soon = in.deadline && *in.deadline - in.today <= in.due_soon_days;
    const bool report_soon = next_due - in.today <= in.due_soon_days;
    if (deadline_soon || report_soon) r.status = Status::DueSoon;
    else r.status = in.last_report ? Status::OnTrack : Status::NotStarted;
    return r;
}

// ---- unit groups --------------------------------------------------------------------------------

std::string fold_name(std::string_view s) {
    std::string out = core::trim(s);
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"（", "("}, {"）", ")"}}) {
        for (auto pos = out.find(from); pos != std::string::npos; pos = out.find(from, pos + to.size()))
            out.replace(pos, from.size(), to);
    }
    return out;
}

std::optional<std::string> group_kind(std::string_view written) {
    static const std::vector<std::pair<std::string_view, std::string_view>> kGroups = {
        {"各学校", "school"},        {"各中小学校", "school"},      {"各中小学", "school"},
        {"各学校(幼儿园)", "school"}, {"各中小学校(幼儿园)", "school"},
        {"各村(社区)", "village"},   {"各村", "village"},           {"各社区", "village"},
        {"各村(居)", "village"},     {"各村居", "village"},         {"各村(社区)委员会", "village"},
        {"镇属各部门", "department"}, {"各部门", "department"},      {"镇直各部门", "department"},
        {"镇属各职能部门", "department"}, {"各职能部门", "department"},
    };
    const std::string key = fold_name(written);
    for (const auto& [name, kind] : kGroups)
        if (key == name) return std::string(kind);
    return std::nullopt;
}

std::vector<org::Unit> units_of_kind(const std::vector<org::Unit>& units, std::string_view kind) {
    std::vector<org::Unit> out;
    for (const auto& u : units)
        if (u.kind == kind) out.push_back(u);
    return out;
}

// ---- task numbers -------------------------------------------------------------------------------

std::optional<std::string> parent_number(std::string_view number, const std::vector<std::string>& existing) {
    std::string cur(number);
    while (true) {
        const auto slash = cur.rfind('/');
        if (slash == std::string::npos) return std::nullopt;
        cur.resize(slash);
        if (std::find(existing.begin(), existing.end(), cur) != existing.end()) return cur;
    }
}

}  // namespace hulei::plan
