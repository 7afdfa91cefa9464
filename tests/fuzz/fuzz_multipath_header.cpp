// Fuzz target: the multipath header and probe body (multipath/header.hpp).
//
// A datagram whose header decodes must re-encode to its first kHeaderSize
// bytes, with the payload being exactly the rest. A probe's body is decoded
// too and, when valid, must re-encode to the same bytes. Failures must
// point inside the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz_check.hpp"
#include "multipath/header.hpp"

using namespace braid::multipath;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    const DatagramResult result = decode_datagram(bytes);
    if (!result.datagram) {
        FUZZ_CHECK(result.failure.offset <= size);
        FUZZ_CHECK(!describe(result.failure).empty());
        return 0;
    }
    const Header& header = result.datagram->header;
    FUZZ_CHECK(header.path < 32);
    FUZZ_CHECK((header.paths_sent >> header.path) & 1U);
    FUZZ_CHECK(header.incarnation != 0 && header.sequence != 0);

    std::vector<std::uint8_t> again;
    encode_header(header, again);
    FUZZ_CHECK(again.size() == kHeaderSize);
    FUZZ_CHECK(std::ranges::equal(again, bytes.first(kHeaderSize)));
    FUZZ_CHECK(result.datagram->payload.data() == data + kHeaderSize);
    FUZZ_CHECK(result.datagram->payload.size() == size - kHeaderSize);
    if (header.kind != Kind::probe) return 0;

    const std::span<const std::uint8_t> body = result.datagram->payload;
    const ProbeResult probe = decode_probe(body);
    if (!probe.body) {
        FUZZ_CHECK(probe.failure.offset <= body.size());
        return 0;
    }
    std::vector<std::uint8_t> body_again;
    encode_probe(*probe.body, body_again);
    FUZZ_CHECK(std::ranges::equal(body_again, body));
    const ProbeResult reread = decode_probe(body_again);
    FUZZ_CHECK(reread.body && *reread.body == *probe.body);
    return 0;
}
