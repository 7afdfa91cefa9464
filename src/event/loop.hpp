// The daemon's event loop: one epoll instance that waits on file
// descriptors, timers and signals and calls back into the daemon.
//
// The protocol core is sans-I/O (DESIGN.md section 1): it asks for timers and
// sends by returning outputs. This loop is the thin shell that owns the real
// clock and the real descriptors. It is an ordinary object (no singleton), so
// tests and tools may run several loops in one process.
//
// Priorities exist because a membership change must not be slowed down by new
// client work: the daemon raises the loop's minimum priority while the ring
// re-forms, and descriptor watches below it are parked (removed from epoll's
// interest, never drained), so no readiness is lost: level-triggered epoll
// reports them again as soon as the minimum is lowered.
//
// Nothing here throws: set-up failures come back as std::error_code.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace braid::event {

// The loop's clock: CLOCK_MONOTONIC, never stepped by NTP or the operator.
using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;

// Who a descriptor watch serves. Higher values are served first within one
// wake-up, and set_min_priority() parks everything below a level.
enum class Priority : std::uint8_t {
    client = 0,    // new client work: accepts, client requests
    protocol = 1,  // daemon-to-daemon traffic: tokens, packets, membership
    control = 2,   // signals and anything that must be served at all times
};

// Readiness a watch asks for and receives (a subset of epoll's bits).
namespace readiness {
inline constexpr std::uint32_t readable = 1u << 0;  // data, a peer's close, or a listener's connection
inline constexpr std::uint32_t writable = 1u << 1;  // room in the send buffer
inline constexpr std::uint32_t hangup = 1u << 2;    // peer closed (always reported)
inline constexpr std::uint32_t error = 1u << 3;     // error pending on the descriptor (always reported)
}  // namespace readiness

// Handles are plain values: keep them to modify or remove what they name.
// Zero is never a valid handle.
using WatchId = std::uint64_t;
using TimerId = std::uint64_t;

using WatchCallback = std::function<void(std::uint32_t ready)>;  // readiness bits
using TimerCallback = std::function<void()>;
using SignalCallback = std::function<void(int signo)>;

class Loop {
public:
    // Creates a loop; on failure returns null and sets `error`.
    static std::unique_ptr<Loop> create(std::error_code& error);

    ~Loop();
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;

    // --- descriptor watches ------------------------------------------------
    // Watches `fd` (which the caller keeps owning) for `interest` readiness
    // bits. Returns 0 and sets `error` when epoll refuses the descriptor.
    WatchId add_watch(int fd, std::uint32_t interest, Priority priority, WatchCallback callback,
                      std::error_code& error);
    // Changes what a watch waits for (for example: writable only while a
    // queue is non-empty).
    std::error_code modify_watch(WatchId id, std::uint32_t interest);
    // Stops watching; safe from inside any callback, including the watch's
    // own. Call it before closing the descriptor (epoll tracks the open
    // file, which a duplicate would keep alive). Returns false if the
    // handle named nothing.
    bool remove_watch(WatchId id);

    // Serve only watches with priority >= `minimum` until changed again.
    // Timers and signals are always served.
    std::error_code set_min_priority(Priority minimum);
    Priority min_priority() const { return min_priority_; }

    // --- timers ------------------------------------------------------------
    // One-shot timer at an absolute time on the loop's clock. Timers fire in
    // deadline order; equal deadlines fire in the order they were armed.
    // A deadline in the past fires on the next wake-up.
    TimerId arm_timer(TimePoint deadline, TimerCallback callback);
    // Cancels a pending timer. Returns false if it already fired or was
    // cancelled (so callers need not track that themselves).
    bool cancel_timer(TimerId id);
    std::size_t pending_timers() const { return timers_.size(); }

    // --- signals -----------------------------------------------------------
    // Delivers `signo` through a signalfd: the signal is blocked for the
    // calling thread (call this before starting other threads so they
    // inherit the mask) and the callback runs from the loop. Watching the
    // same signal again replaces its callback. A signal should be watched by
    // one loop only: whichever loop reads it first consumes it.
    std::error_code watch_signal(int signo, SignalCallback callback);
    // Stops delivering `signo` through this loop and unblocks it. (The
    // destructor leaves watched signals blocked: one arriving during the
    // rest of a shutdown stays pending instead of killing the process.)
    std::error_code unwatch_signal(int signo);

    // --- running -----------------------------------------------------------
    // The loop's monotonic time (what timers are measured against).
    TimePoint now() const { return Clock::now(); }

    // Runs until stop() is called (from a callback or a signal). Returns an
    // error only if epoll itself fails.
    std::error_code run();
    // One wake-up: waits at most `max_wait` (forever if empty, not at all if
    // zero) or until the next timer, then serves what is ready and due.
    std::error_code run_once(std::optional<Duration> max_wait);
    // Makes run() return once the current callback has finished.
    void stop() { stop_requested_ = true; }
    bool stop_requested() const { return stop_requested_; }

private:
    struct Watch {
        int fd = -1;                // the caller's descriptor
        std::uint32_t interest = 0;  // readiness bits asked for
        Priority priority = Priority::client;
        bool parked = false;         // removed from epoll's interest by set_min_priority
        WatchCallback callback;
    };
    struct Timer {
        TimerCallback callback;
    };
    // Timers ordered by deadline, then by arming order (the id grows).
    using TimerKey = std::pair<TimePoint, TimerId>;

    explicit Loop(int epoll_fd);
    std::error_code update_epoll(WatchId id, Watch& watch, int op);
    void fire_due_timers();
    void on_signalfd_ready();
    std::error_code update_signalfd();

    int epoll_fd_ = -1;
    int signal_fd_ = -1;                // -1 until a signal is watched
    WatchId signal_watch_ = 0;          // the signalfd's own watch
    WatchId next_watch_ = 1;
    TimerId next_timer_ = 1;
    Priority min_priority_ = Priority::client;
    bool stop_requested_ = false;
    std::unordered_map<WatchId, std::shared_ptr<Watch>> watches_;
    std::map<TimerKey, Timer> timers_;
    std::unordered_map<TimerId, TimePoint> timer_deadlines_;  // id -> key part, for cancel
    std::map<int, SignalCallback> signals_;                    // signo -> callback
};

}  // namespace braid::event
