// [cluster], [[network]] and [[host]]: what the cluster is made of.
#include "config/read.hpp"

namespace braid::config::detail {

bool valid_host_name(std::string_view name) {
    // Spread keeps daemon names in 20-byte fields with their terminating NUL,
    // and private group names are "#user#daemon": no '#', nothing invisible.
    if (name.empty() || name.size() > 19) return false;
    for (char c : name)
        if (c <= ' ' || c > '~' || c == '#') return false;
    return true;
}

bool valid_network_name(std::string_view name) {
    if (name.empty() || name.size() > 32) return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

namespace {

bool valid_cluster_name(std::string_view name) {
    if (name.empty() || name.size() > 32) return false;
    for (char c : name)
        if (c <= ' ' || c > '~') return false;
    return true;
}

// Reads the address string at `key`; reports it when it is not an IPv4 address.
std::optional<Ipv4Address> read_address(TableReader& reader, std::string_view key) {
    auto text = reader.string(key);
    if (!text) return std::nullopt;
    auto address = Ipv4Address::parse(*text);
    if (!address) reader.error(key, "'" + *text + "' is not an IPv4 address");
    return address;
}

void read_network(TableReader& reader, Network& network) {
    if (auto name = reader.string("name")) {
        // Kept even when invalid, so that hosts on it are not reported again.
        network.name = *name;
        if (!valid_network_name(*name))
            reader.error("name", "'" + *name + "' is not a valid network name (1 to 32 letters, digits, '-' or '_')");
    } else if (!reader.take("name")) {
        reader.context().diagnostics.add(reader.table_position(),
                                         reader.path() + ": missing required key 'name'");
    }

    // Exactly one way to reach every host; the first one given wins and a
    // second is reported where it is written.
    std::vector<std::string_view> given;
    bool kind_ok = true;
    if (reader.take("broadcast")) {
        given.push_back("broadcast");
        network.kind = NetworkKind::broadcast;
        network.address = read_address(reader, "broadcast");
        if (network.address && (network.address->is_multicast() || network.address->is_any())) {
            reader.error("broadcast", "'" + network.address->to_string() +
                                          "' is not a broadcast address" +
                                          (network.address->is_multicast() ? " (use multicast = ...)" : ""));
            kind_ok = false;
        }
        if (!network.address) kind_ok = false;
    }
    if (reader.take("multicast")) {
        given.push_back("multicast");
        network.kind = NetworkKind::multicast;
        network.address = read_address(reader, "multicast");
        if (network.address && !network.address->is_multicast()) {
            reader.error("multicast", "'" + network.address->to_string() +
                                          "' is not a multicast address (224.0.0.0/4)");
            kind_ok = false;
        }
        if (!network.address) kind_ok = false;
    }
    if (reader.take("unicast")) {
        auto unicast = reader.boolean("unicast");
        if (!unicast) kind_ok = false;
        if (unicast && *unicast) {
            given.push_back("unicast");
            network.kind = NetworkKind::unicast;
            network.address.reset();
        }
    }
    if (given.size() > 1) {
        reader.error(given[1], "a network takes exactly one of broadcast, multicast or unicast = true, "
                               "and " + std::string(given[0]) + " is already given");
    } else if (given.empty() && kind_ok) {
        reader.context().diagnostics.add(
            reader.table_position(),
            reader.path() + ": missing broadcast, multicast or unicast = true");
    }
    reader.finish();
}

void read_host(TableReader& reader, Host& host) {
    if (auto name = reader.string("name")) {
        // Kept even when invalid, so that the daemon host can still be resolved.
        host.name = *name;
        if (!valid_host_name(*name))
            reader.error("name", "'" + *name +
                                     "' is not a valid daemon name (1 to 19 printable characters, "
                                     "no '#', no spaces)");
    } else if (!reader.take("name")) {
        reader.context().diagnostics.add(reader.table_position(),
                                         reader.path() + ": missing required key 'name'");
    }
    if (auto segment = reader.string("segment")) {
        if (segment->empty())
            reader.error("segment", "must not be empty");
        else
            host.segment = *segment;
    }
    if (const toml::table* addresses = reader.table("addresses")) {
        // The keys are network names; they are checked against [[network]]
        // once every network is known (check_topology).
        std::string base = reader.key_path("addresses");
        for (auto&& [key, node] : *addresses) {
            std::string path = base + "." + std::string(key.str());
            reader.context().source_map.record(path, position_of(node));
            const auto* text = node.as_string();
            if (!text) {
                reader.context().reject(path, position_of(node),
                                        path + ": expected a string, got " + type_phrase(node));
                continue;
            }
            auto address = Ipv4Address::parse(text->get());
            if (!address) {
                reader.context().reject(path, position_of(node),
                                        path + ": '" + text->get() + "' is not an IPv4 address");
                continue;
            }
            if (address->is_any() || address->is_multicast() || address->value == 0xFFFFFFFF) {
                reader.context().reject(path, position_of(node),
                                        path + ": '" + text->get() + "' cannot be a host's address");
                continue;
            }
            host.addresses.emplace(std::string(key.str()), *address);
        }
    }
    reader.finish();
}

}  // namespace

void read_cluster(TableReader& document, Config& config) {
    const toml::table* table = document.table("cluster");
    if (!table) return;
    TableReader reader(*table, "cluster", "[cluster]", document.context());
    if (auto name = reader.string("name")) {
        if (valid_cluster_name(*name))
            config.cluster.name = *name;
        else
            reader.error("name", "'" + *name + "' is not a valid cluster name (1 to 32 printable characters, no spaces)");
    }
    // port + 1 may be used by the daemon too, hence 65534.
    if (auto port = reader.integer("port", 1, 65534)) config.cluster.port = static_cast<std::uint16_t>(*port);
    reader.finish();
}

void read_networks(TableReader& document, Config& config) {
    auto tables = document.array_of_tables("network", "[[network]]");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        Network network;
        if (tables[i]) {
            std::string path = "network[" + std::to_string(i) + "]";
            TableReader reader(*tables[i], path, path, document.context());
            read_network(reader, network);
        }
        config.networks.push_back(std::move(network));
    }
    if (tables.empty()) {
        // Absent, or written as an empty array: either way nothing to run on.
        const toml::node* node = document.take("network");
        if (!node || (node->as_array() && node->as_array()->empty()))
            document.context().diagnostics.add(node ? position_of(*node) : Position{}, "no [[network]]: at least one network is required");
    }
}

void read_hosts(TableReader& document, Config& config) {
    auto tables = document.array_of_tables("host", "[[host]]");
    for (std::size_t i = 0; i < tables.size(); ++i) {
        Host host;
        if (tables[i]) {
            std::string path = "host[" + std::to_string(i) + "]";
            TableReader reader(*tables[i], path, path, document.context());
            read_host(reader, host);
        }
        config.hosts.push_back(std::move(host));
    }
    if (tables.empty()) {
        // Absent, or written as an empty array: either way nothing to run on.
        const toml::node* node = document.take("host");
        if (!node || (node->as_array() && node->as_array()->empty()))
            document.context().diagnostics.add(node ? position_of(*node) : Position{}, "no [[host]]: at least one host is required");
    }
}

}  // namespace braid::config::detail
