#pragma once
// The runner's fixtures: a template database (migrations + demo township) built once per run and
// copied for every scenario, and an in-process server on a loopback port.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "core/clock.hpp"

namespace hulei::http { class Server; }

namespace hulei::testing {

enum class Backend { Sqlite, Postgres };

/// The template database and its per-scenario copies.
class TestDatabases {
public:
    /// `work_dir` is an existing empty folder owned by the caller (key file, web root, SQLite files);
    /// `pg_admin_url` is the maintenance database of the PostgreSQL cluster (unused for SQLite).
    TestDatabases(Backend backend, std::filesystem::path work_dir, std::string pg_admin_url);
    ~TestDatabases();
    TestDatabases(const TestDatabases&) = delete;
    TestDatabases& operator=(const TestDatabases&) = delete;

    /// Creates the template: opens an App on it (running migrations), seeds the demo township, closes.
    std::vector<app::DemoUser> build_template();
    /// A fresh copy of the template for scenario `n`; returns its database URL.
    std::string clone(int n);
    /// Deletes copy `n` (its App must be closed).
    void drop(int n);
    /// The App configuration of a test on `db_url`: fast password hashing, files in the work folder.
    app::Config config(const std::string& db_url) const;

private:
    void admin_exec(const std::string& sql);
    std::filesystem::path sqlite_path(const std::string& name) const;

    Backend backend_;
    std::filesystem::path work_dir_;
    std::string pg_admin_url_;
    std::unique_ptr<db::Database> admin_;
};

/// A PostgreSQL URL naming database `name` instead of the one in `url`.
std::string with_database(const std::string& url, const std::string& name);

/// An App with an adjustable clock and its HTTP server on 127.0.0.1 (ephemeral port, no access log).
class TestServer {
public:
    /// Opens an App on `config` with a fresh adjustable clock and starts its server (2 I/O threads).
    explicit TestServer(app::Config config);
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    app::App& app() { return *app_; }                   ///< routes and the test's database
    core::AdjustableClock& clock() { return *clock_; }  ///< the App's clock, moved by `advance`
    unsigned short port() const { return port_; }       ///< the bound loopback port

private:
    std::shared_ptr<core::AdjustableClock> clock_;
    std::unique_ptr<app::App> app_;
    std::unique_ptr<http::Server> server_;
    unsigned short port_ = 0;
};

}  // namespace hulei::testing
