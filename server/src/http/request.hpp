#pragma once
// Plain HTTP request/response values: what handlers see. No Boost here; the Beast transport
// (http/server.cpp) converts to and from these.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hulei::http {

struct Request {
    std::string method;                           ///< upper case: GET, POST, PUT, PATCH, DELETE
    std::string target;                           ///< as received, with query string
    std::string path;                             ///< decoded path without the query string
    std::map<std::string, std::string> query;     ///< decoded query parameters
    std::map<std::string, std::string> headers;   ///< header names in lower case
    std::map<std::string, std::string> params;    ///< path parameters filled by the router
    std::string body;
    std::string remote_addr;
    std::string request_id;
    bool secure = false;                          ///< true when the client connection is TLS (X-Forwarded-Proto)

    std::string header(std::string_view name) const;  ///< "" when absent; name in lower case
    std::string cookie(std::string_view name) const;   ///< "" when absent
    std::string param(std::string_view name) const;    ///< path parameter
    std::int64_t id_param(std::string_view name) const;  ///< positive integer path parameter, else NotFound
    std::string query_value(std::string_view name) const;  ///< "" when absent
    /// A positive integer query parameter, nullopt when absent; anything else is a Validation error naming it.
    std::optional<std::int64_t> query_id(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

}  // namespace hulei::http
