#include "modules/registry/registry_rules.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "core/id_number.hpp"
#include "core/text.hpp"
#include "modules/plan/plan_rules.hpp"

namespace hulei::registry {
namespace {

constexpr std::string_view kName = "姓名";
constexpr std::string_view kSex = "性别";
constexpr std::string_view kIdNumber = "身份证号";
constexpr std::string_view kBirthDate = "出生日期";
constexpr std::string_view kRecordType = "记录类型";
constexpr std::string_view kDecisionDate = "决定日期";
constexpr std::string_view kAuthority = "决定机关";
constexpr std::string_view kMinor = "犯罪时未成年";

/// Full-width punctuation written in record type names, folded to the form of the list (、 stays).
std::string fold_punctuation(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s.substr(i, 3) == "\xEF\xBC\x8C") {  // ， → 、 (强制猥亵，侮辱罪)
            out += "、";
            i += 3;
        } else if (s[i] == ',') {
            out += "、";
            ++i;
        } else if (s[i] == ' ' || s.substr(i, 3) == "\u3000") {
            i += s[i] == ' ' ? 1 : 3;
        } else {
            out += s[i++];
        }
    }
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Splits `s` at any of the separators into at most three runs of digits; nullopt when anything else is there.
std::optional<std::tuple<std::string, std::string, std::string>> three_numbers(std::string_view s,
                                                                               std::vector<std::string_view> seps,
                                                                               std::string_view tail) {
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < s.size();) {
        bool sep = false;
        for (auto x : seps)
            if (s.substr(i, x.size()) == x) {
                parts.emplace_back();
                i += x.size();
                sep = true;
                break;
            }
        if (sep) continue;
        if (!tail.empty() && s.substr(i) == tail) break;
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        parts.back() += s[i++];
    }
    if (!tail.empty() && (s.size() < tail.size() || s.substr(s.size() - tail.size()) != tail)) return std::nullopt;
    if (parts.size() != 3) return std::nullopt;
    for (const auto& p : parts)
        if (p.empty() || p.size() > 4) return std::nullopt;
    return std::tuple{parts[0], parts[1], parts[2]};
}

std::optional<std::string> ymd(const std::string& y, const std::string& m, const std::string& d) {
    if (y.size() != 4 || m.size() > 2 || d.size() > 2) return std::nullopt;
    const std::string text = y + "-" + (m.size() == 1 ? "0" : "") + m + "-" + (d.size() == 1 ? "0" : "") + d;
    if (!plan::parse_date(text)) return std::nullopt;
    return text;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "；") + p;
    return out;
}

}  // namespace

const std::vector<RecordType>& record_types() {
    static const std::vector<RecordType> all = {
        {"rape", "强奸罪", false},
        {"forcible_indecency", "强制猥亵、侮辱罪", false},
        {"child_molestation", "猥亵儿童罪", false},
        {"organising_prostitution", "组织卖淫罪", false},
        {"forcing_prostitution", "强迫卖淫罪", false},
        {"procuring_prostitution", "引诱、容留、介绍卖淫罪", false},
        {"luring_girls_prostitution", "引诱幼女卖淫罪", false},
        {"custodial_sexual_assault", "负有照护职责人员性侵罪", false},
        {"relative_non_prosecution", "相对不起诉", false},
        {"indecency_penalty", "猥亵行政处罚", false},
        {"abuse", "虐待", true},
        {"trafficking", "拐卖", true},
        {"violent_injury", "暴力伤害", true},
    };
    return all;
}

std::string_view record_type_label(std::string_view code) {
    for (const auto& t : record_types())
        if (t.code == code) return t.label;
    return {};
}

RecordTypeParse parse_record_type(std::string_view text, bool optional_enabled) {
    const std::string t = core::trim(text);
    if (t.empty()) return {"", "缺少记录类型"};
    const std::string folded = fold_punctuation(t);
    for (const auto& type : record_types()) {
        if (type.code != t && type.label != folded) continue;
        if (type.optional && !optional_enabled)
            return {"", "记录类型“" + std::string(type.label) + "”未启用（须先由管理员开启可选记录类型）"};
        return {std::string(type.code), ""};
    }
    return {"", "未知的记录类型：" + t};
}

bool valid_control_status(std::string_view status) {
    return !control_status_label(status).empty();
}

std::string_view control_status_label(std::string_view status) {
    if (status == "none") return "未列管";
    if (status == "under_control") return "列管中";
    if (status == "ended") return "已解除列管";
    return {};
}

std::optional<std::string> parse_sheet_date(std::string_view text) {
    const std::string t = core::trim(text);
    if (t.size() == 8 && all_digits(t)) return ymd(t.substr(0, 4), t.substr(4, 2), t.substr(6, 2));
    if (auto p = three_numbers(t, {"-"}, "")) return ymd(std::get<0>(*p), std::get<1>(*p), std::get<2>(*p));
    if (auto p = three_numbers(t, {"/"}, "")) return ymd(std::get<0>(*p), std::get<1>(*p), std::get<2>(*p));
    if (auto p = three_numbers(t, {"."}, "")) return ymd(std::get<0>(*p), std::get<1>(*p), std::get<2>(*p));
    if (auto p = three_numbers(t, {"年", "月"}, "日")) return ymd(std::get<0>(*p), std::get<1>(*p), std::get<2>(*p));
    return std::nullopt;
}

char parse_sex(std::string_view text) {
    const std::string s = core::trim(text);
    if (s == "男" || s == "男性" || s == "M" || s == "m") return 'M';
    if (s == "女" || s == "女性" || s == "F" || s == "f") return 'F';
    return 0;
}

std::optional<bool> parse_yes_no(std::string_view text) {
    std::string s = core::trim(text);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (s == "是" || s == "1" || s == "y" || s == "yes" || s == "true") return true;
    if (s == "否" || s == "0" || s == "n" || s == "no" || s == "false") return false;
    return std::nullopt;
}

std::string mask_name(std::string_view name) {
    if (name.empty()) return "*";
    const auto lead = static_cast<unsigned char>(name[0]);
    const std::size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::size_t length = core::valid_utf8(name) ? core::utf8_length(name) : name.size();
    return std::string(name.substr(0, std::min(first, name.size()))) +
           std::string(std::max<std::size_t>(length, 2) - 1, '*');
}

IdentityCheck check_identity(std::string_view id_number, std::string_view sex, std::string_view birth_date,
                             std::string_view today) {
    IdentityCheck out;
    core::IdNumberError err;
    const auto id = core::parse_id_number(id_number, &err, today);
    if (!id) {
        out.code = "invalid_id_number";
        out.error = err.message.empty() ? std::string("身份证号无效") : err.message;
        out.field = "id_number";
        return out;
    }
    if (!core::trim(sex).empty()) {
        const char s = parse_sex(sex);
        if (!s) {
            out.code = "invalid_sex";
            out.error = "性别应为 男 或 女";
            out.field = "sex";
            return out;
        }
        if (s != id->sex) {
            out.code = "sex_mismatch";
            out.error = std::string("性别与身份证号不符（身份证号显示为") + (id->sex == 'M' ? "男" : "女") + "）";
            out.field = "sex";
            return out;
        }
    }
    if (!core::trim(birth_date).empty()) {
        const auto date = parse_sheet_date(birth_date);
        if (!date) {
            out.code = "invalid_birth_date";
            out.error = "出生日期格式不正确（应为 YYYY-MM-DD）";
            out.field = "birth_date";
            return out;
        }
        if (*date != id->birth_date) {
            out.code = "birth_date_mismatch";
            out.error = "出生日期与身份证号不符（身份证号显示为" + id->birth_date + "）";
            out.field = "birth_date";
            return out;
        }
    }
    out.identity = Identity{id->value, id->birth_date, id->sex};
    return out;
}

ParsedRegistry parse_registry_sheet(const io::Sheet& sheet, std::string_view today, bool optional_types_enabled) {
    ParsedRegistry out;
    const std::vector<std::string_view> headers = {kName,       kSex,          kIdNumber,  kBirthDate,
                                                   kRecordType, kDecisionDate, kAuthority, kMinor};
    std::vector<int> col;
    std::vector<std::string> missing;
    for (auto h : headers) {
        int c = io::column_of(sheet, h);
        // The 是/否 column is often headed with its answers: 犯罪时未成年（是/否）.
        if (c < 0 && h == kMinor)
            for (auto alt : {"犯罪时未成年（是/否）", "犯罪时未成年（是／否）", "犯罪时是否未成年"})
                if (c < 0) c = io::column_of(sheet, alt);
        col.push_back(c);
        if (c < 0) missing.emplace_back(h);
    }
    if (!missing.empty()) {
        std::string names;
        for (const auto& m : missing) names += (names.empty() ? "" : "、") + m;
        out.rejected.push_back({1, "缺少表头：" + names});
        return out;
    }
    // Rows by (ID number, type, decision date), to reject repeats within the sheet.
    std::map<std::string, std::vector<std::size_t>> seen;
    std::map<int, std::vector<std::string>> reasons;
    std::vector<std::pair<int, RegistryRow>> good;
    for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
        const auto& cells = sheet.rows[i];
        const int rowno = static_cast<int>(i < sheet.source_rows.size() ? sheet.source_rows[i] : i + 2);
        auto cell = [&](std::size_t k) {
            const int c = col[k];
            return c >= 0 && c < static_cast<int>(cells.size()) ? core::trim(cells[c]) : std::string();
        };
        std::vector<std::string> why;
        RegistryRow r;
        r.row = rowno;
        r.name = cell(0);
        if (r.name.empty())
            why.push_back("缺少姓名");
        else if (!core::valid_utf8(r.name) || core::has_control_characters(r.name))
            why.push_back("姓名含有无效字符");
        else if (core::utf8_length(r.name) > kMaxName)
            why.push_back("姓名不能超过" + std::to_string(kMaxName) + "个字");
        const std::string sex = cell(1), id = cell(2), birth = cell(3);
        if (id.empty()) {
            why.push_back("缺少身份证号");
        } else {
            if (sex.empty()) why.push_back("缺少性别");
            if (birth.empty()) why.push_back("缺少出生日期");
            const auto check = check_identity(id, sex, birth, today);
            if (check.identity)
                r.identity = *check.identity;
            else
                why.push_back(check.error);
        }
        const auto type = parse_record_type(cell(4), optional_types_enabled);
        if (type.code.empty())
            why.push_back(type.error);
        else
            r.record_type = type.code;
        const std::string decision = cell(5);
        if (decision.empty()) {
            why.push_back("缺少决定日期");
        } else if (auto d = parse_sheet_date(decision)) {
            r.decision_date = *d;
            if (*d > std::string(today))
                why.push_back("决定日期不能晚于今天");
            else if (!r.identity.birth_date.empty() && *d < r.identity.birth_date)
                why.push_back("决定日期早于出生日期");
        } else {
            why.push_back("决定日期格式不正确（应为 YYYY-MM-DD）");
        }
        r.decision_authority = cell(6);
        if (r.decision_authority.empty())
            why.push_back("缺少决定机关");
        else if (!core::valid_utf8(r.decision_authority) || core::has_control_characters(r.decision_authority))
            why.push_back("决定机关含有无效字符");
        else if (core::utf8_length(r.decision_authority) > kMaxAuthority)
            why.push_back("决定机关不能超过" + std::to_string(kMaxAuthority) + "个字");
        const auto minor = parse_yes_no(cell(7));
        if (!minor)
            why.push_back("犯罪时未成年应填 是 或 否");
        else
            r.minor_at_offence = *minor;
        if (!why.empty()) {
            reasons[rowno] = std::move(why);
            continue;
        }
        seen[r.identity.id_number + "|" + r.record_type + "|" + r.decision_date].push_back(good.size());
        good.emplace_back(rowno, std::move(r));
    }
    std::vector<bool> repeated(good.size(), false);
    for (const auto& [key, idx] : seen) {
        if (idx.size() < 2) continue;
        std::string rows;
        for (auto k : idx) rows += (rows.empty() ? "" : "、") + std::to_string(good[k].first);
        for (auto k : idx) {
            repeated[k] = true;
            reasons[good[k].first].push_back("同一身份证号、记录类型和决定日期在表中重复（第" + rows + "行）");
        }
    }
    for (std::size_t k = 0; k < good.size(); ++k)
        if (!repeated[k]) out.rows.push_back(std::move(good[k].second));
    for (auto& [row, why] : reasons) out.rejected.push_back({row, join(why)});
    return out;
}

}  // namespace hulei::registry
