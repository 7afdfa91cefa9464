#include "event/loop.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <csignal>
#include <vector>

#include <pthread.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace braid::event {

namespace {

std::error_code last_error() { return {errno, std::system_category()}; }

std::uint32_t to_epoll(std::uint32_t interest) {
    std::uint32_t bits = 0;
    if (interest & readiness::readable) bits |= EPOLLIN | EPOLLRDHUP;
    if (interest & readiness::writable) bits |= EPOLLOUT;
    return bits;
}

std::uint32_t from_epoll(std::uint32_t bits) {
    std::uint32_t ready = 0;
    if (bits & (EPOLLIN | EPOLLPRI | EPOLLRDHUP)) ready |= readiness::readable;
    if (bits & EPOLLOUT) ready |= readiness::writable;
    if (bits & (EPOLLHUP | EPOLLRDHUP)) ready |= readiness::hangup;
    if (bits & EPOLLERR) ready |= readiness::error;
    return ready;
}

// Milliseconds to wait for epoll, rounded up so that a timer never fires
// early, capped to what epoll_wait accepts.
int wait_millis(Duration wait) {
    if (wait <= Duration::zero()) return 0;
    auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

}  // namespace

std::unique_ptr<Loop> Loop::create(std::error_code& error) {
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) {
        error = last_error();
        return nullptr;
    }
    error.clear();
    return std::unique_ptr<Loop>(new Loop(fd));
}

Loop::Loop(int epoll_fd) : epoll_fd_(epoll_fd) {}

Loop::~Loop() {
    // Signals stay blocked: a signal that arrives after the loop is gone
    // stays pending instead of killing the process half-way through its
    // shutdown.
    if (signal_fd_ >= 0) close(signal_fd_);
    close(epoll_fd_);
}

std::error_code Loop::update_epoll(WatchId id, Watch& watch, int op) {
    // A parked watch is out of epoll altogether (an interest of zero would
    // still report hang-ups and errors, over and over); its new interest is
    // applied when it is added back.
    if (watch.parked) return {};
    epoll_event ev{};
    ev.events = to_epoll(watch.interest);
    ev.data.u64 = id;
    if (epoll_ctl(epoll_fd_, op, watch.fd, &ev) < 0) return last_error();
    return {};
}

WatchId Loop::add_watch(int fd, std::uint32_t interest, Priority priority, WatchCallback callback,
                        std::error_code& error) {
    auto watch = std::make_shared<Watch>();
    watch->fd = fd;
    watch->interest = interest;
    watch->priority = priority;
    watch->parked = false;
    watch->callback = std::move(callback);
    WatchId id = next_watch_++;
    // Added once so that a bad descriptor is refused now, then parked if
    // its priority is below the current minimum.
    error = update_epoll(id, *watch, EPOLL_CTL_ADD);
    if (error) return 0;
    if (priority < min_priority_) {
        error = update_epoll(id, *watch, EPOLL_CTL_DEL);
        if (error) return 0;
        watch->parked = true;
    }
    watches_.emplace(id, std::move(watch));
    return id;
}

std::error_code Loop::modify_watch(WatchId id, std::uint32_t interest) {
    auto it = watches_.find(id);
    if (it == watches_.end()) return std::make_error_code(std::errc::invalid_argument);
    it->second->interest = interest;
    return update_epoll(id, *it->second, EPOLL_CTL_MOD);
}

bool Loop::remove_watch(WatchId id) {
    auto it = watches_.find(id);
    if (it == watches_.end()) return false;
    // If the owner closed the descriptor first, epoll has dropped it
    // already (unless it was duplicated) and this fails harmlessly.
    if (!it->second->parked) epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, it->second->fd, nullptr);
    watches_.erase(it);  // a running callback keeps its own reference
    return true;
}

std::error_code Loop::set_min_priority(Priority minimum) {
    min_priority_ = minimum;
    std::error_code first_error;
    for (auto& [id, watch] : watches_) {
        bool park = watch->priority < minimum;
        if (park == watch->parked) continue;
        std::error_code ec;
        if (park) {
            ec = update_epoll(id, *watch, EPOLL_CTL_DEL);
            if (!ec) watch->parked = true;
        } else {
            watch->parked = false;
            ec = update_epoll(id, *watch, EPOLL_CTL_ADD);
            if (ec) watch->parked = true;  // still out of epoll; reported to the caller
        }
        if (ec && !first_error) first_error = ec;
    }
    return first_error;
}

TimerId Loop::arm_timer(TimePoint deadline, TimerCallback callback) {
    TimerId id = next_timer_++;
    timers_.emplace(TimerKey{deadline, id}, Timer{std::move(callback)});
    timer_deadlines_.emplace(id, deadline);
    return id;
}

bool Loop::cancel_timer(TimerId id) {
    auto it = timer_deadlines_.find(id);
    if (it == timer_deadlines_.end()) return false;
    timers_.erase(TimerKey{it->second, id});
    timer_deadlines_.erase(it);
    return true;
}

void Loop::fire_due_timers() {
    const TimePoint now = Clock::now();
    // Timers armed by the callbacks below wait for the next wake-up, so a
    // timer that re-arms itself "now" cannot starve the descriptors.
    const TimerId armed_before = next_timer_;
    std::vector<TimerKey> due;
    for (const auto& entry : timers_) {
        if (entry.first.first > now) break;
        due.push_back(entry.first);
    }
    for (const TimerKey& key : due) {
        auto it = timers_.find(key);
        if (it == timers_.end() || key.second >= armed_before) continue;  // cancelled meanwhile
        TimerCallback callback = std::move(it->second.callback);
        timers_.erase(it);
        timer_deadlines_.erase(key.second);
        if (callback) callback();
    }
}

std::error_code Loop::update_signalfd() {
    sigset_t mask;
    sigemptyset(&mask);
    for (const auto& entry : signals_) sigaddset(&mask, entry.first);
    if (signals_.empty()) {
        if (signal_fd_ >= 0) {
            remove_watch(signal_watch_);
            close(signal_fd_);
            signal_fd_ = -1;
            signal_watch_ = 0;
        }
        return {};
    }
    int fd = signalfd(signal_fd_, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) return last_error();
    if (signal_fd_ < 0) {
        signal_fd_ = fd;
        std::error_code ec;
        signal_watch_ = add_watch(
            fd, readiness::readable, Priority::control,
            [this](std::uint32_t) { on_signalfd_ready(); }, ec);
        if (ec) {
            close(signal_fd_);
            signal_fd_ = -1;
            return ec;
        }
    }
    return {};
}

std::error_code Loop::watch_signal(int signo, SignalCallback callback) {
    sigset_t one;
    sigemptyset(&one);
    if (sigaddset(&one, signo) < 0) return last_error();
    bool existed = signals_.count(signo) != 0;
    signals_[signo] = std::move(callback);
    if (existed) return {};
    if (int rc = pthread_sigmask(SIG_BLOCK, &one, nullptr); rc != 0) {
        signals_.erase(signo);
        return {rc, std::system_category()};
    }
    if (auto ec = update_signalfd()) {
        signals_.erase(signo);
        pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
        return ec;
    }
    return {};
}

std::error_code Loop::unwatch_signal(int signo) {
    if (signals_.erase(signo) == 0) return std::make_error_code(std::errc::invalid_argument);
    if (auto ec = update_signalfd()) return ec;
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, signo);
    if (int rc = pthread_sigmask(SIG_UNBLOCK, &one, nullptr); rc != 0)
        return {rc, std::system_category()};
    return {};
}

void Loop::on_signalfd_ready() {
    signalfd_siginfo info;
    // Drain everything pending: one wake-up may carry several signals.
    while (signal_fd_ >= 0) {
        ssize_t n = read(signal_fd_, &info, sizeof info);
        if (n != static_cast<ssize_t>(sizeof info)) return;  // EAGAIN: drained
        int signo = static_cast<int>(info.ssi_signo);
        auto it = signals_.find(signo);
        if (it == signals_.end()) continue;
        SignalCallback callback = it->second;  // the callback may unwatch itself
        if (callback) callback(signo);
    }
}

std::error_code Loop::run_once(std::optional<Duration> max_wait) {
    int timeout = -1;
    if (max_wait) timeout = wait_millis(*max_wait);
    if (!timers_.empty()) {
        int until_timer = wait_millis(timers_.begin()->first.first - Clock::now());
        timeout = timeout < 0 ? until_timer : std::min(timeout, until_timer);
    }

    std::array<epoll_event, 64> events;
    int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), timeout);
    if (n < 0) {
        if (errno == EINTR) return {};
        return last_error();
    }

    struct Ready {
        Priority priority;
        WatchId id;
        std::uint32_t bits;
    };
    std::vector<Ready> ready;
    ready.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        auto it = watches_.find(events[i].data.u64);
        if (it == watches_.end()) continue;
        ready.push_back({it->second->priority, it->first, events[i].events});
    }
    std::stable_sort(ready.begin(), ready.end(),
                     [](const Ready& a, const Ready& b) { return a.priority > b.priority; });
    for (const Ready& r : ready) {
        auto it = watches_.find(r.id);
        if (it == watches_.end()) continue;  // removed by an earlier callback
        std::shared_ptr<Watch> watch = it->second;
        // Parked during this batch (a membership change started): leave the
        // readiness in the kernel, it is reported again once unparked.
        if (watch->parked) continue;
        if (watch->callback) watch->callback(from_epoll(r.bits));
    }

    fire_due_timers();
    return {};
}

std::error_code Loop::run() {
    while (!stop_requested_) {
        if (auto ec = run_once(std::nullopt)) {
            stop_requested_ = false;
            return ec;
        }
    }
    stop_requested_ = false;
    return {};
}

}  // namespace braid::event
