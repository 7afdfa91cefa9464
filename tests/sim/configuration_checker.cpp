#include "configuration_checker.hpp"

#include <algorithm>

namespace braid::sim {

namespace {

std::string name(const ring::RingId& r) {
    return "ring " + std::to_string(r.representative) + "." + std::to_string(r.sequence);
}

}  // namespace

void ConfigurationChecker::fail(std::string why) {
    if (!failure_) failure_ = std::move(why);
}

void ConfigurationChecker::on_configuration(ring::DaemonId daemon, const membership::ConfigurationOutput& c) {
    const std::string who = "daemon " + std::to_string(daemon) + ": ";
    if (!std::is_sorted(c.members.begin(), c.members.end()) ||
        !std::binary_search(c.members.begin(), c.members.end(), daemon))
        fail(who + name(c.ring) + " installed with a member list not sorted or without the daemon");
    auto& mine = per_daemon_[daemon];
    if (!mine.empty() && !(mine.back().ring < c.ring))
        fail(who + name(c.ring) + " installed after " + name(mine.back().ring));
    mine.push_back(c);
    const auto key = std::make_pair(c.ring, static_cast<int>(c.kind));
    auto [it, added] = members_.emplace(key, c.members);
    if (!added && it->second != c.members) fail(who + name(c.ring) + " installed with other members than elsewhere");
}

void ConfigurationChecker::finish() {
    for (const auto& [key, members] : members_) {
        for (ring::DaemonId m : members) {
            const auto& mine = per_daemon_[m];
            const bool has = std::any_of(mine.begin(), mine.end(), [&](const auto& c) { return c.ring == key.first; });
            if (!has) fail("daemon " + std::to_string(m) + " never installed " + name(key.first) + " of which it is a member");
        }
    }
}

const std::vector<membership::ConfigurationOutput>& ConfigurationChecker::installed(ring::DaemonId d) const {
    static const std::vector<membership::ConfigurationOutput> none;
    auto it = per_daemon_.find(d);
    return it == per_daemon_.end() ? none : it->second;
}

}  // namespace braid::sim
