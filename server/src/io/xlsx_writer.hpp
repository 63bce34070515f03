#pragma once
// Spreadsheets the server hands out: every cell written as text, so ID numbers keep all their digits.
#include <string>
#include <string_view>
#include <vector>

namespace hulei::io {

/// One worksheet to write: its tab name (made valid for Excel if needed), header row, data rows (may be
/// ragged), and optional column widths in Excel character units (missing or non-positive → fitted to content).
struct SheetOut {
    std::string name;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    std::vector<double> widths;
};

/// An .xlsx workbook (bold header row, frozen, autofilter) as bytes; `watermark` (e.g. "导出人 张三 2026-11-29 14:00") goes in a last row and the document properties.
std::string write_xlsx(const std::vector<SheetOut>& sheets, std::string_view watermark = "");

}  // namespace hulei::io
