// The multipath header and the probe body: their wire form.
//
// Every datagram between daemons starts with this header, below any ring
// packet. It names the sender and its incarnation (so a restarted daemon is
// recognised and its receivers start a fresh duplicate window), the
// per-sender multipath sequence (one per logical send, equal on every path's
// copy: it is what makes "first copy wins" possible), the path the copy was
// sent on and the set of paths the same logical send went out on (so a
// receiver knows which copies to expect and counts the absent ones as
// misses). Probes add receive reports: what the prober hears of each peer on
// each path, which is how a host learns that it is not heard on a path.
//
// Encoding is explicit big-endian, field by field; decoding checks every
// length and value and reports the first problem with its byte offset.
//
//   offset size field
//   0      1    version (1)
//   1      1    kind: 1 ring traffic, 2 probe
//   2      1    path index the copy was sent on (< 32)
//   3      4    mask of the paths this logical send went out on (has bit `path`)
//   7      4    sender DaemonId
//   11     8    sender incarnation (non-zero)
//   19     8    multipath sequence (non-zero)
//   27     ...  ring traffic: the ring's bytes; probe: the probe body
//
//   probe body: u16 peer count, then per peer: u32 peer id, u64 the peer's
//   incarnation as heard (0: none yet), u8 link count (<= 32), then per
//   link: u8 path (< 32), u8 state (0 up, 1 faulty), u32 copies heard on it
//   (wrapping). Nothing may follow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "multipath/types.hpp"

namespace braid::multipath {

inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::size_t kHeaderSize = 27;

enum class Kind : std::uint8_t {
    ring = 1,   // a ring packet (data, token, join, commit...): delivered once
    probe = 2,  // path liveness and receive reports: consumed by the layer
};

struct Header {
    Kind kind = Kind::ring;            // what follows the header
    PathIndex path = 0;                // path this copy was sent on
    std::uint32_t paths_sent = 0;      // every path this logical send went out on
    DaemonId sender = 0;               // who sent it
    std::uint64_t incarnation = 0;     // the sender's incarnation, non-zero
    std::uint64_t sequence = 0;        // the sender's multipath sequence, non-zero

    bool operator==(const Header&) const = default;
};

// What the prober hears from one peer on one path.
struct LinkReport {
    PathIndex path = 0;                 // the path
    PathState state = PathState::up;    // the prober's receive-direction verdict
    std::uint32_t heard = 0;            // copies heard from that peer on it (wraps)

    bool operator==(const LinkReport&) const = default;
};

// What the prober hears from one peer, per path.
struct PeerReport {
    DaemonId peer = 0;                  // whom the report is about
    std::uint64_t incarnation = 0;      // that peer's incarnation the verdicts are about (0: none heard)
    std::vector<LinkReport> links;      // one per path the two share

    bool operator==(const PeerReport&) const = default;
};

struct ProbeBody {
    std::vector<PeerReport> peers;      // one per peer of the prober

    bool operator==(const ProbeBody&) const = default;
};

enum class DecodeError {
    truncated,         // the datagram ends inside a field
    bad_version,       // not a version this daemon speaks
    bad_kind,          // neither ring traffic nor probe
    bad_path,          // path index >= 32
    path_not_in_mask,  // sent on a path its own mask does not contain
    zero_incarnation,  // incarnation 0 is never used
    zero_sequence,     // sequence 0 is never used
    bad_state,         // a report state that is neither up nor faulty
    too_many_links,    // more link reports than paths exist
    trailing_bytes,    // bytes after the end of a probe body
};

struct DecodeFailure {
    DecodeError error = DecodeError::truncated;  // what is wrong
    std::size_t offset = 0;                      // byte offset of the offending field

    bool operator==(const DecodeFailure&) const = default;
};

// "truncated at byte 11", "bad version at byte 0", ...
std::string describe(const DecodeFailure& failure);
const char* to_string(DecodeError e);

struct DecodedDatagram {
    Header header;                            // valid header
    std::span<const std::uint8_t> payload;    // the bytes after it (view into the input)
};

struct DatagramResult {
    std::optional<DecodedDatagram> datagram;  // set on success
    DecodeFailure failure;                    // meaningful when datagram is empty
};

struct ProbeResult {
    std::optional<ProbeBody> body;            // set on success
    DecodeFailure failure;                    // offsets count from the start of the body
};

// Appends the header (kHeaderSize bytes) to out.
void encode_header(const Header& header, std::vector<std::uint8_t>& out);
// Appends a probe body to out. At most 65535 peers and 32 links each are written.
void encode_probe(const ProbeBody& body, std::vector<std::uint8_t>& out);

DatagramResult decode_datagram(std::span<const std::uint8_t> bytes);
ProbeResult decode_probe(std::span<const std::uint8_t> body);

}  // namespace braid::multipath
