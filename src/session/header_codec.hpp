// The 48-byte message header that starts every framed message, both ways.
//
// Layout (section 3.1): type, 32-byte sender field, num_groups, hint,
// data_len. `type`, `num_groups` and `data_len` are in the writer's byte
// order, told by the endian marker in `type`; `hint` carries mess_type and
// its own marker and is kept as the four bytes the writer sent, because the
// daemon forwards it untouched (section 3.3).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "session/constants.hpp"
#include "session/errors.hpp"

namespace braid::session {

// The four wire bytes of `hint`, in the original writer's order.
using HintBytes = std::array<std::uint8_t, 4>;

struct MessageHeader {
    std::uint32_t type = 0;                   // service bits, marker cleared, host value
    std::array<std::uint8_t, 32> sender{};    // sender field as sent (byte 31 not yet forced)
    std::int32_t num_groups = 0;              // 32-byte group names that follow
    HintBytes hint{};                         // untouched hint bytes
    std::int32_t data_len = 0;                // data bytes after the group names
    ByteOrder order = ByteOrder::little;      // writer's order, from the type marker
};

// Result of decode_header: the header, or bad_endian_marker when the marker
// bits of `type` are neither all set nor all clear (no client writes that).
struct HeaderResult {
    SessionError error = SessionError::none;  // none when `header` is valid
    MessageHeader header;                     // the decoded header
};

HeaderResult decode_header(std::span<const std::uint8_t, kHeaderBytes> in);

// Appends a header in `order`: the marker is added to `type` for
// little-endian writers; `sender` is written as a 32-byte name field.
void encode_header(std::vector<std::uint8_t>& out, std::uint32_t type, std::string_view sender,
                   std::int32_t num_groups, const HintBytes& hint, std::int32_t data_len,
                   ByteOrder order);

// The hint a writer in `order` puts on the wire for `mess_type`.
HintBytes encode_hint(std::int16_t mess_type, ByteOrder order);

// Order the hint's writer used (its own marker; all set means little-endian).
ByteOrder hint_order(const HintBytes& hint);

// mess_type carried in bits 8..23 of the hint, read in the hint's own order.
std::int16_t hint_mess_type(const HintBytes& hint);

// True when the hint has no bits outside the marker and bits 8..23. The
// masks are symmetric under a byte swap, so no order is needed.
bool hint_is_clean(const HintBytes& hint);

}  // namespace braid::session
