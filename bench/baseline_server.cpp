// The bench baseline: a bare asynchronous Beast server with Hulei's threading model (one io_context
// run by one thread per core, a strand per connection, keep-alive) that answers {"status":"ok"} to
// everything. `make bench` reports Hulei's throughput as a ratio to this.
// Usage: hulei_bench_baseline PORT [THREADS]
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
public:
    explicit Session(tcp::socket&& socket) : stream_(std::move(socket)) {
        beast::error_code ec;
        stream_.socket().set_option(tcp::no_delay(true), ec);
    }

    void read() {
        req_ = {};
        stream_.expires_after(std::chrono::seconds(30));
        bhttp::async_read(stream_, buffer_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            self->write();
        });
    }

private:
    void write() {
        res_ = {};
        res_.version(req_.version());
        res_.result(bhttp::status::ok);
        res_.set(bhttp::field::content_type, "application/json; charset=utf-8");
        res_.keep_alive(req_.keep_alive());
        res_.body() = R"({"status":"ok"})";
        res_.prepare_payload();
        bhttp::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            if (!self->res_.keep_alive()) {
                beast::error_code ignored;
                self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                return;
            }
            self->read();
        });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    bhttp::request<bhttp::string_body> req_;
    bhttp::response<bhttp::string_body> res_;
};

void accept(tcp::acceptor& acceptor, net::io_context& ioc) {
    acceptor.async_accept(net::make_strand(ioc), [&acceptor, &ioc](beast::error_code ec, tcp::socket socket) {
        if (!acceptor.is_open()) return;
        if (!ec) std::make_shared<Session>(std::move(socket))->read();
        accept(acceptor, ioc);
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: hulei_bench_baseline PORT [THREADS]\n";
        return 2;
    }
    const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
    const int threads = argc > 2 ? std::atoi(argv[2]) : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    net::io_context ioc(threads);
    tcp::acceptor acceptor(net::make_strand(ioc));
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
    beast::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        std::cerr << "cannot listen on 127.0.0.1:" << port << ": " << ec.message() << "\n";
        return 1;
    }
    accept(acceptor, ioc);

    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&ioc](beast::error_code, int) { ioc.stop(); });

    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    return 0;
}
