// The Beast transport seen from a raw socket: limits, timeouts, headers, keep-alive, the worker pool
// and the static files behind it. One server for the suite, on an ephemeral port.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "http/json_io.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

namespace hulei::http {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    bool has(const std::string& name) const { return headers.count(name) > 0; }
};

/// A blocking HTTP/1.1 client on a plain socket, with a receive timeout so no test can hang.
class Client {
public:
    explicit Client(unsigned short port, milliseconds timeout = milliseconds(3000)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        timeval tv{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~Client() { ::close(fd_); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    bool connected() const { return connected_; }

    bool send(std::string_view data) {
        while (!data.empty()) {
            const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// The next reply; nullopt on timeout or when the connection closes first.
    std::optional<Reply> read(bool head = false) {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) return std::nullopt;
        Reply r;
        const std::string head_text = buffer_.substr(0, end);
        buffer_.erase(0, end + 4);
        std::size_t pos = head_text.find("\r\n");
        const std::string status_line = head_text.substr(0, pos);
        if (status_line.size() < 12) return std::nullopt;
        r.status = std::atoi(status_line.c_str() + 9);
        while (pos != std::string::npos) {
            const std::size_t start = pos + 2;
            pos = head_text.find("\r\n", start);
            const std::string line = head_text.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = line.substr(0, colon);
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
            r.headers[name] = value;
        }
        if (r.status / 100 == 1) return r;
        const std::size_t length = head || !r.has("content-length") ? 0 : std::stoul(r.header("content-length"));
        while (buffer_.size() < length)
            if (!fill()) return std::nullopt;
        r.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return r;
    }

    /// Whether the server closes the connection (EOF or reset) before the receive timeout.
    bool closed_by_peer() {
        char c;
        const ssize_t n = ::recv(fd_, &c, 1, 0);
        return n == 0 || (n < 0 && errno == ECONNRESET);
    }

private:
    bool fill() {
        char chunk[16384];
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string buffer_;
};

std::string get(const std::string& target, const std::string& extra_headers = {}) {
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra_headers + "\r\n";
}

std::optional<Reply> roundtrip(unsigned short port, const std::string& raw, bool head = false) {
    Client c(port);
    if (!c.connected() || !c.send(raw)) return std::nullopt;
    return c.read(head);
}

std::string gunzip(const std::string& data) {
    z_stream zs{};
    if (inflateInit2(&zs, 31) != Z_OK) return {};
    std::string out(data.size() * 20 + 1024, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    inflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string();
}

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

const std::string kIndexHtml = "<!doctype html><html><head><title>护蕾</title></head><body><div id=app></div></body></html>";

std::string app_js() {
    std::string js;
    for (int i = 0; js.size() < 5 * 1024; ++i)
        js += "export function handler" + std::to_string(i) + "(x) { return x + " + std::to_string(i) + "; }\n";
    return js;
}

class TransportTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        char dir_template[] = "/tmp/hulei_transport_XXXXXX";
        root_ = new fs::path(::mkdtemp(dir_template));
        write_file(*root_ / "web" / "index.html", kIndexHtml);
        write_file(*root_ / "web" / "assets" / "app-3f9a.js", app_js());
        write_file(*root_ / "web" / "assets" / "small.css", "body{margin:0}");
        write_file(*root_ / "outside.txt", "secret");
        fs::create_directory_symlink(*root_, *root_ / "web" / "escape");

        router_ = new Router();
        router_->add("POST", "/api/echo", Guard::anyone(),
                     [](const Request& req, const security::Principal&) {
                         Response r;
                         r.content_type = "text/plain; charset=utf-8";
                         r.body = req.body;
                         return r;
                     },
                     1024);
        router_->add("GET", "/api/ping", Guard::anyone(),
                     [](const Request&, const security::Principal&) { return ok(Json{{"pong", true}}); });
        router_->add("GET", "/api/empty", Guard::anyone(),
                     [](const Request&, const security::Principal&) { return no_content(); });
        router_->add("GET", "/api/slow", Guard::anyone(), [](const Request&, const security::Principal&) {
            std::this_thread::sleep_for(milliseconds(200));
            return ok(Json{{"slow", true}});
        });
        router_->add("GET", "/api/slower", Guard::anyone(), [](const Request&, const security::Principal&) {
            std::this_thread::sleep_for(milliseconds(500));
            return ok(Json{{"slow", true}});
        });
        router_->add("GET", "/api/inspect", Guard::anyone(), [](const Request& req, const security::Principal&) {
            return ok(Json{{"path", req.path},
                           {"query", req.query},
                           {"method", req.method},
                           {"secure", req.secure},
                           {"remote_addr", req.remote_addr},
                           {"x_test", req.header("x-test")}});
        });
        router_->add("GET", "/api/cached", Guard::anyone(), [](const Request&, const security::Principal&) {
            Response r = ok(Json::object());
            r.set_header("Cache-Control", "private, max-age=60");
            return r;
        });
        files_ = new StaticFiles((*root_ / "web").string());
        router_->set_fallback([](const Request& req) { return files_->serve(req); });

        ServerOptions options;
        options.port = 0;
        options.io_threads = 1;  // one I/O thread: a handler blocking it would serialise the slow requests
        options.worker_threads = 4;
        options.idle_timeout = std::chrono::seconds(1);
        options.read_timeout = std::chrono::seconds(5);
        options.access_log = false;
        options.trust_proxy = true;
        server_ = new Server(*router_, options);
        port_ = server_->start();
    }

    static void TearDownTestSuite() {
        delete server_;
        delete files_;
        delete router_;
        fs::remove_all(*root_);
        delete root_;
    }

    static inline fs::path* root_ = nullptr;
    static inline Router* router_ = nullptr;
    static inline StaticFiles* files_ = nullptr;
    static inline Server* server_ = nullptr;
    static inline unsigned short port_ = 0;
};

bool is_hex16(const std::string& s) {
    return s.size() == 16 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST_F(TransportTest, AnswersWithSecurityHeadersAndRequestId) {
    auto r = roundtrip(port_, get("/api/ping"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(Json::parse(r->body), (Json{{"pong", true}}));
    EXPECT_EQ(r->header("content-type"), "application/json; charset=utf-8");
    EXPECT_TRUE(is_hex16(r->header("x-request-id"))) << r->header("x-request-id");
    EXPECT_EQ(r->header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r->header("x-frame-options"), "DENY");
    EXPECT_EQ(r->header("referrer-policy"), "no-referrer");
    EXPECT_EQ(r->header("content-security-policy"),
              "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
              "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    EXPECT_EQ(r->header("cache-control"), "no-store");
    EXPECT_FALSE(r->has("strict-transport-security"));
}

TEST_F(TransportTest, KeepsASafeIncomingRequestIdAndReplacesAnUnsafeOne) {
    auto kept = roundtrip(port_, get("/api/ping", "X-Request-Id: edge-7f3a.12_b\r\n"));
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->header("x-request-id"), "edge-7f3a.12_b");
    auto replaced = roundtrip(port_, get("/api/ping", "X-Request-Id: <script>\r\n"));
    ASSERT_TRUE(replaced);
    EXPECT_TRUE(is_hex16(replaced->header("x-request-id")));
    auto too_long = roundtrip(port_, get("/api/ping", "X-Request-Id: " + std::string(65, 'a') + "\r\n"));
    ASSERT_TRUE(too_long);
    EXPECT_TRUE(is_hex16(too_long->header("x-request-id")));
}

TEST_F(TransportTest, HandlerCacheControlWins) {
    auto r = roundtrip(port_, get("/api/cached"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header("cache-control"), "private, max-age=60");
}

TEST_F(TransportTest, UnknownApiPathIs404Json) {
    auto r = roundtrip(port_, get("/api/nope"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(Json::parse(r->body)["error"]["code"], "route_not_found");
    EXPECT_EQ(r->header("x-frame-options"), "DENY");
}

TEST_F(TransportTest, EchoesABodyWithinTheRouteLimit) {
    auto r = roundtrip(port_, "POST /api/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "hello");
}

TEST_F(TransportTest, BodyOverTheRouteLimitIs413) {
    const std::string body(2048, 'x');
    auto r = roundtrip(port_, "POST /api/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2048\r\n\r\n" + body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(Json::parse(r->body), Json::parse(R"({"error":{"code":"too_large","message":"请求内容过大","field":null}})"));
    EXPECT_EQ(r->header("connection"), "close");
    EXPECT_TRUE(is_hex16(r->header("x-request-id")));
}

TEST_F(TransportTest, HugeDeclaredBodyIs413BeforeItArrives) {
    Client c(port_);
    ASSERT_TRUE(c.send("POST /api/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10485760\r\n\r\n"));
    ASSERT_TRUE(c.send(std::string(64 * 1024, 'x')));
    const auto started = SteadyClock::now();
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    EXPECT_EQ(Json::parse(r->body)["error"]["code"], "too_large");
    EXPECT_LT(SteadyClock::now() - started, milliseconds(2000));
    EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(TransportTest, ChunkedBodyOverTheRouteLimitIs413) {
    Client c(port_);
    const std::string chunk(2048, 'y');
    ASSERT_TRUE(c.send("POST /api/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + chunk +
                       "\r\n0\r\n\r\n"));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
}

TEST_F(TransportTest, GarbageIs400AndClosed) {
    Client c(port_);
    ASSERT_TRUE(c.send("GARBAGE\r\n\r\n"));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(Json::parse(r->body)["error"]["code"], "bad_request");
    EXPECT_EQ(r->header("x-content-type-options"), "nosniff");
    EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(TransportTest, OversizedHeaderIsRejected) {
    auto r = roundtrip(port_, get("/api/ping", "X-Big: " + std::string(17 * 1024, 'a') + "\r\n"));
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->status == 431 || r->status == 400) << r->status;
}

TEST_F(TransportTest, KeepAliveServesTwoRequestsOnOneConnection) {
    Client c(port_);
    ASSERT_TRUE(c.send(get("/api/ping")));
    auto first = c.read();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    EXPECT_NE(first->header("connection"), "close");
    ASSERT_TRUE(c.send(get("/api/nope")));
    auto second = c.read();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 404);
    EXPECT_NE(first->header("x-request-id"), second->header("x-request-id"));
}

TEST_F(TransportTest, PipelinedRequestsAreAnsweredInOrder) {
    Client c(port_);
    ASSERT_TRUE(c.send(get("/api/ping") + get("/api/empty") + get("/api/nope")));
    auto a = c.read();
    auto b = c.read();
    auto d = c.read();
    ASSERT_TRUE(a && b && d);
    EXPECT_EQ(a->status, 200);
    EXPECT_EQ(b->status, 204);
    EXPECT_EQ(d->status, 404);
}

TEST_F(TransportTest, ConnectionCloseIsHonoured) {
    Client c(port_);
    ASSERT_TRUE(c.send(get("/api/ping", "Connection: close\r\n")));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->header("connection"), "close");
    EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(TransportTest, NoContentHasNeitherBodyNorContentType) {
    Client c(port_);
    ASSERT_TRUE(c.send(get("/api/empty")));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 204);
    EXPECT_FALSE(r->has("content-type"));
    EXPECT_FALSE(r->has("content-length"));
    EXPECT_TRUE(r->has("x-request-id"));
    ASSERT_TRUE(c.send(get("/api/ping")));
    auto next = c.read();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
}

TEST_F(TransportTest, HeadSendsHeadersWithoutBody) {
    Client c(port_);
    ASSERT_TRUE(c.send("HEAD /api/ping HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = c.read(true);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("content-length"), std::to_string(Json{{"pong", true}}.dump().size()));
    ASSERT_TRUE(c.send(get("/api/nope")));
    auto next = c.read();  // would misparse if HEAD had sent a body
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 404);
}

TEST_F(TransportTest, IdleConnectionIsClosedAfterTheIdleTimeout) {
    Client c(port_, milliseconds(4000));
    ASSERT_TRUE(c.connected());
    const auto started = SteadyClock::now();
    EXPECT_TRUE(c.closed_by_peer());
    const auto waited = SteadyClock::now() - started;
    EXPECT_GT(waited, milliseconds(700));
    EXPECT_LT(waited, milliseconds(3000));
}

TEST_F(TransportTest, SlowHandlersRunOnTheWorkerPoolInParallel) {
    std::optional<Reply> a, b;
    const auto started = SteadyClock::now();
    std::thread t1([&] { a = roundtrip(port_, get("/api/slow")); });
    std::thread t2([&] { b = roundtrip(port_, get("/api/slow")); });
    t1.join();
    t2.join();
    const auto elapsed = SteadyClock::now() - started;
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->status, 200);
    EXPECT_EQ(b->status, 200);
    EXPECT_LT(elapsed, milliseconds(350));
}

TEST_F(TransportTest, IoThreadStaysResponsiveDuringASlowHandler) {
    std::optional<Reply> slow;
    std::thread t([&] { slow = roundtrip(port_, get("/api/slower")); });
    std::this_thread::sleep_for(milliseconds(50));
    const auto started = SteadyClock::now();
    auto quick = roundtrip(port_, get("/api/ping"));
    const auto elapsed = SteadyClock::now() - started;
    t.join();
    ASSERT_TRUE(quick && slow);
    EXPECT_LT(elapsed, milliseconds(300));  // a blocked I/O thread would make it wait about 450 ms
}

TEST_F(TransportTest, DecodesPathQueryAndHeaders) {
    auto r = roundtrip(port_, get("/api/inspect?name=%E5%BC%A0+%E4%B8%89&sum=1%2B1&flag",
                                  "X-Test: Value\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 6.6.6.6, 10.1.2.3\r\n"));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const Json j = Json::parse(r->body);
    EXPECT_EQ(j["path"], "/api/inspect");
    EXPECT_EQ(j["query"]["name"], "张 三");
    EXPECT_EQ(j["query"]["sum"], "1+1");
    EXPECT_EQ(j["query"]["flag"], "");
    EXPECT_EQ(j["method"], "GET");
    EXPECT_EQ(j["secure"], true);
    EXPECT_EQ(j["remote_addr"], "10.1.2.3");  // the entry the trusted proxy appended, not the client's claim
    EXPECT_EQ(j["x_test"], "Value");
    EXPECT_EQ(r->header("strict-transport-security"), "max-age=31536000");
}

TEST_F(TransportTest, PercentEncodedPathIsDecodedBeforeRouting) {
    auto r = roundtrip(port_, get("/api/%70ing"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
}

TEST_F(TransportTest, InvalidEncodingsAre400) {
    for (const std::string target : {"/api/inspect?x=%zz", "/api/inspect?x=%4", "/api/%00ping", "/api/%E5ping",
                                     "/api/inspect?x=a%00b"}) {
        auto r = roundtrip(port_, get(target));
        ASSERT_TRUE(r) << target;
        EXPECT_EQ(r->status, 400) << target;
        EXPECT_EQ(Json::parse(r->body)["error"]["code"], "invalid_path") << target;
    }
}

TEST_F(TransportTest, ExpectContinueGetsAnInterimReply) {
    Client c(port_);
    ASSERT_TRUE(c.send("POST /api/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
    auto interim = c.read();
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    ASSERT_TRUE(c.send("hello"));
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "hello");
}

TEST_F(TransportTest, StaticFilesRejectTraversal) {
    for (const std::string target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/%2E%2E/%2E%2E/outside.txt",
                                     "/escape/outside.txt", "/escape/outside", "/.hidden", "/assets/.env"}) {
        auto r = roundtrip(port_, get(target));
        ASSERT_TRUE(r) << target;
        EXPECT_EQ(r->status, 404) << target;
        EXPECT_EQ(r->body.find("secret"), std::string::npos);
        EXPECT_EQ(r->body.find("root:"), std::string::npos);
    }
    // An absolute-looking path stays under the root: no such file there, so the console's index.
    auto doubled = roundtrip(port_, get("//etc/passwd"));
    ASSERT_TRUE(doubled);
    EXPECT_EQ(doubled->body, kIndexHtml);
}

TEST_F(TransportTest, StaticFilesFallBackToIndexForAppRoutes) {
    auto r = roundtrip(port_, get("/units"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, kIndexHtml);
    EXPECT_EQ(r->header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(r->header("cache-control"), "no-cache");
    EXPECT_EQ(r->header("x-frame-options"), "DENY");

    auto root = roundtrip(port_, get("/"));
    ASSERT_TRUE(root);
    EXPECT_EQ(root->body, kIndexHtml);

    auto missing = roundtrip(port_, get("/assets/missing-1a2b.js"));
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(Json::parse(missing->body)["error"]["code"], "not_found");
}

TEST_F(TransportTest, StaticFilesGzipTextAssetsWhenAsked) {
    const std::string js = app_js();
    auto gz = roundtrip(port_, get("/assets/app-3f9a.js", "Accept-Encoding: gzip, deflate, br\r\n"));
    ASSERT_TRUE(gz);
    EXPECT_EQ(gz->status, 200);
    EXPECT_EQ(gz->header("content-encoding"), "gzip");
    EXPECT_EQ(gz->header("vary"), "Accept-Encoding");
    EXPECT_EQ(gz->header("content-type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(gz->header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_LT(gz->body.size(), js.size());
    EXPECT_EQ(gunzip(gz->body), js);

    auto again = roundtrip(port_, get("/assets/app-3f9a.js", "Accept-Encoding: gzip\r\n"));  // from the cache
    ASSERT_TRUE(again);
    EXPECT_EQ(again->body, gz->body);

    auto plain = roundtrip(port_, get("/assets/app-3f9a.js"));
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->has("content-encoding"));
    EXPECT_EQ(plain->body, js);

    auto small = roundtrip(port_, get("/assets/small.css", "Accept-Encoding: gzip\r\n"));
    ASSERT_TRUE(small);
    EXPECT_FALSE(small->has("content-encoding"));
    EXPECT_EQ(small->header("content-type"), "text/css; charset=utf-8");
    EXPECT_EQ(small->body, "body{margin:0}");
}

TEST_F(TransportTest, MetricsCountRequestsAndConnections) {
    const MetricsSnapshot before = metrics_snapshot();
    ASSERT_TRUE(roundtrip(port_, get("/api/ping")));
    ASSERT_TRUE(roundtrip(port_, get("/api/nope")));
    // The counters move once the write completes, which may be just after the client has the reply.
    const auto deadline = SteadyClock::now() + milliseconds(2000);
    MetricsSnapshot after = metrics_snapshot();
    while ((after.requests_2xx == before.requests_2xx || after.requests_4xx == before.requests_4xx) &&
           SteadyClock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(5));
        after = metrics_snapshot();
    }
    EXPECT_GE(after.requests_2xx, before.requests_2xx + 1);
    EXPECT_GE(after.requests_4xx, before.requests_4xx + 1);
    EXPECT_GT(after.duration_us_sum, before.duration_us_sum);
    const std::string text = metrics_text();
    for (const char* line : {"# TYPE hulei_http_requests_total counter", "hulei_http_requests_total{class=\"2xx\"} ",
                             "hulei_http_requests_total{class=\"5xx\"} ", "hulei_http_request_duration_ms_sum ",
                             "hulei_http_in_flight_requests ", "hulei_http_open_connections ", "hulei_build_info{version=\""})
        EXPECT_NE(text.find(line), std::string::npos) << line;
}

TEST(StaticFilesTest, ExplainsAnUnbuiltConsole) {
    char dir_template[] = "/tmp/hulei_static_XXXXXX";
    const fs::path dir = ::mkdtemp(dir_template);
    StaticFiles files(dir.string());
    Request req;
    req.method = "GET";
    req.path = "/";
    const Response r = files.serve(req);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("make run"), std::string::npos);
    fs::remove_all(dir);
}

TEST(ServerTest, ForwardedHeadersAreIgnoredUnlessTheProxyIsTrusted) {
    Router router;
    router.add("GET", "/api/who", Guard::anyone(), [](const Request& req, const security::Principal&) {
        return ok({{"secure", req.secure}, {"remote_addr", req.remote_addr}});
    });
    ServerOptions options;
    options.port = 0;
    options.access_log = false;
    Server server(router, options);
    const auto port = server.start();
    auto r = roundtrip(port, get("/api/who", "X-Forwarded-Proto: https\r\nX-Forwarded-For: 6.6.6.6\r\n"));
    ASSERT_TRUE(r);
    const Json j = Json::parse(r->body);
    EXPECT_EQ(j["secure"], false);
    EXPECT_EQ(j["remote_addr"], "127.0.0.1");
    EXPECT_EQ(r->header("strict-transport-security"), "");
}

TEST(ServerTest, StartFailsWhenThePortIsTaken) {
    Router router;
    ServerOptions options;
    options.port = 0;
    options.access_log = false;
    Server first(router, options);
    options.port = first.start();
    Server second(router, options);
    try {
        second.start();
        FAIL() << "bound a port that is in use";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), "listen_failed");
        EXPECT_EQ(e.field(), "listen");
    }
}

TEST(ServerTest, StopIsIdempotentAndWaitReturnsAfterStop) {
    Router router;
    ServerOptions options;
    options.port = 0;
    options.access_log = false;
    Server server(router, options);
    const unsigned short port = server.start();
    EXPECT_NE(port, 0);
    std::thread waiter([&] { server.wait(); });
    std::this_thread::sleep_for(milliseconds(50));
    server.stop();
    waiter.join();
    server.stop();
    Client c(port, milliseconds(500));
    EXPECT_FALSE(c.connected());
}

TEST(ServerTest, AccessLogIsOneJsonLineWithPathOnly) {
    ::unsetenv("HULEI_ACCESS_LOG");
    Router router;
    router.add("GET", "/api/ping", Guard::anyone(),
               [](const Request&, const security::Principal&) { return ok(Json{{"pong", true}}); });
    ServerOptions options;
    options.port = 0;
    options.access_log = true;
    Server server(router, options);
    const unsigned short port = server.start();
    ::testing::internal::CaptureStdout();
    auto r = roundtrip(port, get("/api/ping?id_number=110101199003077777", "X-Request-Id: log-test-1\r\n"));
    server.stop();
    const std::string out = ::testing::internal::GetCapturedStdout();
    ASSERT_TRUE(r);
    ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
    const Json line = Json::parse(out);
    EXPECT_EQ(line["request_id"], "log-test-1");
    EXPECT_EQ(line["method"], "GET");
    EXPECT_EQ(line["path"], "/api/ping");
    EXPECT_EQ(line["status"], 200);
    EXPECT_EQ(line["bytes"], r->body.size());
    EXPECT_TRUE(line["ms"].is_number());
    EXPECT_TRUE(line["ts"].is_string());
    EXPECT_EQ(out.find("110101"), std::string::npos);
}

TEST(ServerTest, StopClosesIdleKeepAliveConnections) {
    Router router;
    router.add("GET", "/api/ping", Guard::anyone(),
               [](const Request&, const security::Principal&) { return ok(Json{{"pong", true}}); });
    ServerOptions options;
    options.port = 0;
    options.access_log = false;
    auto server = std::make_unique<Server>(router, options);
    Client c(server->start());
    ASSERT_TRUE(c.send(get("/api/ping")));
    ASSERT_TRUE(c.read());
    const auto started = SteadyClock::now();
    server->stop();
    EXPECT_LT(SteadyClock::now() - started, milliseconds(1000));
    EXPECT_TRUE(c.closed_by_peer());
}

}  // namespace
}  // namespace hulei::http
