#pragma once
// Files uploaded as a raw request body (progress attachments, visit photos): the name and media type as the
// client declared them, cleaned, and the image format recognised by its first bytes. No I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hulei::io {

/// The last path component of an uploaded file's name, without control characters or quotes, trimmed;
/// Validation `required`, `invalid_utf8` or `too_long` (more than `max_chars` characters), field `filename`.
std::string clean_filename(const std::string& raw, std::size_t max_chars = 200);

/// A media type of the form type/subtype (parameters dropped, lower case), else application/octet-stream.
std::string clean_content_type(const std::string& raw);

/// The media type of an image recognised by its signature — image/jpeg, image/png or image/webp — else
/// nullopt. Declared types are not trusted: a text file labelled image/jpeg is not an image.
std::optional<std::string> sniff_image(std::string_view bytes);

}  // namespace hulei::io
