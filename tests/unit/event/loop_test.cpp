#include "event/loop.hpp"

#include <csignal>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace braid::event {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<Loop> make_loop() {
    std::error_code ec;
    auto loop = Loop::create(ec);
    EXPECT_FALSE(ec) << ec.message();
    return loop;
}

// A pipe closed at the end of the test.
struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() { EXPECT_EQ(pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0); }
    ~Pipe() {
        for (int fd : fds)
            if (fd >= 0) close(fd);
    }
    int read_end() const { return fds[0]; }
    void put(char c) { ASSERT_EQ(write(fds[1], &c, 1), 1); }
    char take() {
        char c = 0;
        EXPECT_EQ(read(fds[0], &c, 1), 1);
        return c;
    }
};

// Serves wake-ups until `done` holds, for a bounded number of rounds.
template <typename Pred>
void run_until(Loop& loop, Pred done) {
    for (int i = 0; i < 2000 && !done(); ++i) ASSERT_FALSE(loop.run_once(10ms));
}

TEST(LoopTimers, FireInDeadlineOrderTiesInArmingOrder) {
    auto loop = make_loop();
    std::vector<std::string> fired;
    const TimePoint base = loop->now();
    loop->arm_timer(base + 3ms, [&] { fired.push_back("third"); });
    loop->arm_timer(base + 1ms, [&] { fired.push_back("first"); });
    loop->arm_timer(base + 2ms, [&] { fired.push_back("second-a"); });
    loop->arm_timer(base + 2ms, [&] { fired.push_back("second-b"); });
    EXPECT_EQ(loop->pending_timers(), 4u);
    run_until(*loop, [&] { return fired.size() == 4; });
    EXPECT_EQ(fired, (std::vector<std::string>{"first", "second-a", "second-b", "third"}));
    EXPECT_EQ(loop->pending_timers(), 0u);
}

TEST(LoopTimers, PastDeadlineFiresOnNextWakeup) {
    auto loop = make_loop();
    bool fired = false;
    loop->arm_timer(loop->now() - 1s, [&] { fired = true; });
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_TRUE(fired);
}

TEST(LoopTimers, CancelledTimerNeverFires) {
    auto loop = make_loop();
    std::vector<int> fired;
    const TimePoint base = loop->now();
    TimerId cancelled = loop->arm_timer(base + 1ms, [&] { fired.push_back(1); });
    TimerId kept = loop->arm_timer(base + 2ms, [&] { fired.push_back(2); });
    EXPECT_TRUE(loop->cancel_timer(cancelled));
    EXPECT_FALSE(loop->cancel_timer(cancelled));  // already cancelled
    run_until(*loop, [&] { return !fired.empty(); });
    EXPECT_EQ(fired, std::vector<int>{2});
    EXPECT_FALSE(loop->cancel_timer(kept));  // already fired
    EXPECT_FALSE(loop->cancel_timer(0));     // never a handle
}

TEST(LoopTimers, CallbackMayCancelATimerDueInTheSameWakeup) {
    auto loop = make_loop();
    std::vector<int> fired;
    const TimePoint past = loop->now() - 1ms;
    TimerId second = 0;
    loop->arm_timer(past, [&] {
        fired.push_back(1);
        EXPECT_TRUE(loop->cancel_timer(second));
    });
    second = loop->arm_timer(past, [&] { fired.push_back(2); });
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_EQ(fired, std::vector<int>{1});
}

TEST(LoopTimers, TimerArmedByACallbackWaitsForTheNextWakeup) {
    auto loop = make_loop();
    int rounds = 0;
    std::function<void()> rearm = [&] {
        ++rounds;
        loop->arm_timer(loop->now() - 1ms, rearm);
    };
    loop->arm_timer(loop->now() - 1ms, rearm);
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_EQ(rounds, 1);
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_EQ(rounds, 2);
}

TEST(LoopWatches, PipeReadinessIsDelivered) {
    auto loop = make_loop();
    Pipe p;
    std::vector<char> got;
    std::uint32_t bits = 0;
    std::error_code ec;
    WatchId id = loop->add_watch(
        p.read_end(), readiness::readable, Priority::client,
        [&](std::uint32_t ready) {
            bits = ready;
            got.push_back(p.take());
        },
        ec);
    ASSERT_FALSE(ec) << ec.message();
    ASSERT_NE(id, 0u);
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_TRUE(got.empty());  // nothing written yet
    p.put('x');
    run_until(*loop, [&] { return !got.empty(); });
    EXPECT_EQ(got, std::vector<char>{'x'});
    EXPECT_TRUE(bits & readiness::readable);
}

TEST(LoopWatches, RemovedWatchIsNotCalledEvenFromItsOwnCallback) {
    auto loop = make_loop();
    Pipe p;
    int calls = 0;
    std::error_code ec;
    WatchId id = 0;
    id = loop->add_watch(
        p.read_end(), readiness::readable, Priority::client,
        [&](std::uint32_t) {
            ++calls;
            EXPECT_TRUE(loop->remove_watch(id));  // leaves the byte unread
        },
        ec);
    ASSERT_FALSE(ec);
    p.put('x');
    run_until(*loop, [&] { return calls > 0; });
    ASSERT_FALSE(loop->run_once(0ms));
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(loop->remove_watch(id));
}

TEST(LoopWatches, BadDescriptorIsAnError) {
    auto loop = make_loop();
    std::error_code ec;
    WatchId id = loop->add_watch(-1, readiness::readable, Priority::client, [](std::uint32_t) {}, ec);
    EXPECT_EQ(id, 0u);
    EXPECT_EQ(ec, std::error_code(EBADF, std::system_category()));
    EXPECT_EQ(loop->modify_watch(42, readiness::writable), std::errc::invalid_argument);
}

TEST(LoopWatches, ModifyWatchChangesInterest) {
    auto loop = make_loop();
    Pipe p;
    int writable = 0;
    std::error_code ec;
    WatchId id = loop->add_watch(
        p.fds[1], 0, Priority::client,
        [&](std::uint32_t ready) {
            if (ready & readiness::writable) ++writable;
        },
        ec);
    ASSERT_FALSE(ec);
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_EQ(writable, 0);
    ASSERT_FALSE(loop->modify_watch(id, readiness::writable));
    run_until(*loop, [&] { return writable > 0; });
    EXPECT_GT(writable, 0);
}

TEST(LoopPriorities, HigherPriorityIsServedFirst) {
    auto loop = make_loop();
    Pipe client_pipe, protocol_pipe;
    std::vector<std::string> order;
    std::error_code ec;
    loop->add_watch(
        client_pipe.read_end(), readiness::readable, Priority::client,
        [&](std::uint32_t) { order.push_back("client"), client_pipe.take(); }, ec);
    ASSERT_FALSE(ec);
    loop->add_watch(
        protocol_pipe.read_end(), readiness::readable, Priority::protocol,
        [&](std::uint32_t) { order.push_back("protocol"), protocol_pipe.take(); }, ec);
    ASSERT_FALSE(ec);
    client_pipe.put('c');
    protocol_pipe.put('p');
    run_until(*loop, [&] { return order.size() == 2; });
    EXPECT_EQ(order, (std::vector<std::string>{"protocol", "client"}));
}

TEST(LoopPriorities, ParkedWatchKeepsItsReadinessUntilServedAgain) {
    auto loop = make_loop();
    Pipe client_pipe, protocol_pipe;
    std::vector<std::string> order;
    std::error_code ec;
    loop->add_watch(
        client_pipe.read_end(), readiness::readable, Priority::client,
        [&](std::uint32_t) { order.push_back("client"), client_pipe.take(); }, ec);
    ASSERT_FALSE(ec);
    loop->add_watch(
        protocol_pipe.read_end(), readiness::readable, Priority::protocol,
        [&](std::uint32_t) { order.push_back("protocol"), protocol_pipe.take(); }, ec);
    ASSERT_FALSE(ec);

    // A membership change starts: only protocol work is served.
    ASSERT_FALSE(loop->set_min_priority(Priority::protocol));
    EXPECT_EQ(loop->min_priority(), Priority::protocol);
    client_pipe.put('c');
    protocol_pipe.put('p');
    run_until(*loop, [&] { return !order.empty(); });
    for (int i = 0; i < 5; ++i) ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_EQ(order, std::vector<std::string>{"protocol"});

    // A watch added while parked is parked too, even for a hang-up.
    Pipe late;
    int late_calls = 0;
    loop->add_watch(late.read_end(), readiness::readable, Priority::client,
                    [&](std::uint32_t) { ++late_calls; }, ec);
    ASSERT_FALSE(ec);
    close(late.fds[1]);
    late.fds[1] = -1;
    ASSERT_FALSE(loop->run_once(0ms));
    EXPECT_EQ(late_calls, 0);

    // The change is over: the client byte that waited is served.
    ASSERT_FALSE(loop->set_min_priority(Priority::client));
    run_until(*loop, [&] { return order.size() == 2 && late_calls > 0; });
    EXPECT_EQ(order, (std::vector<std::string>{"protocol", "client"}));
    EXPECT_GT(late_calls, 0);
}

TEST(LoopSignals, SignalIsDeliveredThroughSignalfd) {
    auto loop = make_loop();
    std::vector<int> got;
    ASSERT_FALSE(loop->watch_signal(SIGUSR1, [&](int signo) { got.push_back(signo); }));
    ASSERT_EQ(raise(SIGUSR1), 0);  // blocked by watch_signal: stays pending for the signalfd
    run_until(*loop, [&] { return !got.empty(); });
    EXPECT_EQ(got, std::vector<int>{SIGUSR1});
    ASSERT_FALSE(loop->unwatch_signal(SIGUSR1));
    EXPECT_EQ(loop->unwatch_signal(SIGUSR1), std::errc::invalid_argument);
}

TEST(LoopSignals, SigtermStopsRun) {
    auto loop = make_loop();
    int terms = 0;
    bool gave_up = false;
    ASSERT_FALSE(loop->watch_signal(SIGTERM, [&](int) {
        ++terms;
        loop->stop();
    }));
    // Bounded: if the signal were lost, this timer ends run() instead.
    TimerId guard = loop->arm_timer(loop->now() + 10s, [&] {
        gave_up = true;
        loop->stop();
    });
    ASSERT_EQ(raise(SIGTERM), 0);
    ASSERT_FALSE(loop->run());
    EXPECT_EQ(terms, 1);
    EXPECT_FALSE(gave_up);
    EXPECT_TRUE(loop->cancel_timer(guard));
    EXPECT_FALSE(loop->stop_requested());  // run() consumed the request
    ASSERT_FALSE(loop->unwatch_signal(SIGTERM));
}

TEST(LoopRun, StopFromATimerEndsRunAndSeveralLoopsAreIndependent) {
    auto a = make_loop();
    auto b = make_loop();
    bool b_fired = false;
    b->arm_timer(b->now() - 1ms, [&] { b_fired = true; });
    a->arm_timer(a->now() + 1ms, [&] { a->stop(); });
    ASSERT_FALSE(a->run());
    EXPECT_FALSE(b_fired);  // b's timers belong to b
    ASSERT_FALSE(b->run_once(0ms));
    EXPECT_TRUE(b_fired);
}

}  // namespace
}  // namespace braid::event
