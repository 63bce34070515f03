#pragma once
// A small synchronous HTTP/1.1 client for the scenario runner: one loopback connection per request,
// arbitrary methods, headers and raw bodies. Boost stays inside http_client.cpp.
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hulei::testing {

/// Header name/value pairs in the order they are sent or received.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// A request exactly as it goes on the wire (the client adds only Host, Content-Length and Connection).
struct HttpRequest {
    std::string method;
    std::string target;   ///< path and query; bytes outside printable ASCII are percent-encoded on send
    HeaderList headers;
    std::string body;
};

/// A received response; `status` 0 with `error` set when the exchange failed at the transport.
struct HttpResponse {
    int status = 0;
    HeaderList headers;   ///< names in lower case
    std::string body;
    std::string error;

    /// The first value of header `name` (case-insensitive), "" when absent.
    std::string header(std::string_view name) const;
    /// Every value of header `name` (case-insensitive), e.g. several Set-Cookie lines.
    std::vector<std::string> headers_named(std::string_view name) const;
};

/// Talks to one server on 127.0.0.1.
class HttpClient {
public:
    /// A client of the server on 127.0.0.1:`port`; a request without an answer after `timeout` fails.
    explicit HttpClient(unsigned short port, std::chrono::seconds timeout = std::chrono::seconds(60))
        : port_(port), timeout_(timeout) {}
    /// Sends `request` on a fresh connection and reads the response, even when the server answers
    /// before the whole body is sent (413 on an oversized upload).
    HttpResponse send(const HttpRequest& request) const;
    unsigned short port() const { return port_; }  ///< the server's port

private:
    unsigned short port_;
    std::chrono::seconds timeout_;
};

/// Lower-cases ASCII letters.
std::string lower_ascii(std::string_view s);
/// Percent-encodes spaces, control bytes and bytes ≥ 0x80 of a request target (UTF-8 query values).
std::string encode_target(std::string_view target);

}  // namespace hulei::testing
