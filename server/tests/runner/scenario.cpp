#include "scenario.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <utility>

#include "json_path.hpp"

namespace hulei::testing {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The first whitespace-separated word of `s` and the trimmed rest.
std::pair<std::string_view, std::string_view> split_word(std::string_view s) {
    s = trim(s);
    std::size_t end = 0;
    while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
    return {s.substr(0, end), trim(s.substr(end))};
}

bool is_method(std::string_view word) {
    if (word.empty()) return false;
    for (char c : word)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

bool is_header_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

bool is_variable_name(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

std::vector<int> parse_statuses(std::string_view text, int line) {
    std::vector<int> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        auto bar = text.find('|', pos);
        if (bar == std::string_view::npos) bar = text.size();
        const std::string_view part = trim(text.substr(pos, bar - pos));
        if (part.size() != 3 || part.find_first_not_of("0123456789") != std::string_view::npos)
            throw ScenarioSyntaxError(line, "expected an HTTP status such as 200 or 404|405, found `" +
                                                std::string(text) + "`");
        out.push_back(std::stoi(std::string(part)));
        pos = bar + 1;
    }
    return out;
}

/// Parses the request block that starts at `lines[i]`; leaves `i` after its last assertion.
RequestStep parse_request(const std::vector<std::string>& lines, std::size_t& i) {
    RequestStep req;
    const int request_line = static_cast<int>(i + 1);
    auto [method, target] = split_word(lines[i]);
    req.method = std::string(method);
    req.target = std::string(target);
    if (req.target.empty() || req.target[0] != '/')
        throw ScenarioSyntaxError(request_line, "a request line is `METHOD /path` (spaces in the path are sent as %20)");
    ++i;
    bool body_given = false;
    for (; i < lines.size() && !trim(lines[i]).empty() && trim(lines[i]) != "----"; ++i) {
        const std::string_view line = trim(lines[i]);
        const int n = static_cast<int>(i + 1);
        if (starts_with(line, "rawbody ")) {
            req.body = std::string(line.substr(8));
            req.raw_body = true;
            body_given = true;
        } else if (starts_with(line, "body repeat ")) {
            auto [count, text] = split_word(line.substr(12));
            if (count.empty() || count.find_first_not_of("0123456789") != std::string_view::npos || text.empty())
                throw ScenarioSyntaxError(n, "expected `body repeat COUNT TEXT`");
            req.repeat_count = std::stoull(std::string(count));
            req.repeat_text = std::string(text);
            body_given = true;
        } else {
            const auto colon = line.find(':');
            if (colon == std::string_view::npos || !is_header_name(line.substr(0, colon)))
                throw ScenarioSyntaxError(n, "expected a header line `Name: value`, `rawbody …`, "
                                             "`body repeat N TEXT`, a blank line or ----");
            req.headers.emplace_back(std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1))));
        }
    }
    if (i < lines.size() && trim(lines[i]).empty()) {
        ++i;
        std::vector<std::string> body;
        for (; i < lines.size() && trim(lines[i]) != "----"; ++i) body.push_back(lines[i]);
        while (!body.empty() && trim(body.back()).empty()) body.pop_back();
        while (!body.empty() && trim(body.front()).empty()) body.erase(body.begin());
        if (!body.empty()) {
            if (body_given) throw ScenarioSyntaxError(request_line, "a request has one body");
            for (std::size_t k = 0; k < body.size(); ++k) req.body += (k ? "\n" : "") + body[k];
        }
    }
    if (i >= lines.size() || trim(lines[i]) != "----")
        throw ScenarioSyntaxError(request_line, "the request has no `----` line before its expected status");
    ++i;
    if (i >= lines.size() || trim(lines[i]).empty())
        throw ScenarioSyntaxError(static_cast<int>(i), "expected the HTTP status after `----`");
    req.status_line = static_cast<int>(i + 1);
    req.statuses = parse_statuses(trim(lines[i]), req.status_line);
    ++i;
    for (; i < lines.size() && !trim(lines[i]).empty(); ++i) {
        const std::string_view line = trim(lines[i]);
        if (line[0] == '#') continue;
        req.assertions.push_back({static_cast<int>(i + 1), std::string(line)});
    }
    return req;
}

/// A failed expectation: where, what, and whether the last exchange explains it.
struct StepFailure {
    int line;
    std::string message;
    bool with_exchange;
};

using Vars = std::map<std::string, std::string>;

class Player {
public:
    Player(const Scenario& scenario, ScenarioContext& ctx) : scenario_(scenario), ctx_(ctx) {
        vars_["demo_password"] = ctx.default_password;
    }

    FileResult run() {
        FileResult result;
        for (const Step& step : scenario_.steps) {
            try {
                run_step(step);
            } catch (const StepFailure& f) {
                result.ok = false;
                result.failure = scenario_.path + ":" + std::to_string(f.line) + ": " + f.message;
                if (f.with_exchange) {
                    result.failure += "\n    request:  " + describe(ctx_.browser.last_request());
                    result.failure += "\n    response: " + describe(ctx_.browser.last_response());
                }
                break;
            } catch (const std::exception& e) {
                result.ok = false;
                result.failure = scenario_.path + ":" + std::to_string(step.line) + ": error: " + e.what();
                break;
            }
        }
        result.checks = checks_;
        return result;
    }

private:
    /// Replaces ${NAME} and ${totp:USER} in `text`.
    std::string substitute(std::string_view text, int line) const {
        std::string out;
        std::size_t pos = 0;
        while (true) {
            const auto open = text.find("${", pos);
            if (open == std::string_view::npos) break;
            const auto close = text.find('}', open);
            if (close == std::string_view::npos) throw StepFailure{line, "unclosed ${ in `" + std::string(text) + "`", false};
            out.append(text.substr(pos, open - pos));
            const std::string name(text.substr(open + 2, close - open - 2));
            if (starts_with(name, "totp:")) {
                const auto code = ctx_.browser.totp_code_for(name.substr(5));
                if (!code) throw StepFailure{line, "no TOTP secret known for " + name.substr(5), false};
                out += *code;
            } else {
                auto it = vars_.find(name);
                if (it == vars_.end()) throw StepFailure{line, "unknown variable ${" + name + "}", false};
                out += it->second;
            }
            pos = close + 1;
        }
        out.append(text.substr(pos));
        return out;
    }

    void run_step(const Step& step) {
        switch (step.kind) {
            case Step::Kind::Login: {
                const std::string line = substitute(step.text, step.line);
                const auto [cmd, rest] = split_word(line);
                const auto [user, rest2] = split_word(rest);
                const auto [password, extra] = split_word(rest2);
                if (user.empty() || !extra.empty()) throw StepFailure{step.line, "expected `login USER [PASSWORD]`", false};
                const std::string error = ctx_.browser.login(std::string(user),
                                                             password.empty() ? ctx_.default_password : std::string(password));
                ++checks_;
                if (!error.empty()) throw StepFailure{step.line, error, true};
                return;
            }
            case Step::Kind::As: {
                const std::string line = substitute(step.text, step.line);
                const auto [cmd, user] = split_word(line);
                if (!ctx_.browser.use(std::string(user)))
                    throw StepFailure{step.line, "`as " + std::string(user) + "`: that user has not logged in", false};
                return;
            }
            case Step::Kind::Anonymous: ctx_.browser.use_anonymous(); return;
            case Step::Kind::Advance: advance(step); return;
            case Step::Kind::Set: {
                const std::string text = substitute(step.text, step.line);
                const auto eq = text.find('=');
                const std::string_view name = eq == std::string::npos ? std::string_view() : trim(std::string_view(text).substr(4, eq - 4));
                if (!is_variable_name(name)) throw StepFailure{step.line, "expected `set NAME = VALUE`", false};
                vars_[std::string(name)] = std::string(trim(std::string_view(text).substr(eq + 1)));
                return;
            }
            case Step::Kind::Db: {
                const std::string text = substitute(step.text, step.line);
                if (starts_with(text, "db exec ")) {
                    exec_db(text.substr(8), step.line);
                    return;
                }
                ++checks_;
                if (auto fail = check_db(text)) throw StepFailure{step.line, *fail, false};
                return;
            }
            case Step::Kind::Request: run_request(step.request, step.line); return;
        }
    }

    void advance(const Step& step) {
        const auto [cmd, amount] = split_word(step.text);
        std::size_t digits = 0;
        while (digits < amount.size() && std::isdigit(static_cast<unsigned char>(amount[digits]))) ++digits;
        const std::string_view unit = amount.substr(digits);
        static const std::map<std::string_view, std::int64_t> kUnitMs = {
            {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};
        auto it = kUnitMs.find(unit);
        if (digits == 0 || it == kUnitMs.end())
            throw StepFailure{step.line, "expected `advance N` with a unit ms, s, m, h or d (e.g. advance 31m)", false};
        ctx_.clock.advance_ms(std::stoll(std::string(amount.substr(0, digits))) * it->second);
    }

    /// Sends the request that starts at `line` and checks its status and assertions.
    void run_request(const RequestStep& spec, int line) {
        HttpRequest req;
        req.method = spec.method;
        req.target = substitute(spec.target, line);
        for (const auto& [name, value] : spec.headers) req.headers.emplace_back(name, substitute(value, line));
        if (spec.repeat_count > 0) {
            req.body.reserve(spec.repeat_count * spec.repeat_text.size());
            for (std::size_t k = 0; k < spec.repeat_count; ++k) req.body += spec.repeat_text;
        } else if (spec.raw_body) {
            req.body = decode_escapes(substitute(spec.body, line));
        } else {
            req.body = substitute(spec.body, line);
        }
        std::vector<HttpResponse> responses;
        if (spec.copies > 1) responses = ctx_.browser.send_concurrently(req, spec.copies);
        else responses.push_back(ctx_.browser.send(req));
        for (const auto& response : responses) {
            response_ = response;
            json_parsed_ = false;
            check_status(spec);
        }
        for (const auto& a : spec.assertions) {
            ++checks_;
            const std::string text = substitute(a.text, a.line);
            if (auto fail = check(text)) throw StepFailure{a.line, *fail, !starts_with(text, "db ")};
        }
    }

    /// Checks the status of `response_` against the request's expected statuses.
    void check_status(const RequestStep& spec) {
        ++checks_;
        if (response_.status == 0)
            throw StepFailure{spec.status_line, "no response: " + response_.error, true};
        bool status_ok = false;
        for (int s : spec.statuses) status_ok = status_ok || s == response_.status;
        if (!status_ok) {
            std::string expected;
            for (int s : spec.statuses) {
                if (!expected.empty()) expected += '|';
                expected += std::to_string(s);
            }
            throw StepFailure{spec.status_line,
                              "expected status " + expected + ", got " + std::to_string(response_.status), true};
        }
    }

    const Json& body_json() {
        if (!json_parsed_) {
            json_ = Json::parse(response_.body, nullptr, false);
            json_parsed_ = true;
        }
        return json_;
    }

    /// Evaluates one assertion; returns what failed, or nullopt.
    std::optional<std::string> check(const std::string& text) {
        if (starts_with(text, "$")) return check_path(text);
        if (starts_with(text, "header ")) return check_header(text.substr(7));
        if (starts_with(text, "body ")) {
            const auto [op, operand] = split_word(std::string_view(text).substr(5));
            return check_contains("body", op, response_.body, std::string(operand));
        }
        if (starts_with(text, "cookie ")) return check_cookie(text.substr(7));
        if (starts_with(text, "db ")) return check_db(text);
        return "unknown assertion `" + text + "` (see server/tests/api/README.md)";
    }

    static std::optional<Json> parse_operand(std::string_view operand) {
        Json j = Json::parse(operand, nullptr, false);
        if (j.is_discarded()) return std::nullopt;
        return j;
    }

    static std::optional<std::string> check_contains(const std::string& what, std::string_view op,
                                                     const std::string& haystack, const std::string& needle) {
        if (op == "~") {
            if (haystack.find(needle) != std::string::npos) return std::nullopt;
            return what + ": expected to contain " + needle + ", got " + brief_text(haystack, 600);
        }
        if (op == "!~") {
            if (haystack.find(needle) == std::string::npos) return std::nullopt;
            return what + ": expected not to contain " + needle + ", got " + brief_text(haystack, 600);
        }
        return what + ": unknown operator `" + std::string(op) + "` (use ~ or !~)";
    }

    std::optional<std::string> check_path(const std::string& text) {
        const auto [path, rest] = split_word(text);
        const auto [op, operand] = split_word(rest);
        const Json& root = body_json();
        if (root.is_discarded()) return "the response body is not JSON: " + brief_text(response_.body, 600);
        const Json* v = nullptr;
        try {
            v = find_path(root, path);
        } catch (const std::invalid_argument& e) {
            return "bad JSON path `" + std::string(path) + "`: " + e.what();
        }
        const std::string where(path);
        if (op == "exists") return v ? std::nullopt : std::optional<std::string>(where + ": expected to exist, got nothing");
        if (op == "missing")
            return v ? std::optional<std::string>(where + ": expected missing, got " + brief(*v)) : std::nullopt;
        if (!v) return where + ": expected a value (" + std::string(op) + " " + std::string(operand) + "), got nothing";
        if (op == "->") {
            if (!is_variable_name(operand)) return "expected `$.path -> NAME`";
            vars_[std::string(operand)] = v->is_string() ? v->get<std::string>() : v->dump();
            return std::nullopt;
        }
        if (op == "~" || op == "!~")
            return check_contains(where, op, v->is_string() ? v->get<std::string>() : v->dump(), std::string(operand));
        if (op == "length") {
            if (operand.empty() || operand.find_first_not_of("0123456789") != std::string_view::npos)
                return "expected `$.path length N`";
            const std::size_t want = std::stoull(std::string(operand));
            std::size_t got = 0;
            if (v->is_array() || v->is_object()) got = v->size();
            else if (v->is_string())
                for (unsigned char c : v->get<std::string>()) got += (c & 0xC0) != 0x80;
            else return where + ": expected something with a length, got " + brief(*v);
            if (got == want) return std::nullopt;
            return where + ": expected length " + std::to_string(want) + ", got " + std::to_string(got) + ": " + brief(*v);
        }
        const auto expected = parse_operand(operand);
        if (!expected) return "the operand of `" + std::string(op) + "` is not JSON: " + std::string(operand);
        if (op == "==") {
            if (json_equal(*v, *expected)) return std::nullopt;
            return where + ": expected " + brief(*expected) + ", got " + brief(*v);
        }
        if (op == "!=") {
            if (!json_equal(*v, *expected)) return std::nullopt;
            return where + ": expected anything but " + brief(*expected) + ", got it";
        }
        if (op == "contains" || op == "!contains") {
            if (!v->is_array()) return where + ": expected an array, got " + brief(*v);
            bool found = false;
            for (const auto& item : *v) found = found || subset_match(item, *expected);
            if (found == (op == "contains")) return std::nullopt;
            return where + (found ? ": expected no element matching " : ": expected an element matching ") +
                   brief(*expected) + ", got " + brief(*v, 1200);
        }
        return "unknown operator `" + std::string(op) + "` in `" + text + "`";
    }

    std::optional<std::string> check_header(const std::string& text) {
        const auto [name, rest] = split_word(text);
        const auto [op, operand] = split_word(rest);
        const auto values = response_.headers_named(name);
        const std::string where = "header " + std::string(name);
        if (op == "exists") return values.empty() ? std::optional<std::string>(where + ": expected, absent") : std::nullopt;
        if (op == "missing")
            return values.empty() ? std::nullopt : std::optional<std::string>(where + ": expected absent, got " + values[0]);
        if (values.empty()) return where + ": expected " + std::string(op) + " " + std::string(operand) + ", absent";
        std::string all;
        for (const auto& v : values) all += (all.empty() ? "" : " | ") + v;
        if (op == "==") {
            for (const auto& v : values)
                if (v == operand) return std::nullopt;
            return where + ": expected " + std::string(operand) + ", got " + all;
        }
        if (op == "~") {
            for (const auto& v : values)
                if (v.find(operand) != std::string::npos) return std::nullopt;
            return where + ": expected to contain " + std::string(operand) + ", got " + all;
        }
        if (op == "!~") return check_contains(where, op, all, std::string(operand));
        return where + ": unknown operator `" + std::string(op) + "`";
    }

    /// `db exec SQL`: changes the database behind the server's back (tamper tests).
    void exec_db(const std::string& sql, int line) {
        try {
            ctx_.db.write([&](db::Tx& tx) { tx.exec(sql); });
        } catch (const std::exception& e) {
            throw StepFailure{line, "db exec " + sql + ": " + e.what(), false};
        }
    }

    /// `cookie NAME -> VAR`: the value the response sets for cookie NAME.
    std::optional<std::string> check_cookie(const std::string& text) {
        const auto [name, rest] = split_word(text);
        const auto [op, var] = split_word(rest);
        if (op != "->" || !is_variable_name(var)) return "expected `cookie NAME -> VAR`";
        const std::string prefix = std::string(name) + "=";
        for (const auto& line : response_.headers_named("set-cookie")) {
            if (!starts_with(line, prefix)) continue;
            const auto end = line.find(';');
            vars_[std::string(var)] = trim(std::string_view(line).substr(prefix.size(), end == std::string::npos
                                                                                            ? std::string::npos
                                                                                            : end - prefix.size()));
            return std::nullopt;
        }
        return "cookie " + std::string(name) + ": not set by the response";
    }

    /// `db SQL == JSON` / `db SQL != JSON` on the test's database.
    std::optional<std::string> check_db(const std::string& text) {
        const std::string_view body = trim(std::string_view(text).substr(3));
        const auto eq = body.rfind(" == ");
        const auto ne = body.rfind(" != ");
        const bool negate = ne != std::string_view::npos && (eq == std::string_view::npos || ne > eq);
        const auto pos = negate ? ne : eq;
        if (pos == std::string_view::npos) return "expected `db SQL == VALUE` or `db SQL != VALUE`";
        const std::string sql(trim(body.substr(0, pos)));
        const auto expected = parse_operand(trim(body.substr(pos + 4)));
        if (!expected) return "the expected value of a db check is not JSON: " + std::string(body.substr(pos + 4));
        Json actual;
        try {
            actual = ctx_.db.read([&](db::Tx& tx) {
                const auto row = tx.query_one(sql);
                if (!row || row->size() == 0) return Json(nullptr);
                const db::Value& v = row->at(0);
                if (auto p = std::get_if<std::int64_t>(&v)) return Json(*p);
                if (auto p = std::get_if<double>(&v)) return Json(*p);
                if (auto p = std::get_if<std::string>(&v)) return Json(*p);
                return Json(nullptr);
            });
        } catch (const std::exception& e) {
            return "db " + sql + ": " + e.what();
        }
        bool equal = json_equal(actual, *expected);
        if (!equal && actual.is_string() && !expected->is_string()) equal = actual.get<std::string>() == expected->dump();
        if (equal != negate) return std::nullopt;
        return "db " + sql + ": expected " + (negate ? "anything but " : "") + brief(*expected) + ", got " + brief(actual);
    }

    const Scenario& scenario_;
    ScenarioContext& ctx_;
    Vars vars_;
    HttpResponse response_;
    Json json_;
    bool json_parsed_ = false;
    int checks_ = 0;
};

}  // namespace

std::string decode_escapes(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 >= text.size()) {
            out.push_back(text[i]);
            continue;
        }
        const char c = text[++i];
        if (c == 'x' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out.push_back(static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else if (c == 'n') {
            out.push_back('\n');
        } else if (c == 'r') {
            out.push_back('\r');
        } else if (c == 't') {
            out.push_back('\t');
        } else if (c == '\\') {
            out.push_back('\\');
        } else {
            out.push_back('\\');
            out.push_back(c);
        }
    }
    return out;
}

Scenario parse_scenario(const std::string& path, const std::string& text) {
    Scenario scenario;
    scenario.path = path;
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
    }
    std::size_t i = 0;
    int copies = 1;  // from a `concurrently N` line, for the request that follows it
    while (i < lines.size()) {
        const std::string_view line = trim(lines[i]);
        const int n = static_cast<int>(i + 1);
        if (line.empty() || line[0] == '#') {
            ++i;
            continue;
        }
        const auto [word, rest] = split_word(line);
        if (word == "concurrently") {
            const std::string count(trim(rest));
            if (copies > 1 || count.empty() || count.size() > 2 ||
                !std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                std::stoi(count) < 2)
                throw ScenarioSyntaxError(n, "expected `concurrently N` (2 ≤ N ≤ 99) right before a request");
            copies = std::stoi(count);
            ++i;
            continue;
        }
        Step step{Step::Kind::Request, n, std::string(line), {}};
        if (word == "login") step.kind = Step::Kind::Login;
        else if (word == "as") step.kind = Step::Kind::As;
        else if (word == "anonymous") step.kind = Step::Kind::Anonymous;
        else if (word == "advance") step.kind = Step::Kind::Advance;
        else if (word == "set") step.kind = Step::Kind::Set;
        else if (word == "db") step.kind = Step::Kind::Db;
        else if (!is_method(word))
            throw ScenarioSyntaxError(n, "expected a directive (login, as, anonymous, advance, set, db) or a request "
                                         "line `METHOD /path`, found `" + std::string(line) + "`");
        if (copies > 1 && step.kind != Step::Kind::Request)
            throw ScenarioSyntaxError(n, "`concurrently N` must be followed by a request");
        if (step.kind == Step::Kind::Request) {
            step.request = parse_request(lines, i);
            step.request.copies = std::exchange(copies, 1);
        } else {
            if ((step.kind == Step::Kind::Anonymous) != rest.empty())
                throw ScenarioSyntaxError(n, "wrong number of arguments for `" + std::string(word) + "`");
            ++i;
        }
        scenario.steps.push_back(std::move(step));
    }
    if (copies > 1) throw ScenarioSyntaxError(static_cast<int>(lines.size()), "`concurrently N` must be followed by a request");
    return scenario;
}

FileResult run_scenario(const Scenario& scenario, ScenarioContext& context) { return Player(scenario, context).run(); }

}  // namespace hulei::testing
