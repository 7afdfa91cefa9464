// Why a daemon packet could not be decoded, and where.
//
// Decoders never throw and never assert on input: they return either the
// decoded value or a DecodeError. The caller drops the packet and counts it;
// the text form is for logs ("truncated at byte 20").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace braid::wire {

enum class DecodeErrorKind : std::uint8_t {
    truncated,            // the packet ends inside a field
    bad_magic,            // not a Braid daemon packet at all
    unsupported_version,  // a Braid packet of a protocol version we do not speak
    unknown_kind,         // a packet kind this version does not define
    wrong_kind,           // a valid kind, but not the one this decoder reads
    bad_length,           // a length field disagrees with the packet size
    too_many_requests,    // a token's retransmission list exceeds the protocol limit
    inconsistent,         // fields that cannot all be true (e.g. aru above highest sequence)
};

struct DecodeError {
    DecodeErrorKind kind = DecodeErrorKind::truncated;  // what is wrong
    std::size_t offset = 0;                             // byte offset of the offending field

    bool operator==(const DecodeError&) const = default;
};

std::string_view decode_error_name(DecodeErrorKind kind);

// "truncated at byte 20"
std::string to_string(const DecodeError& e);

// Either a decoded value or the reason there is none.
template <class T>
class Decoded {
public:
    Decoded(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
    Decoded(DecodeError error) : v_(error) {}         // NOLINT: implicit by design

    bool ok() const { return std::holds_alternative<T>(v_); }
    const T& value() const { return std::get<T>(v_); }
    T& value() { return std::get<T>(v_); }
    const DecodeError& error() const { return std::get<DecodeError>(v_); }

private:
    std::variant<T, DecodeError> v_;  // the value, or why decoding failed
};

}  // namespace braid::wire
