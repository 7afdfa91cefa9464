// Wire form of the multipath header and probe body (see header.hpp).
#include "multipath/header.hpp"

#include <algorithm>

namespace braid::multipath {
namespace {

void put_u8(std::vector<std::uint8_t>& out, std::uint8_t v) { out.push_back(v); }

void put_be(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// Reads big-endian fields from a span; the first short read is remembered
// and every later read fails too, so a decoder checks once per field group.
class Cursor {
public:
    explicit Cursor(std::span<const std::uint8_t> in) : in_(in) {}

    bool read(std::uint64_t& v, std::size_t bytes) {
        if (failed_ || in_.size() - pos_ < bytes) {
            if (!failed_) fail_at_ = pos_;
            failed_ = true;
            v = 0;
            return false;
        }
        v = 0;
        for (std::size_t i = 0; i < bytes; ++i) v = (v << 8) | in_[pos_ + i];
        pos_ += bytes;
        return true;
    }

    std::size_t offset() const { return pos_; }
    std::size_t fail_at() const { return fail_at_; }
    std::size_t remaining() const { return in_.size() - pos_; }
    std::span<const std::uint8_t> rest() const { return in_.subspan(pos_); }

private:
    std::span<const std::uint8_t> in_;  // the whole input
    std::size_t pos_ = 0;               // next byte to read
    bool failed_ = false;               // a read ran past the end
    std::size_t fail_at_ = 0;           // where that read began
};

DecodeFailure failure(DecodeError e, std::size_t offset) { return DecodeFailure{e, offset}; }

}  // namespace

const char* to_string(DecodeError e) {
    switch (e) {
        case DecodeError::truncated: return "truncated";
        case DecodeError::bad_version: return "bad version";
        case DecodeError::bad_kind: return "bad kind";
        case DecodeError::bad_path: return "bad path index";
        case DecodeError::path_not_in_mask: return "path not in its own path mask";
        case DecodeError::zero_incarnation: return "zero incarnation";
        case DecodeError::zero_sequence: return "zero sequence";
        case DecodeError::bad_state: return "bad link state";
        case DecodeError::too_many_links: return "too many link reports";
        case DecodeError::trailing_bytes: return "trailing bytes";
    }
    return "unknown error";
}

std::string describe(const DecodeFailure& f) {
    return std::string(to_string(f.error)) + " at byte " + std::to_string(f.offset);
}

void encode_header(const Header& h, std::vector<std::uint8_t>& out) {
    put_u8(out, kVersion);
    put_u8(out, static_cast<std::uint8_t>(h.kind));
    put_u8(out, h.path);
    put_be(out, h.paths_sent, 4);
    put_be(out, h.sender, 4);
    put_be(out, h.incarnation, 8);
    put_be(out, h.sequence, 8);
}

void encode_probe(const ProbeBody& body, std::vector<std::uint8_t>& out) {
    const std::size_t peers = std::min<std::size_t>(body.peers.size(), 0xFFFF);
    put_be(out, peers, 2);
    for (std::size_t i = 0; i < peers; ++i) {
        const PeerReport& p = body.peers[i];
        const std::size_t links = std::min(p.links.size(), kMaxPaths);
        put_be(out, p.peer, 4);
        put_be(out, p.incarnation, 8);
        put_u8(out, static_cast<std::uint8_t>(links));
        for (std::size_t j = 0; j < links; ++j) {
            put_u8(out, p.links[j].path);
            put_u8(out, p.links[j].state == PathState::up ? 0 : 1);
            put_be(out, p.links[j].heard, 4);
        }
    }
}

DatagramResult decode_datagram(std::span<const std::uint8_t> bytes) {
    DatagramResult r;
    Cursor c(bytes);
    std::uint64_t version = 0, kind = 0, path = 0, mask = 0, sender = 0, inc = 0, seq = 0;
    if (!c.read(version, 1)) {
        r.failure = failure(DecodeError::truncated, 0);
        return r;
    }
    if (version != kVersion) {
        r.failure = failure(DecodeError::bad_version, 0);
        return r;
    }
    c.read(kind, 1);
    c.read(path, 1);
    c.read(mask, 4);
    c.read(sender, 4);
    c.read(inc, 8);
    if (!c.read(seq, 8)) {
        r.failure = failure(DecodeError::truncated, c.fail_at());
        return r;
    }
    if (kind != static_cast<std::uint8_t>(Kind::ring) && kind != static_cast<std::uint8_t>(Kind::probe)) {
        r.failure = failure(DecodeError::bad_kind, 1);
        return r;
    }
    if (path >= kMaxPaths) {
        r.failure = failure(DecodeError::bad_path, 2);
        return r;
    }
    if ((mask & (1ull << path)) == 0) {
        r.failure = failure(DecodeError::path_not_in_mask, 3);
        return r;
    }
    if (inc == 0) {
        r.failure = failure(DecodeError::zero_incarnation, 11);
        return r;
    }
    if (seq == 0) {
        r.failure = failure(DecodeError::zero_sequence, 19);
        return r;
    }
    DecodedDatagram d;
    d.header.kind = static_cast<Kind>(kind);
    d.header.path = static_cast<PathIndex>(path);
    d.header.paths_sent = static_cast<std::uint32_t>(mask);
    d.header.sender = static_cast<DaemonId>(sender);
    d.header.incarnation = inc;
    d.header.sequence = seq;
    d.payload = c.rest();
    r.datagram = d;
    return r;
}

ProbeResult decode_probe(std::span<const std::uint8_t> bytes) {
    ProbeResult r;
    Cursor c(bytes);
    std::uint64_t peers = 0;
    if (!c.read(peers, 2)) {
        r.failure = failure(DecodeError::truncated, c.fail_at());
        return r;
    }
    ProbeBody body;
    // Each peer entry takes at least 13 bytes: never reserve more than the input can hold.
    body.peers.reserve(std::min<std::size_t>(peers, c.remaining() / 13));
    for (std::uint64_t i = 0; i < peers; ++i) {
        PeerReport p;
        std::uint64_t id = 0, inc = 0, links = 0;
        c.read(id, 4);
        c.read(inc, 8);
        const std::size_t links_at = c.offset();
        if (!c.read(links, 1)) {
            r.failure = failure(DecodeError::truncated, c.fail_at());
            return r;
        }
        if (links > kMaxPaths) {
            r.failure = failure(DecodeError::too_many_links, links_at);
            return r;
        }
        p.peer = static_cast<DaemonId>(id);
        p.incarnation = inc;
        for (std::uint64_t j = 0; j < links; ++j) {
            std::uint64_t path = 0, state = 0, heard = 0;
            const std::size_t path_at = c.offset();
            c.read(path, 1);
            c.read(state, 1);
            if (!c.read(heard, 4)) {
                r.failure = failure(DecodeError::truncated, c.fail_at());
                return r;
            }
            if (path >= kMaxPaths) {
                r.failure = failure(DecodeError::bad_path, path_at);
                return r;
            }
            if (state > 1) {
                r.failure = failure(DecodeError::bad_state, path_at + 1);
                return r;
            }
            p.links.push_back(LinkReport{static_cast<PathIndex>(path),
                                         state == 0 ? PathState::up : PathState::faulty,
                                         static_cast<std::uint32_t>(heard)});
        }
        body.peers.push_back(std::move(p));
    }
    if (c.remaining() != 0) {
        r.failure = failure(DecodeError::trailing_bytes, c.offset());
        return r;
    }
    r.body = std::move(body);
    return r;
}

}  // namespace braid::multipath
