#pragma once
// HTTP routes of the cases module (案件).
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/cases/cases_service.hpp"

namespace hulei::cases {

/// Mounts /api/v1/cases (list, open), /api/v1/cases/stats, /api/v1/cases/{id}… (read, reveal, stages,
/// suspect, reports, evidence, support, review) and /api/v1/case-support-items….
void mount_routes(http::Router& r, CasesService& svc);

/// A support item as answered (also in the to-do): kind, unit, status, times, note, the case's id, crime type and
/// station — never the victim.
nlohmann::json support_item_json(const SupportItem& s);

}  // namespace hulei::cases
