// A small stand-in for the ring and the membership protocol: N groups
// engines, grouped into partitions, each partition with one total order.
// Everything an engine submits goes (through the delivery codec, as on the
// wire) to the end of its partition's queue; run() delivers the queue to
// every engine of the partition in the same order. Per-session notices are
// recorded so tests can check exactly what each client would get.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "delivery/payload_codec.hpp"
#include "groups/engine.hpp"

namespace braid::groups::test {

class Cluster {
public:
    // Daemons d1..dN with ids 1..N, all in one first configuration;
    // max_report is the engines' state report part limit.
    explicit Cluster(int n, std::size_t max_report = 100000) {
        std::vector<std::string> order;
        for (int i = 1; i <= n; ++i) order.push_back("d" + std::to_string(i));
        for (int i = 1; i <= n; ++i) {
            EngineSettings settings{static_cast<ring::DaemonId>(i), "d" + std::to_string(i), order,
                                    max_report};
            engines_.push_back(std::make_unique<Engine>(settings));
            partition_of_.push_back(0);
        }
        std::vector<int> all;
        for (int i = 1; i <= n; ++i) all.push_back(i);
        partitions_.push_back({ring::RingId{1, 1}, all, {}});
        for (int i = 1; i <= n; ++i) take(i, engine(i).on_regular({ring::RingId{1, 1}, ids(all)}));
        run();
        clear();
    }

    Engine& engine(int daemon) { return *engines_.at(static_cast<std::size_t>(daemon - 1)); }

    // "#name#dK" for a session on daemon K.
    static std::string session(const std::string& name, int daemon) {
        return "#" + name + "#d" + std::to_string(daemon);
    }

    void open(const std::string& name, int daemon) {
        take(daemon, engine(daemon).open_session(session(name, daemon)));
    }
    // Opens a session by its full private group name on daemon 1.
    void take_open(const std::string& private_group) {
        take(1, engine(1).open_session(private_group));
    }
    void join(const std::string& name, int daemon, const std::string& group) {
        take(daemon, engine(daemon).join(session(name, daemon), group));
    }
    void leave(const std::string& name, int daemon, const std::string& group) {
        take(daemon, engine(daemon).leave(session(name, daemon), group));
    }
    void disconnect(const std::string& name, int daemon) {
        take(daemon, engine(daemon).disconnect(session(name, daemon)));
    }
    // A client multicast, submitted by the daemon of its sender.
    void send(int daemon, delivery::Message message) {
        submit(daemon, std::move(message));
    }

    // Delivers every queued message of every partition.
    void run() {
        for (std::size_t p = 0; p < partitions_.size(); ++p) {
            auto& queue = partitions_[p].queue;
            while (!queue.empty()) {
                auto [from, bytes] = std::move(queue.front());
                queue.pop_front();
                delivery::CodecError error;
                auto decoded = delivery::decode_message(bytes, error);
                ASSERT_TRUE(decoded) << error.what;
                for (int d : partitions_[p].members)
                    take(d, engine(d).on_delivery(static_cast<ring::DaemonId>(from),
                                                  decoded->message));
            }
        }
    }

    // Delivers only the first n queued messages of daemon d's partition.
    void deliver_first(int d, std::size_t n) {
        auto& partition = partitions_[partition_of_[static_cast<std::size_t>(d - 1)]];
        for (std::size_t i = 0; i < n && !partition.queue.empty(); ++i) {
            auto [from, bytes] = std::move(partition.queue.front());
            partition.queue.pop_front();
            delivery::CodecError error;
            auto decoded = delivery::decode_message(bytes, error);
            ASSERT_TRUE(decoded) << error.what;
            for (int member : partition.members)
                take(member, engine(member).on_delivery(static_cast<ring::DaemonId>(from),
                                                        decoded->message));
        }
    }

    // The configuration ends before these messages reach anyone.
    void drop_undelivered() {
        for (auto& partition : partitions_) partition.queue.clear();
    }

    // Starts the configuration change to `sides` (each a list of daemons):
    // the old configurations' queues are delivered first, then every daemon
    // gets its transitional configuration (its side minus daemons of other
    // old partitions) and its regular configuration. Ring ids grow with
    // `sequence`, the representative is the side's lowest daemon.
    void reconfigure(const std::vector<std::vector<int>>& sides, bool deliver = true) {
        run();
        const auto old_partition = partition_of_;
        std::vector<Partition> next;
        ++sequence_;
        for (const auto& side : sides) {
            next.push_back({ring::RingId{static_cast<ring::DaemonId>(side.front()), sequence_},
                            side, {}});
            for (int d : side) {
                std::vector<int> trans;
                for (int other : side)
                    if (old_partition[static_cast<std::size_t>(other - 1)] ==
                        old_partition[static_cast<std::size_t>(d - 1)])
                        trans.push_back(other);
                take(d, engine(d).on_transitional(
                            {partitions_[old_partition[static_cast<std::size_t>(d - 1)]].ring,
                             ids(trans)}));
            }
        }
        partitions_ = std::move(next);
        for (std::size_t p = 0; p < partitions_.size(); ++p)
            for (int d : partitions_[p].members) partition_of_[static_cast<std::size_t>(d - 1)] = p;
        if (!deliver) return;
        for (const auto& partition : partitions_)
            for (int d : partition.members) regular(d);
        run();
    }

    // Gives daemon d the regular configuration of its (new) partition.
    void regular(int d) {
        const auto& partition = partitions_[partition_of_[static_cast<std::size_t>(d - 1)]];
        take(d, engine(d).on_regular({partition.ring, ids(partition.members)}));
    }

    ring::RingId ring_of(int d) const {
        return partitions_[partition_of_[static_cast<std::size_t>(d - 1)]].ring;
    }

    // What one session received since the last call, then forgotten.
    std::vector<Output> received(const std::string& name, int daemon) {
        auto& log = received_[session(name, daemon)];
        auto out = std::move(log);
        log.clear();
        return out;
    }
    std::vector<LogLine> logs(int daemon) {
        auto out = std::move(logs_[daemon]);
        logs_[daemon].clear();
        return out;
    }
    void clear() {
        received_.clear();
        logs_.clear();
    }
    // Submits a raw message as daemon `daemon` (for malformed control bodies).
    void submit(int daemon, delivery::Message message) {
        auto& partition = partitions_[partition_of_[static_cast<std::size_t>(daemon - 1)]];
        partition.queue.emplace_back(daemon, delivery::encode_message(++number_, message));
    }

private:
    struct Partition {
        ring::RingId ring;                                  // its current ring
        std::vector<int> members;                           // daemons in it
        std::deque<std::pair<int, std::vector<std::uint8_t>>> queue;  // submitted, undelivered
    };

    static std::vector<ring::DaemonId> ids(const std::vector<int>& daemons) {
        return {daemons.begin(), daemons.end()};
    }

    void take(int daemon, std::vector<Output> outputs) {
        for (auto& output : outputs) {
            if (auto* s = std::get_if<Submit>(&output)) {
                submit(daemon, std::move(s->message));
            } else if (auto* l = std::get_if<LogLine>(&output)) {
                logs_[daemon].push_back(*l);
            } else {
                const std::string who = std::visit(
                    [](const auto& o) -> std::string {
                        if constexpr (requires { o.session; }) return o.session;
                        return {};
                    },
                    output);
                received_[who].push_back(std::move(output));
            }
        }
    }

    std::vector<std::unique_ptr<Engine>> engines_;      // daemon d at index d-1
    std::vector<std::size_t> partition_of_;             // daemon d's partition at index d-1
    std::vector<Partition> partitions_;                 // current partitions
    std::map<std::string, std::vector<Output>> received_;  // per session, in order
    std::map<int, std::vector<LogLine>> logs_;          // per daemon
    std::uint64_t sequence_ = 1;                        // last ring sequence used
    std::uint64_t number_ = 0;                          // message numbers for the codec
};

}  // namespace braid::groups::test
