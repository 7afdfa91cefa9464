#include "wire/decode_error.hpp"

namespace braid::wire {

std::string_view decode_error_name(DecodeErrorKind kind) {
    switch (kind) {
        case DecodeErrorKind::truncated: return "truncated";
        case DecodeErrorKind::bad_magic: return "bad magic";
        case DecodeErrorKind::unsupported_version: return "unsupported version";
        case DecodeErrorKind::unknown_kind: return "unknown packet kind";
        case DecodeErrorKind::wrong_kind: return "wrong packet kind";
        case DecodeErrorKind::bad_length: return "bad length";
        case DecodeErrorKind::too_many_requests: return "too many retransmission requests";
        case DecodeErrorKind::inconsistent: return "inconsistent fields";
    }
    return "unknown error";
}

std::string to_string(const DecodeError& e) {
    std::string s(decode_error_name(e.kind));
    s += " at byte ";
    s += std::to_string(e.offset);
    return s;
}

}  // namespace braid::wire
