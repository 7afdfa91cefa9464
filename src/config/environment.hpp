// What the loader needs to know about the machine it runs on.
//
// The daemon host of a configuration is chosen by the machine's addresses
// and host name unless the operator names it. Keeping these facts in a plain
// value lets tests describe any machine; only current_environment() asks the
// kernel.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/ipv4_address.hpp"

namespace braid::config {

struct Environment {
    std::string hostname;                       // gethostname(), possibly fully qualified
    std::vector<Ipv4Address> local_addresses;   // IPv4 addresses of the machine's interfaces
    std::optional<std::string> host_override;   // `braidd -n NAME`: the [[host]] to run as
};

// The running machine: gethostname() and the IPv4 addresses of getifaddrs().
// A failing system call leaves the corresponding field empty; the loader then
// reports that the daemon host cannot be determined, which names the way out.
Environment current_environment(std::optional<std::string> host_override);

}  // namespace braid::config
