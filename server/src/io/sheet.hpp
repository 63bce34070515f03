#pragma once
// Tables officials upload: the first worksheet of an .xlsx, or a CSV (UTF-8 or GB18030), as trimmed text.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hulei::io {

/// A table read from a file: the first non-empty row is the header, fully empty rows are dropped, every
/// row has exactly headers.size() cells (cells right of the last header are dropped), all text trimmed.
struct Sheet {
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;
    /// For each row, its 1-based row number as Excel shows it (the CSV record number), for error messages.
    std::vector<std::size_t> source_rows;
};

/// Reads an .xlsx (zip content whatever the name, or a .xlsx/.xlsm name) or else a CSV; old .xls files are refused as "unsupported_format".
Sheet read_sheet(std::string_view bytes, std::string_view filename);
/// Reads RFC 4180 CSV in UTF-8 (with or without BOM) or, failing that, GB18030 as Excel in China saves it.
Sheet read_csv(std::string_view bytes);
/// Reads the first visible worksheet of an .xlsx held in memory.
Sheet read_xlsx(std::string_view bytes);
/// Column index of a header, accepting full/half-width parentheses and surrounding spaces (村（社区） == 村(社区)); -1 when absent.
int column_of(const Sheet& sheet, std::string_view header);

}  // namespace hulei::io
