// Cross-checks of [[network]] and [[host]]: names unique, every address on a
// known network and owned by one host, every host reachable somewhere.
#include <map>

#include "config/read.hpp"

namespace braid::config::detail {

namespace {

bool has_invalid_under(const ReadContext& context, const std::string& prefix) {
    auto it = context.invalid_paths.lower_bound(prefix);
    return it != context.invalid_paths.end() && it->compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

void check_topology(const Config& config, ReadContext& context) {
    std::map<std::string, std::size_t> network_index;  // name -> first network with it
    for (std::size_t i = 0; i < config.networks.size(); ++i) {
        const std::string& name = config.networks[i].name;
        if (name.empty()) continue;  // already reported
        auto [it, fresh] = network_index.emplace(name, i);
        if (!fresh) {
            std::string path = "network[" + std::to_string(i) + "].name";
            context.reject(path, context.source_map.of(path),
                           path + ": '" + name + "' is already the name of network[" +
                               std::to_string(it->second) + "]");
        }
    }

    std::map<std::string, std::size_t> host_index;  // name -> first host with it
    // address -> (host index, network) of its first owner
    std::map<Ipv4Address, std::pair<std::size_t, std::string>> owner;
    for (std::size_t i = 0; i < config.hosts.size(); ++i) {
        const Host& host = config.hosts[i];
        std::string base = "host[" + std::to_string(i) + "]";
        if (!host.name.empty()) {
            auto [it, fresh] = host_index.emplace(host.name, i);
            if (!fresh) {
                std::string path = base + ".name";
                context.reject(path, context.source_map.of(path),
                               path + ": '" + host.name + "' is already the name of host[" +
                                   std::to_string(it->second) + "]");
            }
        }
        if (host.addresses.empty() && !has_invalid_under(context, base + ".addresses")) {
            Position where = context.source_map.has(base + ".addresses")
                                 ? context.source_map.of(base + ".addresses")
                                 : context.source_map.of(base);
            std::string who = host.name.empty() ? base : base + " '" + host.name + "'";
            context.diagnostics.add(where, who + " has no address: give addresses = { NETWORK = \"ADDRESS\" } "
                                                 "for each network it is on");
        }
        for (const auto& [network, address] : host.addresses) {
            std::string path = base + ".addresses." + network;
            Position where = context.source_map.of(path);
            if (network_index.count(network) == 0) {
                context.reject(path, where, path + ": no [[network]] named '" + network + "'");
                continue;
            }
            auto [it, fresh] = owner.emplace(address, std::pair{i, network});
            if (!fresh) {
                const auto& [first_host, first_network] = it->second;
                std::string first = "host[" + std::to_string(first_host) + "]";
                if (!config.hosts[first_host].name.empty()) first += " '" + config.hosts[first_host].name + "'";
                context.reject(path, where,
                               path + ": '" + address.to_string() + "' is already the address of " + first +
                                   " on network '" + first_network + "'");
            }
        }
    }
}

}  // namespace braid::config::detail
