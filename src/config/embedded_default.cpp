#include "config/embedded_default.hpp"

#include "config/derive.hpp"
#include "config/read.hpp"

namespace braid::config {

namespace {

// The machine's short host name reduced to what a daemon name may hold.
std::string daemon_name_for(const std::string& hostname) {
    std::string name;
    for (char c : hostname.substr(0, hostname.find('.'))) {
        if (name.size() == 19) break;
        if (c > ' ' && c <= '~' && c != '#') name.push_back(c);
    }
    return detail::valid_host_name(name) ? name : "localhost";
}

}  // namespace

Config embedded_default(const Environment& environment) {
    Config config;
    config.source = kEmbeddedDefaultSource;

    // Unicast rather than broadcast on 127.255.255.255: Linux's loopback
    // interface has no broadcast flag and sending there needs SO_BROADCAST
    // and a local broadcast route that not every system sets up, while with
    // a single host "send to every peer in turn" needs nothing from the
    // kernel at all.
    Network loopback;
    loopback.name = "lo";
    loopback.kind = NetworkKind::unicast;
    config.networks.push_back(loopback);

    Host self;
    // `braidd -n NAME` without a file names the only host, so that -n works
    // the same with or without a configuration file.
    const auto& override_name = environment.host_override;
    self.name = override_name && detail::valid_host_name(*override_name)
                    ? *override_name
                    : daemon_name_for(environment.hostname);
    self.addresses.emplace("lo", Ipv4Address{0x7F000001});
    config.hosts.push_back(self);

    config.daemon.host = self.name;
    config.daemon.clients = default_clients(config.cluster.port);
    config.timeouts = derive_timeouts(config.timeouts.token);
    config.multipath.priority = {loopback.name};
    config.multipath.probe_interval_ms = derive_probe_interval(config.timeouts.token);
    config.multipath.silence_timeout_ms = derive_silence_timeout(config.timeouts.token);
    config.multipath.restore_after_ms = derive_restore_after(config.timeouts.token);
    // A single host has no peer to authenticate: no key, nothing signed.
    config.security.authenticate = false;
    config.security.encrypt = false;
    config.security.monitor_hosts = {self.name};
    return config;
}

}  // namespace braid::config
