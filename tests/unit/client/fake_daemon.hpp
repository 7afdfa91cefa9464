// A scripted stand-in for braidd in client library tests: it listens on a
// Unix socket <tmpdir>/4803, points the library at it through
// BRAID_SOCKET_DIR, and lets a test read and write raw protocol bytes.
// Every wait is bounded by `timeout`.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace braid::client::test {

using Bytes = std::vector<std::uint8_t>;

class FakeDaemon {
public:
    FakeDaemon();
    ~FakeDaemon();
    FakeDaemon(const FakeDaemon&) = delete;
    FakeDaemon& operator=(const FakeDaemon&) = delete;

    // The temporary socket directory.
    const std::string& dir() const { return dir_; }

    // Listens on TCP 127.0.0.1 instead of the Unix socket; returns the port or -1.
    int listen_tcp();
    // Accepts one client; -1 on timeout.
    int accept_client();
    // Reads exactly n bytes; nullopt on timeout or EOF.
    std::optional<Bytes> read(int fd, std::size_t n);
    // Writes all bytes.
    bool write(int fd, const Bytes& bytes);
    // Shuts the connection down in both directions (the client sees EOF).
    void hang_up(int fd);
    // True when the peer has closed (EOF within the timeout).
    bool sees_eof(int fd);
    // Accepts a client and runs the NULL-auth handshake of the worked example,
    // storing the client's request (10 bytes) and auth choice (90 bytes).
    int accept_alice(Bytes* request = nullptr, Bytes* choice = nullptr);

    static constexpr std::chrono::milliseconds timeout{5000};  // bound of every wait

private:
    std::string dir_;               // temporary directory holding the socket
    std::string path_;              // <dir_>/4803
    int listener_ = -1;             // listening socket
    std::vector<int> clients_;      // accepted sockets, closed at the end
};

// True when `fd` becomes readable within FakeDaemon::timeout.
bool readable(int fd);

}  // namespace braid::client::test
