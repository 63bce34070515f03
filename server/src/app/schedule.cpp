#include "app/schedule.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "app/services.hpp"

namespace hulei::app {

namespace {

constexpr std::int64_t kMsPerHour = 3'600'000;
/// How often the thread wakes to ask whether a run is due (the interval itself is policy, in hours).
constexpr std::chrono::minutes kArchivePoll{1};

}  // namespace

bool run_due(std::int64_t now_ms, std::optional<std::int64_t> last_run_ms, std::int64_t interval_hours) {
    if (!last_run_ms) return true;
    return now_ms - *last_run_ms >= std::max<std::int64_t>(interval_hours, 1) * kMsPerHour;
}

PeriodicJob::PeriodicJob(std::string name, core::Clock& clock, std::function<std::int64_t()> interval_hours,
                         std::function<void()> job)
    : name_(std::move(name)), clock_(clock), interval_hours_(std::move(interval_hours)), job_(std::move(job)) {}

PeriodicJob::~PeriodicJob() {
    stop();
}

bool PeriodicJob::tick() {
    const auto now = clock_.now_ms();
    try {
        if (last_run_ && !run_due(now, last_run_, interval_hours_())) return false;
        job_();
        last_run_ = now;
        return true;
    } catch (const std::exception& e) {
        spdlog::error("{}: {}", name_, e.what());
        return false;
    }
}

void PeriodicJob::start(std::chrono::milliseconds poll) {
    thread_ = std::thread([this, poll] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            tick();
            lock.lock();
            wake_.wait_for(lock, poll, [this] { return stopping_; });
        }
    });
}

void PeriodicJob::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::unique_ptr<PeriodicJob> start_archive_schedule(App& app) {
    auto job = std::make_unique<PeriodicJob>(
        "archive-adults", app.clock(),
        [&app] {
            return app.db().read(
                [](db::Tx& tx) { return policy::PolicyService::get_int(tx, "children.archive_interval_hours"); });
        },
        [&app] {
            const auto n = children_service(app).archive_adults(children::ChildrenService::system_principal());
            if (n > 0) spdlog::info("archive-adults: {} children archived", n);
        });
    job->start(kArchivePoll);
    return job;
}

}  // namespace hulei::app
