#include "http/download.hpp"

#include <cctype>
#include <cstdio>

namespace hulei::http {

std::string content_disposition(const std::string& filename) {
    std::string ascii, encoded;
    for (unsigned char c : filename) {
        const bool plain = std::isalnum(c) || c == '.' || c == '-' || c == '_';
        ascii.push_back(c < 0x80 && c >= 0x20 && c != '"' && c != '\\' ? static_cast<char>(c) : '_');
        if (plain) {
            encoded.push_back(static_cast<char>(c));
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            encoded += buf;
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Response file_response(const std::string& content_type, const std::string& filename, std::string bytes) {
    Response r;
    r.content_type = content_type;
    r.body = std::move(bytes);
    r.set_header("Content-Disposition", content_disposition(filename));
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
    r.set_header("Cache-Control", "no-store");
    return r;
}

}  // namespace hulei::http
