// The Daemon's start-up steps that deal with the operating system as a
// service (DESIGN.md section 6): client listeners, the notify socket, the
// configuration directory kept for reloads, chroot and privilege drop, and
// the watchdog. The calls themselves live in src/system.
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/daemon.hpp"
#include "system/activation.hpp"
#include "system/privileges.hpp"

namespace braid::daemon {

using log::Category;

std::string Daemon::open_listeners() {
    std::string error;
    std::vector<system::ActivatedSocket> activated = system::take_activated_sockets(error);
    if (!error.empty()) return error;
    std::vector<std::string> unmatched;
    if (!listeners_.open(config_, std::move(activated), unmatched, error)) return error;
    for (const std::string& socket : unmatched)
        logger_.warning(Category::print, "socket from systemd ", socket,
                        " matches no [daemon] clients entry; closed it");
    for (const system::Listener& listener : listeners_.listeners()) {
        if (listener.from_systemd)
            logger_.notice(Category::print, "client listener ", system::describe(listener.where),
                           ": from systemd (", listener.fd_name, ")");
        else
            logger_.notice(Category::print, "client listener ", system::describe(listener.where), ": opened");
    }
    return {};
}

std::string Daemon::connect_notifier() {
    std::string error;
    notifier_ = system::Notifier::from_environment(error);
    if (!notifier_) {
        // Like sd_notify(): an unreachable manager is not a reason to stop
        // (under Type=notify systemd itself acts on the missing READY=1).
        logger_.warning(Category::print, error, "; the service manager will not be notified");
        notifier_ = system::Notifier::connect("", error);
    }
    return {};
}

std::string Daemon::keep_config_directory() {
    if (!config_path_) return {};
    std::filesystem::path directory = std::filesystem::path(*config_path_).parent_path();
    if (directory.empty()) directory = ".";
    config_dir_fd_ = open(directory.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (config_dir_fd_ < 0)
        return "cannot open the configuration directory '" + directory.string() + "': " + std::strerror(errno);
    return {};
}

namespace {

// Which of the default identity's parts this machine lacks (empty: none).
std::string missing_default_identity(const config::Daemon& d) {
    if (getpwnam(d.user.c_str()) == nullptr) return "user '" + d.user + "'";
    if (getgrnam(d.group.c_str()) == nullptr) return "group '" + d.group + "'";
    struct stat st {};
    if (stat(d.runtime_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return "runtime directory '" + d.runtime_dir + "'";
    return {};
}

}  // namespace

std::string Daemon::drop_privileges() {
    if (geteuid() == 0 && !config_.daemon.identity_configured) {
        // Nobody asked for this identity: use it where the packages created
        // it, and run on as root elsewhere rather than refuse a bare machine.
        if (std::string missing = missing_default_identity(config_.daemon); !missing.empty()) {
            logger_.warning(Category::print, "running as root without chroot or privilege drop: the default ",
                            missing, " does not exist; create it (the packages do) or set [daemon] user, "
                            "group and runtime_dir");
            return {};
        }
    }
    const system::DropResult result =
        system::drop_privileges({config_.daemon.runtime_dir, config_.daemon.user, config_.daemon.group});
    if (!result.error.empty()) return result.error;
    if (!result.dropped) {
        logger_.notice(Category::print, "running as uid ", getuid(),
                       " (not root): no chroot, no privilege drop; [daemon] runtime_dir, user and group unused");
        return {};
    }
    chrooted_ = true;
    logger_.notice(Category::print, "chrooted into ", config_.daemon.runtime_dir, ", running as user ",
                   config_.daemon.user, " (uid ", result.uid, "), group ", config_.daemon.group, " (gid ",
                   result.gid, "), no capabilities");
    return {};
}

void Daemon::setup_watchdog() {
    const auto interval = system::watchdog_interval();
    if (!interval) return;
    // Half the interval: one late wake-up on a loaded machine is not a miss.
    watchdog_period_ = std::chrono::duration_cast<event::Duration>(*interval / 2);
    logger_.notice(Category::print, "watchdog: WATCHDOG=1 every ",
                   std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_period_).count(), " ms");
    feed_watchdog();
}

void Daemon::feed_watchdog() {
    if (std::string e = notifier_->watchdog(); !e.empty()) logger_.warning(Category::print, "watchdog: ", e);
    loop_->arm_timer(loop_->now() + watchdog_period_, [this] { feed_watchdog(); });
}

std::string Daemon::status_line() const {
    // The ring is not wired into braidd yet: the state is the host and its
    // listeners. Once it is, this line says the ring state and faulty paths.
    return "host " + config_.daemon.host + ", " + std::to_string(listeners_.listeners().size()) +
           " client listener" + (listeners_.listeners().size() == 1 ? "" : "s") + ", running";
}

Daemon::~Daemon() {
    if (config_dir_fd_ >= 0) close(config_dir_fd_);
}

}  // namespace braid::daemon
