#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "http/metrics.hpp"

namespace hulei::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
/// How long a connection closed after an error keeps draining what the client still sends, so that
/// the kernel does not answer unread data with a reset that destroys our error response.
constexpr auto kLingerTime = std::chrono::seconds(2);
/// How long stop() waits for requests already being handled.
constexpr auto kDrainTime = std::chrono::seconds(10);
constexpr std::size_t kFirstReadBytes = 4096;
constexpr std::size_t kMaxRequestIdChars = 64;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Percent-decodes `in`; nullopt for a malformed escape, a NUL or text that is not UTF-8.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return std::nullopt;
            const int hi = hex_value(in[i + 1]);
            const int lo = hex_value(in[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    if (out.find('\0') != std::string::npos || !core::valid_utf8(out)) return std::nullopt;
    return out;
}

/// Fills path and query of `req` from its target; false when the target is not a valid origin-form.
bool decode_target(Request& req) {
    const std::string_view target = req.target;
    if (target.empty() || target.front() != '/') return false;
    const auto qmark = target.find('?');
    auto path = percent_decode(target.substr(0, qmark), false);
    if (!path) return false;
    req.path = std::move(*path);
    if (qmark == std::string_view::npos) return true;
    std::string_view query = target.substr(qmark + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
        if (!key || !value) return false;
        // A repeated key keeps its first value.
        if (!key->empty()) req.query.emplace(std::move(*key), std::move(*value));
    }
    return true;
}

bool safe_request_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxRequestIdChars) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_' || c == '.' || c == ':';
    });
}

std::string random_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
    return buf;
}

bool forwarded_https(std::string_view value) {
    const auto comma = value.find(',');
    std::string_view first = value.substr(0, comma);
    while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
    while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
    return lower(first) == "https";
}

/// `s` as the inside of a JSON string; bytes of invalid UTF-8 become '?'.
std::string json_escape(std::string_view s) {
    const bool utf8 = core::valid_utf8(s);
    std::string out;
    out.reserve(s.size() + 8);
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else if (u >= 0x80 && !utf8) {
            out.push_back('?');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string utc_timestamp() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

/// The access log: bare JSON lines on stdout, sharing spdlog's console mutex with other stdout logs.
std::shared_ptr<spdlog::logger> access_logger() {
    static const std::shared_ptr<spdlog::logger> logger = [] {
        auto l = std::make_shared<spdlog::logger>("hulei.access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
        l->set_pattern("%v");
        l->flush_on(spdlog::level::info);
        return l;
    }();
    return logger;
}

bool access_log_disabled_by_env() {
    const char* v = std::getenv("HULEI_ACCESS_LOG");
    if (!v) return false;
    const std::string s = lower(v);
    return s == "0" || s == "false" || s == "off" || s == "no";
}

/// A parse error worth a 400, as opposed to the client going away or a timeout.
bool malformed(const beast::error_code& ec) {
    static const auto& parse_errors = bhttp::make_error_code(bhttp::error::bad_method).category();
    return ec && ec.category() == parse_errors && ec != bhttp::error::end_of_stream &&
           ec != bhttp::error::partial_message && ec != bhttp::error::short_read;
}

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

/// What every connection of one server shares; outlives all its sessions.
struct Shared {
    Shared(const Router& r, ServerOptions o, std::size_t workers, std::size_t slow_workers)
        : router(r), options(std::move(o)), pool(workers), slow_pool(slow_workers) {}

    const Router& router;
    ServerOptions options;
    net::thread_pool pool;
    net::thread_pool slow_pool;
    std::shared_ptr<spdlog::logger> log;
    std::atomic<int> active{0};         ///< requests between header and written response
    std::atomic<bool> draining{false};  ///< stopping: answer in progress requests with Connection: close
};

/// One client connection: reads requests, hands each to the worker pool, writes the reply.
/// All its I/O runs on the connection's strand (the stream's executor).
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, Shared& shared) : shared_(shared), stream_(std::move(socket)) {
        beast::error_code ec;
        const auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_addr_ = endpoint.address().to_string();
        stream_.socket().set_option(tcp::no_delay(true), ec);
        metrics_connection_opened();
    }

    ~Session() {
        if (in_flight_) end_request_without_response();
        metrics_connection_closed();
    }

    void start() { wait_for_request(); }

private:
    /// Between requests the idle timeout applies; once the first byte arrives, the read timeout.
    void wait_for_request() {
        if (buffer_.size() > 0) return read_header();
        stream_.expires_after(shared_.options.idle_timeout);
        stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    if (ec) return;
                                    self->buffer_.commit(n);
                                    self->read_header();
                                });
    }

    void read_header() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
        // The real limit depends on the route and is set once the header names it.
        parser_->body_limit(boost::none);
        stream_.expires_after(shared_.options.read_timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     self->on_header(ec);
                                 });
    }

    void on_header(beast::error_code ec) {
        if (ec == bhttp::error::header_limit)
            return reject(431, "header_too_large", "请求头过大");
        if (malformed(ec)) return reject(400, "bad_request", "请求格式错误");
        if (ec) return;

        begin_request();
        const auto& msg = parser_->get();
        req_.method = upper(msg.method_string());
        req_.target = std::string(msg.target());
        for (const auto& field : msg) {
            std::string name = lower(field.name_string());
            auto [it, inserted] = req_.headers.try_emplace(std::move(name), field.value());
            if (!inserted) {
                it->second += it->first == "cookie" ? "; " : ", ";
                it->second.append(field.value().data(), field.value().size());
            }
        }
        const std::string incoming_id = req_.header("x-request-id");
        req_.request_id = safe_request_id(incoming_id) ? incoming_id : random_request_id();
        req_.remote_addr = remote_addr_;
        if (shared_.options.trust_proxy) {
            req_.secure = forwarded_https(req_.header("x-forwarded-proto"));
            // nginx's $proxy_add_x_forwarded_for appends the address it saw: the last entry is the one to trust.
            const std::string xff = req_.header("x-forwarded-for");
            if (!xff.empty()) {
                auto last = xff.substr(xff.rfind(',') == std::string::npos ? 0 : xff.rfind(',') + 1);
                while (!last.empty() && last.front() == ' ') last.erase(0, 1);
                while (!last.empty() && last.back() == ' ') last.pop_back();
                if (!last.empty() && last.size() <= 45 &&
                    last.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos)
                    req_.remote_addr = last;
            }
        }
        version_ = msg.version();
        keep_alive_ = msg.keep_alive();
        head_ = req_.method == "HEAD";
        if (!decode_target(req_)) return respond(error_response(400, "invalid_path", "请求路径格式错误"), true);

        const std::size_t limit = shared_.router.max_body_for(req_.method, req_.path);
        const auto length = parser_->content_length();
        if (length && *length > limit) return respond(too_large(), true);
        parser_->body_limit(limit);
        if (parser_->is_done()) return dispatch();

        if (lower(msg[bhttp::field::expect]) == "100-continue") {
            continue_ = {};
            continue_.version(version_);
            continue_.result(bhttp::status::continue_);
            return bhttp::async_write(stream_, continue_,
                                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                          if (ec) return;
                                          self->read_body();
                                      });
        }
        read_body();
    }

    void read_body() {
        bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->on_body(ec);
        });
    }

    void on_body(beast::error_code ec) {
        if (ec == bhttp::error::body_limit) return respond(too_large(), true);
        if (malformed(ec)) return respond(error_response(400, "bad_request", "请求格式错误"), true);
        if (ec) return;
        dispatch();
    }

    /// Handlers may block (database, argon2id): they run on the worker pool, never on an I/O thread.
    void dispatch() {
        req_.body = std::move(parser_->get().body());
        auto& pool = shared_.router.cost_for(req_.method, req_.path) == Cost::Slow ? shared_.slow_pool : shared_.pool;
        net::post(pool, [self = shared_from_this()] {
            Response res;
            try {
                res = self->shared_.router.dispatch(self->req_);
            } catch (...) {
                res = error_response(500, "internal", "服务器内部错误");
            }
            net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable {
                self->respond(std::move(res), false);
            });
        });
    }

    static Response too_large() { return error_response(413, "too_large", "请求内容过大"); }

    /// An error found before any request header could be read.
    void reject(int status, const std::string& code, const std::string& message) {
        begin_request();
        req_.request_id = random_request_id();
        respond(error_response(status, code, message), true);
    }

    void begin_request() {
        req_ = Request{};
        started_ = SteadyClock::now();
        in_flight_ = true;
        version_ = 11;
        keep_alive_ = false;
        head_ = false;
        ++shared_.active;
        metrics_request_started();
    }

    void end_request_without_response() {
        in_flight_ = false;
        --shared_.active;
        metrics_request_abandoned();
    }

    void respond(Response res, bool close) {
        close_ = close || !keep_alive_ || shared_.draining.load();
        status_ = res.status;
        res_ = {};
        res_.version(version_);
        res_.result(static_cast<unsigned>(res.status));
        const bool no_body = res.status / 100 == 1 || res.status == 204 || res.status == 304;
        if (!no_body && !res.content_type.empty()) res_.set(bhttp::field::content_type, res.content_type);
        for (auto& [name, value] : res.headers) res_.insert(name, value);

        // A handler's own value wins (e.g. a download's Cache-Control); the request id is always ours.
        auto set_default = [this](std::string_view name, std::string_view value) {
            if (res_.find(name) == res_.end()) res_.set(name, value);
        };
        res_.set("X-Request-Id", req_.request_id);
        set_default("X-Content-Type-Options", "nosniff");
        set_default("X-Frame-Options", "DENY");
        set_default("Referrer-Policy", "no-referrer");
        set_default("Content-Security-Policy", kContentSecurityPolicy);
        if (req_.path.rfind("/api/", 0) == 0) set_default("Cache-Control", "no-store");
        if (req_.secure) set_default("Strict-Transport-Security", "max-age=31536000");
        res_.erase(bhttp::field::transfer_encoding);
        res_.keep_alive(!close_);

        // Content-Length by hand: HEAD announces the GET length without sending the body.
        if (no_body) {
            res_.erase(bhttp::field::content_length);
        } else {
            res_.content_length(res.body.size());
            if (!head_) res_.body() = std::move(res.body);
        }
        body_bytes_ = res_.body().size();

        stream_.expires_after(shared_.options.read_timeout);
        bhttp::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->on_write(ec);
        });
    }

    void on_write(beast::error_code ec) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started_);
        in_flight_ = false;
        --shared_.active;
        metrics_request_finished(status_, elapsed);
        if (shared_.log) log(elapsed);
        if (ec) return;
        if (close_) return linger();
        parser_.reset();
        wait_for_request();
    }

    void log(std::chrono::microseconds elapsed) const {
        const std::string path = req_.path.empty() ? req_.target.substr(0, req_.target.find('?')) : req_.path;
        const auto us = elapsed.count();
        shared_.log->info("{{\"ts\":\"{}\",\"request_id\":\"{}\",\"method\":\"{}\",\"path\":\"{}\",\"status\":{},"
                          "\"ms\":{}.{:03},\"bytes\":{}}}",
                          utc_timestamp(), json_escape(req_.request_id), json_escape(req_.method), json_escape(path),
                          status_, us / 1000, us % 1000, body_bytes_);
    }

    /// Half-closes, then reads and discards until the client closes or kLingerTime passes.
    void linger() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return;
        buffer_.consume(buffer_.size());
        stream_.expires_after(kLingerTime);
        discard();
    }

    void discard() {
        stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (!ec) self->discard();
                                });
    }

    Shared& shared_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bhttp::response<bhttp::empty_body> continue_;
    bhttp::response<bhttp::string_body> res_;
    std::string remote_addr_;
    Request req_;
    SteadyClock::time_point started_;
    unsigned version_ = 11;
    int status_ = 0;
    std::size_t body_bytes_ = 0;
    bool in_flight_ = false;
    bool keep_alive_ = false;
    bool head_ = false;
    bool close_ = false;
};

}  // namespace

struct Server::Impl {
    /// Everything bound to the io_context; destroyed in stop() once every thread has been joined.
    struct Runtime {
        explicit Runtime(int threads)
            : ioc(threads), accept_strand(net::make_strand(ioc)), acceptor(accept_strand),
              accept_retry(accept_strand), work(net::make_work_guard(ioc)) {}

        net::io_context ioc;
        net::strand<net::io_context::executor_type> accept_strand;
        tcp::acceptor acceptor;
        net::steady_timer accept_retry;
        std::optional<net::signal_set> signals;
        net::executor_work_guard<net::io_context::executor_type> work;
    };

    Impl(const Router& r, ServerOptions o) : router(r), options(std::move(o)) {
        if (access_log_disabled_by_env()) options.access_log = false;
    }

    void accept() {
        rt->acceptor.async_accept(net::make_strand(rt->ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (!rt->acceptor.is_open()) return;
            if (ec) {
                // Out of file descriptors and the like: back off instead of spinning.
                spdlog::warn("{{\"event\":\"accept_failed\",\"error\":\"{}\"}}", json_escape(ec.message()));
                rt->accept_retry.expires_after(std::chrono::milliseconds(100));
                rt->accept_retry.async_wait([this](beast::error_code wait_ec) {
                    if (!wait_ec && rt->acceptor.is_open()) accept();
                });
                return;
            }
            std::make_shared<Session>(std::move(socket), *shared)->start();
            accept();
        });
    }

    void request_stop() {
        {
            std::lock_guard lock(state_mutex);
            stop_requested = true;
        }
        state_cv.notify_all();
    }

    const Router& router;
    ServerOptions options;
    std::unique_ptr<Shared> shared;
    std::unique_ptr<Runtime> rt;
    std::vector<std::thread> threads;
    unsigned short port = 0;
    std::mutex stop_mutex;  ///< serialises start, wait's setup and stop
    bool running = false;
    std::mutex state_mutex;
    std::condition_variable state_cv;
    bool stop_requested = false;
};

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

Server::~Server() { stop(); }

unsigned short Server::start() {
    std::lock_guard lock(impl_->stop_mutex);
    Impl& m = *impl_;
    if (m.running) return m.port;
    const int io_threads = m.options.io_threads > 0 ? m.options.io_threads : static_cast<int>(cores());
    const int workers = m.options.worker_threads > 0 ? m.options.worker_threads
                                                     : static_cast<int>(cores());
    const int slow_workers = std::max(1, m.options.slow_threads);
    const std::string where = m.options.host + ":" + std::to_string(m.options.port);

    auto rt = std::make_unique<Impl::Runtime>(io_threads);
    beast::error_code ec;
    tcp::endpoint endpoint;
    tcp::resolver resolver(rt->ioc);
    const auto results = resolver.resolve(m.options.host, std::to_string(m.options.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (!ec && results.empty()) ec = net::error::host_not_found;
    if (!ec) endpoint = results.begin()->endpoint();
    if (!ec) rt->acceptor.open(endpoint.protocol(), ec);
    if (!ec) rt->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) rt->acceptor.bind(endpoint, ec);
    if (!ec) rt->acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) throw core::Error::validation("listen_failed", "无法监听地址 " + where + "（" + ec.message() + "）", "listen");
    m.port = rt->acceptor.local_endpoint().port();

    m.shared = std::make_unique<Shared>(m.router, m.options, static_cast<std::size_t>(workers),
                                        static_cast<std::size_t>(slow_workers));
    if (m.options.access_log) m.shared->log = access_logger();
    m.rt = std::move(rt);
    {
        std::lock_guard state(m.state_mutex);
        m.stop_requested = false;
    }
    m.accept();
    for (int i = 0; i < io_threads; ++i) {
        m.threads.emplace_back([&m] {
            for (;;) {
                try {
                    m.rt->ioc.run();
                    return;
                } catch (const std::exception& e) {
                    spdlog::error("{{\"event\":\"io_thread_exception\",\"error\":\"{}\"}}", json_escape(e.what()));
                }
            }
        });
    }
    m.running = true;
    return m.port;
}

void Server::wait() {
    Impl& m = *impl_;
    {
        std::lock_guard lock(m.stop_mutex);
        if (!m.running) return;
        if (!m.rt->signals) {
            m.rt->signals.emplace(m.rt->ioc, SIGINT, SIGTERM);
            m.rt->signals->async_wait([&m](beast::error_code ec, int) {
                if (!ec) m.request_stop();
            });
        }
    }
    {
        std::unique_lock lock(m.state_mutex);
        m.state_cv.wait(lock, [&m] { return m.stop_requested; });
    }
    stop();
}

void Server::stop() {
    Impl& m = *impl_;
    {
        std::lock_guard lock(m.stop_mutex);
        if (!m.running) return;
        m.shared->draining = true;
        net::post(m.rt->accept_strand, [&m] {
            beast::error_code ec;
            m.rt->acceptor.close(ec);
            m.rt->accept_retry.cancel();
        });
        const auto deadline = SteadyClock::now() + kDrainTime;
        while (m.shared->active.load() > 0 && SteadyClock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));

        m.rt->work.reset();
        m.rt->ioc.stop();
        for (auto& t : m.threads) t.join();
        m.threads.clear();
        // Handlers still running post their replies to the stopped io_context, where they are dropped.
        m.shared->pool.join();
        m.shared->slow_pool.join();
        // Destroying the io_context destroys the pending handlers and with them the sessions and sockets.
        m.rt.reset();
        m.shared.reset();
        m.running = false;
    }
    m.request_stop();
}

}  // namespace hulei::http
