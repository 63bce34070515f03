#pragma once
// The authorisation matrix check: server/tests/api/authz_matrix.txt is the hand-written specification
// of who may call every route; this check compares it with the route table and then asks the live
// server, route by route, as every demo role and as nobody.
#include <set>
#include <string>
#include <vector>

#include "app/demo.hpp"
#include "harness.hpp"
#include "scenario.hpp"

namespace hulei::testing {

/// One line of the matrix: `METHOD PATTERN allowed`.
struct MatrixEntry {
    int line = 0;
    std::string method;
    std::string pattern;
    bool is_public = false;         ///< `public`: anybody, signed in or not
    bool any_session = false;       ///< `session`: any signed-in user, even before password change / 2FA enrolment
    bool authenticated = false;     ///< `authenticated`: any signed-in user with a complete session
    std::set<std::string> roles;    ///< otherwise: holders of these roles
};

/// Parses the matrix; problems (bad lines, unknown roles, duplicates) are appended to `errors`.
std::vector<MatrixEntry> parse_matrix(const std::string& text, std::vector<std::string>& errors);

/// Runs the check against `server`, whose database is a copy of the template seeded with `users`.
/// `path` is the matrix file as shown in output.
FileResult run_matrix(const std::string& path, const std::string& text, TestServer& server,
                      const std::vector<app::DemoUser>& users, const std::string& password);

}  // namespace hulei::testing
