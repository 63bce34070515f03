// HTTP routes of the audit log (auditor only): parse → one service call → serialise.
#include "modules/audit/audit_routes.hpp"

#include "core/error.hpp"
#include "http/json_io.hpp"

namespace hulei::audit_log {

namespace {

std::optional<std::int64_t> time_param(const http::Request& req, const char* name) {
    const std::string v = req.query_value(name);
    if (v.empty()) return std::nullopt;
    if (v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos)
        throw core::Error::validation("wrong_type", std::string(name) + " 应为毫秒时间戳", name);
    return std::stoll(v);
}

}  // namespace

void mount_routes(http::Router& r, AuditLogService& svc) {
    using http::Guard;
    using http::Json;
    r.add("GET", "/api/v1/audit", Guard::permission_of("audit:log:list"), [&svc](const http::Request& req, const security::Principal& p) {
        const auto page = http::page_of(req);
        audit::Query q;
        q.actor = req.query_value("actor");
        q.action = req.query_value("action");
        q.object_type = req.query_value("object_type");
        q.from_ms = time_param(req, "from");
        q.to_ms = time_param(req, "to");
        q.offset = page.offset();
        q.limit = page.size;
        const auto result = svc.list(p, q);
        Json items = Json::array();
        for (const auto& e : result.items)
            items.push_back({{"id", e.id},
                             {"at", e.at},
                             {"actor_username", e.actor_username},
                             {"action", e.action},
                             {"object_type", e.object_type},
                             {"object_id", e.object_id},
                             {"detail", Json::parse(e.detail, nullptr, false)},
                             {"ip", e.ip},
                             {"request_id", e.request_id}});
        return http::ok({{"items", items}, {"total", result.total}});
    });
    r.add("GET", "/api/v1/audit/verify", Guard::permission_of("audit:log:verify"), [&svc](const http::Request&, const security::Principal& p) {
        const auto v = svc.verify(p);
        return http::ok({{"ok", v.ok},
                         {"entries", v.entries},
                         {"first_bad_id", v.first_bad_id ? Json(*v.first_bad_id) : Json(nullptr)},
                         {"reason", v.reason},
                         {"head_hash", v.head_hash}});
    });
}

}  // namespace hulei::audit_log
