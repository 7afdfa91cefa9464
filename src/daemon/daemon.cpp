#include "daemon/daemon.hpp"

#include <csignal>
#include <cstring>
#include <utility>

namespace braid::daemon {

const char* version() { return BRAID_VERSION; }

log::Settings log_settings(const config::Config& config) {
    log::Settings s;
    s.categories = config.logging.debug;
    s.file = config.logging.file;
    s.timestamp = config.logging.timestamp;
    s.host = config.daemon.host;
    return s;
}

Daemon::Daemon(const Options& options, LoadedConfiguration loaded, std::unique_ptr<event::Loop> loop)
    : options_(options),
      config_path_(std::move(loaded.path)),
      config_(std::move(*loaded.config)),
      loop_(std::move(loop)) {}

std::unique_ptr<Daemon> Daemon::create(const Options& options, LoadedConfiguration loaded,
                                       std::string& error) {
    if (!loaded.config || !loaded.errors.empty()) {
        error = "no valid configuration";
        return nullptr;
    }
    std::error_code ec;
    auto loop = event::Loop::create(ec);
    if (!loop) {
        error = "cannot create the event loop: " + ec.message();
        return nullptr;
    }
    std::unique_ptr<Daemon> daemon(new Daemon(options, std::move(loaded), std::move(loop)));
    const log::Settings settings = log_settings(daemon->config_);
    if (auto open_error = daemon->logger_.configure(settings)) {
        error = "cannot open log file '" + log::expand_log_path(*settings.file, settings.host) +
                "': " + open_error.message();
        return nullptr;
    }
    // Sockets first (binding may need root), then everything that must be
    // reachable after the chroot, then the chroot and drop itself.
    for (auto step : {&Daemon::open_listeners, &Daemon::connect_notifier, &Daemon::keep_config_directory,
                      &Daemon::drop_privileges, &Daemon::setup_signals}) {
        error = (daemon.get()->*step)();
        if (!error.empty()) return nullptr;
    }
    daemon->setup_watchdog();
    return daemon;
}

std::string Daemon::setup_signals() {
    for (int signo : {SIGTERM, SIGINT}) {
        if (auto ec = loop_->watch_signal(signo, [this](int s) { on_stop_signal(s); }))
            return "cannot watch signal " + std::string(sigabbrev_np(signo)) + ": " + ec.message();
    }
    if (auto ec = loop_->watch_signal(SIGHUP, [this](int) { reload(); }))
        return "cannot watch signal HUP: " + ec.message();
    return {};
}

void Daemon::on_stop_signal(int signo) {
    stop_signal_ = signo;
    loop_->stop();
}

int Daemon::run() {
    const std::string source = config_path_ ? *config_path_ : std::string(kEmbeddedDefaultName);
    logger_.notice(log::Category::print, "braidd ", version(), " ready: host ", config_.daemon.host,
                   ", configuration ", source);
    // READY=1 goes out once start-up is complete because the ring is not
    // wired into braidd yet; when it is, READY=1 must move to the moment the
    // ring has formed (issue 7), and this line sends STATUS= only.
    if (std::string e = notifier_->ready(status_line()); !e.empty())
        logger_.warning(log::Category::print, e);
    if (auto ec = loop_->run()) {
        logger_.error(log::Category::exit, "event loop failed: ", ec.message(), "; exiting");
        notifier_->send("STOPPING=1\nSTATUS=event loop failed");
        return 1;
    }
    notifier_->send("STOPPING=1\nSTATUS=stopping on SIG" + std::string(sigabbrev_np(stop_signal_)));
    logger_.notice(log::Category::exit, "braidd stopping on SIG", sigabbrev_np(stop_signal_),
                   ": host ", config_.daemon.host);
    return 0;
}

}  // namespace braid::daemon
