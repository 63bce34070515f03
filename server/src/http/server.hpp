#pragma once
// The HTTP transport (Boost.Beast, asynchronous, one io_context run by N threads). Converts wire
// requests to http::Request, hands them to the Router on a worker pool (never blocking I/O threads),
// and writes the Response with security headers, request id, gzip for assets, one JSON log line.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/router.hpp"

namespace hulei::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;                    ///< 0 = pick a free port (tests)
    int io_threads = 0;                            ///< 0 = number of cores
    int worker_threads = 0;                        ///< quick request handlers (database reads and writes); 0 = cores
    int slow_threads = 2;                          ///< handlers marked Cost::Slow (argon2id)
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::seconds read_timeout{30};         ///< a whole request must arrive within this
    std::chrono::seconds idle_timeout{75};         ///< keep-alive connection with no request
    bool access_log = true;
    /// Behind a reverse proxy (nginx) on loopback: take the client address from the last
    /// X-Forwarded-For entry and TLS from X-Forwarded-Proto. Off: both headers are ignored.
    bool trust_proxy = false;
};

class Server {
public:
    Server(const Router& router, ServerOptions options);
    ~Server();
    /// Binds and starts the threads; returns the bound port. Throws core::Error when it cannot bind.
    unsigned short start();
    /// Blocks until SIGINT/SIGTERM or stop().
    void wait();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace hulei::http
