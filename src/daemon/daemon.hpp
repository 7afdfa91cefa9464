// The running daemon: owns the event loop, the logger and the configuration.
//
// main() only parses the command line and hands over; everything with a
// lifetime lives here, created in start-up order (DESIGN.md section 6):
// configuration, log, client listeners (own or from systemd), the notify
// socket, chroot and privilege drop, event loop, signals and watchdog. The
// layers of later issues (data link sockets, the multipath and ring core,
// client sessions) become members created after the log and driven from the
// same loop, so that one object holds the whole running state and tears it
// down in reverse order.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "daemon/config_source.hpp"
#include "daemon/options.hpp"
#include "event/loop.hpp"
#include "log/logger.hpp"
#include "system/listeners.hpp"
#include "system/notify.hpp"

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
    ~Daemon();

    // Runs until SIGTERM or SIGINT; returns the process exit status.
    int run();

    const config::Config& configuration() const { return config_; }

private:
    Daemon(const Options& options, LoadedConfiguration loaded, std::unique_ptr<event::Loop> loop);
    // Start-up steps after the log, in DESIGN.md section 6 order; each
    // returns an error text for standard error (empty on success).
    std::string open_listeners();
    std::string connect_notifier();
    std::string keep_config_directory();
    std::string drop_privileges();
    std::string setup_signals();
    void setup_watchdog();
    void feed_watchdog();
    // The STATUS= line for the service manager.
    std::string status_line() const;
    void on_stop_signal(int signo);
    // SIGHUP: reopen the log file, re-read the configuration, apply what
    // may change at runtime and name what needs a restart.
    void reload();
    // The work of reload() between RELOADING=1 and READY=1.
    void reload_configuration();

    Options options_;                     // the command line, kept for reloads (-n)
    std::optional<std::string> config_path_;  // file read at start-up; empty: embedded default
    config::Config config_;               // the configuration in force
    log::Logger logger_;                  // every component logs through this
    std::unique_ptr<event::Loop> loop_;   // drives everything
    int stop_signal_ = 0;                 // the signal that ended run(), for the last line
    system::ClientListeners listeners_;   // held open; accepting belongs to the sessions
    std::optional<system::Notifier> notifier_;  // connected before the chroot
    int config_dir_fd_ = -1;              // the configuration's directory, for reloads after a chroot
    bool chrooted_ = false;               // paths outside runtime_dir are out of reach
    event::Duration watchdog_period_{};   // half of WatchdogSec; zero when off
};

// The logger settings a configuration asks for.
log::Settings log_settings(const config::Config& config);

}  // namespace braid::daemon
