#include "json_path.hpp"

#include <stdexcept>

namespace hulei::testing {

const Json* find_path(const Json& root, std::string_view path) {
    if (path.empty() || path[0] != '$') throw std::invalid_argument("a JSON path starts with $");
    const Json* cur = &root;
    std::size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            std::size_t end = i + 1;
            while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
            const std::string key(path.substr(i + 1, end - i - 1));
            if (key.empty()) throw std::invalid_argument("empty key in JSON path");
            if (!cur->is_object()) return nullptr;
            auto it = cur->find(key);
            if (it == cur->end()) return nullptr;
            cur = &*it;
            i = end;
        } else if (path[i] == '[') {
            const auto close = path.find(']', i);
            if (close == std::string_view::npos) throw std::invalid_argument("unclosed [ in JSON path");
            const std::string index(path.substr(i + 1, close - i - 1));
            if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos)
                throw std::invalid_argument("array index must be a non-negative integer");
            const auto n = std::stoull(index);
            if (!cur->is_array() || n >= cur->size()) return nullptr;
            cur = &(*cur)[n];
            i = close + 1;
        } else {
            throw std::invalid_argument("unexpected character in JSON path");
        }
    }
    return cur;
}

bool json_equal(const Json& a, const Json& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
        if (a.is_number_unsigned() && b.is_number_unsigned()) return a.get<std::uint64_t>() == b.get<std::uint64_t>();
        return a.get<std::int64_t>() == b.get<std::int64_t>();
    }
    if (a.type() != b.type()) return false;
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!json_equal(a[i], b[i])) return false;
        return true;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            auto other = b.find(it.key());
            if (other == b.end() || !json_equal(*it, *other)) return false;
        }
        return true;
    }
    return a == b;
}

bool subset_match(const Json& actual, const Json& expected) {
    if (expected.is_object()) {
        if (!actual.is_object()) return false;
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            auto got = actual.find(it.key());
            if (got == actual.end() || !subset_match(*got, *it)) return false;
        }
        return true;
    }
    if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) return false;
        for (std::size_t i = 0; i < expected.size(); ++i)
            if (!subset_match(actual[i], expected[i])) return false;
        return true;
    }
    return json_equal(actual, expected);
}

std::string brief_text(std::string_view text, std::size_t max_chars) {
    if (text.size() <= max_chars) return std::string(text);
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "… (" + std::to_string(text.size()) + " bytes in all)";
}

std::string brief(const Json& value, std::size_t max_chars) {
    return brief_text(value.dump(-1, ' ', false, Json::error_handler_t::replace), max_chars);
}

}  // namespace hulei::testing
