// The running daemon: owns the event loop, the logger and the configuration.
//
// main() only parses the command line and hands over; everything with a
// lifetime lives here, created in start-up order (DESIGN.md section 6):
// configuration, log, event loop and signals. The layers of later issues
// (data link sockets, the multipath and ring core, client sessions) become
// members created after the log and driven from the same loop, so that one
// object holds the whole running state and tears it down in reverse order.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "daemon/config_source.hpp"
#include "daemon/options.hpp"
#include "event/loop.hpp"
#include "log/logger.hpp"

namespace braid::daemon {

// The version printed by --version and in the ready line.
const char* version();

class Daemon {
public:
    // Opens the log, creates the loop and installs the signal handlers for a
    // valid configuration. On failure returns null and sets `error` to a
    // message for standard error.
    static std::unique_ptr<Daemon> create(const Options& options, LoadedConfiguration loaded,
                                          std::string& error);

    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    // Runs until SIGTERM or SIGINT; returns the process exit status.
    int run();

    const config::Config& configuration() const { return config_; }

private:
    Daemon(const Options& options, LoadedConfiguration loaded, std::unique_ptr<event::Loop> loop);
    std::string setup_signals();
    void on_stop_signal(int signo);
    // SIGHUP: reopen the log file, re-read the configuration, apply what
    // may change at runtime and name what needs a restart.
    void reload();

    Options options_;                     // the command line, kept for reloads (-n)
    std::optional<std::string> config_path_;  // file read at start-up; empty: embedded default
    config::Config config_;               // the configuration in force
    log::Logger logger_;                  // every component logs through this
    std::unique_ptr<event::Loop> loop_;   // drives everything
    int stop_signal_ = 0;                 // the signal that ended run(), for the last line
};

// The logger settings a configuration asks for.
log::Settings log_settings(const config::Config& config);

}  // namespace braid::daemon
