#pragma once
// The text of an uploaded plan document: a .docx's paragraphs or a .txt file (UTF-8, else GB18030).
#include <string>
#include <string_view>

namespace hulei::plan {

/// Whether `bytes` are a .docx (a zip package) by content, or `filename` ends in .docx.
bool is_docx(std::string_view bytes, std::string_view filename);

/// The plan text of a document: io::docx_text for a .docx; for text, UTF-8 as is (BOM kept for the
/// parser), else GB18030 decoded when the bytes are valid GB18030, else the bytes unchanged.
/// Throws core::Error(Validation) "empty_file" when there is no text (control characters only count as
/// none), "bad_file" for a broken .docx.
std::string plan_text_of(std::string_view bytes, std::string_view filename);

/// `text` safe to show and send back: a leading BOM dropped, \r\n and \r as \n, form feeds and vertical
/// tabs as line breaks, other control characters removed, invalid UTF-8 bytes as U+FFFD.
std::string clean_text(std::string_view text);

}  // namespace hulei::plan
