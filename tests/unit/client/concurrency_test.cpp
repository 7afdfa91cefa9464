// Several threads on one mailbox: two senders and a receiver at once. The
// daemon side checks that every frame arrives whole, never interleaved.
#include <gtest/gtest.h>

#include <cstring>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "alice_session.hpp"

namespace braid::client::test {
namespace {

using ClientThreads = AliceSession;

constexpr int per_sender = 20;     // messages each sender thread sends
constexpr int deliveries = 200;   // messages the daemon sends meanwhile

std::uint32_t le32(const Bytes& b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
           (static_cast<std::uint32_t>(b[at + 2]) << 16) |
           (static_cast<std::uint32_t>(b[at + 3]) << 24);
}

// Sends per_sender messages of `letter`, message i being 100000 + i bytes
// long: larger than one socket buffer, so an unlocked send would interleave.
void send_all_of(mailbox mbox, char letter, std::string group) {
    for (int i = 0; i < per_sender; ++i) {
        const std::string body(static_cast<std::size_t>(100000 + i), letter);
        ASSERT_EQ(SP_multicast(mbox, FIFO_MESS, group.c_str(), static_cast<int16>(i),
                               static_cast<int>(body.size()), body.data()),
                  100000 + i);
    }
}

TEST_F(ClientThreads, ConcurrentSendersNeverInterleave) {
    auto check_frames = [this] {
        int next[2] = {0, 0};  // next expected mess_type from 'A' and from 'B'
        for (int n = 0; n < 2 * per_sender; ++n) {
            const auto head = daemon.read(daemon_fd, 48);
            if (!head || le32(*head, 36) != 1) return std::string("bad header");
            const std::uint32_t len = le32(*head, 44);
            const auto rest = daemon.read(daemon_fd, 32 + len);
            if (!rest) return std::string("short frame");
            const char letter = static_cast<char>((*rest)[32]);
            if (letter != 'A' && letter != 'B') return std::string("bad payload");
            if ((*rest)[0] != static_cast<std::uint8_t>(letter == 'A' ? 'a' : 'b'))
                return std::string("group does not match payload");
            for (std::size_t i = 32; i < rest->size(); ++i)
                if ((*rest)[i] != static_cast<std::uint8_t>(letter))
                    return std::string("interleaved bytes");
            const int idx = letter - 'A';
            const int mess_type = static_cast<int>((*head)[41]) | (static_cast<int>((*head)[42]) << 8);
            if (mess_type != next[idx] || len != static_cast<std::uint32_t>(100000 + mess_type))
                return std::string("out of order");
            ++next[idx];
        }
        return std::string("ok");
    };
    // On a bad frame the daemon hangs up, so that no client thread stays blocked.
    auto daemon_reader = std::async(std::launch::async, [this, check_frames] {
        std::string verdict = check_frames();
        if (verdict != "ok") daemon.hang_up(daemon_fd);
        return verdict;
    });
    auto daemon_writer = std::async(std::launch::async, [this] {
        for (int i = 0; i < deliveries; ++i)
            if (!daemon.write(daemon_fd, vectors::agreed_hello)) return false;
        return true;
    });
    std::thread sender_a(send_all_of, mbox, 'A', "a");
    std::thread sender_b(send_all_of, mbox, 'B', "b");
    int received = 0;
    std::thread receiver([this, &received] {
        for (int i = 0; i < deliveries; ++i) {
            Received r;
            if (receive(mbox, r, 4, sizeof r.mess) != 5 || std::memcmp(r.mess, "hello", 5) != 0)
                return;
            ++received;
        }
    });
    sender_a.join();
    sender_b.join();
    receiver.join();
    EXPECT_EQ(daemon_reader.get(), "ok");
    EXPECT_TRUE(daemon_writer.get());
    EXPECT_EQ(received, deliveries);
}

}  // namespace
}  // namespace braid::client::test
