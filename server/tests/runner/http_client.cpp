#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace hulei::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string encode_target(std::string_view target) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(target.size());
    for (unsigned char c : target) {
        if (c <= 0x20 || c >= 0x7f) {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xf]);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

std::string HttpResponse::header(std::string_view name) const {
    const std::string key = lower_ascii(name);
    for (const auto& [n, v] : headers)
        if (n == key) return v;
    return {};
}

std::vector<std::string> HttpResponse::headers_named(std::string_view name) const {
    const std::string key = lower_ascii(name);
    std::vector<std::string> out;
    for (const auto& [n, v] : headers)
        if (n == key) out.push_back(v);
    return out;
}

HttpResponse HttpClient::send(const HttpRequest& request) const {
    HttpResponse out;
    asio::io_context ioc;
    tcp::socket socket(ioc);
    beast::error_code ec;
    socket.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port_), ec);
    if (ec) {
        out.error = "connect: " + ec.message();
        return out;
    }

    bhttp::request<bhttp::string_body> req;
    req.version(11);
    req.method_string(request.method);
    req.target(encode_target(request.target));
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    req.set(bhttp::field::connection, "close");
    for (const auto& [name, value] : request.headers) req.insert(name, value);
    req.body() = request.body;
    if (!request.body.empty() || (request.method != "GET" && request.method != "HEAD"))
        req.content_length(request.body.size());

    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(64 * 1024);
    parser.body_limit(256 * 1024 * 1024);
    if (request.method == "HEAD") parser.skip(true);  // the answer announces a body it does not send
    beast::flat_buffer buffer;

    // Write and read concurrently: a server may reject an oversized body after its headers and close,
    // and the answer must still be read rather than lost in a failed write.
    bool read_done = false;
    beast::error_code read_ec;
    bhttp::async_write(socket, req, [](beast::error_code, std::size_t) {});
    bhttp::async_read(socket, buffer, parser, [&](beast::error_code e, std::size_t) {
        read_done = true;
        read_ec = e;
        beast::error_code ignored;
        socket.cancel(ignored);
    });
    ioc.run_for(timeout_);
    if (!read_done) {
        beast::error_code ignored;
        socket.close(ignored);
        ioc.restart();
        ioc.run();
        out.error = "no response within " + std::to_string(timeout_.count()) + " s";
        return out;
    }
    if (read_ec) {
        out.error = "read: " + read_ec.message();
        return out;
    }
    const auto& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    for (const auto& field : res)
        out.headers.emplace_back(lower_ascii(std::string(field.name_string())), std::string(field.value()));
    out.body = res.body();
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    return out;
}

}  // namespace hulei::testing
