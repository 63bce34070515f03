#include "modules/plan/plan_document.hpp"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <cstdint>
#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/text.hpp"
#include "io/docx.hpp"

namespace hulei::plan {

namespace {

/// GB18030 (a superset of GBK and GB2312) to UTF-8; nullopt when the bytes are not GB18030 either.
std::optional<std::string> gb18030_to_utf8(std::string_view bytes) {
    if (bytes.size() >= static_cast<std::size_t>(INT32_MAX / 3)) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open("GB18030", &status), &ucnv_close);
    if (U_FAILURE(status)) return std::nullopt;
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::u16string utf16(bytes.size() + 1, u'\0');
    int32_t units = ucnv_toUChars(converter.get(), utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                                  static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return std::nullopt;
    std::string utf8(static_cast<std::size_t>(units) * 3 + 1, '\0');
    int32_t length = 0;
    u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &length, utf16.data(), units, &status);
    if (U_FAILURE(status)) return std::nullopt;
    utf8.resize(static_cast<std::size_t>(length));
    return utf8;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = s[s.size() - suffix.size() + i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

}  // namespace

bool is_docx(std::string_view bytes, std::string_view filename) {
    return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) || ends_with_ci(filename, ".docx");
}

std::string plan_text_of(std::string_view bytes, std::string_view filename) {
    std::string text;
    if (is_docx(bytes, filename)) {
        if (bytes.empty()) throw core::Error::validation("empty_file", "文件为空", "file");
        text = io::docx_text(bytes);
    } else if (core::valid_utf8(bytes)) {
        text = std::string(bytes);
    } else if (auto decoded = gb18030_to_utf8(bytes)) {
        text = std::move(*decoded);
    } else {
        text = std::string(bytes);
    }
    // Control characters only (a NUL-filled file) clean to nothing: as empty as an empty file.
    if (core::trim(clean_text(text)).find_first_not_of("\r\n\t ") == std::string::npos)
        throw core::Error::validation("empty_file", "文件为空或没有正文", "file");
    return text;
}

std::string clean_text(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c == '\r') {
                out.push_back('\n');
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            } else if (c == '\f' || c == '\v') {
                out.push_back('\n');
            } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
                out.push_back(static_cast<char>(c));
            }
            ++i;
            continue;
        }
        const std::size_t n = std::min(sequence_length(c), text.size() - i);
        const auto seq = text.substr(i, n);
        if (n > 1 && core::valid_utf8(seq)) {
            out.append(seq);
            i += n;
        } else {
            out.append("\xEF\xBF\xBD");
            ++i;
        }
    }
    return out;
}

}  // namespace hulei::plan
