#pragma once
// Periodic background work of `hulei serve`: a job run at start and then every N hours, N read anew each
// cycle (a policy), on a clock tests can move. The decision is a plain function; the thread only waits.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.hpp"

namespace hulei::app {

class App;

/// Whether a periodic run is due at `now_ms`: it never ran, or `interval_hours` (at least 1) have passed
/// since `last_run_ms`.
bool run_due(std::int64_t now_ms, std::optional<std::int64_t> last_run_ms, std::int64_t interval_hours);

/// A job run when due: `tick()` decides and runs (tests call it directly); `start()` calls it from a
/// background thread now and then every poll period until `stop()` (or destruction).
class PeriodicJob {
public:
    /// `interval_hours` is asked at every cycle; `job` does the work and may throw (logged, retried next cycle).
    PeriodicJob(std::string name, core::Clock& clock, std::function<std::int64_t()> interval_hours,
                std::function<void()> job);
    ~PeriodicJob();
    PeriodicJob(const PeriodicJob&) = delete;
    PeriodicJob& operator=(const PeriodicJob&) = delete;

    /// One cycle: runs the job when due; true when it ran and succeeded (then it is next due an interval on).
    bool tick();
    /// The time of the last successful run, if any.
    std::optional<std::int64_t> last_run() const { return last_run_; }
    /// Starts the background thread: a tick now, then one every `poll`.
    void start(std::chrono::milliseconds poll);
    /// Wakes the thread and joins it; a run in progress finishes first. Safe to call twice.
    void stop();

private:
    std::string name_;
    core::Clock& clock_;
    std::function<std::int64_t()> interval_hours_;
    std::function<void()> job_;
    std::optional<std::int64_t> last_run_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

/// For `hulei serve`: archives children who turned 18 (ChildrenService::archive_adults as the system
/// office, audited) at start and every policy children.archive_interval_hours. Stops when destroyed.
std::unique_ptr<PeriodicJob> start_archive_schedule(App& app);

}  // namespace hulei::app
