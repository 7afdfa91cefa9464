// Daemon::reload(), the SIGHUP handler. The comparison itself is in
// reload.cpp; this file applies its result to the running daemon.
#include "daemon/daemon.hpp"
#include "daemon/reload.hpp"

namespace braid::daemon {

void Daemon::reload() {
    notifier_->reloading();
    reload_configuration();
    // The reload is over whatever its outcome: the daemon runs on.
    notifier_->ready(status_line());
}

void Daemon::reload_configuration() {
    using log::Category;
    // Rotation first: logrotate sends SIGHUP after moving the file, and the
    // lines below belong in the new one.
    if (auto ec = logger_.reopen())
        logger_.error(Category::configuration, "reload: cannot reopen log file '", logger_.path(),
                      "': ", ec.message(), "; still writing to the old file",
                      chrooted_ ? " (after the chroot only files inside runtime_dir can be reopened)" : "");

    if (!config_path_) {
        logger_.notice(Category::print, "reload: running on the ", kEmbeddedDefaultName,
                       " configuration; no file to re-read");
        return;
    }
    logger_.notice(Category::print, "reload: re-reading ", *config_path_);
    LoadedConfiguration fresh = config_dir_fd_ >= 0
                                    ? load_configuration_in(config_dir_fd_, *config_path_, options_.host)
                                    : load_configuration_from(config_path_, options_.host);
    if (!fresh.errors.empty()) {
        for (const config::Diagnostic& d : fresh.errors)
            logger_.error(Category::configuration, "reload: ", d.to_string());
        logger_.error(Category::configuration, "reload: ", fresh.errors.size(),
                      fresh.errors.size() == 1 ? " error" : " errors",
                      "; the running configuration stays in force");
        return;
    }

    const ReloadPlan plan = plan_reload(config_, *fresh.config);
    if (plan.unchanged()) {
        logger_.notice(Category::print, "reload: configuration unchanged");
        return;
    }
    for (const std::string& section : plan.restart_needed)
        logger_.warning(Category::configuration, "reload: restart needed for [", section,
                        "]; the running value stays in force until then");
    if (plan.logging_changes.empty()) return;

    config::Config next = apply_reload(config_, *fresh.config);
    const log::Settings settings = log_settings(next);
    if (auto ec = logger_.configure(settings)) {
        logger_.error(Category::configuration, "reload: cannot open log file '",
                      log::expand_log_path(*settings.file, settings.host), "': ", ec.message(),
                      "; logging unchanged");
        return;
    }
    config_ = std::move(next);
    for (const std::string& change : plan.logging_changes)
        logger_.notice(Category::print, "reload: logging ", change);
}

}  // namespace braid::daemon
