// Numbers of the Spread 4/5 client protocol, in one place.
//
// Every value here is fixed by the wire protocol that unmodified Spread
// clients speak (shared/spread-client-protocol.md section 6); the comment
// after each constant gives the protocol's own name so the values can be
// matched against the clients' headers. Nothing here is tunable.
#pragma once

#include <cstddef>
#include <cstdint>

namespace braid::session {

// Service-type bits of the header's `type` word (section 6.1).
inline constexpr std::uint32_t kUnreliable = 0x00000001;     // UNRELIABLE_MESS
inline constexpr std::uint32_t kReliable = 0x00000002;       // RELIABLE_MESS
inline constexpr std::uint32_t kFifo = 0x00000004;           // FIFO_MESS
inline constexpr std::uint32_t kCausal = 0x00000008;         // CAUSAL_MESS
inline constexpr std::uint32_t kAgreed = 0x00000010;         // AGREED_MESS
inline constexpr std::uint32_t kSafe = 0x00000020;           // SAFE_MESS
inline constexpr std::uint32_t kRegularMask = 0x0000003F;    // REGULAR_MESS
inline constexpr std::uint32_t kSelfDiscard = 0x00000040;    // SELF_DISCARD
inline constexpr std::uint32_t kCausedByJoin = 0x00000100;   // CAUSED_BY_JOIN
inline constexpr std::uint32_t kCausedByLeave = 0x00000200;  // CAUSED_BY_LEAVE
inline constexpr std::uint32_t kCausedByDisconnect = 0x00000400;  // CAUSED_BY_DISCONNECT
inline constexpr std::uint32_t kCausedByNetwork = 0x00000800;     // CAUSED_BY_NETWORK
inline constexpr std::uint32_t kRegMemb = 0x00001000;        // REG_MEMB_MESS
inline constexpr std::uint32_t kTransition = 0x00002000;     // TRANSITION_MESS
inline constexpr std::uint32_t kMembershipMask = 0x00003F00; // MEMBERSHIP_MESS
inline constexpr std::uint32_t kJoin = 0x00010000;           // JOIN_MESS
inline constexpr std::uint32_t kLeave = 0x00020000;          // LEAVE_MESS
inline constexpr std::uint32_t kKill = 0x00040000;           // KILL_MESS
inline constexpr std::uint32_t kGroupsMess = 0x00080000;     // GROUPS_MESS (daemon-internal)
inline constexpr std::uint32_t kReject = 0x00400000;         // REJECT_MESS
inline constexpr std::uint32_t kNotRegularMask = 0x00FFFF00; // NOT_REGULAR_MESS
inline constexpr std::uint32_t kEndianMarker = 0x80000080;   // ENDIAN_RESERVED

// The one-of-these-exactly set a client message must carry (section 4.3).
inline constexpr std::uint32_t kRequestKinds = kRegularMask | kJoin | kLeave | kKill;
// Bits a client may never set: daemon-internal and daemon-to-client kinds.
// Spread passes some of them through; the description recommends refusing them.
inline constexpr std::uint32_t kForbiddenRequestBits = kNotRegularMask & ~(kJoin | kLeave | kKill);
// Bits of `hint` that may be set: the marker and mess_type in bits 8..23.
inline constexpr std::uint32_t kHintAllowed = kEndianMarker | 0x00FFFF00;

// Handshake status bytes (section 6.2); sent as one signed byte.
inline constexpr std::uint8_t kAcceptSession = 0x01;       // ACCEPT_SESSION (1)
inline constexpr std::uint8_t kRejectQuota = 0xFD;         // REJECT_QUOTA (-3)
inline constexpr std::uint8_t kRejectNoName = 0xFC;        // REJECT_NO_NAME (-4), never sent
inline constexpr std::uint8_t kRejectIllegalName = 0xFB;   // REJECT_ILLEGAL_NAME (-5)
inline constexpr std::uint8_t kRejectNotUnique = 0xFA;     // REJECT_NOT_UNIQUE (-6)
inline constexpr std::uint8_t kRejectVersion = 0xF9;       // REJECT_VERSION (-7)
inline constexpr std::uint8_t kRejectAuth = 0xF7;          // REJECT_AUTH (-9)

// Status codes only the client library produces (section 6.2); listed for
// the client library, which returns them with the same values as Spread.
inline constexpr int kIllegalSpread = -1;        // ILLEGAL_SPREAD
inline constexpr int kCouldNotConnect = -2;      // COULD_NOT_CONNECT
inline constexpr int kConnectionClosed = -8;     // CONNECTION_CLOSED
inline constexpr int kIllegalSession = -11;      // ILLEGAL_SESSION
inline constexpr int kIllegalService = -12;      // ILLEGAL_SERVICE
inline constexpr int kIllegalMessage = -13;      // ILLEGAL_MESSAGE
inline constexpr int kIllegalGroup = -14;        // ILLEGAL_GROUP
inline constexpr int kBufferTooShort = -15;      // BUFFER_TOO_SHORT
inline constexpr int kGroupsTooShort = -16;      // GROUPS_TOO_SHORT
inline constexpr int kMessageTooLong = -17;      // MESSAGE_TOO_LONG
inline constexpr int kNetErrorOnSession = -18;   // NET_ERROR_ON_SESSION
inline constexpr int kSpBug = -19;               // SP_BUG
inline constexpr int kIllegalTime = -20;         // ILLEGAL_TIME

// Sizes and limits (section 6.3).
inline constexpr std::size_t kHeaderBytes = 48;            // message header
inline constexpr std::size_t kGroupField = 32;             // MAX_GROUP_NAME, with its NUL
inline constexpr std::size_t kMaxGroupChars = 31;          // longest group name
inline constexpr std::size_t kMaxPrivateName = 10;         // MAX_PRIVATE_NAME
inline constexpr std::size_t kMaxProcName = 19;            // MAX_PROC_NAME - 1 (daemon name)
inline constexpr std::size_t kAuthNameBytes = 30;          // MAX_AUTH_NAME
inline constexpr std::size_t kAuthSlots = 3;               // MAX_AUTH_METHODS
inline constexpr std::size_t kAuthChoiceBytes = kAuthNameBytes * kAuthSlots;  // 90
inline constexpr std::size_t kMaxGroupsPerMessage = 100;   // MAX_GROUPS_PER_MESSAGE
inline constexpr std::size_t kMaxMessageBodyLen = 144000;  // MAX_MESSAGE_BODY_LEN
inline constexpr std::size_t kMaxGroupsAndData = kMaxMessageBodyLen - kHeaderBytes;  // 143952
inline constexpr std::size_t kMaxSessions = 997;           // MAX_SESSIONS (stock build)
inline constexpr std::uint32_t kDefaultSessionMessages = 1000;  // MaxSessionMessages

// Lowest printable byte of a name ('$'); '#' is below it on purpose.
inline constexpr std::uint8_t kNameCharLow = 0x24;
// Highest printable byte of a name ('~').
inline constexpr std::uint8_t kNameCharHigh = 0x7E;

// Client library versions (major*10000 + minor*100 + patch) that change the
// handshake (section 2.7).
inline constexpr int kMinClientVersion = 30100;   // below: REJECT_VERSION
inline constexpr int kPatchByteAfter = 31400;     // above (major/minor only): patch byte sent
inline constexpr int kPatchInAcceptFrom = 31500;  // from here: patch byte in the accept block
inline constexpr int kAuthPhaseFrom = 31600;      // from here: auth list and choice

// Byte order of a header's integers; the endian marker tells which.
enum class ByteOrder : std::uint8_t {
    little,  // marker bits set (x86, every Windows build)
    big,     // marker bits clear (Java, big-endian hosts)
};

}  // namespace braid::session
