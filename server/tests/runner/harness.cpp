#include "harness.hpp"

#include <fstream>
#include <stdexcept>

#include "db/database.hpp"
#include "http/server.hpp"

namespace hulei::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* kTemplateName = "hulei_tpl";

std::string test_db_name(int n) { return "t_" + std::to_string(n); }

}  // namespace

std::string with_database(const std::string& url, const std::string& name) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) throw std::invalid_argument("not a PostgreSQL URL: " + url);
    const auto query = url.find('?', scheme + 3);
    const std::string base = url.substr(0, query);
    const std::string params = query == std::string::npos ? "" : url.substr(query);
    const auto slash = base.find('/', scheme + 3);
    return (slash == std::string::npos ? base : base.substr(0, slash)) + "/" + name + params;
}

TestDatabases::TestDatabases(Backend backend, fs::path work_dir, std::string pg_admin_url)
    : backend_(backend), work_dir_(std::move(work_dir)), pg_admin_url_(std::move(pg_admin_url)) {
    fs::create_directories(work_dir_ / "web");
    std::ofstream(work_dir_ / "web" / "index.html") << "<!doctype html><title>hulei test</title>\n";
    if (backend_ == Backend::Postgres) admin_ = db::Database::open(pg_admin_url_, 1);
}

TestDatabases::~TestDatabases() {
    if (!admin_) return;
    try {
        admin_exec(std::string("DROP DATABASE IF EXISTS ") + kTemplateName + " WITH (FORCE)");
    } catch (const std::exception&) {
        // The throwaway cluster goes away anyway; a leftover template is harmless.
    }
}

void TestDatabases::admin_exec(const std::string& sql) {
    // CREATE/DROP DATABASE cannot run inside a transaction block, and db::Database only hands out
    // transactions: end the one it opened, run the statement on its own, and open another to commit.
    admin_->write([&](db::Tx& tx) { tx.exec_script("COMMIT;\n" + sql + ";\nBEGIN;\n"); });
}

fs::path TestDatabases::sqlite_path(const std::string& name) const { return work_dir_ / (name + ".db"); }

app::Config TestDatabases::config(const std::string& db_url) const {
    app::Config config;
    config.db_url = db_url;
    config.listen = "127.0.0.1:0";
    config.key_file = (work_dir_ / "master.key").string();
    config.web_dir = (work_dir_ / "web").string();
    config.threads = 2;
    config.fast_password_hash = true;
    return config;
}

std::vector<app::DemoUser> TestDatabases::build_template() {
    std::string url;
    if (backend_ == Backend::Sqlite) {
        url = "sqlite:" + sqlite_path(kTemplateName).string();
    } else {
        admin_exec(std::string("DROP DATABASE IF EXISTS ") + kTemplateName + " WITH (FORCE)");
        admin_exec(std::string("CREATE DATABASE ") + kTemplateName);
        url = with_database(pg_admin_url_, kTemplateName);
    }
    app::App app(config(url));
    return app::seed_demo(app);
}

std::string TestDatabases::clone(int n) {
    const std::string name = test_db_name(n);
    if (backend_ == Backend::Sqlite) {
        // The template's App is closed, so its WAL is normally checkpointed away; copy whatever is left.
        for (const char* suffix : {"", "-wal", "-shm"}) {
            const fs::path from = sqlite_path(kTemplateName).string() + suffix;
            const fs::path to = sqlite_path(name).string() + suffix;
            fs::remove(to);
            if (fs::exists(from)) fs::copy_file(from, to);
        }
        return "sqlite:" + sqlite_path(name).string();
    }
    admin_exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    admin_exec("CREATE DATABASE " + name + " TEMPLATE " + kTemplateName);
    return with_database(pg_admin_url_, name);
}

void TestDatabases::drop(int n) {
    const std::string name = test_db_name(n);
    if (backend_ == Backend::Sqlite) {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(sqlite_path(name).string() + suffix);
        return;
    }
    admin_exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

TestServer::TestServer(app::Config config) : clock_(std::make_shared<core::AdjustableClock>()) {
    app_ = std::make_unique<app::App>(std::move(config), clock_);
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 2;
    options.access_log = false;
    options.trust_proxy = true;  // scenarios play a client behind the trusted nginx
    server_ = std::make_unique<http::Server>(app_->router(), options);
    port_ = server_->start();
}

TestServer::~TestServer() {
    if (server_) server_->stop();
    server_.reset();
    app_.reset();
}

}  // namespace hulei::testing
