// What a reload (SIGHUP) changes.
//
// Only logging can change while the daemon runs: the ring, the paths and the
// client listeners are fixed for the life of the process, because changing
// them under a running ring would break the membership every other daemon
// agreed on. A reload therefore compares the running configuration with the
// one just read, applies the logging part and names every other section
// that differs, so the operator knows a restart is needed for it and that
// the running value stays in force until then.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"

namespace braid::daemon {

struct ReloadPlan {
    std::vector<std::string> logging_changes;  // "debug: PRINT, EXIT -> ALL"; applied at once
    std::vector<std::string> restart_needed;   // TOML section names: "cluster", "network", ...

    bool unchanged() const { return logging_changes.empty() && restart_needed.empty(); }
};

// Compares the running configuration with a freshly loaded one.
ReloadPlan plan_reload(const config::Config& running, const config::Config& fresh);

// The running configuration after the reload: `running` with the logging
// section of `fresh`.
config::Config apply_reload(const config::Config& running, const config::Config& fresh);

}  // namespace braid::daemon
