// hulei_api_tests --db sqlite|postgresql --dir DIR [--filter SUBSTR]
// Plays every `.test` scenario under DIR (recursively, sorted) against an in-process server on a copy
// of a template database, and checks DIR/authz_matrix.txt against the route table and the live server.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/demo.hpp"
#include "authz_matrix.hpp"
#include "browser.hpp"
#include "harness.hpp"
#include "scenario.hpp"

namespace fs = std::filesystem;
using namespace hulei;
using namespace hulei::testing;

namespace {

constexpr const char* kMatrixFile = "authz_matrix.txt";

struct Options {
    Backend backend = Backend::Sqlite;
    std::string db_name = "sqlite";
    fs::path dir;
    std::string filter;
};

int usage(const std::string& problem) {
    std::cerr << "hulei_api_tests: " << problem << "\n"
              << "usage: hulei_api_tests --db sqlite|postgresql --dir DIR [--filter SUBSTR]\n"
              << "PostgreSQL runs need HULEI_TEST_PG_URL (scripts/with-test-postgres sets it).\n";
    return 2;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A fresh private folder for keys, the web root and SQLite files; removed at exit.
struct WorkDir {
    fs::path path;
    WorkDir() {
        std::string tmpl = (fs::temp_directory_path() / "hulei-api-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder");
        path = tmpl;
    }
    ~WorkDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void report(const FileResult& r, const std::string& path) {
    if (r.ok) std::cout << "ok   " << path << " (" << r.checks << " checks)\n";
    else std::cout << "FAIL " << r.failure << "\n";
    std::cout.flush();
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) return usage("missing value after " + arg);
        const std::string value = argv[++i];
        if (arg == "--db") {
            if (value == "sqlite") opt.backend = Backend::Sqlite;
            else if (value == "postgresql") opt.backend = Backend::Postgres;
            else return usage("unknown database " + value);
            opt.db_name = value;
        } else if (arg == "--dir") {
            opt.dir = value;
        } else if (arg == "--filter") {
            opt.filter = value;
        } else {
            return usage("unknown option " + arg);
        }
    }
    if (opt.dir.empty()) return usage("--dir is required");
    if (!fs::is_directory(opt.dir)) return usage("no such folder: " + opt.dir.string());
    std::string pg_url;
    if (opt.backend == Backend::Postgres) {
        const char* env = std::getenv("HULEI_TEST_PG_URL");
        if (!env || !*env) return usage("HULEI_TEST_PG_URL is not set");
        pg_url = env;
    }
    spdlog::set_level(spdlog::level::warn);

    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(opt.dir))
        if (entry.is_regular_file() && entry.path().extension() == ".test") {
            const std::string rel = fs::relative(entry.path(), opt.dir).generic_string();
            if (rel.find(opt.filter) != std::string::npos) files.push_back(rel);
        }
    std::sort(files.begin(), files.end());
    const bool run_matrix_check = std::string(kMatrixFile).find(opt.filter) != std::string::npos;

    int passed = 0, failed = 0;
    const std::string summary = "api-" + opt.db_name + ": ";
    try {
        WorkDir work;
        TestDatabases databases(opt.backend, work.path, pg_url);
        const auto demo_users = databases.build_template();
        const std::string password = app::kDemoPassword;

        int n = 0;
        for (const auto& rel : files) {
            FileResult result;
            try {
                const Scenario scenario = parse_scenario(rel, read_file(opt.dir / rel));
                const std::string url = databases.clone(++n);
                {
                    TestServer server(databases.config(url));
                    Browser browser(HttpClient(server.port()), server.clock());
                    ScenarioContext context{browser, server.clock(), server.app().db(), password};
                    result = run_scenario(scenario, context);
                }
                databases.drop(n);
            } catch (const ScenarioSyntaxError& e) {
                result.ok = false;
                result.failure = rel + ":" + std::to_string(e.line) + ": syntax error: " + e.what();
            } catch (const std::exception& e) {
                result.ok = false;
                result.failure = rel + ": error: " + e.what();
            }
            (result.ok ? passed : failed)++;
            report(result, rel);
        }

        if (run_matrix_check) {
            FileResult result;
            const fs::path matrix = opt.dir / kMatrixFile;
            try {
                if (!fs::exists(matrix)) throw std::runtime_error(std::string("missing; it must list every route"));
                const std::string url = databases.clone(++n);
                {
                    TestServer server(databases.config(url));
                    result = run_matrix(kMatrixFile, read_file(matrix), server, demo_users, password);
                }
                databases.drop(n);
            } catch (const std::exception& e) {
                result.ok = false;
                result.failure = std::string(kMatrixFile) + ": error: " + e.what();
            }
            (result.ok ? passed : failed)++;
            report(result, kMatrixFile);
        }
    } catch (const std::exception& e) {
        std::cout << "FAIL template database: " << e.what() << "\n";
        ++failed;
    }
    std::cout << summary << passed << " passed, " << failed << " failed\n";
    return failed > 0 || passed == 0 ? 1 : 0;
}
