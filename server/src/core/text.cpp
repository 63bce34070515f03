#include "core/text.hpp"

namespace hulei::core {

bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n;
        unsigned cp;
        if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
        else return false;
        if (end - p <= n) return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        p += n + 1;
    }
    return true;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string trim(std::string_view s) {
    auto is_space_at = [&](std::size_t i, std::size_t* len) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { *len = 1; return true; }
        if (i + 2 < s.size() + 0 && s.substr(i, 3) == "\xE3\x80\x80") { *len = 3; return true; }
        return false;
    };
    std::size_t b = 0, len = 0;
    while (b < s.size() && is_space_at(b, &len)) b += len;
    std::size_t e = s.size();
    while (e > b) {
        if (e >= b + 3 && s.substr(e - 3, 3) == "\xE3\x80\x80") { e -= 3; continue; }
        unsigned char c = s[e - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { --e; continue; }
        break;
    }
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_nonempty(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto end = s.find(sep, start);
        if (end == std::string_view::npos) end = s.size();
        if (end > start) out.emplace_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::string escape_like(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

bool has_control_characters(std::string_view s) {
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return true;
    return false;
}

std::string without_spaces(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == ' ' || s[i] == '\t') {
            ++i;
        } else if (s.substr(i, 3) == "\u3000") {
            i += 3;
        } else {
            out += s[i++];
        }
    }
    return out;
}

}  // namespace hulei::core
