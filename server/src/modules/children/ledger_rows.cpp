#include "modules/children/ledger_rows.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <map>
#include <set>
#include <utility>

#include "core/error.hpp"
#include "core/id_number.hpp"
#include "core/text.hpp"

namespace hulei::children {
namespace {

struct Category {
    std::string_view code;
    std::string_view label;
};

constexpr std::array<Category, 9> kCategories{{
    {"left_behind", "留守儿童"},
    {"migrant", "流动儿童"},
    {"in_difficulty", "困境儿童"},
    {"de_facto_orphan", "事实无人抚养儿童"},
    {"orphan", "孤儿"},
    {"disabled", "残疾儿童"},
    {"single_parent", "单亲家庭"},
    {"reconstituted", "重组家庭"},
    {"troubled_family", "关系异常家庭"},
}};

/// Short forms villages write in their own sheets.
constexpr std::array<Category, 12> kShortForms{{
    {"left_behind", "留守"},
    {"migrant", "流动"},
    {"in_difficulty", "困境"},
    {"de_facto_orphan", "事实无人抚养"},
    {"de_facto_orphan", "事实孤儿"},
    {"disabled", "残疾"},
    {"single_parent", "单亲"},
    {"single_parent", "单亲家庭儿童"},
    {"reconstituted", "重组"},
    {"reconstituted", "重组家庭儿童"},
    {"troubled_family", "关系异常"},
    {"troubled_family", "关系异常家庭儿童"},
}};

constexpr std::array<std::string_view, 5> kCategorySeparators{"、", ",", "，", ";", "；"};

constexpr std::string_view kName = "姓名";
constexpr std::string_view kSex = "性别";
constexpr std::string_view kIdNumber = "身份证号";
constexpr std::string_view kVillage = "村（社区）";
constexpr std::string_view kCategory = "类别";
constexpr std::string_view kSchool = "学校";
constexpr std::string_view kClass = "班级";
constexpr std::string_view kGuardian = "监护人";
constexpr std::string_view kGuardianSex = "监护人性别";
constexpr std::string_view kGuardianPhone = "监护人电话";
constexpr std::string_view kParentsWorkplace = "父母务工地";

constexpr std::size_t kMaxNameLength = 30;
constexpr std::size_t kMaxTextLength = 100;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

/// A number from a run of ASCII digits; -1 when it is not one.
int to_int(std::string_view s) {
    int value = -1;
    if (!all_digits(s)) return -1;
    std::from_chars(s.data(), s.data() + s.size(), value);
    return value;
}

struct Ymd {
    int year, month, day;
};

std::optional<Ymd> parse_ymd(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const int year = to_int(s.substr(0, 4));
    const int month = to_int(s.substr(5, 2));
    const int day = to_int(s.substr(8, 2));
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    return Ymd{year, month, day};
}

/// 'M', 'F' or 0 for 男/女/M/F (and 男性/女性, lower-case m/f).
char parse_sex(std::string_view s) {
    if (s == "男" || s == "男性" || s == "M" || s == "m") return 'M';
    if (s == "女" || s == "女性" || s == "F" || s == "f") return 'F';
    return 0;
}

std::string row_list(const std::vector<int>& rows) {
    std::string out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) out += "、";
        out += std::to_string(rows[i]);
    }
    return out;
}

/// A free-text cell: nullopt when empty; a reason in `error` when it is too long or holds control characters.
std::optional<std::string> text_cell(std::string_view raw, std::size_t max_length, std::string_view column,
                                     std::string& error) {
    std::string value = core::trim(raw);
    if (value.empty()) return std::nullopt;
    if (!core::valid_utf8(value) || core::has_control_characters(value)) {
        error = std::string(column) + "含有无效字符";
        return std::nullopt;
    }
    if (core::utf8_length(value) > max_length) {
        error = std::string(column) + "不能超过" + std::to_string(max_length) + "个字";
        return std::nullopt;
    }
    return value;
}

/// Today's date, checked: a malformed `today` is a programmer error, not a sheet problem.
void require_today(std::string_view today) {
    if (!parse_ymd(today)) throw core::Error::internal("today 必须是 YYYY-MM-DD 格式");
}

}  // namespace

bool valid_category(std::string_view code) { return !category_label(code).empty(); }

std::string_view category_label(std::string_view code) {
    for (const auto& c : kCategories)
        if (c.code == code) return c.label;
    return {};
}

std::optional<std::string> parse_category(std::string_view text) {
    const std::string t = core::trim(text);
    for (const auto& c : kCategories)
        if (c.code == t || c.label == t) return std::string(c.code);
    for (const auto& c : kShortForms)
        if (c.label == t) return std::string(c.code);
    return std::nullopt;
}

CategoryParse parse_categories(std::string_view cell) {
    CategoryParse result;
    std::vector<std::string> pieces;
    std::string current;
    for (std::size_t i = 0; i < cell.size();) {
        std::size_t separator = 0;
        for (const auto sep : kCategorySeparators)
            if (cell.substr(i, sep.size()) == sep) separator = sep.size();
        if (separator > 0) {
            pieces.push_back(std::move(current));
            current.clear();
            i += separator;
        } else {
            current += cell[i++];
        }
    }
    pieces.push_back(std::move(current));

    std::vector<std::string> unknown;
    for (const auto& piece : pieces) {
        const std::string text = core::trim(piece);
        if (text.empty()) continue;
        if (auto code = parse_category(text)) {
            if (std::find(result.codes.begin(), result.codes.end(), *code) == result.codes.end())
                result.codes.push_back(std::move(*code));
        } else {
            unknown.push_back(text);
        }
    }
    if (!unknown.empty()) {
        std::string names;
        for (std::size_t i = 0; i < unknown.size(); ++i) names += (i > 0 ? "、" : "") + unknown[i];
        result.codes.clear();
        result.error = "未知的类别：" + names;
    } else if (result.codes.empty()) {
        result.error = "请填写类别";
    }
    return result;
}

std::optional<std::string> normalise_phone(std::string_view raw) {
    // Full-width digits, hyphen and plus to ASCII; spaces and parentheses around an area code dropped.
    std::string s;
    for (std::size_t i = 0; i < raw.size();) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c == 0xEF && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xBC) {
            const auto c3 = static_cast<unsigned char>(raw[i + 2]);
            if (c3 >= 0x90 && c3 <= 0x99) s += static_cast<char>('0' + (c3 - 0x90));
            else if (c3 == 0x8D) s += '-';
            else if (c3 == 0x8B) s += '+';
            else if (c3 == 0x88 || c3 == 0x89) {}  // （ ）
            else return std::nullopt;
            i += 3;
        } else if (raw.substr(i, 3) == "\u3000") {
            i += 3;
        } else if (c == ' ' || c == '(' || c == ')') {
            ++i;
        } else {
            s += raw[i++];
        }
    }
    for (const std::string_view prefix : {"+86", "0086"}) {
        if (s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0) {
            s.erase(0, prefix.size());
            if (!s.empty() && s[0] == '-') s.erase(0, 1);
            break;
        }
    }

    // Mobile: 11 digits, 1[3-9]…, possibly written 138-1234-5678.
    std::string digits;
    for (char c : s)
        if (c != '-') digits += c;
    if (!all_digits(digits)) return std::nullopt;
    if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3') return digits;

    // Landline: 0 + area code (010 and 02X take three digits, others four), 7–8 local digits, optional extension.
    if (s.empty() || s[0] != '0') return std::nullopt;
    std::vector<std::string> parts;
    {
        std::string part;
        for (char c : s) {
            if (c == '-') {
                parts.push_back(std::move(part));
                part.clear();
            } else {
                part += c;
            }
        }
        parts.push_back(std::move(part));
    }
    std::string area, local, extension;
    if (parts.size() == 1) {
        const std::size_t area_length = (s.size() > 1 && (s[1] == '1' || s[1] == '2')) ? 3 : 4;
        if (s.size() <= area_length) return std::nullopt;
        area = s.substr(0, area_length);
        local = s.substr(area_length);
    } else if (parts.size() == 2 || parts.size() == 3) {
        area = parts[0];
        local = parts[1];
        if (parts.size() == 3) extension = parts[2];
    } else {
        return std::nullopt;
    }
    if (area.size() < 3 || area.size() > 4 || area[0] != '0' || !all_digits(area)) return std::nullopt;
    if (local.size() < 7 || local.size() > 8 || !all_digits(local) || local[0] == '0') return std::nullopt;
    if (parts.size() == 3 && (extension.empty() || extension.size() > 6 || !all_digits(extension)))
        return std::nullopt;
    std::string out = area + "-" + local;
    if (!extension.empty()) out += "-" + extension;
    return out;
}

int age_on(std::string_view birth_date, std::string_view today) {
    const auto birth = parse_ymd(birth_date);
    const auto now = parse_ymd(today);
    if (!birth || !now) return -1;
    int age = now->year - birth->year;
    if (std::pair(now->month, now->day) < std::pair(birth->month, birth->day)) --age;
    return age < 0 ? -1 : age;
}

ParsedLedger parse_ledger(const io::Sheet& sheet, std::string_view today) {
    require_today(today);
    ParsedLedger result;

    const int c_name = io::column_of(sheet, kName);
    const int c_sex = io::column_of(sheet, kSex);
    const int c_id = io::column_of(sheet, kIdNumber);
    const int c_village = io::column_of(sheet, kVillage);
    const int c_category = io::column_of(sheet, kCategory);
    const std::array<std::pair<int, std::string_view>, 5> required{
        {{c_name, kName}, {c_sex, kSex}, {c_id, kIdNumber}, {c_village, kVillage}, {c_category, kCategory}}};
    for (const auto& [column, header] : required)
        if (column < 0) result.rejected.push_back({1, "缺少必填列：" + std::string(header), std::string(header)});
    if (!result.rejected.empty()) return result;

    const int c_school = io::column_of(sheet, kSchool);
    const int c_class = io::column_of(sheet, kClass);
    const int c_guardian = io::column_of(sheet, kGuardian);
    const int c_guardian_sex = io::column_of(sheet, kGuardianSex);
    const int c_guardian_phone = io::column_of(sheet, kGuardianPhone);
    const int c_workplace = io::column_of(sheet, kParentsWorkplace);

    struct Candidate {
        LedgerRow row;
        bool has_id = false;
        bool has_name = false;
        std::vector<RowProblem> problems;
    };
    std::vector<Candidate> candidates;
    candidates.reserve(sheet.rows.size());

    for (std::size_t i = 0; i < sheet.rows.size(); ++i) {
        const auto& cells = sheet.rows[i];
        Candidate cand;
        LedgerRow& r = cand.row;
        r.row = i < sheet.source_rows.size() ? static_cast<int>(sheet.source_rows[i]) : static_cast<int>(i) + 2;
        const auto cell = [&](int column) -> std::string {
            if (column < 0 || static_cast<std::size_t>(column) >= cells.size()) return {};
            return core::trim(cells[static_cast<std::size_t>(column)]);
        };
        const auto problem = [&](std::string reason, std::string_view column) {
            cand.problems.push_back({r.row, std::move(reason), std::string(column)});
        };

        // 姓名
        r.name = cell(c_name);
        if (r.name.empty()) {
            problem("请填写姓名", kName);
        } else if (!core::valid_utf8(r.name) || core::has_control_characters(r.name)) {
            problem("姓名含有无效字符", kName);
        } else if (core::utf8_length(r.name) > kMaxNameLength) {
            problem("姓名不能超过" + std::to_string(kMaxNameLength) + "个字", kName);
        } else if (all_digits(core::without_spaces(r.name))) {
            problem("姓名不能全为数字", kName);
        } else {
            cand.has_name = true;
        }

        // 身份证号 (and the birth date it carries)
        core::IdNumberError id_error;
        const auto id = core::parse_id_number(cell(c_id), &id_error, today);
        if (!id) {
            problem(id_error.message, kIdNumber);
        } else {
            cand.has_id = true;
            r.id_number = id->value;
            r.birth_date = id->birth_date;
            if (age_on(r.birth_date, today) >= kAdultAge) problem("已满18周岁，不属于未成年人台账", kIdNumber);
        }

        // 性别, which must agree with the ID number
        const std::string sex_text = cell(c_sex);
        r.sex = parse_sex(sex_text);
        if (sex_text.empty()) {
            problem("请填写性别", kSex);
        } else if (r.sex == 0) {
            problem("性别应为“男”或“女”", kSex);
        } else if (id && id->sex != r.sex) {
            problem("性别与身份证号不符", kSex);
        }

        // 村（社区）: resolving it to a unit is the caller's job.
        {
            std::string error;
            auto village = text_cell(cell(c_village), kMaxTextLength, kVillage, error);
            if (!error.empty()) problem(error, kVillage);
            else if (!village) problem("请填写村（社区）", kVillage);
            else r.village = std::move(*village);
        }

        // 类别
        {
            auto categories = parse_categories(cell(c_category));
            if (!categories.error.empty()) problem(categories.error, kCategory);
            r.categories = std::move(categories.codes);
        }

        // Optional columns.
        const auto optional_text = [&](int column, std::string_view header, std::size_t max_length) {
            std::string error;
            auto value = text_cell(cell(column), max_length, header, error);
            if (!error.empty()) problem(error, header);
            return value;
        };
        r.school = optional_text(c_school, kSchool, kMaxTextLength);
        r.class_name = optional_text(c_class, kClass, kMaxNameLength);
        r.guardian = optional_text(c_guardian, kGuardian, kMaxNameLength);
        r.parents_workplace = optional_text(c_workplace, kParentsWorkplace, kMaxTextLength);
        if (const std::string text = cell(c_guardian_sex); !text.empty()) {
            const char sex = parse_sex(text);
            if (sex == 0) problem("监护人性别应为“男”或“女”", kGuardianSex);
            else r.guardian_sex = std::string(1, sex);
        }
        if (const std::string text = cell(c_guardian_phone); !text.empty()) {
            r.guardian_phone = normalise_phone(text);
            if (!r.guardian_phone) problem("监护人电话应为11位手机号或带区号的固定电话", kGuardianPhone);
        }

        candidates.push_back(std::move(cand));
    }

    // The same ID number on several rows: every one of them is rejected, naming the others.
    std::map<std::string, std::vector<std::size_t>> by_id;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (candidates[i].has_id) by_id[candidates[i].row.id_number].push_back(i);
    for (const auto& [number, indices] : by_id) {
        if (indices.size() < 2) continue;
        for (const std::size_t i : indices) {
            std::vector<int> others;
            for (const std::size_t j : indices)
                if (j != i) others.push_back(candidates[j].row.row);
            candidates[i].problems.push_back(
                {candidates[i].row.row, "身份证号与第" + row_list(others) + "行重复", std::string(kIdNumber)});
        }
    }

    // The same name and birth date under different ID numbers: a warning, not a rejection (it may be a
    // mistyped ID number, or two children).
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_name_birth;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (candidates[i].has_id && candidates[i].has_name)
            by_name_birth[{core::without_spaces(candidates[i].row.name), candidates[i].row.birth_date}].push_back(i);
    for (const auto& [key, indices] : by_name_birth) {
        if (indices.size() < 2) continue;
        for (const std::size_t i : indices) {
            std::vector<int> others;
            for (const std::size_t j : indices)
                if (candidates[j].row.id_number != candidates[i].row.id_number) others.push_back(candidates[j].row.row);
            if (others.empty()) continue;
            result.warnings.push_back({candidates[i].row.row,
                                       "可能与第" + row_list(others) + "行是同一儿童（姓名和出生日期相同，身份证号不同）",
                                       std::string(kName)});
        }
    }

    for (auto& cand : candidates) {
        if (cand.problems.empty()) {
            result.rows.push_back(std::move(cand.row));
        } else {
            for (auto& p : cand.problems) result.rejected.push_back(std::move(p));
        }
    }
    return result;
}

std::vector<DuplicateGroup> find_duplicates(const std::vector<KnownChild>& children) {
    std::vector<DuplicateGroup> groups;
    const auto make_group = [&](std::string kind, const std::vector<const KnownChild*>& members) {
        DuplicateGroup g;
        g.kind = std::move(kind);
        std::set<std::string> villages;
        for (const auto* c : members) {
            g.child_ids.push_back(c->id);
            villages.insert(c->village);
        }
        std::sort(g.child_ids.begin(), g.child_ids.end());
        g.villages.assign(villages.begin(), villages.end());
        std::string where;
        for (std::size_t i = 0; i < g.villages.size(); ++i) where += (i > 0 ? "、" : "") + g.villages[i];
        const std::string count = std::to_string(members.size());
        if (g.kind == "same_id") {
            g.message = g.villages.size() > 1 ? "同一身份证号在" + where + "重复登记" + count + "次"
                                              : where + "内同一身份证号重复登记" + count + "次";
        } else {
            g.message = members.front()->name + "（" + members.front()->birth_date + "出生）在" + where +
                        "登记" + count + "次，身份证号不同，可能是同一儿童";
        }
        groups.push_back(std::move(g));
    };

    std::map<std::string, std::vector<const KnownChild*>> by_index;
    for (const auto& c : children)
        if (!c.id_index.empty()) by_index[c.id_index].push_back(&c);
    for (const auto& [index, members] : by_index)
        if (members.size() > 1) make_group("same_id", members);

    std::map<std::pair<std::string, std::string>, std::vector<const KnownChild*>> by_name_birth;
    for (const auto& c : children) {
        const std::string key = core::without_spaces(c.name);
        if (!key.empty() && !c.birth_date.empty()) by_name_birth[{key, c.birth_date}].push_back(&c);
    }
    for (const auto& [key, members] : by_name_birth) {
        if (members.size() < 2) continue;
        // Already one ID group when every member carries the same known index.
        std::set<std::string> indices;
        bool unknown = false;
        for (const auto* c : members) {
            if (c->id_index.empty()) unknown = true;
            else indices.insert(c->id_index);
        }
        if (!unknown && indices.size() == 1) continue;
        make_group("name_birth", members);
    }

    std::stable_sort(groups.begin(), groups.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
        if (a.kind != b.kind) return a.kind == "same_id";
        return a.child_ids.front() < b.child_ids.front();
    });
    return groups;
}

std::vector<QualityItem> quality_items(const std::vector<ChildFacts>& children, std::string_view today,
                                       const QualityRules& rules) {
    require_today(today);
    std::vector<QualityItem> items;
    for (const auto& c : children) {
        if (!c.active) continue;
        const auto item = [&](std::string code, std::string message) {
            items.push_back({c.id, c.name, c.village, std::move(code), std::move(message)});
        };
        const int age = age_on(c.birth_date, today);
        if (age >= kAdultAge) {
            item("adult_active", "已满18周岁仍在台账中，应归档");
            continue;
        }
        if (!c.has_guardian_contact) item("missing_guardian_contact", "缺少监护人联系电话");
        if (!c.has_school && age >= rules.school_age_from && age <= rules.school_age_to)
            item("missing_school", "学龄儿童缺少就读学校");
    }
    return items;
}

}  // namespace hulei::children
