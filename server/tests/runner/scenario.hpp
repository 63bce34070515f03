#pragma once
// The `.test` scenario language (server/tests/api/README.md): parsing a file into steps and playing
// them against a running server.
#include <string>
#include <vector>

#include "browser.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http_client.hpp"

namespace hulei::testing {

/// An expectation on the response, kept as text: variables are substituted when it runs.
struct Assertion {
    int line = 0;
    std::string text;
};

/// One request with its expected status and assertions.
struct RequestStep {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;            ///< JSON/text lines, or a `rawbody` line (escapes decoded after substitution)
    bool raw_body = false;
    std::size_t repeat_count = 0;  ///< `body repeat N TEXT`: TEXT N times
    std::string repeat_text;
    int status_line = 0;
    std::vector<int> statuses;   ///< any of these is accepted
    std::vector<Assertion> assertions;
    int copies = 1;              ///< `concurrently N` before the request: sent N times at once
};

/// One line-level action of a scenario.
struct Step {
    enum class Kind { Login, As, Anonymous, Advance, Set, Db, Request } kind;
    int line = 0;
    std::string text;            ///< the directive line (login/as/advance/set/db), substituted when run
    RequestStep request;
};

/// A parsed scenario file.
struct Scenario {
    std::string path;            ///< as shown in output (relative to the scenario folder)
    std::vector<Step> steps;
};

/// The outcome of one file.
struct FileResult {
    bool ok = true;
    int checks = 0;
    std::string failure;         ///< "path:LINE: expected … got …" and the exchange, when !ok
};

/// Parses `text`; throws ScenarioSyntaxError naming the line.
Scenario parse_scenario(const std::string& path, const std::string& text);

/// A syntax error in a scenario file.
struct ScenarioSyntaxError : std::runtime_error {
    ScenarioSyntaxError(int line, const std::string& what) : std::runtime_error(what), line(line) {}
    int line;
};

/// What a scenario plays against: the server's users, the shared clock, the test's database.
struct ScenarioContext {
    Browser& browser;
    core::AdjustableClock& clock;
    db::Database& db;
    std::string default_password;
};

/// Plays `scenario` step by step; stops at the first failed expectation.
FileResult run_scenario(const Scenario& scenario, ScenarioContext& context);

/// Decodes `\xHH`, `\n`, `\r`, `\t` and `\\` in a `rawbody` line.
std::string decode_escapes(std::string_view text);

}  // namespace hulei::testing
