// A child process for the braidd tests: started with its standard output
// and error on pipes, read with bounded waits, always reaped.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace braid::daemon::testing {

class Child {
public:
    // Starts `program` with `args` in `cwd`, with JOURNAL_STREAM removed
    // so lines carry timestamps whatever runs the tests.
    Child(const std::string& program, const std::vector<std::string>& args, const std::string& cwd);
    ~Child();  // kills and reaps the child if it still runs
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    bool started() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }

    // Reads output until standard error contains `text` or `limit` passes.
    bool wait_for_stderr(const std::string& text, std::chrono::milliseconds limit);
    // Reads output until the child closes both pipes and exits, or `limit`
    // passes (then it is killed). Returns the exit status, or empty if the
    // child did not exit by itself or died of a signal.
    std::optional<int> wait_exit(std::chrono::milliseconds limit);

    const std::string& out() const { return out_; }
    const std::string& err() const { return err_; }

private:
    // Reads what is available within `limit`; false once both pipes closed.
    bool pump(std::chrono::milliseconds limit);

    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    std::string out_;
    std::string err_;
};

}  // namespace braid::daemon::testing
