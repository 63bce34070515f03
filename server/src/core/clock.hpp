#pragma once
// Time: epoch milliseconds (UTC) everywhere in storage and APIs; shown in Asia/Shanghai by the console.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace hulei::core {

/// A source of the current time; tests substitute a clock they can advance.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t now_ms() const = 0;
};

class SystemClock : public Clock {
public:
    std::int64_t now_ms() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

/// Real time plus an offset that tests move forward (session expiry, lockout windows).
class AdjustableClock : public Clock {
public:
    std::int64_t now_ms() const override { return SystemClock().now_ms() + offset_ms_.load(); }
    void advance_ms(std::int64_t ms) { offset_ms_ += ms; }

private:
    std::atomic<std::int64_t> offset_ms_{0};
};

/// ISO-8601 UTC text of an epoch-millisecond time, e.g. 2026-11-29T14:00:00.000Z.
std::string iso8601_utc(std::int64_t ms);

}  // namespace hulei::core
