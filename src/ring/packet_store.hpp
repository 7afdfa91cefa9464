// The packets a daemon holds for the ring: everything received that is not
// yet known to be stable.
//
// It answers retransmission requests, tells which sequence numbers are
// missing, tracks the local all-received-up-to (aru), and forgets packets
// once the ring has agreed they are safe. The membership protocol will read
// it during recovery to rebroadcast the old ring's packets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "ring/types.hpp"

namespace braid::ring {

class PacketStore {
public:
    struct Entry {
        DaemonId sender = 0;              // daemon that first broadcast it
        std::vector<std::uint8_t> bytes;  // the encoded data packet, ready to rebroadcast
    };

    // Stores a packet unless it is already held or already stable; returns
    // whether it was new.
    bool insert(Seq seq, DaemonId sender, std::vector<std::uint8_t> bytes);

    bool contains(Seq seq) const { return packets_.count(seq) != 0; }
    const Entry* find(Seq seq) const;

    // Every sequence up to aru() is held or was held and is stable.
    Seq aru() const { return aru_; }
    Seq stable() const { return stable_; }  // discarded up to here

    // Sequences in (aru, up_to] not held, at most limit of them, ascending.
    std::vector<Seq> missing(Seq up_to, std::size_t limit) const;

    // Forgets packets up to seq (never above aru); returns how many.
    std::size_t discard_up_to(Seq seq);

    std::size_t size() const { return packets_.size(); }
    const std::map<Seq, Entry>& packets() const { return packets_; }

private:
    std::map<Seq, Entry> packets_;  // held, not yet stable packets by sequence
    Seq aru_ = 0;                   // local all-received-up-to
    Seq stable_ = 0;                // everything up to here has been discarded
};

}  // namespace braid::ring
