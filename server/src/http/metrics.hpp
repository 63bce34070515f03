#pragma once
// Process-wide HTTP counters: updated by the transport (http/server.cpp), rendered for GET /metrics
// in the Prometheus text format. Plain atomics, no Boost, no locks.
#include <chrono>
#include <cstdint>
#include <string>

namespace hulei::http {

/// A point-in-time copy of the counters (tests, /healthz).
struct MetricsSnapshot {
    std::uint64_t requests_2xx = 0;
    std::uint64_t requests_3xx = 0;
    std::uint64_t requests_4xx = 0;
    std::uint64_t requests_5xx = 0;
    std::uint64_t duration_us_sum = 0;   ///< summed duration of finished requests, microseconds
    std::int64_t in_flight = 0;
    std::int64_t open_connections = 0;
};

/// A connection was accepted.
void metrics_connection_opened();
/// An accepted connection was closed.
void metrics_connection_closed();
/// A request header arrived; the request is in flight until finished or abandoned.
void metrics_request_started();
/// A response was written (or failed to be written) after `elapsed`; counted by status class.
void metrics_request_finished(int status, std::chrono::microseconds elapsed);
/// A request in flight ended without a response (connection lost, server stopping).
void metrics_request_abandoned();

/// The current counters.
MetricsSnapshot metrics_snapshot();
/// The counters in the Prometheus text exposition format (version 0.0.4).
std::string metrics_text();

}  // namespace hulei::http
