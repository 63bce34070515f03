#include "authz_matrix.hpp"

#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "browser.hpp"
#include "http/router.hpp"
#include "security/permissions.hpp"

namespace hulei::testing {

namespace {

/// The route's pattern with every `{param}` replaced by an id that exists nowhere.
std::string concrete_path(const std::string& pattern) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i);
            out += "999999";
            i = close == std::string::npos ? pattern.size() : close;
        } else {
            out.push_back(pattern[i]);
        }
    }
    return out;
}

std::string error_code(const HttpResponse& r) {
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("code") &&
        j["error"]["code"].is_string())
        return j["error"]["code"].get<std::string>();
    return {};
}

bool has_body(const std::string& method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

/// Requests that must not be sent live (they would end the session the check is using).
bool skip_live(const std::string& method, const std::string& pattern) {
    return method == "POST" && pattern == "/api/v1/auth/logout";
}

}  // namespace

std::vector<MatrixEntry> parse_matrix(const std::string& text, std::vector<std::string>& errors) {
    std::vector<MatrixEntry> out;
    std::set<std::string> seen;
    std::istringstream in(text);
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        MatrixEntry e;
        e.line = n;
        std::string allowed, word;
        if (!(words >> e.method)) continue;
        if (!(words >> e.pattern)) {
            errors.push_back(std::to_string(n) + ": expected `METHOD PATTERN allowed-roles`");
            continue;
        }
        while (words >> word) allowed += word;
        if (allowed.empty()) {
            errors.push_back(std::to_string(n) + ": " + e.method + " " + e.pattern + " names no allowed roles");
            continue;
        }
        if (allowed == "public") {
            e.is_public = true;
        } else if (allowed == "session") {
            e.any_session = true;
        } else if (allowed == "authenticated") {
            e.authenticated = true;
        } else {
            std::size_t pos = 0;
            while (pos <= allowed.size()) {
                auto comma = allowed.find(',', pos);
                if (comma == std::string::npos) comma = allowed.size();
                const std::string role = allowed.substr(pos, comma - pos);
                if (!security::find_role(role))
                    errors.push_back(std::to_string(n) + ": unknown role `" + role + "`");
                else e.roles.insert(role);
                pos = comma + 1;
            }
        }
        if (!seen.insert(e.method + " " + e.pattern).second)
            errors.push_back(std::to_string(n) + ": " + e.method + " " + e.pattern + " is listed twice");
        out.push_back(std::move(e));
    }
    return out;
}

FileResult run_matrix(const std::string& path, const std::string& text, TestServer& server,
                      const std::vector<app::DemoUser>& users, const std::string& password) {
    FileResult result;
    std::vector<std::string> failures;
    auto fail = [&](int line, const std::string& message) {
        std::string where = path;
        if (line > 0) {
            where += ':';
            where += std::to_string(line);
        }
        failures.push_back(where.append(": ").append(message));
    };

    std::vector<std::string> syntax;
    const auto entries = parse_matrix(text, syntax);
    for (const auto& s : syntax) failures.push_back(path + ":" + s);

    // Every route has exactly one line and every line a route.
    std::map<std::string, const MatrixEntry*> by_key;
    for (const auto& e : entries) by_key.emplace(e.method + " " + e.pattern, &e);
    std::set<std::string> routed;
    std::vector<std::pair<const http::Route*, const MatrixEntry*>> checks;
    for (const auto& route : server.app().router().routes()) {
        const std::string key = route.method + " " + route.pattern;
        routed.insert(key);
        ++result.checks;
        auto it = by_key.find(key);
        if (it == by_key.end()) {
            fail(0, "route " + key + " (guard " + route.guard.describe() + ") has no line");
            continue;
        }
        // The guard kind must be the one the matrix names (a role list stands for a permission guard).
        const auto* e = it->second;
        const char* listed = e->is_public ? "public" : e->any_session ? "session" : e->authenticated ? "authenticated" : nullptr;
        const std::string guard = route.guard.kind == http::Guard::Kind::Permission ? "" : route.guard.describe();
        if ((listed ? std::string(listed) : std::string()) != guard)
            fail(e->line, key + ": the matrix says `" + (listed ? listed : "roles") + "` but the route's guard is `" +
                              route.guard.describe() + "`");
        checks.emplace_back(&route, it->second);
    }
    for (const auto& e : entries)
        if (!routed.count(e.method + " " + e.pattern)) fail(e.line, e.method + " " + e.pattern + " is no route");

    // One signed-in user per role.
    Browser browser(HttpClient(server.port()), server.clock());
    std::map<std::string, std::string> user_of_role;
    for (const auto& u : users) user_of_role.emplace(u.role, u.username);

    for (const auto& role : security::roles()) {
        auto it = user_of_role.find(role.name);
        ++result.checks;
        if (it == user_of_role.end()) {
            fail(0, "the demo township has no user with role " + role.name);
            continue;
        }
        if (const std::string error = browser.login(it->second, password); !error.empty()) {
            fail(0, error);
            continue;
        }
        for (const auto& [route, entry] : checks) {
            if (skip_live(route->method, route->pattern)) continue;
            const HttpRequest req{route->method, concrete_path(route->pattern), {}, has_body(route->method) ? "{}" : ""};
            const HttpResponse r = browser.send(req);
            ++result.checks;
            const std::string code = error_code(r);
            const bool allowed =
                entry->is_public || entry->any_session || entry->authenticated || entry->roles.count(role.name);
            const std::string who = " as " + it->second + " (" + role.name + ")";
            if (allowed) {
                // A 403 with another code is a rule of the route (e.g. totp_required_by_policy), not its guard.
                if (r.status == 0 || r.status == 401 || (r.status == 403 && (code == "forbidden" || code == "csrf")))
                    fail(entry->line, describe(req) + who + ": expected to be allowed, got " + describe(r));
            } else if (r.status != 403 || code != "forbidden") {
                fail(entry->line, describe(req) + who + ": expected 403 forbidden, got " + describe(r));
            }
        }
    }

    // Nobody signed in.
    browser.use_anonymous();
    for (const auto& [route, entry] : checks) {
        if (skip_live(route->method, route->pattern)) continue;
        const HttpRequest req{route->method, concrete_path(route->pattern), {}, has_body(route->method) ? "{}" : ""};
        const HttpResponse r = browser.send(req);
        ++result.checks;
        if (entry->is_public) {
            if (r.status == 0 || r.status == 401 || r.status == 403)
                fail(entry->line, describe(req) + " anonymously: expected to be allowed, got " + describe(r));
        } else if (r.status != 401) {
            fail(entry->line, describe(req) + " anonymously: expected 401, got " + describe(r));
        }
    }

    if (!failures.empty()) {
        result.ok = false;
        result.failure = failures.front();
        for (std::size_t i = 1; i < failures.size(); ++i) result.failure += "\n    " + failures[i];
    }
    return result;
}

}  // namespace hulei::testing
