#include "session/header_codec.hpp"

#include <algorithm>

#include "session/names.hpp"
#include "session/wire_int.hpp"

namespace braid::session {

namespace {

constexpr std::size_t kTypeAt = 0;
constexpr std::size_t kSenderAt = 4;
constexpr std::size_t kNumGroupsAt = 36;
constexpr std::size_t kHintAt = 40;
constexpr std::size_t kDataLenAt = 44;

std::uint32_t hint_word(const HintBytes& hint, ByteOrder order) {
    return get_u32(std::span<const std::uint8_t>(hint), 0, order);
}

}  // namespace

HeaderResult decode_header(std::span<const std::uint8_t, kHeaderBytes> in) {
    HeaderResult result;
    const std::span<const std::uint8_t> bytes(in);
    // The marker reads the same in both orders, so any order finds it.
    const std::uint32_t raw = get_u32(bytes, kTypeAt, ByteOrder::little);
    const std::uint32_t marker = raw & kEndianMarker;
    if (marker != 0 && marker != kEndianMarker) {
        result.error = SessionError::bad_endian_marker;
        return result;
    }
    MessageHeader& h = result.header;
    h.order = marker == kEndianMarker ? ByteOrder::little : ByteOrder::big;
    h.type = get_u32(bytes, kTypeAt, h.order) & ~kEndianMarker;
    std::copy_n(bytes.begin() + kSenderAt, h.sender.size(), h.sender.begin());
    h.num_groups = static_cast<std::int32_t>(get_u32(bytes, kNumGroupsAt, h.order));
    std::copy_n(bytes.begin() + kHintAt, h.hint.size(), h.hint.begin());
    h.data_len = static_cast<std::int32_t>(get_u32(bytes, kDataLenAt, h.order));
    return result;
}

void encode_header(std::vector<std::uint8_t>& out, std::uint32_t type, std::string_view sender,
                   std::int32_t num_groups, const HintBytes& hint, std::int32_t data_len,
                   ByteOrder order) {
    type &= ~kEndianMarker;
    if (order == ByteOrder::little) type |= kEndianMarker;
    put_u32(out, type, order);
    put_name_field(out, sender);
    put_u32(out, static_cast<std::uint32_t>(num_groups), order);
    out.insert(out.end(), hint.begin(), hint.end());
    put_u32(out, static_cast<std::uint32_t>(data_len), order);
}

HintBytes encode_hint(std::int16_t mess_type, ByteOrder order) {
    std::uint32_t word = static_cast<std::uint32_t>(static_cast<std::uint16_t>(mess_type)) << 8;
    if (order == ByteOrder::little) word |= kEndianMarker;
    std::vector<std::uint8_t> bytes;
    put_u32(bytes, word, order);
    return HintBytes{bytes[0], bytes[1], bytes[2], bytes[3]};
}

ByteOrder hint_order(const HintBytes& hint) {
    return (hint_word(hint, ByteOrder::little) & kEndianMarker) == kEndianMarker
               ? ByteOrder::little
               : ByteOrder::big;
}

std::int16_t hint_mess_type(const HintBytes& hint) {
    const std::uint32_t word = hint_word(hint, hint_order(hint));
    return static_cast<std::int16_t>(static_cast<std::uint16_t>(word >> 8));
}

bool hint_is_clean(const HintBytes& hint) {
    return (hint_word(hint, ByteOrder::little) & ~kHintAllowed) == 0;
}

}  // namespace braid::session
