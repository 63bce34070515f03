#include "io/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace hulei::io {
namespace {

/// Excel's limit on a cell's text, in UTF-16 code units.
constexpr std::size_t kMaxCellUnits = 32'767;
constexpr std::size_t kMaxSheetNameChars = 31;
/// Rows looked at when fitting column widths to their content.
constexpr std::size_t kWidthSampleRows = 1'000;
constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 60;
constexpr lxw_color_t kWatermarkColor = 0x808080;

/// A unique, private (0600) temporary file, removed when this goes out of scope.
class TempFile {
public:
    TempFile() {
        const char* dir = std::getenv("TMPDIR");
        path_ = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/hulei-xlsx-XXXXXX";
        int fd = mkstemp(path_.data());
        if (fd < 0) throw core::Error::internal("导出文件生成失败：无法创建临时文件");
        close(fd);
    }
    ~TempFile() { unlink(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::string& path() const { return path_; }
    std::string directory() const { return path_.substr(0, path_.rfind('/')); }

private:
    std::string path_;
};

/// Byte length of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

/// `s` as valid UTF-8 (bad bytes become U+FFFD) cut to at most `max_units` UTF-16 code units.
std::string clean_text(std::string_view s, std::size_t max_units) {
    std::string out;
    out.reserve(s.size());
    std::size_t units = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t length = std::min(sequence_length(static_cast<unsigned char>(s[i])), s.size() - i);
        auto sequence = s.substr(i, length);
        if (!core::valid_utf8(sequence)) {
            sequence = "\xEF\xBF\xBD";
            length = 1;
        }
        std::size_t needed = sequence.size() == 4 ? 2 : 1;
        if (units + needed > max_units) break;
        units += needed;
        out += sequence;
        i += length;
    }
    return out;
}

/// Width of `s` in Excel character units: CJK and other non-ASCII characters count double; longest line wins.
double display_width(std::string_view s) {
    double widest = 0;
    double line = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto lead = static_cast<unsigned char>(s[i]);
        if (lead == '\n') {
            line = 0;
        } else {
            line += lead < 0x80 ? 1 : 2;
        }
        widest = std::max(widest, line);
        i += sequence_length(lead);
    }
    return widest;
}

/// A tab name Excel accepts: no []:*?/\ , no leading or trailing apostrophe, at most 31 characters, not empty.
std::string sheet_name_base(std::string_view wanted, std::size_t index) {
    std::string name = clean_text(wanted, kMaxCellUnits);
    for (auto& c : name)
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    while (!name.empty() && name.front() == '\'') name.erase(0, 1);
    while (!name.empty() && name.back() == '\'') name.pop_back();
    name = core::trim(name);
    if (name.empty()) name = "Sheet" + std::to_string(index + 1);
    return name;
}

/// The first `chars` code points of valid UTF-8 text.
std::string first_chars(std::string_view s, std::size_t chars) {
    std::size_t i = 0;
    for (std::size_t n = 0; i < s.size() && n < chars; ++n) i += sequence_length(static_cast<unsigned char>(s[i]));
    return std::string(s.substr(0, std::min(i, s.size())));
}

/// A valid tab name not yet used in `workbook`: "名单", then "名单 (2)", "名单 (3)", …
std::string unique_sheet_name(lxw_workbook* workbook, std::string_view wanted, std::size_t index) {
    const std::string base = sheet_name_base(wanted, index);
    for (std::size_t attempt = 1; attempt <= 1'000; ++attempt) {
        std::string suffix = attempt == 1 ? "" : " (" + std::to_string(attempt) + ")";
        std::string name = first_chars(base, kMaxSheetNameChars - suffix.size()) + suffix;
        if (workbook_validate_sheet_name(workbook, name.c_str()) == LXW_NO_ERROR) return name;
    }
    return "Sheet" + std::to_string(index + 1);
}

std::size_t column_count(const SheetOut& sheet) {
    std::size_t columns = sheet.headers.size();
    for (const auto& row : sheet.rows) columns = std::max(columns, row.size());
    return columns;
}

std::vector<double> fitted_widths(const SheetOut& sheet, std::size_t columns) {
    std::vector<double> widths(columns, 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    };
    measure(sheet.headers);
    for (std::size_t r = 0; r < sheet.rows.size() && r < kWidthSampleRows; ++r) measure(sheet.rows[r]);
    for (std::size_t c = 0; c < columns; ++c) {
        if (c < sheet.widths.size() && sheet.widths[c] > 0) {
            widths[c] = sheet.widths[c];
        } else {
            widths[c] = std::clamp(widths[c] + 2, kMinWidth, kMaxWidth);
        }
    }
    return widths;
}

/// Writes one worksheet; returns the first libxlsxwriter error, or LXW_NO_ERROR.
lxw_error write_sheet(lxw_workbook* workbook, const SheetOut& sheet, std::size_t index, lxw_format* bold,
                      lxw_format* note, std::string_view watermark) {
    const std::string name = unique_sheet_name(workbook, sheet.name, index);
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, name.c_str());
    if (worksheet == nullptr) return LXW_ERROR_SHEETNAME_ALREADY_USED;
    lxw_error first_error = LXW_NO_ERROR;
    auto check = [&](lxw_error error) {
        if (first_error == LXW_NO_ERROR) first_error = error;
    };
    auto write_row = [&](lxw_row_t row, const std::vector<std::string>& cells, lxw_format* format) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].empty()) continue;
            check(worksheet_write_string(worksheet, row, static_cast<lxw_col_t>(c),
                                         clean_text(cells[c], kMaxCellUnits).c_str(), format));
        }
    };

    const std::size_t columns = column_count(sheet);
    const auto widths = fitted_widths(sheet, columns);
    for (std::size_t c = 0; c < columns; ++c)
        check(worksheet_set_column(worksheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c],
                                   nullptr));

    write_row(0, sheet.headers, bold);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) write_row(static_cast<lxw_row_t>(r + 1), sheet.rows[r], nullptr);
    if (!sheet.headers.empty()) {
        worksheet_freeze_panes(worksheet, 1, 0);
        check(worksheet_autofilter(worksheet, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                                   static_cast<lxw_col_t>(columns - 1)));
    }
    if (watermark.empty()) return first_error;

    // A blank row keeps the watermark out of the data region Excel sorts and filters.
    const std::string text = clean_text(watermark, kMaxCellUnits);
    check(worksheet_write_string(worksheet, static_cast<lxw_row_t>(sheet.rows.size() + 2), 0, text.c_str(), note));
    // Printed copies carry it too, when it fits in a footer ("&" is a footer control character).
    std::string footer = "&L";
    for (char c : text) footer += c == '&' ? std::string("&&") : std::string(1, c);
    if (footer.size() <= LXW_HEADER_FOOTER_MAX) check(worksheet_set_footer(worksheet, footer.c_str()));
    return first_error;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::Error::internal("导出文件生成失败：无法读取临时文件");
    std::ostringstream content;
    content << in.rdbuf();
    return std::move(content).str();
}

}  // namespace

std::string write_xlsx(const std::vector<SheetOut>& sheets, std::string_view watermark) {
    const std::vector<SheetOut> one_empty_sheet(1);
    const auto& to_write = sheets.empty() ? one_empty_sheet : sheets;
    for (const auto& sheet : to_write) {
        if (sheet.rows.size() + 3 > LXW_ROW_MAX || column_count(sheet) > LXW_COL_MAX)
            throw core::Error::too_large("导出数据超过 Excel 的上限（1048576 行、16384 列），请缩小范围后再导出");
    }

    TempFile file;
    std::string tmpdir = file.directory();
    lxw_workbook_options options{};
    options.tmpdir = tmpdir.data();
    lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
    if (workbook == nullptr) throw core::Error::internal("导出文件生成失败");

    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format* note = workbook_add_format(workbook);
    format_set_italic(note);
    format_set_font_color(note, kWatermarkColor);

    lxw_error error = LXW_NO_ERROR;
    std::string comments = clean_text(watermark, kMaxCellUnits);
    lxw_doc_properties properties{};
    if (!comments.empty()) {
        properties.comments = comments.data();
        error = workbook_set_properties(workbook, &properties);
    }
    for (std::size_t i = 0; i < to_write.size() && error == LXW_NO_ERROR; ++i)
        error = write_sheet(workbook, to_write[i], i, bold, note, watermark);
    // workbook_close writes the file and frees the workbook, whatever happened before.
    lxw_error close_error = workbook_close(workbook);
    if (error != LXW_NO_ERROR || close_error != LXW_NO_ERROR)
        throw core::Error::internal(std::string("导出文件生成失败：") +
                                    lxw_strerror(error != LXW_NO_ERROR ? error : close_error));
    return read_file(file.path());
}

}  // namespace hulei::io
