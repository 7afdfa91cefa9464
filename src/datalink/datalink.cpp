#include "datalink/datalink.hpp"

#include <cerrno>
#include <set>

#include "datalink/batch_send.hpp"

namespace braid::datalink {

namespace {

// Why a configuration cannot be used, or "".
std::string check(const LinkConfig& config) {
    if (config.port == 0) return "the cluster port must not be 0";
    if (config.paths.empty()) return "this host is on no network";
    if (config.multicast_ttl < 0 || config.multicast_ttl > 255) {
        return "multicast TTL " + std::to_string(config.multicast_ttl) + " is outside 0..255";
    }
    std::set<PathIndex> seen;
    for (const PathConfig& p : config.paths) {
        const std::string where = "network " + p.name + ": ";
        if (!seen.insert(p.index).second) {
            return where + "path index " + std::to_string(p.index) + " used twice";
        }
        if (p.local.is_any()) return where + "no local address";
        if (p.local.is_multicast()) return where + "local address " + p.local.to_string() + " is multicast";
        if (p.kind == PathKind::multicast && !p.group.is_multicast()) {
            return where + p.group.to_string() + " is not a multicast group";
        }
        if (p.kind == PathKind::broadcast && (p.group.is_any() || p.group.is_multicast())) {
            return where + "broadcast address " + p.group.to_string() + " is not usable";
        }
    }
    return {};
}

}  // namespace

CreateResult DataLink::create(LinkConfig config, event::Loop& loop, ReceiveCallback on_receive) {
    CreateResult result;
    if (auto e = check(config); !e.empty()) {
        result.error = e;
        return result;
    }
    if (!on_receive) {
        result.error = "no receive callback";
        return result;
    }
    std::unique_ptr<DataLink> link(new DataLink(std::move(config), loop, std::move(on_receive)));
    if (auto e = link->open(); !e.empty()) {
        result.error = e;  // the destructor closes and unregisters what was opened
        return result;
    }
    result.link = std::move(link);
    return result;
}

DataLink::DataLink(LinkConfig config, event::Loop& loop, ReceiveCallback on_receive)
    : config_(std::move(config)),
      loop_(loop),
      on_receive_(std::move(on_receive)),
      header_(encode_frame_header(config_.cluster_id)),
      receiver_(config_.receive_batch) {}

DataLink::~DataLink() {
    for (auto& path : paths_) {
        if (path->unicast_watch != 0) loop_.remove_watch(path->unicast_watch);
        if (path->group_watch != 0) loop_.remove_watch(path->group_watch);
    }
}

std::string DataLink::open() {
    for (const PathConfig& p : config_.paths) {
        auto path = std::make_unique<Path>();
        if (auto e = open_path_sockets(p, config_, path->sockets); !e.empty()) return e;
        paths_.push_back(std::move(path));
        const std::size_t slot = paths_.size() - 1;
        Path& added = *paths_.back();
        if (auto e = watch(slot, added.sockets.unicast.fd(), added.unicast_watch); !e.empty()) return e;
        if (added.sockets.group.valid()) {
            if (auto e = watch(slot, added.sockets.group.fd(), added.group_watch); !e.empty()) return e;
        }
    }
    return {};
}

std::string DataLink::watch(std::size_t slot, int fd, event::WatchId& id) {
    std::error_code error;
    id = loop_.add_watch(
        fd, event::readiness::readable, event::Priority::protocol,
        [this, slot, fd](std::uint32_t) { on_readable(slot, fd); }, error);
    if (id == 0) {
        return "network " + config_.paths[slot].name + ": event loop refused a socket: " +
               error.message();
    }
    return {};
}

void DataLink::on_readable(std::size_t slot, int fd) {
    Path& path = *paths_[slot];
    const PathIndex index = path.sockets.config.index;
    const auto summary = receiver_.receive(fd, [&](const ReceivedDatagram& d) {
        if (d.truncated) {
            ++path.counters.drops[static_cast<std::size_t>(DropReason::oversize)];
            return;
        }
        const DecodedFrame frame = decode_frame(d.bytes, config_.cluster_id);
        if (!frame.ok) {
            ++path.counters.drops[static_cast<std::size_t>(frame.reason)];
            return;
        }
        ++path.counters.packets_received;
        path.counters.bytes_received += d.bytes.size();
        on_receive_(index, d.from, frame.payload);
    });
    if (summary.error != 0) ++path.counters.receive_errors;
}

DataLink::Path* DataLink::find(PathIndex index) {
    for (auto& p : paths_) {
        if (p->sockets.config.index == index) return p.get();
    }
    return nullptr;
}

std::vector<SendError> DataLink::send(std::span<const Transmit> transmits) {
    std::vector<SendError> errors;
    // Group per path, keeping each path's order; every path gets its turn.
    std::vector<std::vector<const Transmit*>> per_path(paths_.size());
    for (const Transmit& t : transmits) {
        bool placed = false;
        for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
            if (paths_[slot]->sockets.config.index == t.path) {
                per_path[slot].push_back(&t);
                placed = true;
                break;
            }
        }
        if (!placed) {
            ++link_counters_.unknown_path;
            errors.push_back(SendError{t.path, t.destination, EINVAL});
        }
    }
    for (std::size_t slot = 0; slot < paths_.size(); ++slot) {
        if (per_path[slot].empty()) continue;
        Path& path = *paths_[slot];
        send_batch(path.sockets.unicast.fd(), header_, per_path[slot], config_.port, path.counters,
                   errors);
    }
    return errors;
}

std::vector<std::string> DataLink::retry_multicast_setup() {
    std::vector<std::string> failures;
    for (auto& path : paths_) {
        if (auto e = retry_multicast(path->sockets); !e.empty()) failures.push_back(std::move(e));
    }
    return failures;
}

std::vector<PathStatus> DataLink::status() const {
    std::vector<PathStatus> out;
    for (const auto& path : paths_) {
        PathStatus s;
        s.config = path->sockets.config;
        s.group_receiving = path->sockets.group.valid() && path->sockets.group_joined;
        s.multicast_ready = multicast_ready(path->sockets);
        s.counters = path->counters;
        out.push_back(std::move(s));
    }
    return out;
}

const PathCounters* DataLink::counters(PathIndex index) const {
    for (const auto& p : paths_) {
        if (p->sockets.config.index == index) return &p->counters;
    }
    return nullptr;
}

}  // namespace braid::datalink
