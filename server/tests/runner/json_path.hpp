#pragma once
// JSON paths of the `.test` language (`$`, `$.a.b[0].c`) and the subset match behind `contains`.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace hulei::testing {

using Json = nlohmann::json;

/// The value at `path` in `root`, or nullptr when some step is absent. Throws std::invalid_argument
/// when the path is malformed.
const Json* find_path(const Json& root, std::string_view path);

/// Whether `actual` has every field of `expected`, recursively; arrays match element by element and
/// must have the same length; scalars compare equal.
bool subset_match(const Json& actual, const Json& expected);

/// Whether `a` and `b` are equal, numbers compared by value (1 == 1.0).
bool json_equal(const Json& a, const Json& b);

/// A compact one-line rendering for messages, cut to `max_chars`.
std::string brief(const Json& value, std::size_t max_chars = 300);
/// `text` cut to `max_chars` bytes (on a UTF-8 boundary) with a note of what was cut.
std::string brief_text(std::string_view text, std::size_t max_chars = 2000);

}  // namespace hulei::testing
