// Simulator invariants about configurations (membership scenarios).
//
// Records every configuration each daemon installs and checks, as they
// arrive and at the end: every daemon installing a ring installs it with the
// same member list and kind; each daemon's configurations come in strictly
// increasing ring order (so one order everywhere); a daemon is a member of
// every configuration it installs; at the end, every member of an installed
// ring installed it too (nobody is left behind in a ring others run).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "membership/outputs.hpp"
#include "ring/types.hpp"

namespace braid::sim {

class ConfigurationChecker {
public:
    void on_configuration(ring::DaemonId daemon, const membership::ConfigurationOutput& c);

    // The end-of-run check (see the file comment).
    void finish();

    std::optional<std::string> failure() const { return failure_; }
    // The configurations a daemon installed, in order.
    const std::vector<membership::ConfigurationOutput>& installed(ring::DaemonId d) const;

private:
    void fail(std::string why);

    std::map<ring::DaemonId, std::vector<membership::ConfigurationOutput>> per_daemon_;  // in install order
    std::map<std::pair<ring::RingId, int>, std::vector<ring::DaemonId>> members_;  // (ring, kind) -> members
    std::optional<std::string> failure_;  // first violation
};

}  // namespace braid::sim
