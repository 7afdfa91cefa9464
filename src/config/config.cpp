#include "config/config.hpp"

namespace braid::config {

const Host* Config::find_host(const std::string& name) const {
    for (const auto& h : hosts)
        if (h.name == name) return &h;
    return nullptr;
}

const Network* Config::find_network(const std::string& name) const {
    for (const auto& n : networks)
        if (n.name == name) return &n;
    return nullptr;
}

const Host& Config::self() const {
    // The loader refuses a configuration whose daemon host is not one of its hosts.
    return *find_host(daemon.host);
}

}  // namespace braid::config
