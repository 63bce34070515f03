#include "modules/plan/plan_parser.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

namespace hulei::plan {
namespace {

// ---------------------------------------------------------------------------------------------------------
// UTF-8 reading. Invalid bytes decode as U+FFFD of length 1, so every byte sequence can be walked.

struct CodePoint {
    char32_t value = 0;
    std::size_t length = 0;
};

CodePoint decode(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return {c, 1};
    std::size_t n = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 1;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 2;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 3;
        cp = c & 0x07;
    } else {
        return {0xFFFD, 1};
    }
    if (i + n >= s.size()) return {0xFFFD, 1};
    for (std::size_t k = 1; k <= n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, n + 1};
}

// The code point that ends just before byte `i` (U+FFFD when it is not a clean sequence).
CodePoint decode_before(std::string_view s, std::size_t i) {
    if (i == 0) return {0, 0};
    std::size_t start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    const CodePoint cp = decode(s, start);
    if (start + cp.length == i) return cp;
    return {0xFFFD, 1};
}

std::size_t cp_count(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += decode(s, i).length) ++n;
    return n;
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == U'\v' || c == U'\f' || c == 0x3000 ||
           c == 0x00A0 || (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF;
}

bool in(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }

constexpr std::u32string_view kOpeners = U"（([［【〔〖";
constexpr std::u32string_view kClosers = U"）)]］】〕〗";
constexpr std::u32string_view kSentenceEnds = U"。！？!?";
constexpr std::u32string_view kUnitSeparators = U"、，,；;";
constexpr std::u32string_view kTrailingPunct = U"。.，,；;：:、！!？?";

bool is_opener(char32_t c) { return in(c, kOpeners); }
bool is_closer(char32_t c) { return in(c, kClosers); }

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19); }
int digit_value(char32_t c) { return c <= U'9' ? static_cast<int>(c - U'0') : static_cast<int>(c - 0xFF10); }

int cn_digit(char32_t c) {
    switch (c) {
        case U'一': return 1;
        case U'二': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return 0;
    }
}
bool is_cn_numeral(char32_t c) { return cn_digit(c) != 0 || in(c, U"十〇零两○"); }

std::string_view trim(std::string_view s) {
    std::size_t b = 0;
    while (b < s.size()) {
        const CodePoint cp = decode(s, b);
        if (!is_space(cp.value)) break;
        b += cp.length;
    }
    std::size_t e = s.size();
    while (e > b) {
        const CodePoint cp = decode_before(s, e);
        if (!is_space(cp.value)) break;
        e -= cp.length;
    }
    return s.substr(b, e - b);
}

// `s` without trailing white space and characters of `set`.
std::string_view trim_end_of(std::string_view s, std::u32string_view set) {
    s = trim(s);
    while (!s.empty()) {
        const CodePoint cp = decode_before(s, s.size());
        if (!in(cp.value, set) && !is_space(cp.value)) break;
        s.remove_suffix(cp.length);
    }
    return s;
}

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

std::size_t skip_spaces(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        const CodePoint cp = decode(s, i);
        if (!is_space(cp.value)) break;
        i += cp.length;
    }
    return i;
}

// `s` with line breaks removed: the lines of a paragraph wrapped in a .txt joined again.
std::string without_line_breaks(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s)
        if (c != '\n' && c != '\r') out += c;
    return out;
}

// Byte offset of the closer matching the opener at `open`, or npos. Bracket kinds may be mixed (（…)).
std::size_t matching_close(std::string_view s, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < s.size();) {
        const CodePoint cp = decode(s, i);
        if (is_opener(cp.value)) {
            ++depth;
        } else if (is_closer(cp.value)) {
            if (--depth == 0) return i;
        }
        i += cp.length;
    }
    return std::string_view::npos;
}

// Every bracket pair of a text, found in one pass (so that scanning a paragraph with many unmatched openers
// stays linear). Pairs are what matching_close would give.
class Brackets {
public:
    explicit Brackets(std::string_view s) {
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < s.size();) {
            const CodePoint cp = decode(s, i);
            if (is_opener(cp.value)) {
                open.push_back(i);
                pairs_.push_back({i, std::string_view::npos});
            } else if (is_closer(cp.value) && !open.empty()) {
                const auto it = std::lower_bound(pairs_.begin(), pairs_.end(), std::pair{open.back(), std::size_t{0}});
                it->second = i;
                open.pop_back();
            }
            i += cp.length;
        }
    }
    /// The offset of the closer matching the opener at `open`, or npos.
    std::size_t close_of(std::size_t open) const {
        const auto it = std::lower_bound(pairs_.begin(), pairs_.end(), std::pair{open, std::size_t{0}});
        return it != pairs_.end() && it->first == open ? it->second : std::string_view::npos;
    }

private:
    std::vector<std::pair<std::size_t, std::size_t>> pairs_;  // (opener, closer), sorted by opener
};

// ---------------------------------------------------------------------------------------------------------
// Numbers.

struct Number {
    int value = 0;
    std::size_t length = 0;
};

// 一 … 九十九 at the start of `s`.
Number chinese_number(std::string_view s) {
    if (s.empty()) return {};
    CodePoint cp = decode(s, 0);
    std::size_t i = cp.length;
    int value = 0;
    auto next_digit = [&]() -> int {
        if (i >= s.size()) return 0;
        const CodePoint n = decode(s, i);
        const int d = cn_digit(n.value);
        if (d != 0) i += n.length;
        return d;
    };
    if (const int d = cn_digit(cp.value); d != 0) {
        value = d;
        if (i < s.size() && decode(s, i).value == U'十') {
            i += decode(s, i).length;
            value = value * 10 + next_digit();
        }
    } else if (cp.value == U'十') {
        value = 10 + next_digit();
    } else {
        return {};
    }
    return {value, i};
}

// ASCII or full-width digits at the start of `s`, at most `max_digits` of them.
Number arabic_number(std::string_view s, std::size_t max_digits) {
    Number n;
    std::size_t digits = 0;
    while (n.length < s.size()) {
        const CodePoint cp = decode(s, n.length);
        if (!is_digit(cp.value)) break;
        if (++digits > max_digits) return {};
        n.value = n.value * 10 + digit_value(cp.value);
        n.length += cp.length;
    }
    return digits == 0 ? Number{} : n;
}

// A count written in digits or Chinese numerals (30, 三, 两, 半), for spans such as 30日内 or 半年内.
Number count_number(std::string_view s) {
    if (Number n = arabic_number(s, 4); n.length != 0) return n;
    if (Number n = chinese_number(s); n.length != 0) return n;
    if (s.starts_with("两")) return {2, 3};
    if (s.starts_with("半")) return {1, 3};
    return {};
}

// A year: four digits (ASCII, full-width or 二〇二四) followed by 年, or 今年/明年/次年/当年/本年/同年.
std::size_t year_prefix(std::string_view s) {
    for (std::string_view word : {"今年", "明年", "次年", "当年", "本年", "同年"})
        if (s.starts_with(word)) return word.size();
    std::size_t i = 0;
    int digits = 0;
    while (i < s.size() && digits < 4) {
        const CodePoint cp = decode(s, i);
        if (!is_digit(cp.value) && cn_digit(cp.value) == 0 && !in(cp.value, U"〇零○")) break;
        ++digits;
        i += cp.length;
    }
    if (digits != 4 || !s.substr(i).starts_with("年")) return 0;
    return i + std::string_view("年").size();
}

// A month or a day number (digits, or 一 … 三十一) followed by `unit`.
std::size_t numbered(std::string_view s, std::string_view unit) {
    Number n = arabic_number(s, 2);
    if (n.length == 0) n = chinese_number(s);
    if (n.length == 0 || n.value == 0 || n.value > 31) return 0;
    if (!s.substr(n.length).starts_with(unit)) return 0;
    return n.length + unit.size();
}

// ---------------------------------------------------------------------------------------------------------
// Lines: labels, noise, dates, markers.

std::size_t skip_label_tail(std::string_view line, std::size_t i) {
    if (i < line.size()) {
        const CodePoint cp = decode(line, i);
        if (in(cp.value, U"、．.")) i += cp.length;
    }
    return skip_spaces(line, i);
}

bool is_dash(char32_t c) { return in(c, U"-—－–―─‐一~～"); }

bool is_page_noise(std::string_view line) {
    std::string compact;
    for (std::size_t i = 0; i < line.size();) {
        const CodePoint cp = decode(line, i);
        if (!is_space(cp.value)) compact.append(line.substr(i, cp.length));
        i += cp.length;
    }
    const std::string_view s = compact;
    auto skip_dashes = [&](std::size_t i) {
        while (i < s.size() && is_dash(decode(s, i).value)) i += decode(s, i).length;
        return i;
    };
    std::size_t i = skip_dashes(0);
    if (const Number n = arabic_number(s.substr(i), 4); n.length != 0) {
        i = skip_dashes(i + n.length);
        if (i == s.size()) return true;
        if (s[i] == '/' && arabic_number(s.substr(i + 1), 4).length == s.size() - i - 1) return true;
    }
    // 第3页 / 第3页共10页 / 第3页，共10页 / 共10页第3页
    auto page = [&](std::size_t at, std::string_view head) -> std::size_t {
        if (!s.substr(at).starts_with(head)) return 0;
        const Number n = arabic_number(s.substr(at + head.size()), 4);
        if (n.length == 0 || !s.substr(at + head.size() + n.length).starts_with("页")) return 0;
        return head.size() + n.length + std::string_view("页").size();
    };
    for (auto [first, second] : {std::pair{"第", "共"}, std::pair{"共", "第"}}) {
        std::size_t at = page(0, first);
        if (at == 0) continue;
        if (at == s.size()) return true;
        for (std::string_view sep : {"，", ",", "/", "、"})
            if (s.substr(at).starts_with(sep)) at += sep.size();
        if (const std::size_t more = page(at, second); more != 0 && at + more == s.size()) return true;
    }
    return false;
}

// A bare date line such as the signature's "2024年2月27日".
bool is_date_line(std::string_view line) {
    std::string_view s = trim(line);
    std::size_t i = year_prefix(s);
    if (i == 0 || s.starts_with("今") || s.starts_with("明") || s.starts_with("次") || s.starts_with("当") ||
        s.starts_with("本") || s.starts_with("同"))
        return false;
    i = skip_spaces(s, i);
    const std::size_t month = numbered(s.substr(i), "月");
    if (month == 0) return false;
    i = skip_spaces(s, i + month);
    std::size_t day = numbered(s.substr(i), "日");
    if (day == 0) day = numbered(s.substr(i), "号");
    if (day == 0) return false;
    return skip_spaces(s, i + day) == s.size();
}

// 附件… / 抄送： / 抄报： — the plan's text is over.
bool is_end_marker(std::string_view line) {
    if (line.starts_with("抄送") || line.starts_with("抄报")) return true;
    if (!line.starts_with("附件")) return false;
    const std::string_view rest = line.substr(std::string_view("附件").size());
    if (rest.empty()) return true;
    const char32_t c = decode(rest, 0).value;
    return in(c, U"：:、（( ") || is_digit(c) || is_space(c) || cn_digit(c) != 0;
}

// ---------------------------------------------------------------------------------------------------------
// Annotation fields.

enum class Role { Unlabeled, Lead, Support, General, Leader, Deadline };

struct FieldLabel {
    Role role = Role::Unlabeled;
    std::size_t length = 0;  // the label, its colon and the spaces after it
};

bool is_cjk(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

Role classify_field(std::string_view key) {
    auto has = [&](std::string_view w) { return contains(key, w); };
    if (key.ends_with("领导") || key.ends_with("人")) return Role::Leader;
    if (has("时限") || has("期限") || has("完成时间") || has("截止时间") || has("办结时间") || has("时间节点") ||
        has("完成日期"))
        return Role::Deadline;
    static constexpr std::array<std::string_view, 7> kUnitEnds = {"单位", "部门", "科室", "股室", "处室", "机构",
                                                                  "主体"};
    static constexpr std::array<std::string_view, 9> kBare = {"牵头", "配合", "责任", "负责", "协办",
                                                             "主办", "参与", "协助", "主责"};
    const bool bare = std::find(kBare.begin(), kBare.end(), key) != kBare.end();
    const bool unit_end = std::any_of(kUnitEnds.begin(), kUnitEnds.end(), [&](auto e) { return key.ends_with(e); });
    static constexpr std::array<std::string_view, 18> kDuty = {"责任", "牵头", "配合", "协办", "协作", "参与",
                                                              "参加", "主办", "主责", "承办", "实施", "落实",
                                                              "负责", "协同", "协助", "协调", "具体", "主要"};
    const bool duty = std::any_of(kDuty.begin(), kDuty.end(), [&](auto d) { return has(d); });
    if (!bare && !(unit_end && duty)) return Role::Unlabeled;
    if (has("牵头") || has("主办") || has("主责")) return Role::Lead;
    if (has("配合") || has("协") || has("参与") || has("参加")) return Role::Support;
    return Role::General;
}

// A field label such as 责任单位： 牵头单位: 完成时限： 责任领导： at the start of `s`.
std::optional<FieldLabel> match_field_label(std::string_view s) {
    std::size_t i = 0;
    int count = 0;
    while (i < s.size() && count <= 8 && is_cjk(decode(s, i).value)) {
        i += decode(s, i).length;
        ++count;
    }
    const std::string_view key = s.substr(0, i);
    i = skip_spaces(s, i);
    if (key.empty() || i >= s.size()) return std::nullopt;
    const CodePoint colon = decode(s, i);
    if (colon.value != U'：' && colon.value != U':') return std::nullopt;
    const Role role = classify_field(key);
    if (role == Role::Unlabeled) return std::nullopt;
    return FieldLabel{role, skip_spaces(s, i + colon.length)};
}

struct Field {
    Role role = Role::Unlabeled;
    std::string_view value;
};

// Splits annotation content at its field labels; text before the first label is an Unlabeled field.
std::vector<Field> split_fields(std::string_view content) {
    std::vector<Field> fields;
    Role role = Role::Unlabeled;
    std::size_t value_start = 0;
    int depth = 0;
    char32_t previous = 0;
    for (std::size_t i = 0; i < content.size();) {
        const CodePoint cp = decode(content, i);
        const bool at_boundary = i == 0 || in(previous, kUnitSeparators) || in(previous, U"。：:") ||
                                 is_space(previous) || is_opener(previous);
        if (depth == 0 && at_boundary && is_cjk(cp.value)) {
            if (auto label = match_field_label(content.substr(i))) {
                const std::string_view value = trim(content.substr(value_start, i - value_start));
                if (role != Role::Unlabeled || !value.empty()) fields.push_back({role, value});
                role = label->role;
                i += label->length;
                value_start = i;
                previous = U'：';
                continue;
            }
        }
        if (is_opener(cp.value)) {
            ++depth;
        } else if (is_closer(cp.value) && depth > 0) {
            --depth;
        }
        previous = cp.value;
        i += cp.length;
    }
    const std::string_view value = trim(content.substr(value_start));
    if (role != Role::Unlabeled || !value.empty()) fields.push_back({role, value});
    return fields;
}

bool looks_like_unit(std::string_view name);

// Splits a unit list on 、，,；; and on spaces after a complete name (not on line breaks: a name may wrap),
// keeping bracketed parts whole (各村（社区）).
std::vector<std::string_view> split_units(std::string_view list) {
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    int depth = 0;
    auto push = [&](std::size_t end) {
        const std::string_view token = trim(list.substr(start, end - start));
        if (!token.empty()) tokens.push_back(token);
    };
    for (std::size_t i = 0; i < list.size();) {
        const CodePoint cp = decode(list, i);
        if (is_opener(cp.value)) {
            ++depth;
        } else if (is_closer(cp.value) && depth > 0) {
            --depth;
        } else if (depth == 0 && in(cp.value, kUnitSeparators)) {
            push(i);
            start = i + cp.length;
        } else if (depth == 0 && is_space(cp.value) && cp.value != U'\n' && cp.value != U'\r') {
            const std::size_t next = skip_spaces(list, i);
            if (next < list.size() && !is_opener(decode(list, next).value) &&
                looks_like_unit(trim(list.substr(start, i - start)))) {
                push(i);
                start = next;
            }
            i = next;
            continue;
        }
        i += cp.length;
    }
    push(list.size());
    return tokens;
}

// "排在第一位的部门为牵头部门" / "下同": notes about the lead rule, not units.
bool is_note(std::string_view t) {
    if (contains(t, "下同") || t.starts_with("注")) return true;
    if (!contains(t, "牵头")) return false;
    for (std::string_view w : {"第一", "首位", "在前", "排序", "排名", "列首", "排首", "前面"})
        if (contains(t, w)) return true;
    return false;
}

bool has_date_number(std::string_view t) {
    for (std::size_t i = 0; i < t.size();) {
        const CodePoint cp = decode(t, i);
        i += cp.length;
        if (is_digit(cp.value) && i < t.size() && in(decode(t, i).value, U"年月日")) return true;
    }
    return false;
}

bool is_time(std::string_view t) { return has_date_number(t) || find_deadline(t).has_value(); }

struct CleanUnit {
    std::string name;
    std::optional<Role> role;  // set by a verb or a marker: 牵头 → Lead, 配合 → Support, 负责 → General
    bool marker = false;       // the role came from the unit's own "（牵头）", not a verb for the run before it
};

constexpr std::array<std::string_view, 26> kVerbs = {
    "按照职责分工负责", "根据职责分工负责", "按职责分工负责", "按职能职责负责", "按职责分工落实", "按职能分工负责",
    "按照职责负责", "按职责负责", "牵头负责", "共同负责", "分别负责", "具体负责", "配合负责", "负责落实",
    "负责实施", "牵头落实", "配合落实", "共同落实", "组织实施", "负责", "牵头", "配合", "协助", "参与", "协办",
    "落实"};

Role verb_role(std::string_view verb) {
    if (contains(verb, "牵头")) return Role::Lead;
    if (contains(verb, "配合") || contains(verb, "协") || contains(verb, "参与")) return Role::Support;
    return Role::General;
}

// Where the bracket group that ends `t` opens, or npos when `t` does not end with a closed group.
std::size_t last_group(std::string_view t) {
    if (t.empty() || !is_closer(decode_before(t, t.size()).value)) return std::string_view::npos;
    int depth = 0;
    for (std::size_t i = t.size(); i > 0;) {
        const CodePoint cp = decode_before(t, i);
        i -= cp.length;
        if (is_closer(cp.value)) ++depth;
        if (is_opener(cp.value) && --depth == 0) return i;
    }
    return std::string_view::npos;
}

CleanUnit clean_unit(std::string_view token) {
    CleanUnit out;
    std::string_view t = trim_end_of(token, kTrailingPunct);
    if (t.starts_with("由")) t = trim(t.substr(std::string_view("由").size()));
    if (const std::size_t open = last_group(t); open != std::string_view::npos && open > 0) {
        const std::size_t inner_start = open + decode(t, open).length;
        const std::string_view inner =
            trim(t.substr(inner_start, t.size() - decode_before(t, t.size()).length - inner_start));
        if (inner == "牵头" || inner == "牵头单位" || inner == "牵头部门") {  // 县教育局（牵头）
            out.role = Role::Lead;
            out.marker = true;
            t = trim(t.substr(0, open));
        } else if (inner == "配合" || inner == "配合单位" || inner == "协办" || inner == "参与") {
            out.role = Role::Support;
            out.marker = true;
            t = trim(t.substr(0, open));
        }
    }
    for (std::string_view verb : kVerbs) {
        if (t.size() > verb.size() && t.ends_with(verb)) {
            if (!out.role) out.role = verb_role(verb);
            t = trim(t.substr(0, t.size() - verb.size()));
            break;
        }
    }
    if (t.size() > std::string_view("等").size() && t.ends_with("等")) t.remove_suffix(std::string_view("等").size());
    out.name = without_line_breaks(trim_end_of(t, kTrailingPunct));
    return out;
}

// Whether a name reads like an organisation (used only to accept unlabelled annotations such as （A、B负责）).
bool looks_like_unit(std::string_view name) {
    for (std::string_view prose : {"要", "应当", "必须", "认真", "切实", "确保", "抓好", "做好", "进一步", "的"})
        if (contains(name, prose)) return false;
    if (name.starts_with("各") || name.starts_with("有关") || name.starts_with("相关") || name.starts_with("全"))
        return true;
    if (name.empty()) return false;
    return in(decode_before(name, name.size()).value,
              U"局委办室所院会部处科队站心司团行台社校园区村镇乡街道府组庭馆厅署位门构织业联盟关股库厂场军协）)");
}

// `text` up to its first 。 outside brackets (what follows in an annotation is a remark: "…下同。").
std::string_view first_sentence(std::string_view text) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); i += decode(text, i).length) {
        const char32_t c = decode(text, i).value;
        if (is_opener(c)) ++depth;
        if (is_closer(c) && depth > 0) --depth;
        if (depth == 0 && c == U'。') return text.substr(0, i);
    }
    return text;
}

struct UnitStats {
    bool verb = false;
    std::size_t units = 0;
    std::size_t unit_like = 0;
    bool too_long = false;
};

void add_units(Annotation& a, std::string_view list, Role label_role, UnitStats& stats) {
    list = first_sentence(list);
    const Role fallback = label_role == Role::Unlabeled ? Role::General : label_role;
    std::vector<std::pair<std::string, Role>> found;
    std::size_t pending = 0;  // units since the last verb: a verb applies to the run before it (A、B牵头)
    for (std::string_view token : split_units(list)) {
        if (is_note(token) || is_time(token)) continue;
        CleanUnit unit = clean_unit(token);
        if (unit.name.empty()) continue;
        ++stats.units;
        if (looks_like_unit(unit.name)) ++stats.unit_like;
        if (cp_count(unit.name) > 30) stats.too_long = true;
        found.emplace_back(std::move(unit.name), fallback);
        ++pending;
        if (unit.role && unit.marker) {
            found.back().second = *unit.role;
            --pending;
        } else if (unit.role) {
            stats.verb = true;
            for (std::size_t k = found.size() - pending; k < found.size(); ++k) found[k].second = *unit.role;
            pending = 0;
        }
    }
    for (auto& [name, role] : found) {
        if (role == Role::Lead) a.marked_leads.push_back(name);
        a.units.push_back(std::move(name));
    }
}

// A bracket group holding only organisation names, "（县教育局、县公安局）": accepted where a sentence has ended.
std::optional<Annotation> parse_bare_units(std::string_view content) {
    content = trim_end_of(content, kTrailingPunct);
    if (content.empty() || contains(content, "。") || contains(content, "：") || contains(content, ":"))
        return std::nullopt;
    Annotation a;
    for (std::string_view token : split_units(content)) {
        if (is_note(token) || is_time(token)) continue;
        CleanUnit unit = clean_unit(token);
        if (unit.name.empty()) continue;
        if (!looks_like_unit(unit.name) || cp_count(unit.name) > 30) return std::nullopt;
        if (unit.role == Role::Lead) a.marked_leads.push_back(unit.name);
        a.units.push_back(std::move(unit.name));
    }
    if (a.units.empty()) return std::nullopt;
    return a;
}

// The value of a 完成时限 field: its first clause, without a trailing 完成.
std::optional<std::string> deadline_value(std::string_view value) {
    std::size_t end = value.size();
    for (std::size_t i = 0; i < value.size(); i += decode(value, i).length) {
        if (in(decode(value, i).value, U"；;。，,")) {
            end = i;
            break;
        }
    }
    std::string_view v = trim_end_of(value.substr(0, end), kTrailingPunct);
    constexpr std::string_view kDone = "完成";
    if (v.size() > kDone.size() && v.ends_with(kDone)) v = trim(v.substr(0, v.size() - kDone.size()));
    if (v.empty()) return std::nullopt;
    return std::string(v);
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines.

bool is_clause_break(char32_t c) {
    return in(c, U"。！？!?；;，,：:、") || is_opener(c) || is_closer(c) || c == U'“' || c == U'”';
}

// A date with 前/以前/之前/内 (or 完成) starting at `i`: 2024年12月底前, 年底前, 6月30日以前, 2024年内.
std::optional<std::size_t> date_deadline_at(std::string_view s, std::size_t i) {
    const std::string_view rest = s.substr(i);
    std::size_t j = year_prefix(rest);
    if (j == 0 && (rest.starts_with("年底") || rest.starts_with("年内"))) j = std::string_view("年").size();
    bool dated = j != 0;
    auto take = [&](std::string_view word) {
        if (!rest.substr(j).starts_with(word)) return false;
        j += word.size();
        return true;
    };
    auto take_numbered = [&](std::string_view unit) {
        const std::size_t n = numbered(rest.substr(j), unit);
        j += n;
        return n != 0;
    };
    if (!take("底") && !take("上半年") && !take("下半年") && take_numbered("月")) {
        dated = true;
        take("份");
        const bool part = take("上旬") || take("中旬") || take("下旬") || take("底") || take("末") || take("初") ||
                          take("中");
        if (!part && !take_numbered("日")) take_numbered("号");
    }
    if (!dated) return std::nullopt;
    for (std::string_view suffix : {"以前", "之前", "前", "内"})
        if (take(suffix)) return i + j;
    if (rest.substr(j).starts_with("完成")) return i + j;
    // "完成时间为2024年12月": a deadline named in prose.
    const std::string_view before = trim_end_of(s.substr(0, i), U"：:为是在于");
    for (std::string_view label : {"时限", "完成时间", "截止时间", "截止日期", "完成日期", "时间节点"})
        if (before.ends_with(label)) return i + j;
    return std::nullopt;
}

// A span ending in 内 starting at `i`: 30日内, 3个月内, 5年内, 半年内, 10个工作日内.
std::optional<std::size_t> span_deadline_at(std::string_view s, std::size_t i) {
    const std::string_view rest = s.substr(i);
    const Number n = count_number(rest);
    if (n.length == 0) return std::nullopt;
    std::size_t j = n.length;
    if (rest.substr(j).starts_with("个")) j += std::string_view("个").size();
    bool unit = false;
    for (std::string_view u : {"工作日", "小时", "星期", "日", "天", "周", "月", "年"}) {
        if (rest.substr(j).starts_with(u)) {
            j += u.size();
            unit = true;
            break;
        }
    }
    if (!unit || !rest.substr(j).starts_with("内")) return std::nullopt;
    return i + j + std::string_view("内").size();
}

// Whether the text just before `i` makes a date a frequency (每月…), a validity period or a past span (近3年内).
bool disqualified_before(std::string_view s, std::size_t i) {
    const std::string_view before = s.substr(0, i);
    for (std::string_view w : {"每", "每年", "每月", "每季度", "每半年", "每周", "有效期", "有效期为", "有效期至", "近",
                               "过去", "最近"})
        if (before.ends_with(w)) return true;
    return false;
}

// Extends a span such as 30日内 back over "自方案印发之日起" when it counts from an event.
std::size_t span_start(std::string_view s, std::size_t i) {
    const std::string_view before = s.substr(0, i);
    if (!before.ends_with("起")) return i;
    std::size_t start = i;
    std::size_t anchor = std::string_view::npos;
    for (int k = 0; k < 30 && start > 0; ++k) {
        const CodePoint cp = decode_before(s, start);
        if (is_clause_break(cp.value)) break;
        start -= cp.length;
        if (cp.value == U'自' || cp.value == U'从') return start;
        if ((cp.value == U'在' || cp.value == U'于') && anchor == std::string_view::npos) anchor = start + cp.length;
    }
    return anchor != std::string_view::npos ? anchor : start;
}

// ---------------------------------------------------------------------------------------------------------
// Titles.

constexpr std::array<std::string_view, 9> kTitleEnds = {"方案", "计划", "要点", "意见", "办法",
                                                        "细则", "规划", "实施方案", "工作方案"};

bool is_doc_number(std::string_view line) {
    for (std::size_t i = 0; i < line.size();) {
        const CodePoint cp = decode(line, i);
        i += cp.length;
        if (!in(cp.value, U"〔[［【(（")) continue;
        const Number year = arabic_number(line.substr(i), 4);
        if (year.length == 0 || year.value < 1900) continue;
        const std::size_t after = i + year.length;
        if (after < line.size() && in(decode(line, after).value, U"〕]］】)）") && line.ends_with("号")) return true;
    }
    return false;
}

bool is_notice_heading(std::string_view line) {
    return is_doc_number(line) || line.ends_with("通知") || contains(line, "的通知") || contains(line, "通知如下");
}

// The line without wrapping quotes and a trailing (试行)-style parenthesis, to test its ending.
std::string_view title_core(std::string_view line) {
    std::string_view s = trim(line);
    for (int pass = 0; pass < 2; ++pass) {
        while (!s.empty() && in(decode_before(s, s.size()).value, U"》”\"’」』"))
            s.remove_suffix(decode_before(s, s.size()).length);
        if (const std::size_t open = last_group(s); open != std::string_view::npos) s = trim(s.substr(0, open));
    }
    return s;
}

bool has_inner_punctuation(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); i += decode(s, i).length)
        if (in(decode(s, i).value, U"。，,；;：:！？")) return true;
    return false;
}

// A short line that could be a heading: no sentence punctuation, not numbered, not a date or a page number.
bool is_title_like(std::string_view line) {
    const std::size_t n = cp_count(line);
    if (n < 2 || n > 80 || has_inner_punctuation(line) || is_opener(decode(line, 0).value)) return false;
    return !match_label(line) && !is_page_noise(line) && !is_date_line(line) && !is_doc_number(line);
}

bool is_plan_title(std::string_view line) {
    if (!is_title_like(line) || cp_count(line) < 4) return false;
    if (contains(line, "印发") || contains(line, "转发") || contains(line, "下发")) return false;
    const std::string_view core = title_core(line);
    return std::any_of(kTitleEnds.begin(), kTitleEnds.end(), [&](auto e) { return core.ends_with(e); });
}

// ---------------------------------------------------------------------------------------------------------
// Text of items.

// The first sentence of a paragraph (up to 。！？ outside brackets), without annotations and end punctuation.
std::string title_of(std::string_view text) {
    const Brackets brackets(text);
    std::size_t end = text.size();
    for (std::size_t i = 0; i < text.size();) {
        const CodePoint cp = decode(text, i);
        if (is_opener(cp.value)) {
            const std::size_t close = brackets.close_of(i);
            if (close != std::string_view::npos) {
                i = close + decode(text, close).length;
                continue;
            }
        }
        if (in(cp.value, kSentenceEnds)) {
            end = i;
            break;
        }
        i += cp.length;
    }
    const std::string_view sentence = text.substr(0, end);
    std::string title;
    std::size_t at = 0;
    for (const FoundAnnotation& f : find_annotations(sentence)) {
        title.append(sentence.substr(at, f.begin - at));
        at = f.end;
    }
    title.append(sentence.substr(std::min(at, sentence.size())));
    return std::string(trim_end_of(title, kTrailingPunct));
}

bool ends_sentence(std::string_view text) {
    const std::string_view t = trim(text);
    if (t.empty()) return true;
    const char32_t last = decode_before(t, t.size()).value;
    return in(last, kSentenceEnds) || in(last, U"；;") || is_closer(last);
}

struct OrdinalSplit {
    std::size_t at = 0;      // where the 一是 label starts
    std::size_t length = 0;  // bytes of the label
    int value = 0;
};

// Inline 一是/二是… starting a sentence or clause after `text`'s first character, numbered from `first` (or
// from 1). Kept only when two or more follow in sequence, or one continues an enumeration (`first` > 1) or is
// followed by 二是 on the next line (`next_starts_second`).
std::vector<OrdinalSplit> ordinal_splits(std::string_view text, int first, bool next_starts_second) {
    std::vector<OrdinalSplit> splits;
    int expected = 0;
    int depth = 0;
    char32_t previous = 0;
    for (std::size_t i = 0; i < text.size();) {
        const CodePoint cp = decode(text, i);
        if (is_opener(cp.value)) ++depth;
        if (is_closer(cp.value) && depth > 0) --depth;
        const bool boundary = i > 0 && depth == 0 && in(previous, U"。！？!?；;：:，,");
        if (boundary && (cn_digit(cp.value) != 0 || cp.value == U'十')) {
            const Number n = chinese_number(text.substr(i));
            const bool fits = expected == 0 ? (n.value == 1 || n.value == first) : n.value == expected;
            if (n.length != 0 && fits && text.substr(i + n.length).starts_with("是")) {
                splits.push_back({i, n.length + std::string_view("是").size(), n.value});
                expected = n.value + 1;
                i += n.length;
                previous = U'是';
                continue;
            }
        }
        if (!is_space(cp.value)) previous = cp.value;
        i += cp.length;
    }
    const bool keep = splits.size() >= 2 || (splits.size() == 1 && (splits[0].value > 1 || next_starts_second));
    if (!keep) splits.clear();
    return splits;
}

int rank(LabelKind kind) { return static_cast<int>(kind); }

// ---------------------------------------------------------------------------------------------------------
// The tree builder.

struct Segment {
    std::string text;
    bool from_text_line = false;  // a whole body line (not the rest of a label line, not an inline piece)
};

struct Node {
    PlanItem item;
    LabelKind kind = LabelKind::Chinese;
    int parent = -1;
    int last_ordinal = 0;  // value of the last 一是-style child
    bool has_children = false;
    std::vector<Segment> segments;
    Annotation responsibility;  // every annotation attributed to the item, in written order
    std::size_t skip_segment = std::string::npos;  // a segment whose final annotation is handled as a block
    std::size_t skip_from = 0;                     // where that annotation starts
};

void append(Annotation& into, const Annotation& from) {
    into.units.insert(into.units.end(), from.units.begin(), from.units.end());
    into.marked_leads.insert(into.marked_leads.end(), from.marked_leads.begin(), from.marked_leads.end());
    if (!into.deadline) into.deadline = from.deadline;
}

// A separate annotation line (or the annotation ending a paragraph split by 一是/二是).
struct Block {
    Annotation annotation;
    int after = -1;              // the item whose text it follows
    std::size_t next_item = 0;   // index of the first item that starts after it
};

class TreeBuilder {
public:
    explicit TreeBuilder(const std::vector<std::string_view>& lines) : lines_(lines) {}

    std::vector<PlanItem> build(std::size_t from) {
        count_repeats(from);
        const bool indented = uses_indentation(from);
        bool previous_annotation = false;
        bool in_signature = false;
        std::size_t plain_run = 0;
        bool last_ended_sentence = true;
        for (std::size_t k = from; k < lines_.size(); ++k) {
            const std::string_view line = trim(lines_[k]);
            const int number = static_cast<int>(k) + 1;
            LineKind kind = classify_line(line);
            if (kind == LineKind::Text && is_repeated(line)) kind = LineKind::PageNoise;
            if (kind == LineKind::Blank) {
                last_ended_sentence = true;
                continue;
            }
            if (kind == LineKind::PageNoise) continue;
            if (kind != LineKind::Annotation) previous_annotation = false;
            if (kind == LineKind::EndMarker) {
                if (!nodes_.empty()) break;
                continue;
            }
            if (kind == LineKind::Date) {
                if (!nodes_.empty()) drop_signature(plain_run);
                in_signature = !nodes_.empty();
                plain_run = 0;
                last_ended_sentence = true;
                continue;
            }
            if (kind == LineKind::Annotation) {
                plain_run = 0;
                if (current_ < 0 || in_signature) continue;
                std::string joined(line);
                if (const std::size_t value = value_line(k, line); value != 0) {
                    joined += trim(lines_[value]);
                    k = value;
                }
                if (auto annotation = parse_line_annotation(joined)) add_block(*annotation, previous_annotation);
                previous_annotation = true;
                last_ended_sentence = true;
                continue;
            }
            if (kind == LineKind::Item) {
                const Label label = *match_label(line);
                if (in_signature && restarts_top(label)) break;
                if (label.kind != LabelKind::Ordinal || accepts_line_ordinal(label)) {
                    in_signature = false;
                    plain_run = 0;
                    open(label, number);
                    add_text(line.substr(label.length), number, false, next_starts_second(k));
                    last_ended_sentence = ends_sentence(line);
                    continue;
                }
            }
            if (in_signature || current_ < 0) continue;
            if (last_ended_sentence && nodes_[current_].kind == LabelKind::Ordinal && nodes_[current_].parent >= 0)
                return_to_parent();
            // In a .txt whose paragraphs start indented, an unindented line after an unfinished one is the same
            // paragraph wrapped.
            const bool wrapped = indented && !last_ended_sentence && !is_space(decode(lines_[k], 0).value);
            add_text(line, number, true, next_starts_second(k), wrapped);
            ++plain_run;
            last_ended_sentence = ends_sentence(line);
        }
        return finish();
    }

private:
    const std::vector<std::string_view>& lines_;
    std::vector<Node> nodes_;
    std::vector<int> stack_;
    int current_ = -1;
    int root_last_ordinal_ = 0;
    std::vector<Block> blocks_;
    std::unordered_map<std::string_view, int> repeats_;

    // Whether paragraphs start indented (text extracted from a printed page), at least one line in five.
    bool uses_indentation(std::size_t from) const {
        std::size_t lines = 0;
        std::size_t indented = 0;
        for (std::size_t k = from; k < lines_.size(); ++k) {
            if (trim(lines_[k]).empty()) continue;
            ++lines;
            if (is_space(decode(lines_[k], 0).value)) ++indented;
        }
        return lines > 0 && indented * 5 >= lines;
    }

    void count_repeats(std::size_t from) {
        for (std::size_t k = from; k < lines_.size(); ++k) {
            const std::string_view line = trim(lines_[k]);
            if (!line.empty() && cp_count(line) <= 40) ++repeats_[line];
        }
    }

    bool is_repeated(std::string_view line) const {
        const auto it = repeats_.find(line);
        return it != repeats_.end() && it->second >= 3 && !ends_sentence(line);
    }

    static std::optional<Annotation> parse_line_annotation(std::string_view line) {
        if (const CodePoint first = decode(line, 0); is_opener(first.value)) {
            const std::size_t close = matching_close(line, 0);
            if (close != std::string_view::npos) {
                const std::string_view content = line.substr(first.length, close - first.length);
                if (auto a = parse_annotation(content)) return a;
                return parse_bare_units(content);
            }
        }
        return parse_annotation(line);
    }

    // For "责任单位：" ending its line, the next line when it holds the value (plain text); else 0.
    std::size_t value_line(std::size_t k, std::string_view line) const {
        if (!line.ends_with("：") && !line.ends_with(":")) return 0;
        for (std::size_t j = k + 1; j < lines_.size(); ++j) {
            const std::string_view next = trim(lines_[j]);
            if (next.empty()) continue;
            return classify_line(next) == LineKind::Text && !contains(next, "。") ? j : 0;
        }
        return 0;
    }

    bool restarts_top(const Label& label) const {
        if (label.value != 1) return false;
        for (const Node& n : nodes_)
            if (n.item.level == 0) return n.kind == label.kind;
        return false;
    }

    int ordinal_owner() const {
        if (stack_.empty()) return -1;
        const int top = stack_.back();
        return nodes_[top].kind == LabelKind::Ordinal ? nodes_[top].parent : top;
    }

    // The value of the last 一是-style item directly under `owner` (-1: the top level).
    int last_ordinal(int owner) const { return owner >= 0 ? nodes_[owner].last_ordinal : root_last_ordinal_; }

    bool accepts_line_ordinal(const Label& label) const {
        if (label.value == 1) return true;
        const int owner = ordinal_owner();
        return last_ordinal(owner) + 1 == label.value;
    }

    bool next_starts_second(std::size_t k) const {
        for (std::size_t j = k + 1; j < lines_.size(); ++j) {
            const std::string_view next = trim(lines_[j]);
            if (next.empty()) continue;
            return next.starts_with("二是");
        }
        return false;
    }

    void return_to_parent() {
        stack_.pop_back();
        current_ = stack_.empty() ? -1 : stack_.back();
    }

    void open(const Label& label, int line) {
        const auto same = std::find_if(stack_.begin(), stack_.end(),
                                       [&](int index) { return nodes_[index].kind == label.kind; });
        if (same != stack_.end()) {
            stack_.erase(same, stack_.end());
        } else {
            while (!stack_.empty() && rank(nodes_[stack_.back()].kind) > rank(label.kind)) stack_.pop_back();
        }
        Node node;
        node.kind = label.kind;
        node.parent = stack_.empty() ? -1 : stack_.back();
        if (node.parent >= 0) {
            Node& parent = nodes_[node.parent];
            parent.has_children = true;
            if (label.kind == LabelKind::Ordinal) parent.last_ordinal = label.value;
            node.item.labels = parent.item.labels;
        } else if (label.kind == LabelKind::Ordinal) {
            root_last_ordinal_ = label.value;
        }
        node.item.labels.push_back(label.canonical);
        node.item.level = static_cast<int>(stack_.size());
        node.item.line = line;
        for (const std::string& l : node.item.labels) {
            if (!node.item.number.empty()) node.item.number += "/";
            node.item.number += l;
        }
        nodes_.push_back(std::move(node));
        stack_.push_back(static_cast<int>(nodes_.size()) - 1);
        current_ = stack_.back();
    }

    void add_text(std::string_view text, int line, bool whole_line, bool next_starts_second, bool wrapped = false) {
        text = trim(text);
        const int owner = ordinal_owner();
        const int first = last_ordinal(owner) + 1;
        const std::vector<OrdinalSplit> splits = ordinal_splits(text, first, next_starts_second);
        const std::string_view head = trim(text.substr(0, splits.empty() ? text.size() : splits.front().at));
        std::vector<Segment>& segments = nodes_[current_].segments;
        if (wrapped && !segments.empty()) {
            segments.back().text.append(head);
        } else if (!head.empty() || (splits.empty() && segments.empty())) {
            segments.push_back({std::string(head), whole_line && splits.empty()});
        }
        for (std::size_t s = 0; s < splits.size(); ++s) {
            const OrdinalSplit& split = splits[s];
            Label label;
            label.kind = LabelKind::Ordinal;
            label.value = split.value;
            label.canonical = std::string(text.substr(split.at, split.length));
            open(label, line);
            const std::size_t begin = split.at + split.length;
            const std::size_t end = s + 1 < splits.size() ? splits[s + 1].at : text.size();
            const std::string_view piece = trim_end_of(text.substr(begin, end - begin), U"；;，,");
            nodes_[current_].segments.push_back({std::string(piece), false});
            if (s + 1 == splits.size()) block_for_paragraph_end(current_);
        }
    }

    // The annotation ending a paragraph split by inline 一是/二是 may close the whole enumeration: a block.
    void block_for_paragraph_end(int index) {
        Node& node = nodes_[index];
        const std::string& text = node.segments.back().text;
        const std::vector<FoundAnnotation> found = find_annotations(text);
        if (found.empty() || !trim_end_of(std::string_view(text).substr(found.back().end), kTrailingPunct).empty())
            return;
        node.skip_segment = node.segments.size() - 1;
        node.skip_from = found.back().begin;
        blocks_.push_back({found.back().annotation, index, nodes_.size()});
    }

    void add_block(const Annotation& annotation, bool continues_previous) {
        if (continues_previous && !blocks_.empty() && blocks_.back().next_item == nodes_.size()) {
            append(blocks_.back().annotation, annotation);
            return;
        }
        blocks_.push_back({annotation, current_, nodes_.size()});
    }

    // Removes the organisation lines of a signature ("五团镇人民政府") that precede its date.
    void drop_signature(std::size_t plain_run) {
        if (current_ < 0) return;
        auto& segments = nodes_[current_].segments;
        while (plain_run-- > 0 && !segments.empty() && segments.back().from_text_line) {
            const std::string& text = segments.back().text;
            if (cp_count(text) > 30 || has_inner_punctuation(text)) break;
            segments.pop_back();
        }
    }

    bool inside(std::size_t index, int ancestor) const {
        for (int p = nodes_[index].parent; p >= 0; p = nodes_[p].parent)
            if (p == ancestor) return true;
        return false;
    }

    bool subtree_has_units(int root) const {
        for (std::size_t i = static_cast<std::size_t>(root) + 1; i < nodes_.size() && inside(i, root); ++i)
            if (!nodes_[i].responsibility.units.empty()) return true;
        return false;
    }

    int block_target(const Block& block) const {
        const int after = block.after;
        if (nodes_[after].has_children) return after;
        const int parent = nodes_[after].parent;
        if (parent < 0) return after;
        const bool closes = block.next_item >= nodes_.size() || !inside(block.next_item, parent);
        if (closes && nodes_[parent].responsibility.units.empty() && !subtree_has_units(parent)) return parent;
        return after;
    }

    std::vector<PlanItem> finish() {
        for (Node& node : nodes_) {
            // The whole own text at once, so that an annotation wrapped over two lines is still one.
            std::string& body = node.item.body;
            std::size_t skip_at = std::string::npos;
            for (std::size_t s = 0; s < node.segments.size(); ++s) {
                const std::string& text = node.segments[s].text;
                if (text.empty()) continue;
                if (!body.empty()) body += '\n';
                if (s == node.skip_segment) skip_at = body.size() + node.skip_from;
                body += text;
            }
            for (const FoundAnnotation& f : find_annotations(body)) {
                if (f.begin >= skip_at) break;
                append(node.responsibility, f.annotation);
            }
        }
        for (const Block& block : blocks_) {
            if (block.after < 0) continue;
            append(nodes_[block_target(block)].responsibility, block.annotation);
        }
        std::vector<PlanItem> items;
        items.reserve(nodes_.size());
        for (Node& node : nodes_) {
            PlanItem item = std::move(node.item);
            for (const Segment& segment : node.segments) {
                if (segment.text.empty()) continue;
                item.title = title_of(segment.text);
                break;
            }
            item.units = lead_first(node.responsibility);
            if (!item.units.empty()) item.lead = item.units.front();
            item.deadline = node.responsibility.deadline;
            if (!item.deadline) item.deadline = find_deadline(without_line_breaks(item.body));
            items.push_back(std::move(item));
        }
        return items;
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// Public building blocks.

std::optional<Label> match_label(std::string_view line) {
    if (line.empty()) return std::nullopt;
    const CodePoint first = decode(line, 0);
    if (first.value == U'（' || first.value == U'(') {
        std::size_t i = first.length;
        Label label;
        Number n = chinese_number(line.substr(i));
        if (n.length != 0) {
            label.kind = LabelKind::ParenChinese;
            label.canonical = "（" + std::string(line.substr(i, n.length)) + "）";
        } else {
            n = arabic_number(line.substr(i), 3);
            if (n.length == 0 || n.value == 0) return std::nullopt;
            label.kind = LabelKind::ParenArabic;
            label.canonical = "（" + std::to_string(n.value) + "）";
        }
        i += n.length;
        if (i >= line.size() || (decode(line, i).value != U'）' && decode(line, i).value != U')')) return std::nullopt;
        label.value = n.value;
        label.length = skip_label_tail(line, i + decode(line, i).length);
        return label;
    }
    if (first.value >= 0x2460 && first.value <= 0x2473) {
        return Label{LabelKind::Circled, static_cast<int>(first.value - 0x2460) + 1,
                     std::string(line.substr(0, first.length)), skip_label_tail(line, first.length)};
    }
    if (const Number n = chinese_number(line); n.length != 0) {
        if (n.length >= line.size()) return std::nullopt;
        const CodePoint next = decode(line, n.length);
        const std::string numeral(line.substr(0, n.length));
        if (next.value == U'是')
            return Label{LabelKind::Ordinal, n.value, numeral + "是", n.length + next.length};
        if (!in(next.value, U"、．.")) return std::nullopt;
        const std::size_t length = skip_label_tail(line, n.length);
        const Number following = chinese_number(line.substr(length));
        if (following.length != 0 && following.value == n.value + 1) return std::nullopt;  // 一、二年级…
        return Label{LabelKind::Chinese, n.value, numeral, length};
    }
    if (const Number n = arabic_number(line, 3); n.length != 0 && n.value > 0) {
        if (n.length >= line.size()) return std::nullopt;
        const CodePoint next = decode(line, n.length);
        const std::size_t after = n.length + next.length;
        if (next.value == U'、')
            return Label{LabelKind::Arabic, n.value, std::to_string(n.value), skip_spaces(line, after)};
        if (next.value == U'．' || next.value == U'.') {
            if (after < line.size() && is_digit(decode(line, after).value)) return std::nullopt;  // 1.5万元
            return Label{LabelKind::Arabic, n.value, std::to_string(n.value), skip_spaces(line, after)};
        }
        if (next.value == U'）' || next.value == U')')
            return Label{LabelKind::ParenArabic, n.value, "（" + std::to_string(n.value) + "）",
                         skip_label_tail(line, after)};
    }
    return std::nullopt;
}

LineKind classify_line(std::string_view raw) {
    const std::string_view line = trim(raw);
    if (line.empty()) return LineKind::Blank;
    if (is_page_noise(line)) return LineKind::PageNoise;
    if (match_label(line)) return LineKind::Item;
    if (auto field = match_field_label(line); field && field->role != Role::Unlabeled) return LineKind::Annotation;
    if (const CodePoint first = decode(line, 0); is_opener(first.value)) {
        const std::size_t close = matching_close(line, 0);
        if (close != std::string_view::npos &&
            trim_end_of(line.substr(close + decode(line, close).length), kTrailingPunct).empty()) {
            const std::string_view content = line.substr(first.length, close - first.length);
            if (parse_annotation(content) || parse_bare_units(content)) return LineKind::Annotation;
        }
    }
    if (is_date_line(line)) return LineKind::Date;
    if (is_end_marker(line)) return LineKind::EndMarker;
    return LineKind::Text;
}

std::optional<Annotation> parse_annotation(std::string_view content) {
    content = trim_end_of(content, kTrailingPunct);
    const std::vector<Field> fields = split_fields(content);
    if (fields.empty()) return std::nullopt;
    const bool labelled =
        std::any_of(fields.begin(), fields.end(), [](const Field& f) { return f.role != Role::Unlabeled; });
    Annotation a;
    UnitStats stats;
    for (const Field& field : fields) {
        switch (field.role) {
            case Role::Leader: break;
            case Role::Deadline:
                if (!a.deadline) a.deadline = deadline_value(field.value);
                break;
            case Role::Unlabeled:
                if (labelled) {
                    Annotation part;
                    UnitStats part_stats;
                    add_units(part, field.value, field.role, part_stats);
                    if (!part_stats.verb) break;
                }
                [[fallthrough]];
            case Role::Lead:
            case Role::Support:
            case Role::General: add_units(a, field.value, field.role, stats); break;
        }
    }
    if (labelled) return a;
    if (!stats.verb || stats.too_long || stats.unit_like * 2 < stats.units || contains(content, "。"))
        return std::nullopt;
    return a;
}

std::vector<FoundAnnotation> find_annotations(std::string_view paragraph) {
    const Brackets brackets(paragraph);
    std::vector<FoundAnnotation> found;
    bool sentence_start = true;  // after 。；！？ — where a bare unit list may stand
    bool clause_start = true;    // after those, a comma or a line break — where a field label may start
    for (std::size_t i = 0; i < paragraph.size();) {
        const CodePoint cp = decode(paragraph, i);
        if (is_opener(cp.value)) {
            const std::size_t close = brackets.close_of(i);
            if (close != std::string_view::npos) {
                const std::size_t end = close + decode(paragraph, close).length;
                const std::string_view content = paragraph.substr(i + cp.length, close - i - cp.length);
                const std::string_view line_rest = paragraph.substr(end, paragraph.find('\n', end) - end);
                std::optional<Annotation> a = parse_annotation(content);
                if (!a && sentence_start && trim_end_of(line_rest, kTrailingPunct).empty())
                    a = parse_bare_units(content);
                if (a) found.push_back({std::move(*a), i, end});
                i = end;
                sentence_start = false;
                clause_start = false;
                continue;
            }
            const std::string_view rest = paragraph.substr(i + cp.length);
            if (match_field_label(trim(rest))) {
                if (auto a = parse_annotation(rest)) found.push_back({std::move(*a), i, paragraph.size()});
                break;
            }
        }
        if (clause_start && !is_space(cp.value)) {
            sentence_start = false;
            clause_start = false;
            if (auto field = match_field_label(paragraph.substr(i)); field && field->role != Role::Unlabeled) {
                std::size_t end = i;
                char32_t last = 0;  // the sentence ends at 。, or at a line break not following a separator
                while (end < paragraph.size()) {
                    const char32_t c = decode(paragraph, end).value;
                    if (c == U'。' || (c == U'\n' && !in(last, kUnitSeparators) && !in(last, U"：:"))) break;
                    if (!is_space(c)) last = c;
                    end += decode(paragraph, end).length;
                }
                if (auto a = parse_annotation(paragraph.substr(i, end - i))) found.push_back({std::move(*a), i, end});
                i = end;
                continue;
            }
        }
        if (in(cp.value, kSentenceEnds) || in(cp.value, U"；;")) sentence_start = true;
        if (sentence_start || in(cp.value, U"，,\n")) clause_start = true;
        i += cp.length;
    }
    return found;
}

std::vector<std::string> lead_first(const Annotation& annotation) {
    std::vector<std::string> units;
    if (annotation.units.empty()) return units;
    units.push_back(annotation.marked_leads.empty() ? annotation.units.front() : annotation.marked_leads.front());
    for (const std::string& unit : annotation.units)
        if (std::find(units.begin(), units.end(), unit) == units.end()) units.push_back(unit);
    return units;
}

std::optional<std::string> find_deadline(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const CodePoint cp = decode(text, i);
        const char32_t previous = decode_before(text, i).value;
        const bool starts_number = !is_digit(previous) && !is_cn_numeral(previous);
        if (text.substr(i).starts_with("长期坚持")) return "长期坚持";
        if (starts_number && !disqualified_before(text, i)) {
            if (const auto end = date_deadline_at(text, i)) return std::string(text.substr(i, *end - i));
            if (const auto end = span_deadline_at(text, i)) {
                const std::size_t begin = span_start(text, i);
                return std::string(text.substr(begin, *end - begin));
            }
        }
        i += cp.length;
    }
    return std::nullopt;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

PlanStart find_plan_start(const std::vector<std::string_view>& lines) {
    const std::size_t n = lines.size();
    auto line = [&](std::size_t k) { return trim(lines[k]); };
    auto next_content = [&](std::size_t k) -> std::string_view {
        for (std::size_t j = k + 1; j < n; ++j)
            if (!line(j).empty()) return line(j);
        return {};
    };
    auto candidate = [&](std::size_t k) {
        if (!is_plan_title(line(k))) return false;
        const std::string_view next = next_content(k);
        return !(next.starts_with("的通知") || next.starts_with("》的通知") || next == "通知");
    };
    auto start_at = [&](std::size_t k) {
        // A title wrapped over two lines ("…农村公路" / "养护工程实施方案").
        if (k > 0 && cp_count(line(k)) < 10 && !line(k - 1).empty() && is_title_like(line(k - 1)) &&
            !is_notice_heading(line(k - 1)) && !contains(line(k - 1), "印发"))
            return PlanStart{std::string(line(k - 1)) + std::string(line(k)), k - 1, 2};
        return PlanStart{std::string(line(k)), k, 1};
    };
    std::size_t first_label = n;
    std::size_t notice = n;
    std::size_t first_candidate = n;
    for (std::size_t k = 0; k < n; ++k) {
        const std::string_view l = line(k);
        if (l.empty()) continue;
        if (first_label == n && match_label(l) && !is_page_noise(l)) first_label = k;
        if (notice == n && first_label == n && is_notice_heading(l)) notice = k;
        if (first_candidate == n && candidate(k)) first_candidate = k;
    }
    if (notice < n && notice < first_candidate) {
        for (std::size_t k = notice + 1; k < n; ++k)
            if (candidate(k)) return start_at(k);
        // No plan-like title: the first heading after the notice's date that is followed by body text.
        for (std::size_t k = notice + 1; k < n; ++k) {
            if (!is_date_line(line(k))) continue;
            for (std::size_t j = k + 1; j < n; ++j) {
                const std::string_view l = line(j);
                if (l.empty() || !is_title_like(l)) continue;
                const std::string_view next = next_content(j);
                if (!next.empty() && (match_label(next) || ends_sentence(next))) return PlanStart{std::string(l), j, 1};
            }
            break;
        }
        return PlanStart{std::string(line(notice)), notice, 1};
    }
    if (first_candidate < first_label) return start_at(first_candidate);
    for (std::size_t k = 0; k < first_label; ++k)
        if (!line(k).empty() && is_title_like(line(k)) && !is_notice_heading(line(k)))
            return PlanStart{std::string(line(k)), k, 1};
    return PlanStart{};
}

// ---------------------------------------------------------------------------------------------------------
// The whole parse.

ParsedPlan parse_plan(std::string_view text) {
    const std::vector<std::string_view> lines = split_lines(text);
    const PlanStart start = find_plan_start(lines);
    ParsedPlan plan;
    plan.title = start.title;
    TreeBuilder builder(lines);
    plan.items = builder.build(start.line + start.title_lines);
    return plan;
}

std::string to_json(const ParsedPlan& plan) {
    nlohmann::ordered_json out;
    out["title"] = plan.title;
    out["items"] = nlohmann::ordered_json::array();
    for (const PlanItem& item : plan.items) {
        nlohmann::ordered_json j;
        j["number"] = item.number;
        j["title"] = item.title;
        j["units"] = item.units;
        j["lead"] = item.lead ? nlohmann::ordered_json(*item.lead) : nlohmann::ordered_json(nullptr);
        j["deadline"] = item.deadline ? nlohmann::ordered_json(*item.deadline) : nlohmann::ordered_json(nullptr);
        out["items"].push_back(std::move(j));
    }
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace hulei::plan
