// A throw-away two-host, two-network topology in Linux network namespaces,
// for data link tests with real broadcast, multicast and link failures.
//
//   namespace H1                 namespace BR                namespace H2
//   eth-a 10.1.0.1/24 --veth-- [bridge bra] --veth-- eth-a 10.1.0.2/24
//   eth-b 10.2.0.1/24 --veth-- [bridge brb] --veth-- eth-b 10.2.0.2/24
//
// Names carry the test process's pid, so concurrent runs do not meet, and
// nothing is created in the root namespace. Deleting the three namespaces
// removes every link and bridge; the destructor does it, and a watchdog
// process does it too if the test crashes or runs past its time limit
// (it then kills the test first).
#pragma once

#include <string>
#include <sys/types.h>

namespace braid::datalink::test {

// Runs a shell command with a 10 s limit; returns its exit status (0 = ok)
// and appends its output to `output`.
int run_command(const std::string& command, std::string& output);

// Why namespace tests cannot run here, or "" if they can.
std::string netns_unavailable();

class Topology {
public:
    // Builds everything; check error() afterwards.
    explicit Topology(int time_limit_seconds);
    ~Topology();
    Topology(const Topology&) = delete;
    Topology& operator=(const Topology&) = delete;

    const std::string& error() const { return error_; }  // "" when built
    const std::string& host1() const { return host1_; }   // namespace of host 1
    const std::string& host2() const { return host2_; }   // namespace of host 2

    // Runs `ip -n <ns> <arguments>`; returns "" or what failed.
    std::string ip(const std::string& ns, const std::string& arguments);

private:
    std::string build();
    void start_watchdog(int time_limit_seconds);
    std::string delete_command() const;

    std::string host1_;      // "bdl<pid>h1"
    std::string host2_;      // "bdl<pid>h2"
    std::string bridges_;    // "bdl<pid>br"
    std::string error_;      // set-up failure
    pid_t watchdog_ = -1;    // cleanup process, ended by the destructor
};

// Enters a network namespace for the calling thread while in scope (sockets
// created meanwhile belong to it for their whole life), then returns.
class InNamespace {
public:
    explicit InNamespace(const std::string& name);
    ~InNamespace();
    InNamespace(const InNamespace&) = delete;
    InNamespace& operator=(const InNamespace&) = delete;
    const std::string& error() const { return error_; }  // "" when entered

private:
    int original_ = -1;  // the thread's namespace before
    std::string error_;  // why it could not be entered
};

}  // namespace braid::datalink::test
