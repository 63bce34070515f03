#include "io/upload.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/text.hpp"

namespace hulei::io {

std::string clean_filename(const std::string& raw, std::size_t max_chars) {
    std::string name = raw;
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    std::string out;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F || c == '"') continue;
        out.push_back(c);
    }
    out = core::trim(out);
    if (out.empty() || out == "." || out == "..")
        throw core::Error::validation("required", "请提供文件名（?filename=）", "filename");
    if (!core::valid_utf8(out))
        throw core::Error::validation("invalid_utf8", "文件名不是有效的 UTF-8 文本", "filename");
    if (core::utf8_length(out) > max_chars) throw core::Error::validation("too_long", "文件名过长", "filename");
    return out;
}

std::string clean_content_type(const std::string& raw) {
    std::string t = core::trim(raw.substr(0, raw.find(';')));
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto slash = t.find('/');
    const bool ok = !t.empty() && t.size() <= 100 && slash != std::string::npos && slash > 0 && slash + 1 < t.size() &&
                    t.find('/', slash + 1) == std::string::npos && std::all_of(t.begin(), t.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) ||
                               std::string_view("/!#$&^_.+-").find(c) != std::string_view::npos;
                    });
    return ok ? t : "application/octet-stream";
}

std::optional<std::string> sniff_image(std::string_view bytes) {
    using namespace std::string_view_literals;
    // JPEG: SOI then the first marker; PNG: its 8-byte signature; WebP: a RIFF container of form type WEBP.
    if (bytes.size() >= 4 && bytes.substr(0, 3) == "\xFF\xD8\xFF"sv) return "image/jpeg";
    if (bytes.size() >= 8 && bytes.substr(0, 8) == "\x89PNG\r\n\x1A\n"sv) return "image/png";
    if (bytes.size() >= 16 && bytes.substr(0, 4) == "RIFF"sv && bytes.substr(8, 4) == "WEBP"sv &&
        bytes.substr(12, 3) == "VP8"sv)
        return "image/webp";
    return std::nullopt;
}

}  // namespace hulei::io
