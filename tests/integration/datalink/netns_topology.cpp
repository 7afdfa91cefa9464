#include "netns_topology.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace braid::datalink::test {

int run_command(const std::string& command, std::string& output) {
    const std::string full = "timeout 10 " + command + " 2>&1";
    FILE* pipe = ::popen(full.c_str(), "r");
    if (pipe == nullptr) {
        output += "popen failed: " + std::string(std::strerror(errno));
        return -1;
    }
    std::array<char, 512> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
        output += buffer.data();
    }
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string netns_unavailable() {
    if (::geteuid() != 0) return "needs root to create network namespaces (run as root, as CI does)";
    std::string output;
    if (run_command("ip netns list", output) != 0) return "`ip netns` is not available: " + output;
    return {};
}

Topology::Topology(int time_limit_seconds) {
    const std::string prefix = "bdl" + std::to_string(::getpid());
    host1_ = prefix + "h1";
    host2_ = prefix + "h2";
    bridges_ = prefix + "br";
    start_watchdog(time_limit_seconds);
    error_ = build();
}

Topology::~Topology() {
    if (watchdog_ > 0) {
        ::kill(watchdog_, SIGKILL);
        ::waitpid(watchdog_, nullptr, 0);
    }
    std::string ignored;
    run_command(delete_command(), ignored);
}

std::string Topology::delete_command() const {
    return "sh -c 'ip netns del " + host1_ + "; ip netns del " + host2_ + "; ip netns del " +
           bridges_ + "' >/dev/null";
}

void Topology::start_watchdog(int time_limit_seconds) {
    // A separate shell outlives a crashed or killed test and cleans up
    // after it; it also ends a test that hangs past its limit.
    const std::string parent = std::to_string(::getpid());
    const std::string script = "i=0; while [ $i -lt " + std::to_string(time_limit_seconds) +
                               " ] && kill -0 " + parent + " 2>/dev/null; do sleep 1; i=$((i+1)); done; "
                               "kill -9 " + parent + " 2>/dev/null; " +
                               "ip netns del " + host1_ + " 2>/dev/null; ip netns del " + host2_ +
                               " 2>/dev/null; ip netns del " + bridges_ + " 2>/dev/null";
    const pid_t child = ::fork();
    if (child == 0) {
        ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    watchdog_ = child;
}

std::string Topology::ip(const std::string& ns, const std::string& arguments) {
    std::string output;
    const std::string command = "ip -n " + ns + " " + arguments;
    if (run_command(command, output) != 0) return command + ": " + output;
    return {};
}

std::string Topology::build() {
    std::string output;
    for (const std::string& ns : {host1_, host2_, bridges_}) {
        if (run_command("ip netns add " + ns, output) != 0) return "ip netns add " + ns + ": " + output;
        if (auto e = ip(ns, "link set lo up"); !e.empty()) return e;
    }
    for (const char* net : {"a", "b"}) {
        const std::string bridge = std::string("br") + net;
        if (auto e = ip(bridges_, "link add " + bridge + " type bridge mcast_snooping 0"); !e.empty()) return e;
        if (auto e = ip(bridges_, "link set " + bridge + " up"); !e.empty()) return e;
    }
    const std::string hosts[] = {host1_, host2_};
    for (int h = 1; h <= 2; ++h) {
        const std::string& ns = hosts[h - 1];
        for (int n = 1; n <= 2; ++n) {
            const std::string net = n == 1 ? "a" : "b";
            const std::string nic = "eth-" + net;
            const std::string port = "p" + std::to_string(h) + net;
            const std::string subnet = "10." + std::to_string(n) + ".0.";
            if (auto e = ip(ns, "link add " + nic + " type veth peer name " + port + " netns " + bridges_);
                !e.empty()) {
                return e;
            }
            if (auto e = ip(bridges_, "link set " + port + " master br" + net + " up"); !e.empty()) return e;
            if (auto e = ip(ns, "addr add " + subnet + std::to_string(h) + "/24 broadcast " + subnet +
                                    "255 dev " + nic);
                !e.empty()) {
                return e;
            }
            if (auto e = ip(ns, "link set " + nic + " up"); !e.empty()) return e;
        }
    }
    return {};
}

InNamespace::InNamespace(const std::string& name) {
    original_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (original_ < 0) {
        error_ = "open own namespace: " + std::string(std::strerror(errno));
        return;
    }
    const std::string path = "/var/run/netns/" + name;
    const int target = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (target < 0) {
        error_ = "open " + path + ": " + std::strerror(errno);
        return;
    }
    if (::setns(target, CLONE_NEWNET) != 0) error_ = "setns " + name + ": " + std::strerror(errno);
    ::close(target);
}

InNamespace::~InNamespace() {
    if (original_ < 0) return;
    if (::setns(original_, CLONE_NEWNET) != 0) {
        // Staying in a test namespace would make every later socket wrong.
        std::perror("setns back to the original namespace");
        std::abort();
    }
    ::close(original_);
}

}  // namespace braid::datalink::test
