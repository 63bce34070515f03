#pragma once
// The composition root: configuration, the database, the keyring, every module's service, and the
// route table with each module's routes mounted. `hulei serve` and the test runner both build one.
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/router.hpp"

namespace hulei::security { class Keyring; }

namespace hulei::app {

struct Config {
    std::string db_url = "sqlite:var/hulei.db";   ///< sqlite:PATH or postgresql://…
    std::string listen = "127.0.0.1:8080";
    std::string key_file = "var/master.key";      ///< created 0600 on first run unless HULEI_MASTER_KEY is set
    std::string web_dir = "web/dist";             ///< the built console
    int threads = 0;                              ///< I/O threads; 0 = number of cores
    bool fast_password_hash = false;              ///< tests only: argon2id at its minimum cost
};

class Services;  // every module's service, defined in app.cpp

class App {
public:
    /// Opens the database (running migrations) and the keyring, builds services and routes.
    explicit App(Config config, std::shared_ptr<core::Clock> clock = std::make_shared<core::SystemClock>());
    ~App();

    const Config& config() const { return config_; }
    db::Database& db() { return *db_; }
    http::Router& router() { return router_; }
    core::Clock& clock() { return *clock_; }
    security::Keyring& keyring() { return *keyring_; }
    Services& services() { return *services_; }

private:
    Config config_;
    std::shared_ptr<core::Clock> clock_;
    std::unique_ptr<db::Database> db_;
    std::unique_ptr<security::Keyring> keyring_;
    std::unique_ptr<Services> services_;
    http::Router router_;
};

}  // namespace hulei::app
