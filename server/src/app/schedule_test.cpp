#include "app/schedule.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hulei::app {
namespace {

constexpr std::int64_t kHour = 3'600'000;

TEST(RunDue, FirstRunAtOnceThenAfterEachInterval) {
    EXPECT_TRUE(run_due(0, std::nullopt, 24));
    EXPECT_FALSE(run_due(10 * kHour, 0, 24));
    EXPECT_FALSE(run_due(24 * kHour - 1, 0, 24));
    EXPECT_TRUE(run_due(24 * kHour, 0, 24));
    EXPECT_TRUE(run_due(100 * kHour, 0, 24));
}

TEST(RunDue, AnIntervalBelowOneHourCountsAsOneHour) {
    EXPECT_FALSE(run_due(kHour - 1, 0, 0));
    EXPECT_TRUE(run_due(kHour, 0, -5));
}

struct Fixture {
    core::AdjustableClock clock;
    std::int64_t interval = 24;
    int runs = 0;
    bool fail = false;
    PeriodicJob job{"test", clock, [this] { return interval; },
                    [this] {
                        if (fail) throw std::runtime_error("database unavailable");
                        ++runs;
                    }};
};

TEST(PeriodicJob, RunsAtStartThenEveryIntervalOnTheClock) {
    Fixture f;
    EXPECT_TRUE(f.job.tick());
    EXPECT_EQ(f.runs, 1);
    EXPECT_FALSE(f.job.tick());
    f.clock.advance_ms(23 * kHour);
    EXPECT_FALSE(f.job.tick());
    f.clock.advance_ms(kHour);
    EXPECT_TRUE(f.job.tick());
    EXPECT_EQ(f.runs, 2);
    EXPECT_FALSE(f.job.tick());
}

TEST(PeriodicJob, ReadsTheIntervalAnewEachCycle) {
    Fixture f;
    EXPECT_TRUE(f.job.tick());
    f.clock.advance_ms(2 * kHour);
    EXPECT_FALSE(f.job.tick());
    f.interval = 2;  // the policy was lowered: due now, counted from the last run
    EXPECT_TRUE(f.job.tick());
    f.interval = 168;
    f.clock.advance_ms(100 * kHour);
    EXPECT_FALSE(f.job.tick());
    EXPECT_EQ(f.runs, 2);
}

TEST(PeriodicJob, AFailedRunIsRetriedAtTheNextCycle) {
    Fixture f;
    f.fail = true;
    EXPECT_FALSE(f.job.tick());
    EXPECT_FALSE(f.job.last_run().has_value());
    f.fail = false;
    EXPECT_TRUE(f.job.tick());
    EXPECT_EQ(f.runs, 1);
    EXPECT_TRUE(f.job.last_run().has_value());
}

TEST(PeriodicJob, StopsPromptlyAndTwiceSafely) {
    Fixture f;
    f.job.start(std::chrono::hours(1));  // waits an hour between ticks unless stopped
    f.job.stop();
    f.job.stop();
    EXPECT_LE(f.runs, 1);
}

}  // namespace
}  // namespace hulei::app
