#include "browser.hpp"

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

#include "json_path.hpp"
#include "security/totp.hpp"

namespace hulei::testing {

namespace {

bool state_changing(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

/// Index of header `name` in `headers` (case-insensitive), or -1.
int find_header(const HeaderList& headers, std::string_view name) {
    const std::string key = lower_ascii(name);
    for (std::size_t i = 0; i < headers.size(); ++i)
        if (lower_ascii(headers[i].first) == key) return static_cast<int>(i);
    return -1;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

/// Applies one Set-Cookie line to a jar: stores the value, or drops the cookie when it is expired.
void apply_set_cookie(std::map<std::string, std::string>& cookies, const std::string& line) {
    const auto semi = line.find(';');
    const std::string pair = line.substr(0, semi);
    const auto eq = pair.find('=');
    if (eq == std::string::npos) return;
    const std::string name = trim(pair.substr(0, eq));
    const std::string value = trim(pair.substr(eq + 1));
    const std::string attrs = lower_ascii(semi == std::string::npos ? "" : line.substr(semi));
    const bool expired = value.empty() || attrs.find("max-age=0") != std::string::npos ||
                         attrs.find("expires=thu, 01 jan 1970") != std::string::npos;
    if (expired) cookies.erase(name);
    else cookies[name] = value;
}

nlohmann::json parse_or_null(const std::string& body) {
    return nlohmann::json::parse(body, nullptr, false);
}

std::string error_code_of(const HttpResponse& r) {
    const auto j = parse_or_null(r.body);
    if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("code") &&
        j["error"]["code"].is_string())
        return j["error"]["code"].get<std::string>();
    return {};
}

std::string totp_at(const std::string& secret_base32, std::int64_t now_ms) {
    const auto bytes = security::base32_decode(secret_base32);
    if (!bytes) return {};
    return security::totp_code(*bytes, now_ms / 1000);
}

}  // namespace

std::string describe(const HttpRequest& request) {
    std::string out = request.method + " " + request.target;
    if (!request.body.empty()) {
        out += ' ';
        out += brief_text(request.body, 600);
    }
    return out;
}

std::string describe(const HttpResponse& response) {
    if (!response.error.empty()) return "transport error: " + response.error;
    std::string out = std::to_string(response.status);
    if (!response.body.empty()) {
        out += ' ';
        out += brief_text(response.body, 1500);
    }
    return out;
}

HttpRequest Browser::prepare(const HttpRequest& request) {
    HttpRequest req = request;
    UserJar* jar = current_.empty() ? nullptr : &jars_[current_];
    auto add_unless_given = [&req](std::string_view name, const std::string& value) {
        if (find_header(req.headers, name) < 0 && !value.empty()) req.headers.emplace_back(std::string(name), value);
    };
    if (jar) {
        std::string cookie;
        for (const auto& [name, value] : jar->cookies) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
        add_unless_given("Cookie", cookie);
        if (state_changing(req.method)) add_unless_given("X-CSRF-Token", jar->csrf_token);
    }
    if (!req.body.empty()) add_unless_given("Content-Type", "application/json");
    std::erase_if(req.headers, [](const auto& h) { return h.second == "none"; });
    return req;
}

HttpResponse Browser::send(const HttpRequest& request) {
    HttpRequest req = prepare(request);
    HttpResponse response = client_.send(req);
    absorb(req, response);
    last_request_ = std::move(req);
    last_response_ = response;
    return response;
}

std::vector<HttpResponse> Browser::send_concurrently(const HttpRequest& request, int copies) {
    const HttpRequest req = prepare(request);
    std::vector<HttpResponse> responses(static_cast<std::size_t>(std::max(copies, 1)));
    {
        std::vector<std::jthread> senders;
        for (auto& slot : responses) senders.emplace_back([this, &req, &slot] { slot = client_.send(req); });
    }
    for (const auto& r : responses) absorb(req, r);
    last_request_ = req;
    last_response_ = responses.back();
    return responses;
}

void Browser::absorb(const HttpRequest& request, const HttpResponse& response) {
    if (current_.empty() || response.status == 0) return;
    UserJar& jar = jars_[current_];
    for (const auto& line : response.headers_named("set-cookie")) apply_set_cookie(jar.cookies, line);
    if (response.status < 200 || response.status >= 300) return;
    const auto body = parse_or_null(response.body);
    if (body.is_object() && body.contains("csrf_token") && body["csrf_token"].is_string())
        jar.csrf_token = body["csrf_token"].get<std::string>();
    const std::string path = request.target.substr(0, request.target.find('?'));
    if (request.method == "POST" && path == "/api/v1/auth/totp/setup" && body.is_object() &&
        body.contains("secret") && body["secret"].is_string())
        jar.totp_pending = body["secret"].get<std::string>();
    if (request.method == "POST" && path == "/api/v1/auth/totp/enable" && !jar.totp_pending.empty()) {
        jar.totp_secret = jar.totp_pending;
        jar.totp_pending.clear();
    }
    if (request.method == "POST" && path == "/api/v1/auth/totp/disable") jar.totp_secret.clear();
}

bool Browser::use(const std::string& user) {
    if (!jars_.count(user)) return false;
    current_ = user;
    return true;
}

std::optional<std::string> Browser::totp_code_for(const std::string& user) const {
    auto it = jars_.find(user);
    if (it == jars_.end()) return std::nullopt;
    const std::string& secret = it->second.totp_pending.empty() ? it->second.totp_secret : it->second.totp_pending;
    if (secret.empty()) return std::nullopt;
    const std::string code = totp_at(secret, clock_.now_ms());
    if (code.empty()) return std::nullopt;
    return code;
}

std::string Browser::login(const std::string& user, const std::string& password) {
    UserJar& jar = jars_[user];
    jar.cookies.clear();
    jar.csrf_token.clear();
    jar.totp_pending.clear();
    current_ = user;

    nlohmann::json credentials = {{"username", user}, {"password", password}};
    HttpResponse r = send({"POST", "/api/v1/auth/login", {}, credentials.dump()});
    if (r.status == 401 && error_code_of(r) == "totp_required") {
        if (jar.totp_secret.empty())
            return "login " + user + ": the server asks for a TOTP code and the runner knows no secret for " + user;
        clock_.advance_ms(30'000);
        credentials["totp"] = totp_at(jar.totp_secret, clock_.now_ms());
        r = send({"POST", "/api/v1/auth/login", {}, credentials.dump()});
    }
    if (r.status != 200) return "login " + user + ": expected 200, got " + describe(r);

    const auto me = parse_or_null(r.body);
    if (me.is_object() && me.value("stage", "") == "must_enroll_totp") {
        const HttpResponse setup = send({"POST", "/api/v1/auth/totp/setup", {}, "{}"});
        if (setup.status != 200 || jar.totp_pending.empty())
            return "login " + user + ": TOTP setup: expected 200 with a secret, got " + describe(setup);
        const nlohmann::json code = {{"code", totp_at(jar.totp_pending, clock_.now_ms())}};
        const HttpResponse enable = send({"POST", "/api/v1/auth/totp/enable", {}, code.dump()});
        if (enable.status < 200 || enable.status >= 300)
            return "login " + user + ": TOTP enable: expected 2xx, got " + describe(enable);
    }
    const HttpResponse check = send({"GET", "/api/v1/auth/me", {}, {}});
    if (check.status != 200) return "login " + user + ": GET /api/v1/auth/me: expected 200, got " + describe(check);
    if (jar.csrf_token.empty()) return "login " + user + ": no csrf_token in " + describe(check);
    return {};
}

}  // namespace hulei::testing
