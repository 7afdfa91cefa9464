// SocketPortReuse observed through bind(): a client listener closed while
// one of its connections sits in TIME_WAIT can be opened again at once only
// when SO_REUSEADDR is set, which is what the policy decides.
#include <cerrno>
#include <cstring>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "system/activation.hpp"
#include "system/listeners.hpp"

namespace braid::system {
namespace {

using config::PortReuse;

const Ipv4Address kLoopback{0x7F000001};
const Ipv4Address kAny{0};

std::uint16_t port_of(int fd) {
    sockaddr_in addr{};
    socklen_t length = sizeof(addr);
    EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length), 0);
    return ntohs(addr.sin_port);
}

// Opens a listener on an ephemeral port, passes one connection through it
// with the server closing first (so the server's end of the connection
// enters TIME_WAIT on the listener's port), closes the listener and returns
// the port.
std::uint16_t leave_time_wait(const Ipv4Address& address, PortReuse policy) {
    std::string error;
    const int listener = open_tcp_listener(address, 0, policy, error);
    EXPECT_GE(listener, 0) << error;
    const std::uint16_t port = port_of(listener);
    const int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(kLoopback.value);
    to.sin_port = htons(port);
    EXPECT_EQ(connect(client, reinterpret_cast<sockaddr*>(&to), sizeof(to)), 0) << std::strerror(errno);
    pollfd p{listener, POLLIN, 0};
    EXPECT_EQ(poll(&p, 1, 5000), 1);
    const int served = accept(listener, nullptr, nullptr);
    EXPECT_GE(served, 0);
    close(served);  // the server closes first: its side goes to TIME_WAIT
    char byte;
    pollfd c{client, POLLIN, 0};
    EXPECT_EQ(poll(&c, 1, 5000), 1);
    EXPECT_EQ(read(client, &byte, 1), 0);  // the server's FIN arrived
    close(client);                         // ... and the client's FIN completes the close
    close(listener);
    usleep(20000);                         // let loopback carry the last ACK
    return port;
}

// Whether a listener with `policy` can be opened on `port` right after.
std::string reopen(const Ipv4Address& address, std::uint16_t port, PortReuse policy) {
    std::string error;
    const int fd = open_tcp_listener(address, port, policy, error);
    if (fd >= 0) close(fd);
    return error;
}

TEST(PortReuse, PolicyDecidesPerAddress) {
    EXPECT_TRUE(reuse_address(PortReuse::automatic, kLoopback));
    EXPECT_FALSE(reuse_address(PortReuse::automatic, kAny));
    EXPECT_TRUE(reuse_address(PortReuse::on, kAny));
    EXPECT_TRUE(reuse_address(PortReuse::on, kLoopback));
    EXPECT_FALSE(reuse_address(PortReuse::off, kLoopback));
    EXPECT_FALSE(reuse_address(PortReuse::off, kAny));
}

TEST(PortReuse, AutoRebindsASpecificAddressDuringTimeWait) {
    const std::uint16_t port = leave_time_wait(kLoopback, PortReuse::automatic);
    EXPECT_EQ(reopen(kLoopback, port, PortReuse::automatic), "");
}

TEST(PortReuse, AutoDoesNotReuseTheWildcardAddress) {
    const std::uint16_t port = leave_time_wait(kAny, PortReuse::automatic);
    EXPECT_EQ(reopen(kAny, port, PortReuse::automatic),
              "cannot bind the client listener tcp:0.0.0.0:" + std::to_string(port) + ": Address already in use");
}

TEST(PortReuse, OnReusesEvenTheWildcardAddress) {
    const std::uint16_t port = leave_time_wait(kAny, PortReuse::on);
    EXPECT_EQ(reopen(kAny, port, PortReuse::on), "");
}

TEST(PortReuse, OffNeverReuses) {
    const std::uint16_t port = leave_time_wait(kLoopback, PortReuse::off);
    EXPECT_EQ(reopen(kLoopback, port, PortReuse::off),
              "cannot bind the client listener tcp:127.0.0.1:" + std::to_string(port) + ": Address already in use");
}

TEST(PortReuse, NoPolicyLetsTwoListenersShareAPort) {
    std::string error;
    const int first = open_tcp_listener(kLoopback, 0, PortReuse::on, error);
    ASSERT_GE(first, 0) << error;
    const std::uint16_t port = port_of(first);
    EXPECT_EQ(reopen(kLoopback, port, PortReuse::on),
              "cannot bind the client listener tcp:127.0.0.1:" + std::to_string(port) + ": Address already in use");
    close(first);
}

TEST(BoundListener, MatchesATcpListenerByAddressAndPort) {
    std::string error;
    const int fd = open_tcp_listener(kLoopback, 0, PortReuse::automatic, error);
    ASSERT_GE(fd, 0) << error;
    auto bound = bound_listener(fd);
    ASSERT_TRUE(bound);
    EXPECT_EQ(describe(*bound), "tcp:127.0.0.1:" + std::to_string(port_of(fd)));
    close(fd);
    const int udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    EXPECT_FALSE(bound_listener(udp));  // not a listening stream socket
    close(udp);
}

}  // namespace
}  // namespace braid::system
