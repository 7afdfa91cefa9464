#include "datalink/from_config.hpp"

#include "datalink/frame.hpp"

namespace braid::datalink {

namespace {

PathKind kind_of(config::NetworkKind kind) {
    switch (kind) {
        case config::NetworkKind::broadcast: return PathKind::broadcast;
        case config::NetworkKind::multicast: return PathKind::multicast;
        case config::NetworkKind::unicast: return PathKind::unicast;
    }
    return PathKind::unicast;
}

}  // namespace

LinkConfig link_config(const config::Config& config, const config::Host& host) {
    LinkConfig link;
    link.cluster_id = cluster_id(config.cluster.name, config.cluster.port);
    link.port = config.cluster.port;
    for (std::size_t i = 0; i < config.networks.size(); ++i) {
        const config::Network& network = config.networks[i];
        const auto address = host.addresses.find(network.name);
        if (address == host.addresses.end()) continue;  // this host is not on that network
        PathConfig path;
        path.index = static_cast<PathIndex>(i);
        path.name = network.name;
        path.kind = kind_of(network.kind);
        path.local = address->second;
        if (network.address) path.group = *network.address;
        link.paths.push_back(std::move(path));
    }
    return link;
}

}  // namespace braid::datalink
