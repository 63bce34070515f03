#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "http/json_io.hpp"
#include "security/keyring.hpp"

namespace hulei::http {

std::string Request::header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::cookie(std::string_view name) const {
    const std::string all = header("cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        auto end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        std::string_view part(all.data() + pos, end - pos);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        auto eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
        pos = end + 1;
    }
    return {};
}

std::string Request::param(std::string_view name) const {
    auto it = params.find(std::string(name));
    return it == params.end() ? std::string() : it->second;
}

std::int64_t Request::id_param(std::string_view name) const {
    const std::string v = param(name);
    if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
        throw core::Error::not_found();
    const auto id = std::stoll(v);
    if (id <= 0) throw core::Error::not_found();
    return id;
}

std::string Request::query_value(std::string_view name) const {
    auto it = query.find(std::string(name));
    return it == query.end() ? std::string() : it->second;
}

std::optional<std::int64_t> Request::query_id(std::string_view name) const {
    const std::string v = query_value(name);
    if (v.empty()) return std::nullopt;
    if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
        throw core::Error::validation("wrong_type", std::string(name) + " 应为正整数", std::string(name));
    return std::stoll(v);
}

std::string Guard::describe() const {
    switch (kind) {
        case Kind::Public: return "public";
        case Kind::AnySession: return "session";
        case Kind::Authenticated: return "authenticated";
        case Kind::Permission: return permission;
    }
    return "public";
}

Response error_response(int status, const std::string& code, const std::string& message, const std::string& field) {
    Json err = {{"code", code}, {"message", message}};
    err["field"] = field.empty() ? Json(nullptr) : Json(field);
    return json_response(status, Json{{"error", err}});
}

void Router::add(std::string method, std::string pattern, Guard guard, Handler handler, std::size_t max_body,
                 Cost cost) {
    routes_.push_back({std::move(method), std::move(pattern), std::move(guard), std::move(handler), max_body, cost});
}

namespace {

/// Matches `/a/{id}/b` against `/a/7/b`, filling params.
bool match_pattern(const std::string& pattern, const std::string& path, std::map<std::string, std::string>* params) {
    std::size_t pi = 0, si = 0;
    while (pi < pattern.size() && si <= path.size()) {
        if (pattern[pi] == '{') {
            auto close = pattern.find('}', pi);
            std::string name = pattern.substr(pi + 1, close - pi - 1);
            auto seg_end = path.find('/', si);
            if (seg_end == std::string::npos) seg_end = path.size();
            if (seg_end == si) return false;
            if (params) (*params)[name] = path.substr(si, seg_end - si);
            si = seg_end;
            pi = close + 1;
        } else {
            if (si >= path.size() || pattern[pi] != path[si]) return false;
            ++pi;
            ++si;
        }
    }
    return pi == pattern.size() && si == path.size();
}

bool state_changing(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

}  // namespace

const Route* Router::match(const std::string& method, const std::string& path, Request* req,
                           bool* path_matched) const {
    if (path_matched) *path_matched = false;
    for (const auto& r : routes_) {
        std::map<std::string, std::string> params;
        if (!match_pattern(r.pattern, path, &params)) continue;
        if (path_matched) *path_matched = true;
        if (r.method != method && !(method == "HEAD" && r.method == "GET")) continue;
        if (req) req->params = std::move(params);
        return &r;
    }
    return nullptr;
}

std::size_t Router::max_body_for(const std::string& method, const std::string& path) const {
    const Route* r = match(method, path, nullptr, nullptr);
    return r ? r->max_body : kDefaultMaxBody;
}

Cost Router::cost_for(const std::string& method, const std::string& path) const {
    const Route* r = match(method, path, nullptr, nullptr);
    return r ? r->cost : Cost::Quick;
}

Response Router::dispatch(Request& req) const {
    try {
        bool path_matched = false;
        const Route* route = match(req.method, req.path, &req, &path_matched);
        if (!route) {
            if (path_matched) return error_response(405, "method_not_allowed", "不支持该请求方法");
            const bool api = req.path.rfind("/api/", 0) == 0;
            if (!api && fallback_ && (req.method == "GET" || req.method == "HEAD")) return fallback_(req);
            return error_response(404, "route_not_found", "接口不存在");
        }
        if (req.body.size() > route->max_body) throw core::Error::too_large();

        security::Principal principal;
        principal.ip = req.remote_addr;
        principal.request_id = req.request_id;
        if (route->guard.kind != Guard::Kind::Public) {
            std::optional<security::Principal> p = authenticate_ ? authenticate_(req) : std::nullopt;
            if (!p) throw core::Error::unauthenticated("unauthenticated", "请先登录");
            principal = std::move(*p);
            if (state_changing(req.method) && (principal.csrf_token.empty() ||
                                               !security::equal_constant_time(req.header("x-csrf-token"), principal.csrf_token)))
                throw core::Error::forbidden("csrf", "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
            if (route->guard.kind != Guard::Kind::AnySession) {
                if (principal.stage == security::SessionStage::MustChangePassword)
                    throw core::Error::forbidden("password_change_required", "请先修改初始密码");
                if (principal.stage == security::SessionStage::MustEnrollTotp)
                    throw core::Error::forbidden("totp_enrollment_required", "请先绑定两步验证（TOTP）");
            }
            if (route->guard.kind == Guard::Kind::Permission && !principal.has(route->guard.permission))
                throw core::Error::forbidden();
        }
        return route->handler(req, principal);
    } catch (const core::Error& e) {
        if (e.kind() == core::ErrorKind::Internal) spdlog::error("{{\"request_id\":\"{}\",\"error\":\"{}\"}}", req.request_id, e.what());
        const std::string message = e.kind() == core::ErrorKind::Internal ? "服务器内部错误" : e.message();
        return error_response(core::http_status(e.kind()), e.code(), message, e.field());
    } catch (const Json::exception& e) {
        return error_response(400, "invalid_json", "请求数据格式错误");
    } catch (const std::exception& e) {
        spdlog::error("{{\"request_id\":\"{}\",\"error\":\"unhandled\"}}", req.request_id);
        return error_response(500, "internal", "服务器内部错误");
    }
}

}  // namespace hulei::http
