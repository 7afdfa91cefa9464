#include "child.hpp"

#include <csignal>
#include <cstdlib>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace braid::daemon::testing {

using Clock = std::chrono::steady_clock;

Child::Child(const std::string& program, const std::vector<std::string>& args, const std::string& cwd) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) < 0) return;
    if (pipe2(err, O_CLOEXEC) < 0) {
        close(out[0]);
        close(out[1]);
        return;
    }
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) dup2(null, 0);
        if (chdir(cwd.c_str()) < 0) _exit(126);
        unsetenv("JOURNAL_STREAM");
        // The test runner may have signals blocked or ignored; braidd must
        // start from the defaults a service manager gives it.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(program.c_str()));
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    out_fd_ = out[0];
    err_fd_ = err[0];
    if (pid_ < 0) {
        close(out_fd_);
        close(err_fd_);
        out_fd_ = err_fd_ = -1;
    }
}

Child::~Child() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
    if (err_fd_ >= 0) close(err_fd_);
}

bool Child::pump(std::chrono::milliseconds limit) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    if (out_fd_ < 0 && err_fd_ < 0) return false;
    int n = poll(fds, 2, static_cast<int>(limit.count()));
    if (n <= 0) return true;
    for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || fds[i].revents == 0) continue;
        char buf[4096];
        ssize_t got = read(fds[i].fd, buf, sizeof buf);
        if (got > 0) {
            (i == 0 ? out_ : err_).append(buf, static_cast<std::size_t>(got));
        } else {
            close(fds[i].fd);
            (i == 0 ? out_fd_ : err_fd_) = -1;
        }
    }
    return out_fd_ >= 0 || err_fd_ >= 0;
}

bool Child::wait_for_stderr(const std::string& text, std::chrono::milliseconds limit) {
    const auto end = Clock::now() + limit;
    while (err_.find(text) == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
        if (left.count() <= 0) return false;
        if (!pump(left)) return err_.find(text) != std::string::npos;
    }
    return true;
}

std::optional<int> Child::wait_exit(std::chrono::milliseconds limit) {
    const auto end = Clock::now() + limit;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
        if (left.count() <= 0) return std::nullopt;  // the destructor kills it
        if (!pump(left)) break;
    }
    // Both pipes are closed; the child has exited or is about to.
    for (;;) {
        int status = 0;
        pid_t r = waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            pid_ = -1;
            if (WIFEXITED(status)) return WEXITSTATUS(status);
            return std::nullopt;
        }
        if (r < 0 || Clock::now() >= end) return std::nullopt;
        usleep(10000);
    }
}

}  // namespace braid::daemon::testing
