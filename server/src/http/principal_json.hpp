#pragma once
// JSON of the principal's pieces shared by several modules' routes.
#include <nlohmann/json.hpp>

#include "security/principal.hpp"

namespace hulei::http {

/// {"id","role","label","scope","unit_ids"}
nlohmann::json grant_json(const security::Grant& g);

}  // namespace hulei::http
