#include "delivery/payload_codec.hpp"

#include "delivery/byte_io.hpp"

namespace braid::delivery {

namespace {

constexpr std::uint8_t kFlagSelfDiscard = 0x01;
constexpr std::uint8_t kFlagGroupControl = 0x02;
constexpr std::uint8_t kFlagSenderBigEndian = 0x04;
constexpr std::uint8_t kKnownFlags = kFlagSelfDiscard | kFlagGroupControl | kFlagSenderBigEndian;

std::string read_name(ByteReader& in) {
    const std::size_t length = in.u8();
    if (length > kMaxGroupNameLength) {
        in.fail();
        return {};
    }
    const auto bytes = in.bytes(length);
    return std::string(bytes.begin(), bytes.end());
}

void write_name(ByteWriter& out, const std::string& name) {
    out.u8(static_cast<std::uint8_t>(name.size()));
    out.bytes({reinterpret_cast<const std::uint8_t*>(name.data()), name.size()});
}

}  // namespace

std::vector<std::uint8_t> encode_message(std::uint64_t number, const Message& message) {
    std::vector<std::uint8_t> bytes;
    bytes.reserve(32 + message.sender.size() + 32 * message.groups.size() + message.body.size());
    ByteWriter out(bytes);
    out.u64(number);
    out.u8(static_cast<std::uint8_t>(message.level));
    std::uint8_t flags = message.self_discard ? kFlagSelfDiscard : 0;
    if (message.kind == MessageKind::group_control) flags |= kFlagGroupControl;
    if (message.sender_big_endian) flags |= kFlagSenderBigEndian;
    out.u8(flags);
    out.u16(static_cast<std::uint16_t>(message.mess_type));
    write_name(out, message.sender);
    out.u8(static_cast<std::uint8_t>(message.groups.size()));
    for (const auto& group : message.groups) write_name(out, group);
    out.u32(static_cast<std::uint32_t>(message.body.size()));
    out.bytes(message.body);
    return bytes;
}

std::optional<NumberedMessage> decode_message(std::span<const std::uint8_t> bytes,
                                              CodecError& error) {
    ByteReader in(bytes);
    NumberedMessage result;
    result.number = in.u64();
    const auto level = in.u8();
    if (!in.failed() && (level < 1 || level > kServiceLevels)) {
        error = {in.offset() - 1, "unknown service level"};
        return std::nullopt;
    }
    result.message.level = static_cast<ServiceLevel>(level);
    const auto flags = in.u8();
    if (!in.failed() && (flags & ~kKnownFlags) != 0) {
        error = {in.offset() - 1, "unknown message flags"};
        return std::nullopt;
    }
    result.message.self_discard = (flags & kFlagSelfDiscard) != 0;
    result.message.kind =
        (flags & kFlagGroupControl) != 0 ? MessageKind::group_control : MessageKind::data;
    result.message.sender_big_endian = (flags & kFlagSenderBigEndian) != 0;
    result.message.mess_type = static_cast<std::int16_t>(in.u16());
    result.message.sender = read_name(in);
    if (!in.failed() && result.message.sender.empty()) {
        error = {in.offset(), "empty sender name"};
        return std::nullopt;
    }
    const std::size_t groups = in.u8();
    if (!in.failed() && groups > kMaxGroups) {
        error = {in.offset() - 1, "too many groups"};
        return std::nullopt;
    }
    for (std::size_t i = 0; i < groups && !in.failed(); ++i)
        result.message.groups.push_back(read_name(in));
    const std::size_t body_length = in.u32();
    if (!in.failed() && body_length > kMaxMessageBytes - kGroupFieldBytes * groups) {
        error = {in.offset() - 4, "message body over the size limit"};
        return std::nullopt;
    }
    const auto body = in.bytes(body_length);
    if (in.failed()) {
        error = {in.fail_offset(), "message truncated or a name too long"};
        return std::nullopt;
    }
    if (in.remaining() != 0) {
        error = {in.offset(), "bytes after the message"};
        return std::nullopt;
    }
    result.message.body.assign(body.begin(), body.end());
    return result;
}

std::optional<std::uint64_t> decode_payload_counter(std::span<const std::uint8_t> bytes) {
    ByteReader in(bytes);
    const auto version = in.u8();
    const auto counter = in.u64();
    in.u16();
    if (in.failed() || version != kPayloadVersion || counter == 0) return std::nullopt;
    return counter;
}

std::optional<DecodedPayload> decode_payload(std::span<const std::uint8_t> bytes,
                                             CodecError& error) {
    ByteReader in(bytes);
    const auto version = in.u8();
    if (!in.failed() && version != kPayloadVersion) {
        error = {0, "unknown payload version"};
        return std::nullopt;
    }
    DecodedPayload payload;
    payload.counter = in.u64();
    if (in.failed()) {
        error = {in.fail_offset(), "payload header truncated"};
        return std::nullopt;
    }
    if (payload.counter == 0) {
        error = {1, "payload counter zero"};
        return std::nullopt;
    }
    const std::size_t count = in.u16();
    if (in.failed()) {
        error = {in.fail_offset(), "payload header truncated"};
        return std::nullopt;
    }
    if (count == 0) {
        error = {9, "payload without records"};
        return std::nullopt;
    }
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t record_offset = in.offset();
        const auto kind = in.u8();
        PayloadRecord record;
        record.first = (kind & kPieceFirst) != 0;
        record.last = (kind & kPieceLast) != 0;
        if ((kind & ~(kPieceFirst | kPieceLast)) != 0) {
            error = {record_offset, "unknown record kind"};
            return std::nullopt;
        }
        if (!payload.records.empty() && !record.first) {
            error = {record_offset, "continuation record after the first record"};
            return std::nullopt;
        }
        if (!payload.records.empty() && !payload.records.back().last) {
            error = {record_offset, "record after an unfinished message"};
            return std::nullopt;
        }
        if (record.first && !record.last) record.total = in.u32();
        const std::size_t length = in.u32();
        if (!in.failed() && (length == 0 || length > kMaxEncodedMessage)) {
            error = {in.offset() - 4, "record length out of range"};
            return std::nullopt;
        }
        if (!in.failed() && record.first && !record.last &&
            (record.total <= length || record.total > kMaxEncodedMessage)) {
            error = {record_offset + 1, "message length out of range"};
            return std::nullopt;
        }
        record.piece = in.bytes(length);
        if (in.failed()) {
            error = {in.fail_offset(), "record truncated"};
            return std::nullopt;
        }
        if (record.first && record.last) record.total = static_cast<std::uint32_t>(length);
        payload.records.push_back(record);
    }
    if (in.remaining() != 0) {
        error = {in.offset(), "bytes after the last record"};
        return std::nullopt;
    }
    return payload;
}

void write_payload_header(std::vector<std::uint8_t>& out, std::uint64_t counter) {
    ByteWriter w(out);
    w.u8(kPayloadVersion);
    w.u64(counter);
    w.u16(0);
}

void set_record_count(std::vector<std::uint8_t>& out, std::uint16_t count) {
    out[9] = static_cast<std::uint8_t>(count >> 8);
    out[10] = static_cast<std::uint8_t>(count);
}

void write_record(std::vector<std::uint8_t>& out, bool first, bool last, std::size_t total,
                  std::span<const std::uint8_t> piece) {
    ByteWriter w(out);
    w.u8(static_cast<std::uint8_t>((first ? kPieceFirst : 0) | (last ? kPieceLast : 0)));
    if (first && !last) w.u32(static_cast<std::uint32_t>(total));
    w.u32(static_cast<std::uint32_t>(piece.size()));
    w.bytes(piece);
}

}  // namespace braid::delivery
