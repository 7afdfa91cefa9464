// Spread_Segment blocks -> [[network]], [[host]] and [cluster] port.
// The rules are listed in converter.hpp.
#include <map>
#include <optional>
#include <set>

#include "config/legacy/converter.hpp"

namespace braid::config::legacy {

namespace {

constexpr std::uint16_t kSpreadDefaultPort = 4803;
constexpr std::size_t kMaxHostName = 19;
constexpr std::uint32_t kMaxPort = 65534;  // the daemon may use port+1 as well

// "a" .. "z", then "aa", "ab", ...: short names like DESIGN.md's examples.
std::string network_name(std::size_t index) {
    std::string name;
    std::size_t n = index + 1;
    while (n > 0) {
        --n;
        name.insert(name.begin(), static_cast<char>('a' + n % 26));
        n /= 26;
    }
    return name;
}

std::string line_ref(SourcePos pos) { return "line " + std::to_string(pos.line); }

bool is_role(const Token& t) { return t.text == "D" || t.text == "C" || t.text == "M"; }

// What the words after a host name said.
struct HostArgs {
    std::optional<Token> address;  // the address word, not yet parsed
    std::vector<Token> roles;      // D / C / M
};

class SegmentConverter {
public:
    SegmentConverter(const Resolver& resolver, ConvertedConfig& out, ConvertErrors& errors)
        : resolver_(resolver), out_(out), errors_(errors) {}

    void run(const SpreadConf& conf) {
        if (conf.segments.empty()) {
            error({1, 1}, "no Spread_Segment: the file names no daemon to convert");
            return;
        }
        for (const Segment& seg : conf.segments) segment(seg);
        assign_segments();
    }

private:
    void error(SourcePos pos, std::string message) {
        errors_.push_back({pos, std::move(message)});
    }

    void segment(const Segment& seg) {
        // The parser reported a missing header or body; converting what is
        // left would only add errors that follow from it.
        if (seg.header.text.empty() || (seg.damaged && seg.hosts.empty() && seg.networks.empty()))
            return;
        const std::string& header = seg.header.text;
        std::size_t colon = header.rfind(':');
        std::string address_text = header.substr(0, colon);
        port(seg, colon);
        if (seg.networks.empty())
            flat_segment(seg, address_text);
        else
            nested_segment(seg);
    }

    void port(const Segment& seg, std::size_t colon) {
        const std::string& header = seg.header.text;
        std::uint32_t value = kSpreadDefaultPort;
        SourcePos where = seg.header.pos;
        if (colon != std::string::npos) {
            std::string text = header.substr(colon + 1);
            where.column += static_cast<int>(colon) + 1;
            bool digits = !text.empty() && text.size() <= 5 &&
                          text.find_first_not_of("0123456789") == std::string::npos;
            value = digits ? static_cast<std::uint32_t>(std::stoul(text)) : 0;
            if (value == 0 || value > kMaxPort) {
                error(where, "'" + text + "' is not a usable port (1-65534: Braid also uses port+1)");
                return;
            }
        }
        if (!port_from_) {
            port_from_ = seg.header.pos;
            out_.port = static_cast<std::uint16_t>(value);
        } else if (value != out_.port) {
            error(where, "port " + std::to_string(value) + " differs from port " +
                             std::to_string(out_.port) + " of the Spread_Segment on " +
                             line_ref(*port_from_) + ": Braid uses one port for the whole cluster");
        }
    }

    std::size_t add_network(ConvertedNetwork net) {
        net.name = network_name(out_.networks.size());
        out_.networks.push_back(std::move(net));
        parent_.push_back(parent_.size());
        return out_.networks.size() - 1;
    }

    void flat_segment(const Segment& seg, const std::string& address_text) {
        auto address = Ipv4Address::parse(address_text);
        if (!address) {
            error(seg.header.pos, "'" + address_text + "' is not an IPv4 address");
        } else if (address->is_any()) {
            error(seg.header.pos, "'" + address_text + "' is not a broadcast or multicast address");
            address.reset();
        } else if (auto seen = segment_addresses_.find(*address); seen != segment_addresses_.end()) {
            error(seg.header.pos, "address " + address->to_string() +
                                      " is already the address of the Spread_Segment on " +
                                      line_ref(seen->second));
        } else {
            segment_addresses_.emplace(*address, seg.header.pos);
        }
        ConvertedNetwork net;
        net.kind = address && address->is_multicast() ? CarrierKind::multicast : CarrierKind::broadcast;
        net.address = address;
        net.origin = line_ref(seg.pos) + ": Spread_Segment " + seg.header.text;
        std::size_t network = add_network(std::move(net));
        if (seg.hosts.empty() && !seg.damaged) error(seg.pos, "this Spread_Segment has no hosts");
        for (const HostEntry& entry : seg.hosts) {
            HostArgs args = host_args(entry);
            if (!args.address) {
                error(entry.name.pos, "host '" + entry.name.text +
                                          "' has no address (write 'NAME ADDRESS')");
                continue;
            }
            auto host_address = Ipv4Address::parse(args.address->text);
            if (!host_address) {
                error(args.address->pos, "'" + args.address->text + "' is not an IPv4 address");
                continue;
            }
            if (add_address(entry, network, *host_address, args.address->pos))
                roles(entry, args, network, *host_address);
        }
    }

    void nested_segment(const Segment& seg) {
        std::optional<std::size_t> first;
        std::map<std::string, std::size_t> listings;  // name -> blocks of this segment listing it
        for (std::size_t b = 0; b < seg.networks.size(); ++b) {
            const InnerBlock& block = seg.networks[b];
            ConvertedNetwork net;
            net.kind = CarrierKind::unicast;
            net.origin = line_ref(block.pos) + ": network block " + std::to_string(b + 1) +
                         " of Spread_Segment " + seg.header.text +
                         " (the nested form records no broadcast address)";
            std::size_t network = add_network(std::move(net));
            if (first) unite(*first, network); else first = network;
            if (block.hosts.empty() && !block.damaged)
                error(block.pos, "this network block has no hosts");
            for (const HostEntry& entry : block.hosts) {
                HostArgs args = host_args(entry);
                std::size_t nth = listings[entry.name.text]++;
                std::optional<Ipv4Address> address;
                if (args.address) {
                    address = Ipv4Address::parse(args.address->text);
                    if (!address)
                        error(args.address->pos, "'" + args.address->text + "' is not an IPv4 address");
                } else {
                    address = resolve(entry, nth);
                }
                SourcePos at = args.address ? args.address->pos : entry.name.pos;
                if (address && add_address(entry, network, *address, at))
                    roles(entry, args, network, *address);
            }
        }
        for (const HostEntry& entry : seg.hosts) segment_level_line(entry, listings);
    }

    // "foo C" directly inside a nested segment: an interface role of a host
    // listed in the segment's network blocks, at the name's first address.
    void segment_level_line(const HostEntry& entry, const std::map<std::string, std::size_t>& listings) {
        HostArgs args = host_args(entry);
        if (args.address) {
            error(args.address->pos, "unexpected '" + args.address->text +
                                         "': in a nested Spread_Segment, addresses belong in "
                                         "the network blocks");
            return;
        }
        if (args.roles.empty()) {
            error(entry.name.pos, "host '" + entry.name.text +
                                      "' outside the network blocks needs an interface letter "
                                      "(D, C or M)");
            return;
        }
        if (listings.find(entry.name.text) == listings.end()) {
            error(entry.name.pos, "host '" + entry.name.text +
                                      "' is in no network block of this Spread_Segment");
            return;
        }
        auto index = host_index_.find(entry.name.text);
        if (index == host_index_.end()) return;  // its address errors are already reported
        const ConvertedHost& host = out_.hosts[index->second];
        const auto& [network, address] = host.addresses.front();
        for (const Token& role : args.roles) role_note(entry.name.text, role, network, address);
    }

    std::optional<Ipv4Address> resolve(const HostEntry& entry, std::size_t nth) {
        auto cached = resolved_.find(entry.name.text);
        if (cached == resolved_.end())
            cached = resolved_.emplace(entry.name.text, resolver_(entry.name.text)).first;
        const Resolution& r = cached->second;
        if (r.addresses.empty()) {
            error(entry.name.pos, "cannot resolve host name '" + entry.name.text + "': " + r.error);
            return std::nullopt;
        }
        if (nth >= r.addresses.size()) {
            error(entry.name.pos, "host '" + entry.name.text + "' is on " + std::to_string(nth + 1) +
                                      " networks of this Spread_Segment but resolves to only " +
                                      std::to_string(r.addresses.size()) +
                                      " IPv4 address(es); write 'NAME ADDRESS' in each block");
            return std::nullopt;
        }
        if (nth == 0 && r.addresses.size() > 1) {
            std::string list;
            for (const auto& a : r.addresses) list += " " + a.to_string();
            out_.notes.push_back("host '" + entry.name.text + "' (" + line_ref(entry.name.pos) +
                                 ") resolved to" + list +
                                 "; the k-th network block listing it took the k-th address: "
                                 "check them");
        }
        return r.addresses[nth];
    }

    HostArgs host_args(const HostEntry& entry) {
        HostArgs args;
        for (const Token& t : entry.args) {
            if (is_role(t))
                args.roles.push_back(t);
            else if (!args.address)
                args.address = t;
            else
                error(t.pos, "unexpected '" + t.text + "' after host '" + entry.name.text +
                                 "' (expected D, C or M)");
        }
        return args;
    }

    // Records the host's address on a network; false after a duplicate or
    // an address no daemon can have.
    bool add_address(const HostEntry& entry, std::size_t network, Ipv4Address address,
                     SourcePos address_pos) {
        if (!valid_name(entry)) return false;
        if (address.is_any() || address.is_multicast() || address.value == 0xFFFFFFFF) {
            error(address_pos, "host '" + entry.name.text + "': '" + address.to_string() +
                                      "' cannot be a host's address");
            return false;
        }
        const std::string& net = out_.networks[network].name;
        auto [it, fresh] = host_index_.emplace(entry.name.text, out_.hosts.size());
        if (fresh) out_.hosts.push_back(ConvertedHost{entry.name.text, {}, std::nullopt});
        ConvertedHost& host = out_.hosts[it->second];
        for (const auto& [existing, _] : host.addresses) {
            if (existing == net) {
                error(entry.name.pos, "host '" + entry.name.text + "' is listed twice on network '" +
                                          net + "' (first on " +
                                          line_ref(listed_at_.at({entry.name.text, net})) + ")");
                return false;
            }
        }
        if (auto used = address_owner_.find(address); used != address_owner_.end()) {
            error(address_pos, "address " + address.to_string() + " of host '" + entry.name.text +
                                      "' is already used by host '" + used->second.first + "' (" +
                                      line_ref(used->second.second) + ")");
            return false;
        }
        address_owner_.emplace(address, std::pair{entry.name.text, entry.name.pos});
        listed_at_.emplace(std::pair{entry.name.text, net}, entry.name.pos);
        host.addresses.emplace_back(net, address);
        if (!host_networks_[entry.name.text].empty())
            unite(host_networks_[entry.name.text].front(), network);
        host_networks_[entry.name.text].push_back(network);
        return true;
    }

    // Braid's rule for daemon names (also Spread's): at most 19 bytes, as
    // they travel in 20-byte fields, printable, no '#' (private group names
    // are "#user#daemon"). Reported once per name.
    bool valid_name(const HostEntry& entry) {
        const std::string& name = entry.name.text;
        bool ok = !name.empty() && name.size() <= kMaxHostName;
        for (char c : name)
            if (c <= ' ' || c > '~' || c == '#') ok = false;
        if (!ok && bad_names_.insert(name).second)
            error(entry.name.pos, "host name '" + name + "' is not a daemon name Braid accepts "
                                  "(1 to 19 printable ASCII characters, no '#')");
        return ok;
    }

    void roles(const HostEntry& entry, const HostArgs& args, std::size_t network, Ipv4Address address) {
        for (const Token& role : args.roles)
            role_note(entry.name.text, role, out_.networks[network].name, address);
    }

    void role_note(const std::string& host, const Token& role, const std::string& network,
                   Ipv4Address address) {
        std::string where = "host '" + host + "' (" + line_ref(role.pos) + "): interface letter " +
                            role.text + " on network '" + network + "' (" + address.to_string() +
                            ") dropped: ";
        if (role.text == "D")
            out_.notes.push_back(where + "Braid sends daemon traffic on every network of a host");
        else if (role.text == "C")
            out_.notes.push_back(where + "the [daemon] clients below listen on every interface");
        else
            out_.notes.push_back(where + "Braid answers the monitor on every network of a host");
    }

    std::size_t find(std::size_t n) {
        while (parent_[n] != n) n = parent_[n] = parent_[parent_[n]];
        return n;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        // The earlier network stays the root, so domains number in file order.
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

    void assign_segments() {
        std::map<std::size_t, std::size_t> number;  // root network -> segment number
        for (std::size_t n = 0; n < parent_.size(); ++n)
            number.emplace(find(n), number.size() + 1);
        if (number.size() < 2) return;
        for (ConvertedHost& host : out_.hosts) {
            if (host.addresses.empty()) continue;
            std::size_t net = host_networks_.at(host.name).front();
            host.segment = "seg" + std::to_string(number.at(find(net)));
        }
        out_.notes.push_back(
            "the Spread_Segments form " + std::to_string(number.size()) +
            " groups that share no host: each group is a Braid segment (seg1, seg2, ... "
            "in file order), and segments reach each other by unicast");
    }

    const Resolver& resolver_;
    ConvertedConfig& out_;
    ConvertErrors& errors_;
    std::optional<SourcePos> port_from_;                     // segment that set the port
    std::map<Ipv4Address, SourcePos> segment_addresses_;     // segment address -> its header
    std::map<std::string, std::size_t> host_index_;          // name -> index in out_.hosts
    std::map<std::string, std::vector<std::size_t>> host_networks_;  // name -> its networks
    std::map<std::pair<std::string, std::string>, SourcePos> listed_at_;  // (host, network) -> line
    std::map<Ipv4Address, std::pair<std::string, SourcePos>> address_owner_;  // host address -> host
    std::map<std::string, Resolution> resolved_;             // resolver answers, asked once per name
    std::vector<std::size_t> parent_;                        // union-find over networks
    std::set<std::string> bad_names_;                        // invalid host names already reported
};

}  // namespace

void convert_segments(const SpreadConf& conf, const Resolver& resolver, ConvertedConfig& out,
                      ConvertErrors& errors) {
    SegmentConverter(resolver, out, errors).run(conf);
}

}  // namespace braid::config::legacy
