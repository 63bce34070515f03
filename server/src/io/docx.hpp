#pragma once
// Plain text of Word documents officials send (plans, notices), for parsing and search.
#include <string>
#include <string_view>

namespace hulei::io {

/// The paragraphs of a .docx (word/document.xml), one line each, in order, including text in tables.
std::string docx_text(std::string_view bytes);

}  // namespace hulei::io
