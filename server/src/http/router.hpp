#pragma once
// The route table: path, verb and guard side by side (STYLE.md), and the one place where
// errors become HTTP statuses. Knows nothing of Boost; http/server.cpp feeds it Requests.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/request.hpp"
#include "security/principal.hpp"

namespace hulei::http {

/// Who may call a route: anybody, any signed-in session (even one that must still change its
/// password or enrol 2FA), any complete session, or holders of one permission.
struct Guard {
    enum class Kind { Public, AnySession, Authenticated, Permission } kind;
    std::string permission;

    static Guard anyone() { return {Kind::Public, {}}; }
    static Guard any_session() { return {Kind::AnySession, {}}; }
    static Guard authenticated() { return {Kind::Authenticated, {}}; }
    static Guard permission_of(std::string p) { return {Kind::Permission, std::move(p)}; }
    std::string describe() const;  ///< "public", "session", "authenticated" or the permission name
};

using Handler = std::function<Response(const Request&, const security::Principal&)>;

/// How long a handler may take: Slow ones (argon2id password hashing) run on their own small pool so
/// a burst of logins never holds up ordinary reads.
enum class Cost { Quick, Slow };

struct Route {
    std::string method;
    std::string pattern;   ///< e.g. /api/v1/units/{id}
    Guard guard;
    Handler handler;
    std::size_t max_body;  ///< largest accepted body in bytes
    Cost cost;
};

/// Resolves the principal of a request from its session cookie (refreshing idle time), or nullopt.
using Authenticator = std::function<std::optional<security::Principal>(const Request&)>;

/// Default body limit for JSON routes; upload routes raise it per route.
inline constexpr std::size_t kDefaultMaxBody = 1 << 20;

class Router {
public:
    void set_authenticator(Authenticator a) { authenticate_ = std::move(a); }
    void add(std::string method, std::string pattern, Guard guard, Handler handler,
             std::size_t max_body = kDefaultMaxBody, Cost cost = Cost::Quick);
    /// Routes requests that are not /api/ or /healthz or /metrics (the console's static files).
    void set_fallback(std::function<Response(const Request&)> f) { fallback_ = std::move(f); }

    /// The body limit for `method path` (the transport checks it before reading the body).
    std::size_t max_body_for(const std::string& method, const std::string& path) const;
    /// The cost class of `method path` (Quick when no route matches).
    Cost cost_for(const std::string& method, const std::string& path) const;
    /// Routes, authenticates, checks CSRF and permission, calls the handler, maps errors. Never throws.
    Response dispatch(Request& req) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    const Route* match(const std::string& method, const std::string& path, Request* req, bool* path_matched) const;
    std::vector<Route> routes_;
    Authenticator authenticate_;
    std::function<Response(const Request&)> fallback_;
};

/// A JSON error body `{"error":{"code","message","field"}}` with the given status.
Response error_response(int status, const std::string& code, const std::string& message,
                        const std::string& field = {});

}  // namespace hulei::http
