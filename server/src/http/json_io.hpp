#pragma once
// JSON at the HTTP edge: strict body parsing (UTF-8, object, known fields, types) and replies.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace hulei::http {

using Json = nlohmann::json;

/// A JSON reply with `status`.
Response json_response(int status, const Json& body);
/// An optional value as JSON: the value, or null when absent.
template <typename T>
Json or_null(const std::optional<T>& v) {
    return v ? Json(*v) : Json(nullptr);
}
inline Response ok(const Json& body) { return json_response(200, body); }
inline Response created(const Json& body) { return json_response(201, body); }
Response no_content();

/// A JSON object request body, checked on construction: content type, valid UTF-8, parseable,
/// an object, no field outside `allowed`. Accessors throw core::Error(Validation) naming the field.
class Body {
public:
    Body(const Request& req, std::initializer_list<std::string_view> allowed);

    bool has(std::string_view field) const;
    /// A required non-empty string (trimmed), at most `max_chars` characters.
    std::string str(std::string_view field, std::size_t max_chars = 200) const;
    /// An optional string: nullopt when absent or null.
    std::optional<std::string> opt_str(std::string_view field, std::size_t max_chars = 200) const;
    /// A required secret (password) exactly as sent: not trimmed, at most `max_bytes` bytes.
    std::string secret(std::string_view field, std::size_t max_bytes = 256) const;
    std::int64_t i64(std::string_view field) const;
    std::optional<std::int64_t> opt_i64(std::string_view field) const;
    bool boolean(std::string_view field) const;
    std::optional<bool> opt_bool(std::string_view field) const;
    std::vector<std::int64_t> ids(std::string_view field) const;  ///< array of positive integers
    std::vector<std::string> strings(std::string_view field, std::size_t max_chars = 200) const;
    const Json& json() const { return json_; }

private:
    const Json* get(std::string_view field) const;
    Json json_;
};

/// Whether `s` is valid UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view s);

/// Paging from `?page=&page_size=` (defaults 1 and 20, page_size at most 200).
struct Page {
    std::int64_t page = 1;
    std::int64_t size = 20;
    std::int64_t offset() const { return (page - 1) * size; }
};
Page page_of(const Request& req);

}  // namespace hulei::http
