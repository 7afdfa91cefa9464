#include "ring/packet_store.hpp"

#include <algorithm>

namespace braid::ring {

bool PacketStore::insert(Seq seq, DaemonId sender, std::vector<std::uint8_t> bytes) {
    if (seq <= stable_ || seq == 0) return false;
    auto [it, inserted] = packets_.try_emplace(seq, Entry{sender, std::move(bytes)});
    if (!inserted) return false;
    while (packets_.count(aru_ + 1) != 0) ++aru_;
    return true;
}

const PacketStore::Entry* PacketStore::find(Seq seq) const {
    auto it = packets_.find(seq);
    return it == packets_.end() ? nullptr : &it->second;
}

std::vector<Seq> PacketStore::missing(Seq up_to, std::size_t limit) const {
    std::vector<Seq> out;
    Seq next = aru_ + 1;
    for (auto it = packets_.upper_bound(aru_); next <= up_to && out.size() < limit;) {
        const Seq held = it == packets_.end() ? up_to + 1 : std::min(it->first, up_to + 1);
        while (next < held && out.size() < limit) out.push_back(next++);
        if (it == packets_.end() || held > up_to) break;
        next = held + 1;
        ++it;
    }
    return out;
}

std::size_t PacketStore::discard_up_to(Seq seq) {
    seq = std::min(seq, aru_);
    if (seq <= stable_) return 0;
    std::size_t n = 0;
    auto end = packets_.upper_bound(seq);
    for (auto it = packets_.begin(); it != end;) {
        it = packets_.erase(it);
        ++n;
    }
    stable_ = seq;
    return n;
}

}  // namespace braid::ring
