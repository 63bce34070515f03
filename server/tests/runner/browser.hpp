#pragma once
// What a scenario's users look like to the server: one cookie jar and CSRF token per named user,
// the login flow with automatic TOTP enrolment, and the headers a browser would add.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "http_client.hpp"

namespace hulei::testing {

/// A named user's state between requests.
struct UserJar {
    std::map<std::string, std::string> cookies;
    std::string csrf_token;
    std::string totp_secret;   ///< base32, once TOTP is enabled
    std::string totp_pending;  ///< base32, between /auth/totp/setup and /auth/totp/enable
};

/// Several users of one server, one of them current (or none: anonymous).
class Browser {
public:
    /// Users of the server behind `client`, whose TOTP codes follow `clock`.
    Browser(HttpClient client, core::AdjustableClock& clock) : client_(client), clock_(clock) {}

    /// Sends `request` as the current user. Adds Cookie, X-CSRF-Token (on state-changing methods)
    /// and Content-Type: application/json (when there is a body) unless the request names that
    /// header itself; a header given the value `none` is left out. Keeps cookies, CSRF tokens
    /// and TOTP secrets the responses hand out.
    HttpResponse send(const HttpRequest& request);
    /// Sends `request` `copies` times at once as the current user (one thread and connection each, the same
    /// cookies and CSRF token), then keeps what the responses hand out; the responses in sending order.
    std::vector<HttpResponse> send_concurrently(const HttpRequest& request, int copies);

    /// Signs `user` in with a fresh jar and makes it current: enrols TOTP when the server demands it
    /// (remembering the secret) and answers a TOTP challenge after moving the clock 30 s on, so no
    /// code is replayed. Returns "" on success, else what went wrong.
    std::string login(const std::string& user, const std::string& password);

    /// Makes `user` current without signing in; false when the user never signed in.
    bool use(const std::string& user);
    /// No current user: no cookie and no CSRF token are sent.
    void use_anonymous() { current_.clear(); }
    const std::string& current() const { return current_; }  ///< "" when anonymous

    /// The TOTP code of `user` at the clock's time: from the secret being enrolled if any, else from
    /// the enabled one; nullopt when the runner knows no secret for the user.
    std::optional<std::string> totp_code_for(const std::string& user) const;

    /// The last request sent and response received (for failure messages).
    const HttpRequest& last_request() const { return last_request_; }
    const HttpResponse& last_response() const { return last_response_; }

private:
    /// `request` with the current user's Cookie, X-CSRF-Token and the default Content-Type added.
    HttpRequest prepare(const HttpRequest& request);
    void absorb(const HttpRequest& request, const HttpResponse& response);

    HttpClient client_;
    core::AdjustableClock& clock_;
    std::map<std::string, UserJar> jars_;
    std::string current_;
    HttpRequest last_request_;
    HttpResponse last_response_;
};

/// `request` as one line (method, target, body cut short) for failure messages.
std::string describe(const HttpRequest& request);
/// `response` as one line (status, body cut short, or the transport error).
std::string describe(const HttpResponse& response);

}  // namespace hulei::testing
