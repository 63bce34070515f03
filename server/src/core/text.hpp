#pragma once
// Text helpers with no I/O: UTF-8 validation and length, trimming (ASCII and full-width spaces).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hulei::core {

/// Whether `s` is well-formed UTF-8 (rejects overlong forms, surrogates, code points above U+10FFFF).
bool valid_utf8(std::string_view s);
/// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view s);
/// `s` without leading and trailing ASCII white space and U+3000 (ideographic space).
std::string trim(std::string_view s);

/// The non-empty pieces of `s` between `sep` characters ("a,,b" → a, b).
std::vector<std::string> split_nonempty(std::string_view s, char sep);
/// `s` with LIKE wildcards escaped for `LIKE … ESCAPE '\'` (%, _ and \ itself).
std::string escape_like(std::string_view s);
/// Whether `s` holds a control character other than tab, line feed and carriage return (NUL included).
bool has_control_characters(std::string_view s);
/// `s` without spaces, tabs and ideographic spaces (U+3000): the comparison key of a person's name, so that
/// 张 三 and 张三 are one name.
std::string without_spaces(std::string_view s);

}  // namespace hulei::core
