#pragma once
// Replies that carry a file (exports, attachments, photos): the bytes with a download name and headers that
// stop a browser from sniffing or running what it received.
#include <string>

#include "http/request.hpp"

namespace hulei::http {

/// `attachment; filename="…"; filename*=UTF-8''…` for a download named `filename` (RFC 6266: an ASCII
/// fallback, then the name percent-encoded as UTF-8).
std::string content_disposition(const std::string& filename);

/// A 200 reply of `bytes` as `content_type`, named `filename`, not cached, not sniffed, sandboxed.
Response file_response(const std::string& content_type, const std::string& filename, std::string bytes);

}  // namespace hulei::http
