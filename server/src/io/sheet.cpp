#include "io/sheet.hpp"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <utility>

#include "core/error.hpp"
#include "core/text.hpp"
#include "io/ooxml.hpp"

namespace hulei::io {
namespace {

/// A ceiling on rows × columns so that a small file cannot make us allocate gigabytes of empty cells.
constexpr std::size_t kMaxCells = 5'000'000;
/// Excel's widest sheet (column XFD).
constexpr std::size_t kMaxColumns = 16'384;

constexpr std::string_view kBadXlsx = "无法读取该文件：不是有效的 .xlsx 文件";
constexpr std::string_view kNoWorkbook = "无法读取该文件：.xlsx 中没有工作簿";
constexpr std::string_view kNoWorksheet = "无法读取该文件：工作簿中没有工作表";
constexpr std::string_view kBadEncoding = "无法识别文件编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再上传";
constexpr std::string_view kUnsupported = "暂不支持 .xls 等旧版格式或加密的表格，请在 Excel 中另存为 .xlsx（不设密码）后再上传";

/// (column, text) pairs of one source row, as read.
using SparseRow = std::vector<std::pair<std::size_t, std::string>>;

/// Turns source rows into a Sheet: first non-empty row as header, empty rows dropped, rows fitted to the header.
class SheetBuilder {
public:
    void add(std::size_t source_row, SparseRow cells) {
        for (auto& cell : cells) cell.second = core::trim(cell.second);
        if (sheet_.headers.empty()) {
            std::size_t width = 0;
            for (const auto& [column, text] : cells)
                if (!text.empty()) width = std::max(width, column + 1);
            if (width == 0) return;
            if (width > kMaxCells) too_large();
            sheet_.headers.assign(width, {});
            for (auto& [column, text] : cells)
                if (column < width) sheet_.headers[column] = std::move(text);
            return;
        }
        const std::size_t width = sheet_.headers.size();
        bool any = std::any_of(cells.begin(), cells.end(),
                               [&](const auto& cell) { return cell.first < width && !cell.second.empty(); });
        if (!any) return;
        if ((sheet_.rows.size() + 2) * width > kMaxCells) too_large();
        std::vector<std::string> row(width);
        for (auto& [column, text] : cells)
            if (column < width) row[column] = std::move(text);
        sheet_.rows.push_back(std::move(row));
        sheet_.source_rows.push_back(source_row);
    }

    Sheet take() { return std::move(sheet_); }

private:
    [[noreturn]] static void too_large() {
        throw core::Error::too_large("表格过大（超过 500 万个单元格），请拆分后再上传");
    }

    Sheet sheet_;
};

// ---------------------------------------------------------------- CSV

[[noreturn]] void bad_csv(std::string message) {
    throw core::Error::validation("bad_file", std::move(message), "file");
}

/// GB18030 (a superset of GBK and GB2312) to UTF-8; nullopt when the bytes are not GB18030 either.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes) {
    if (bytes.size() >= static_cast<std::size_t>(INT32_MAX / 3)) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open("GB18030", &status), &ucnv_close);
    if (U_FAILURE(status)) throw core::Error::internal();
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    // Every GB18030 byte sequence yields at most as many UTF-16 units as it has bytes.
    std::u16string utf16(bytes.size() + 1, u'\0');
    int32_t units = ucnv_toUChars(converter.get(), utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                                  static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return std::nullopt;
    std::string utf8(static_cast<std::size_t>(units) * 3 + 1, '\0');
    int32_t length = 0;
    u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &length, utf16.data(), units, &status);
    if (U_FAILURE(status)) return std::nullopt;
    utf8.resize(static_cast<std::size_t>(length));
    return utf8;
}

/// The CSV's text as UTF-8: UTF-8 (BOM removed) when it is valid UTF-8, else decoded from GB18030.
std::string decode_csv(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    std::string text;
    if (core::valid_utf8(bytes)) {
        text = bytes;
    } else if (auto decoded = gb18030_to_utf8(bytes)) {
        text = std::move(*decoded);
    } else {
        throw core::Error::validation("bad_encoding", std::string(kBadEncoding), "file");
    }
    // Text files hold no NUL: this is some binary file with a .csv name.
    if (text.find('\0') != std::string::npos) bad_csv("无法读取该文件：不是有效的 CSV 文件");
    return text;
}

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

// ---------------------------------------------------------------- XLSX

/// The first child element of `node` with local name `name` (prefixes vary between producers).
pugi::xml_node child_named(pugi::xml_node node, std::string_view name) {
    for (auto child : node.children())
        if (child.type() == pugi::node_element && ooxml::local_name(child.name()) == name) return child;
    return {};
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Undoes the "_xHHHH_" escapes Excel writes for control characters (and for a literal "_x", as "_x005F_").
std::string unescape_ooxml(std::string_view s) {
    if (s.find("_x") == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned cp = 0;
        if (s.substr(i, 2) == "_x" && i + 7 <= s.size() && s[i + 6] == '_') {
            auto [end, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
            if (ec == std::errc{} && end == s.data() + i + 6 && (cp < 0xD800 || cp > 0xDFFF)) {
                append_utf8(out, cp);
                i += 7;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

/// The text of a shared or inline string: its <t>, or its rich-text runs <r><t>; phonetic runs <rPh> are not text.
std::string string_item_text(pugi::xml_node item) {
    std::string text;
    for (auto child : item.children()) {
        auto name = ooxml::local_name(child.name());
        if (name == "t") {
            text += child.text().get();
        } else if (name == "r") {
            if (auto t = child_named(child, "t")) text += t.text().get();
        }
    }
    return unescape_ooxml(text);
}

/// Built-in number formats that show a date (ECMA-376 §18.8.30 plus the zh-CN ids); time-only ones excluded.
bool is_builtin_date_format(int id) {
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
           id == 57 || id == 58;
}

/// Whether a custom format code shows a date: it has a year or day token, or months without hours or seconds
/// (quoted literals, escapes and [bracketed] parts set aside; only the first section counts).
bool is_date_format_code(std::string_view code) {
    bool month_or_minute = false;
    bool time = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == ';') break;
        if (c == '"') {
            auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
            continue;
        }
        if (c == '[') {
            auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            i = close;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') {
            ++i;
            continue;
        }
        if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') return true;
        if (c == 'm' || c == 'M') month_or_minute = true;
        if (c == 'h' || c == 'H' || c == 's' || c == 'S') time = true;
    }
    return month_or_minute && !time;
}

/// For each cell style index (the `s` attribute), whether its number format shows a date.
std::vector<bool> date_styles(const ooxml::Package& package, const std::string& styles_part) {
    if (styles_part.empty()) return {};
    auto text = package.read(styles_part);
    if (!text) return {};
    pugi::xml_document doc;
    ooxml::parse_xml(package, doc, *text);
    std::map<int, bool> custom;
    for (auto format : child_named(doc.document_element(), "numFmts").children()) {
        if (ooxml::local_name(format.name()) != "numFmt") continue;
        custom[format.attribute("numFmtId").as_int(-1)] = is_date_format_code(format.attribute("formatCode").value());
    }
    std::vector<bool> dates;
    for (auto xf : child_named(doc.document_element(), "cellXfs").children()) {
        if (ooxml::local_name(xf.name()) != "xf") continue;
        int id = xf.attribute("numFmtId").as_int(0);
        auto found = custom.find(id);
        dates.push_back(found != custom.end() ? found->second : is_builtin_date_format(id));
    }
    return dates;
}

std::vector<std::string> shared_strings(const ooxml::Package& package, const std::string& part) {
    if (part.empty()) return {};
    auto text = package.read(part);
    if (!text) return {};
    pugi::xml_document doc;
    ooxml::parse_xml(package, doc, *text);
    std::vector<std::string> strings;
    for (auto item : doc.document_element().children())
        if (ooxml::local_name(item.name()) == "si") strings.push_back(string_item_text(item));
    return strings;
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::string format_civil(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", y, m, d);
    return buffer;
}

/// An Excel date serial as "YYYY-MM-DD" (time of day dropped); nullopt outside 1900-01-01 … 9999-12-31.
std::optional<std::string> excel_date(double serial, bool date1904) {
    if (!(serial >= 0.0) || serial >= 2958466.0) return std::nullopt;
    const long long days = std::llround(serial * 86400.0) / 86400;
    if (date1904) return format_civil(days_from_civil(1904, 1, 1) + days);
    if (days < 1) return std::nullopt;
    // Excel keeps Lotus 1-2-3's 29 February 1900, which never existed: serial 60.
    if (days == 60) return "1900-02-29";
    return format_civil(days_from_civil(1899, 12, 31) + days - (days > 60 ? 1 : 0));
}

bool is_integer_literal(std::string_view s) {
    if (s.starts_with('-')) s.remove_prefix(1);
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A stored number as Excel's General format shows it, except that integers keep every digit.
std::string format_number(std::string_view raw) {
    if (is_integer_literal(raw)) {
        // Written by a program rather than Excel, an 18-digit number may be exact: keep it as stored.
        bool negative = raw.starts_with('-');
        auto digits = raw.substr(negative ? 1 : 0);
        digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size() - 1));
        return (negative && digits != "0" ? "-" : "") + std::string(digits);
    }
    double value = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc{} || end != raw.data() + raw.size() || !std::isfinite(value)) return std::string(raw);
    char buffer[64];
    if (value == std::trunc(value) && std::fabs(value) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%.0f", value == 0 ? 0.0 : value);
        return buffer;
    }
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    std::string text = buffer;
    auto e = text.find('e');
    if (e == std::string::npos) return text;
    int exponent = std::atoi(text.c_str() + e + 1);
    if (exponent < 15 || exponent > 20) return text;
    // An ID number typed as a number: show the integer Excel shows with format "0" (digits past 15 are lost).
    std::string mantissa = text.substr(0, e);
    bool negative = mantissa.starts_with('-');
    if (negative) mantissa.erase(0, 1);
    mantissa.erase(std::remove(mantissa.begin(), mantissa.end(), '.'), mantissa.end());
    auto zeros = static_cast<std::size_t>(exponent) + 1 - mantissa.size();
    return (negative ? "-" : "") + mantissa + std::string(zeros, '0');
}

/// Zero-based column of a cell reference such as "C7"; nullopt when malformed or beyond column XFD.
std::optional<std::size_t> reference_column(std::string_view reference) {
    std::size_t column = 0;
    std::size_t i = 0;
    for (; i < reference.size(); ++i) {
        char c = reference[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        if (column > kMaxColumns) return std::nullopt;
    }
    if (i == 0) return std::nullopt;
    for (; i < reference.size(); ++i)
        if (reference[i] < '0' || reference[i] > '9') return std::nullopt;
    return column - 1;
}

struct WorkbookContext {
    const ooxml::Package& package;
    std::vector<std::string> strings;
    std::vector<bool> date_styles;
    bool date1904 = false;
};

std::string cell_text(pugi::xml_node cell, const WorkbookContext& context) {
    std::string_view type = cell.attribute("t").value();
    std::string_view raw = child_named(cell, "v").text().get();
    if (type == "s") {
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
        if (ec != std::errc{} || end != raw.data() + raw.size() || index >= context.strings.size())
            context.package.fail();
        return context.strings[index];
    }
    if (type == "inlineStr") {
        auto inline_string = child_named(cell, "is");
        return inline_string ? string_item_text(inline_string) : unescape_ooxml(raw);
    }
    if (type == "str" || type == "e") return unescape_ooxml(raw);
    if (type == "b") return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : std::string(raw);
    if (raw.empty()) return {};
    auto style = static_cast<std::size_t>(cell.attribute("s").as_uint(0));
    bool date = style < context.date_styles.size() && context.date_styles[style];
    if (type == "d") return std::string(date ? raw.substr(0, raw.find('T')) : raw);
    if (date) {
        double serial = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), serial);
        if (ec == std::errc{} && end == raw.data() + raw.size()) {
            if (auto text = excel_date(serial, context.date1904)) return *text;
        }
    }
    return format_number(raw);
}

std::string lowercase_extension(std::string_view filename) {
    auto dot = filename.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string extension(filename.substr(dot));
    for (auto& c : extension)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return extension;
}

/// A header as compared by column_of: no white space (ASCII, U+3000), full-width parentheses made half-width.
std::string normalize_header(std::string_view header) {
    std::string out;
    out.reserve(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
        char c = header[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        auto rest = header.substr(i);
        if (rest.starts_with("\xE3\x80\x80")) {
            i += 2;
        } else if (rest.starts_with("\xEF\xBC\x88")) {
            out += '(';
            i += 2;
        } else if (rest.starts_with("\xEF\xBC\x89")) {
            out += ')';
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

Sheet read_sheet(std::string_view bytes, std::string_view filename) {
    const auto extension = lowercase_extension(filename);
    if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) return read_xlsx(bytes);
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") || extension == ".xls" || extension == ".et")
        throw core::Error::validation("unsupported_format", std::string(kUnsupported), "file");
    if (extension == ".xlsx" || extension == ".xlsm") return read_xlsx(bytes);
    return read_csv(bytes);
}

Sheet read_csv(std::string_view bytes) {
    const std::string text = decode_csv(bytes);
    SheetBuilder builder;
    SparseRow record;
    std::string field;
    std::size_t record_number = 0;
    std::size_t i = 0;
    const std::size_t n = text.size();
    for (;;) {
        field.clear();
        if (i < n && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                char c = text[i++];
                if (c != '"') {
                    field += c;
                } else if (i < n && text[i] == '"') {
                    field += '"';
                    ++i;
                } else {
                    closed = true;
                    break;
                }
            }
            if (!closed)
                bad_csv("CSV 文件格式错误：第 " + std::to_string(record_number + 1) + " 行的引号没有闭合");
        }
        // Unquoted text, or whatever stray text follows a closing quote, runs to the next comma or line end.
        while (i < n && text[i] != ',' && !is_line_end(text[i])) field += text[i++];
        record.emplace_back(record.size(), field);
        if (i < n && text[i] == ',') {
            ++i;
            continue;
        }
        builder.add(++record_number, std::move(record));
        record.clear();
        if (i >= n) break;
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
        if (++i >= n) break;
    }
    return builder.take();
}

Sheet read_xlsx(std::string_view bytes) {
    ooxml::Package package(bytes, std::string(kBadXlsx));
    const auto workbook_part = ooxml::main_part(package, "xl/workbook.xml");
    auto workbook_text = package.read(workbook_part);
    if (!workbook_text) package.fail(kNoWorkbook);
    pugi::xml_document workbook;
    ooxml::parse_xml(package, workbook, *workbook_text);
    auto root = workbook.document_element();
    if (ooxml::local_name(root.name()) != "workbook") package.fail(kNoWorkbook);

    WorkbookContext context{package, {}, {}, false};
    context.date1904 = child_named(root, "workbookPr").attribute("date1904").as_bool(false);

    const auto relationships = ooxml::relationships(package, workbook_part);
    std::string shared_strings_part;
    std::string styles_part;
    for (const auto& relationship : relationships) {
        if (ooxml::has_type(relationship, "sharedStrings")) shared_strings_part = relationship.target;
        if (ooxml::has_type(relationship, "styles")) styles_part = relationship.target;
    }
    // The first worksheet the user can see; chartsheets have no cells.
    std::string sheet_part;
    std::string hidden_sheet_part;
    for (auto sheet : child_named(root, "sheets").children()) {
        if (ooxml::local_name(sheet.name()) != "sheet") continue;
        std::string_view id;
        for (auto attribute : sheet.attributes()) {
            std::string_view name = attribute.name();
            if (name.find(':') != std::string_view::npos && ooxml::local_name(attribute.name()) == "id")
                id = attribute.value();
        }
        auto found = std::find_if(relationships.begin(), relationships.end(),
                                  [&](const auto& relationship) { return relationship.id == id; });
        if (found == relationships.end() || !ooxml::has_type(*found, "worksheet")) continue;
        std::string_view state = sheet.attribute("state").value();
        if (state == "hidden" || state == "veryHidden") {
            if (hidden_sheet_part.empty()) hidden_sheet_part = found->target;
            continue;
        }
        sheet_part = found->target;
        break;
    }
    if (sheet_part.empty()) sheet_part = hidden_sheet_part;
    if (sheet_part.empty()) package.fail(kNoWorksheet);

    context.strings = shared_strings(package, shared_strings_part);
    context.date_styles = date_styles(package, styles_part);

    auto sheet_text = package.read(sheet_part);
    if (!sheet_text) package.fail(kNoWorksheet);
    pugi::xml_document sheet;
    ooxml::parse_xml(package, sheet, *sheet_text);
    auto sheet_data = child_named(sheet.document_element(), "sheetData");

    SheetBuilder builder;
    std::size_t row_number = 0;
    for (auto row : sheet_data.children()) {
        if (ooxml::local_name(row.name()) != "row") continue;
        row_number = row.attribute("r").as_ullong(row_number + 1);
        SparseRow cells;
        std::size_t column = 0;
        for (auto cell : row.children()) {
            if (ooxml::local_name(cell.name()) != "c") continue;
            if (auto reference = cell.attribute("r")) {
                auto parsed = reference_column(reference.value());
                if (!parsed) package.fail();
                column = *parsed;
            }
            if (column >= kMaxColumns) package.fail();
            auto text = cell_text(cell, context);
            if (!text.empty()) cells.emplace_back(column, std::move(text));
            ++column;
        }
        builder.add(row_number, std::move(cells));
    }
    return builder.take();
}

int column_of(const Sheet& sheet, std::string_view header) {
    const auto wanted = normalize_header(header);
    for (std::size_t i = 0; i < sheet.headers.size(); ++i)
        if (normalize_header(sheet.headers[i]) == wanted) return static_cast<int>(i);
    return -1;
}

}  // namespace hulei::io
