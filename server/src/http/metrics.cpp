#include "http/metrics.hpp"

#include <atomic>
#include <cstdio>
#include <utility>

namespace hulei::http {

namespace {

struct Counters {
    std::atomic<std::uint64_t> by_class[4] = {};  // 2xx, 3xx, 4xx, 5xx
    std::atomic<std::uint64_t> duration_us_sum{0};
    std::atomic<std::int64_t> in_flight{0};
    std::atomic<std::int64_t> open_connections{0};
};

Counters& counters() {
    static Counters c;
    return c;
}

std::string format_ms(std::uint64_t us) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%llu.%03llu", static_cast<unsigned long long>(us / 1000),
                  static_cast<unsigned long long>(us % 1000));
    return buf;
}

}  // namespace

void metrics_connection_opened() { counters().open_connections.fetch_add(1, std::memory_order_relaxed); }
void metrics_connection_closed() { counters().open_connections.fetch_sub(1, std::memory_order_relaxed); }
void metrics_request_started() { counters().in_flight.fetch_add(1, std::memory_order_relaxed); }
void metrics_request_abandoned() { counters().in_flight.fetch_sub(1, std::memory_order_relaxed); }

void metrics_request_finished(int status, std::chrono::microseconds elapsed) {
    auto& c = counters();
    c.in_flight.fetch_sub(1, std::memory_order_relaxed);
    int cls = status / 100 - 2;
    // 1xx never ends a request here; anything out of range is counted as a server error.
    if (cls < 0 || cls > 3) cls = 3;
    c.by_class[cls].fetch_add(1, std::memory_order_relaxed);
    if (elapsed.count() > 0)
        c.duration_us_sum.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

MetricsSnapshot metrics_snapshot() {
    const auto& c = counters();
    MetricsSnapshot s;
    s.requests_2xx = c.by_class[0].load(std::memory_order_relaxed);
    s.requests_3xx = c.by_class[1].load(std::memory_order_relaxed);
    s.requests_4xx = c.by_class[2].load(std::memory_order_relaxed);
    s.requests_5xx = c.by_class[3].load(std::memory_order_relaxed);
    s.duration_us_sum = c.duration_us_sum.load(std::memory_order_relaxed);
    s.in_flight = c.in_flight.load(std::memory_order_relaxed);
    s.open_connections = c.open_connections.load(std::memory_order_relaxed);
    return s;
}

std::string metrics_text() {
#ifdef HULEI_VERSION
    const char* version = HULEI_VERSION;
#else
    const char* version = "unknown";
#endif
    const MetricsSnapshot s = metrics_snapshot();
    const std::uint64_t total = s.requests_2xx + s.requests_3xx + s.requests_4xx + s.requests_5xx;
    std::string out;
    out.reserve(1024);
    out += "# HELP hulei_http_requests_total HTTP requests answered, by status class.\n";
    out += "# TYPE hulei_http_requests_total counter\n";
    const std::pair<const char*, std::uint64_t> classes[] = {
        {"2xx", s.requests_2xx}, {"3xx", s.requests_3xx}, {"4xx", s.requests_4xx}, {"5xx", s.requests_5xx}};
    for (const auto& [name, n] : classes)
        out += "hulei_http_requests_total{class=\"" + std::string(name) + "\"} " + std::to_string(n) + "\n";
    out += "# HELP hulei_http_request_duration_ms Time from request header to response written, milliseconds.\n";
    out += "# TYPE hulei_http_request_duration_ms summary\n";
    out += "hulei_http_request_duration_ms_sum " + format_ms(s.duration_us_sum) + "\n";
    out += "hulei_http_request_duration_ms_count " + std::to_string(total) + "\n";
    out += "# HELP hulei_http_in_flight_requests Requests received and not yet answered.\n";
    out += "# TYPE hulei_http_in_flight_requests gauge\n";
    out += "hulei_http_in_flight_requests " + std::to_string(s.in_flight) + "\n";
    out += "# HELP hulei_http_open_connections Open client connections.\n";
    out += "# TYPE hulei_http_open_connections gauge\n";
    out += "hulei_http_open_connections " + std::to_string(s.open_connections) + "\n";
    out += "# HELP hulei_build_info Build information; the value is always 1.\n";
    out += "# TYPE hulei_build_info gauge\n";
    out += "hulei_build_info{version=\"" + std::string(version) + "\"} 1\n";
    return out;
}

}  // namespace hulei::http
