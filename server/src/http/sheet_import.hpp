#pragma once
// The shape every sheet import shares over HTTP (children's ledger, care persons): the file as the raw body,
// `?commit=0|1` to preview or commit, and a commit refused when any row is rejected (all or nothing).
#include <cstddef>

#include "http/json_io.hpp"
#include "http/request.hpp"

namespace hulei::http {

/// The largest sheet an import accepts (bytes).
inline constexpr std::size_t kSheetUploadMax = 20u << 20;

/// The `commit` query parameter: absent or "0" previews, "1" commits; anything else is 400 wrong_type.
bool sheet_commit_requested(const Request& req);

/// The answer of an import: 200 with `result`, except a commit that wrote nothing because rows were rejected:
/// 409 import_rejected carrying the same rows.
Response sheet_import_answer(Json result, bool commit_requested, bool committed);

}  // namespace hulei::http
