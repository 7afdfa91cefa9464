// Two data links in one process exchanging frames through real UDP
// sockets on loopback addresses, driven by one event loop. Every wait is
// bounded; nothing here asserts timings.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "datalink/datalink.hpp"
#include "datalink/frame.hpp"

namespace braid::datalink {
namespace {

using namespace std::chrono_literals;

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }

struct Received {
    PathIndex path = 0;
    Ipv4Address from;
    std::vector<std::uint8_t> payload;
};

// One data link and what it received.
struct Node {
    std::unique_ptr<DataLink> link;
    std::vector<Received> got;
};

constexpr std::uint64_t kCluster = 0xfeedULL;

LinkConfig two_paths(std::uint16_t port, const char* a, const char* b) {
    LinkConfig c;
    c.cluster_id = kCluster;
    c.port = port;
    c.paths = {{0, "lo-a", PathKind::unicast, ip(a), {}}, {1, "lo-b", PathKind::unicast, ip(b), {}}};
    return c;
}

class Loopback : public ::testing::Test {
protected:
    void SetUp() override {
        std::error_code error;
        loop_ = event::Loop::create(error);
        ASSERT_TRUE(loop_) << error.message();
        // Other programs may hold a port: try a few, starting from one the pid picks.
        const int base = 20000 + static_cast<int>(getpid() % 20000);
        for (int attempt = 0; attempt < 50 && !a_.link; ++attempt) {
            port_ = static_cast<std::uint16_t>(base + attempt * 17);
            a_.link = make(two_paths(port_, "127.0.0.1", "127.0.0.3"), a_);
            b_.link = make(two_paths(port_, "127.0.0.2", "127.0.0.4"), b_);
            if (!b_.link) a_.link.reset();
        }
        ASSERT_TRUE(a_.link && b_.link) << "no free port for the loopback test";
    }

    std::unique_ptr<DataLink> make(LinkConfig c, Node& node) {
        auto r = DataLink::create(std::move(c), *loop_,
                                  [&node](PathIndex path, Ipv4Address from, std::span<const std::uint8_t> p) {
                                      node.got.push_back({path, from, {p.begin(), p.end()}});
                                  });
        return std::move(r.link);
    }

    // Runs the loop until `done` or five seconds have passed.
    bool run_until(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            if (loop_->run_once(10ms)) return false;
        }
        return true;
    }

    // Sends raw bytes (no frame added) from a plain socket to `to`:port.
    void send_raw(Ipv4Address to, const std::vector<std::uint8_t>& bytes) {
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        ASSERT_GE(fd, 0);
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port_);
        sa.sin_addr.s_addr = htonl(to.value);
        const auto n = ::sendto(fd, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&sa),
                                sizeof sa);
        ::close(fd);
        ASSERT_EQ(n, static_cast<ssize_t>(bytes.size())) << std::strerror(errno);
    }

    std::unique_ptr<event::Loop> loop_;
    std::uint16_t port_ = 0;
    Node a_;
    Node b_;
};

TEST_F(Loopback, FramesArriveWithPathAndSource) {
    const std::vector<std::uint8_t> hello = {'h', 'i'};
    const std::vector<std::uint8_t> there = {'t', 'h', 'e', 'r', 'e'};
    const Transmit burst[] = {{0, ip("127.0.0.2"), hello}, {1, ip("127.0.0.4"), there}};
    EXPECT_TRUE(a_.link->send(burst).empty());
    ASSERT_TRUE(run_until([&] { return b_.got.size() == 2; }));
    // Paths are separate sockets, so their relative order is not guaranteed.
    for (const Received& r : b_.got) {
        if (r.path == 0) {
            EXPECT_EQ(r.from, ip("127.0.0.1"));
            EXPECT_EQ(r.payload, hello);
        } else {
            EXPECT_EQ(r.path, 1);
            EXPECT_EQ(r.from, ip("127.0.0.3"));
            EXPECT_EQ(r.payload, there);
        }
    }
    EXPECT_NE(b_.got[0].path, b_.got[1].path);

    // And back.
    const Transmit reply[] = {{1, ip("127.0.0.3"), there}};
    EXPECT_TRUE(b_.link->send(reply).empty());
    ASSERT_TRUE(run_until([&] { return a_.got.size() == 1; }));
    EXPECT_EQ(a_.got[0].path, 1);
    EXPECT_EQ(a_.got[0].from, ip("127.0.0.4"));

    const PathCounters* sent = a_.link->counters(0);
    ASSERT_NE(sent, nullptr);
    EXPECT_EQ(sent->packets_sent, 1u);
    EXPECT_EQ(sent->bytes_sent, kFrameHeaderSize + hello.size());
    const PathCounters* received = b_.link->counters(1);
    ASSERT_NE(received, nullptr);
    EXPECT_EQ(received->packets_received, 1u);
    EXPECT_EQ(received->bytes_received, kFrameHeaderSize + there.size());
}

TEST_F(Loopback, BurstIsDeliveredInOrderPerPath) {
    std::vector<std::vector<std::uint8_t>> payloads;
    for (int i = 0; i < 150; ++i) payloads.push_back({static_cast<std::uint8_t>(i), 0xAA});
    std::vector<Transmit> burst;
    for (const auto& p : payloads) burst.push_back({0, ip("127.0.0.2"), p});
    EXPECT_TRUE(a_.link->send(burst).empty());
    ASSERT_TRUE(run_until([&] { return b_.got.size() == payloads.size(); }));
    for (std::size_t i = 0; i < payloads.size(); ++i) EXPECT_EQ(b_.got[i].payload, payloads[i]);
    EXPECT_EQ(a_.link->counters(0)->packets_sent, payloads.size());
}

TEST_F(Loopback, SendErrorIsReportedAndOtherSendsGoOn) {
    const std::vector<std::uint8_t> p = {1};
    // A unicast network's socket has no SO_BROADCAST: the kernel refuses
    // the limited broadcast with EACCES, without touching any network.
    const Transmit burst[] = {{0, ip("255.255.255.255"), p},
                              {0, ip("127.0.0.2"), p},
                              {7, ip("127.0.0.2"), p},  // a path this host is not on
                              {1, ip("127.0.0.4"), p}};
    const auto errors = a_.link->send(burst);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].path, 7);
    EXPECT_EQ(errors[0].error, EINVAL);
    EXPECT_EQ(errors[1].path, 0);
    EXPECT_EQ(errors[1].destination, ip("255.255.255.255"));
    EXPECT_EQ(errors[1].error, EACCES);
    ASSERT_TRUE(run_until([&] { return b_.got.size() == 2; }));
    const PathCounters& c0 = *a_.link->counters(0);
    EXPECT_EQ(c0.send_errors, 1u);
    EXPECT_EQ(c0.send_errors_by_errno.at(EACCES), 1u);
    EXPECT_EQ(c0.packets_sent, 1u);
    EXPECT_EQ(a_.link->counters(1)->packets_sent, 1u);
    EXPECT_EQ(a_.link->link_counters().unknown_path, 1u);
}

TEST_F(Loopback, ForeignDatagramsAreCountedAndNotPassedUp) {
    const FrameHeader good = encode_frame_header(kCluster);
    const FrameHeader other = encode_frame_header(kCluster + 1);
    std::vector<std::uint8_t> old_version(good.begin(), good.end());
    old_version[4] = 0;
    send_raw(ip("127.0.0.2"), {'n', 'o', 'p', 'e'});
    send_raw(ip("127.0.0.2"), {'B', 'R', 'D'});
    send_raw(ip("127.0.0.2"), {other.begin(), other.end()});
    send_raw(ip("127.0.0.2"), old_version);
    std::vector<std::uint8_t> valid(good.begin(), good.end());
    valid.push_back(42);
    send_raw(ip("127.0.0.2"), valid);  // the marker: everything before it has been read
    ASSERT_TRUE(run_until([&] { return b_.got.size() == 1; }));
    EXPECT_EQ(b_.got[0].payload, std::vector<std::uint8_t>{42});
    const PathCounters& c = *b_.link->counters(0);
    EXPECT_EQ(c.dropped(DropReason::bad_magic), 1u);
    EXPECT_EQ(c.dropped(DropReason::truncated), 1u);
    EXPECT_EQ(c.dropped(DropReason::foreign_cluster), 1u);
    EXPECT_EQ(c.dropped(DropReason::bad_version), 1u);
    EXPECT_EQ(c.packets_received, 1u);
}

TEST_F(Loopback, StatusListsPathsInOrder) {
    const auto status = a_.link->status();
    ASSERT_EQ(status.size(), 2u);
    EXPECT_EQ(status[0].config.name, "lo-a");
    EXPECT_EQ(status[1].config.local, ip("127.0.0.3"));
    EXPECT_FALSE(status[0].group_receiving);  // unicast networks have no group socket
    EXPECT_TRUE(status[0].multicast_ready);    // nothing waits for an address
    EXPECT_EQ(a_.link->counters(9), nullptr);
}

TEST_F(Loopback, AddressInUseIsAnErrorWithWhere) {
    auto r = DataLink::create(two_paths(port_, "127.0.0.1", "127.0.0.5"), *loop_,
                              [](PathIndex, Ipv4Address, std::span<const std::uint8_t>) {});
    EXPECT_FALSE(r.link);
    EXPECT_EQ(r.error, "network lo-a: bind 127.0.0.1:" + std::to_string(port_) +
                           ": Address already in use");
}

TEST(DataLinkConfig, RefusedWithReason) {
    std::error_code error;
    auto loop = event::Loop::create(error);
    ASSERT_TRUE(loop);
    auto callback = [](PathIndex, Ipv4Address, std::span<const std::uint8_t>) {};
    auto refuse = [&](LinkConfig c) { return DataLink::create(std::move(c), *loop, callback).error; };

    LinkConfig c = two_paths(4803, "127.0.0.1", "127.0.0.3");
    c.port = 0;
    EXPECT_EQ(refuse(c), "the cluster port must not be 0");
    c = two_paths(4803, "127.0.0.1", "127.0.0.3");
    c.paths.clear();
    EXPECT_EQ(refuse(c), "this host is on no network");
    c = two_paths(4803, "127.0.0.1", "127.0.0.3");
    c.paths[1].index = 0;
    EXPECT_EQ(refuse(c), "network lo-b: path index 0 used twice");
    c = two_paths(4803, "0.0.0.0", "127.0.0.3");
    EXPECT_EQ(refuse(c), "network lo-a: no local address");
    c = two_paths(4803, "127.0.0.1", "127.0.0.3");
    c.paths[0].kind = PathKind::multicast;
    c.paths[0].group = ip("10.0.0.255");
    EXPECT_EQ(refuse(c), "network lo-a: 10.0.0.255 is not a multicast group");
    c.paths[0].kind = PathKind::broadcast;
    c.paths[0].group = ip("239.1.1.1");
    EXPECT_EQ(refuse(c), "network lo-a: broadcast address 239.1.1.1 is not usable");
    c = two_paths(4803, "127.0.0.1", "127.0.0.3");
    c.multicast_ttl = 300;
    EXPECT_EQ(refuse(c), "multicast TTL 300 is outside 0..255");
    c = two_paths(4803, "127.0.0.1", "127.0.0.3");
    EXPECT_EQ(DataLink::create(c, *loop, nullptr).error, "no receive callback");
}

}  // namespace
}  // namespace braid::datalink
