#include "session/session.hpp"

#include <cstdio>

#include "session/names.hpp"

namespace braid::session {

namespace {

std::string hex32(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

// A client-supplied name made safe for a log line: bytes other than ' ', '#'
// and '$'..'~' are shown as \xHH.
std::string printable(std::string_view name) {
    std::string out;
    for (const char c : name) {
        const auto b = static_cast<std::uint8_t>(c);
        if (b == ' ' || is_name_char(b) || b == '#') {
            out += c;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", b);
            out += buf;
        }
    }
    return out;
}

// Upper bound on attempts to make up a free name (R takes 9999 values).
constexpr std::uint32_t kGeneratedNameTries = 9999;

}  // namespace

std::string_view state_name(SessionState state) {
    switch (state) {
    case SessionState::awaiting_connect: return "awaiting connect request";
    case SessionState::awaiting_auth: return "awaiting auth choice";
    case SessionState::established: return "established";
    case SessionState::closing: return "closing";
    case SessionState::closed: return "closed";
    }
    return "unknown";
}

Session::Session(SessionSettings settings, NameClaim claim_name)
    : settings_(std::move(settings)),
      claim_name_(std::move(claim_name)),
      output_(settings_.max_session_messages) {}

std::vector<SessionEvent> Session::feed(std::span<const std::uint8_t> bytes) {
    std::vector<SessionEvent> events;
    if (state_ == SessionState::closing || state_ == SessionState::closed) return events;
    in_.insert(in_.end(), bytes.begin(), bytes.end());
    bool progress = true;
    while (progress) {
        switch (state_) {
        case SessionState::awaiting_connect: progress = step_connect(events); break;
        case SessionState::awaiting_auth: progress = step_auth(events); break;
        case SessionState::established: progress = step_message(events); break;
        case SessionState::closing:
        case SessionState::closed: progress = false; break;
        }
    }
    if (state_ == SessionState::closing || state_ == SessionState::closed) {
        in_.clear();
        in_at_ = 0;
    } else if (in_at_ > 0) {
        in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(in_at_));
        in_at_ = 0;
    }
    return events;
}

bool Session::step_connect(std::vector<SessionEvent>& events) {
    const auto parsed = parse_connect_request(std::span(in_).subspan(in_at_));
    if (parsed.status == ParseStatus::need_more) return false;
    if (parsed.status == ParseStatus::rejected) {
        reject(parsed.error, "in its connect request", events);
        return false;
    }
    in_at_ += parsed.consumed;
    request_ = parsed.request;
    membership_ = request_.membership;
    if (!claim(request_.private_name)) {
        reject(SessionError::name_not_unique, "\"" + request_.private_name + "\"", events);
        return false;
    }
    if (request_.version() >= kAuthPhaseFrom) {
        output_.push_always(encode_auth_list());
        state_ = SessionState::awaiting_auth;
    } else {
        // Libraries before 3.16 have no auth phase; NULL is the only method.
        accept(events);
    }
    return true;
}

bool Session::step_auth(std::vector<SessionEvent>& events) {
    if (in_.size() - in_at_ < kAuthChoiceBytes) return false;
    const std::span<const std::uint8_t, kAuthChoiceBytes> choice(in_.data() + in_at_,
                                                                 kAuthChoiceBytes);
    in_at_ += kAuthChoiceBytes;
    const SessionError error = check_auth_choice(choice);
    if (error != SessionError::none) {
        reject(error, "in its auth choice", events);
        return false;
    }
    accept(events);
    return true;
}

bool Session::step_message(std::vector<SessionEvent>& events) {
    const std::size_t available = in_.size() - in_at_;
    if (!header_ready_) {
        if (available < kHeaderBytes) return false;
        const std::span<const std::uint8_t, kHeaderBytes> raw(in_.data() + in_at_, kHeaderBytes);
        auto decoded = decode_header(raw);
        if (decoded.error == SessionError::none)
            decoded.error = validate_request_header(decoded.header, private_name_,
                                                    settings_.daemon_name);
        if (decoded.error != SessionError::none) {
            const auto& h = decoded.header;
            close_established(decoded.error,
                              "(type " + hex32(h.type) + ", " + std::to_string(h.num_groups) +
                                  " groups, data_len " + std::to_string(h.data_len) + ")",
                              events);
            return false;
        }
        header_ = decoded.header;
        header_ready_ = true;
        in_at_ += kHeaderBytes;
        return true;
    }
    const std::size_t need = request_body_bytes(header_);
    if (available < need) return false;
    auto request = decode_request(header_, std::span(in_).subspan(in_at_, need), private_group_);
    in_at_ += need;
    header_ready_ = false;
    if (auto* ignored = std::get_if<IgnoredRequest>(&request)) {
        ignored->log_line = who() + " " + (ignored->kind == kJoin ? "join" : "leave") +
                            " of \"" + printable(ignored->group) +
                            "\" ignored: " + std::string(describe(ignored->reason));
    }
    const bool kill = std::holds_alternative<DisconnectRequest>(request);
    std::visit([&events](auto&& r) { events.emplace_back(std::move(r)); }, std::move(request));
    if (kill) {
        state_ = SessionState::closed;
        output_.clear();
        return false;
    }
    return true;
}

void Session::accept(std::vector<SessionEvent>& events) {
    const bool with_patch = request_.version() >= kPatchInAcceptFrom;
    output_.push_always(encode_accept(settings_.version, with_patch, private_group_));
    state_ = SessionState::established;
    events.emplace_back(Established{private_name_, private_group_, membership_,
                                    request_.priority, request_.version()});
}

void Session::reject(SessionError error, std::string detail, std::vector<SessionEvent>& events) {
    output_.push_always({reject_byte(error)});
    state_ = SessionState::closing;
    events.emplace_back(Closed{error, false,
                               who() + " refused: " + std::string(describe(error)) + " " + detail});
}

void Session::close_established(SessionError error, std::string detail,
                                std::vector<SessionEvent>& events) {
    state_ = SessionState::closed;
    output_.clear();
    events.emplace_back(Closed{error, true,
                               who() + " closed: " + std::string(describe(error)) + " " + detail});
}

bool Session::claim(std::string_view requested) {
    if (!requested.empty()) {
        if (!claim_name_(requested)) return false;
        private_name_ = std::string(requested);
    } else {
        bool found = false;
        for (std::uint32_t i = 0; i < kGeneratedNameTries && !found; ++i) {
            auto name = make_generated_name(settings_.name_seed + i, settings_.connection);
            if (claim_name_(name)) {
                private_name_ = std::move(name);
                found = true;
            }
        }
        if (!found) return false;
    }
    private_group_ = make_private_group(private_name_, settings_.daemon_name);
    return true;
}

std::vector<SessionEvent> Session::peer_closed() {
    std::vector<SessionEvent> events;
    if (state_ == SessionState::closed) return events;
    if (state_ == SessionState::closing) {
        // Refused: Closed was reported then; the REJECT byte can no longer be sent.
        state_ = SessionState::closed;
        output_.clear();
        return events;
    }
    const bool was_established = state_ == SessionState::established;
    state_ = SessionState::closed;
    output_.clear();
    events.emplace_back(Closed{SessionError::peer_closed, was_established,
                               who() + " closed: " +
                                   std::string(describe(SessionError::peer_closed))});
    return events;
}

Closed Session::refuse_quota() {
    std::vector<SessionEvent> events;
    reject(SessionError::too_many_sessions,
           "(" + std::to_string(kMaxSessions) + " sessions)", events);
    return std::get<Closed>(events.front());
}

DeliverResult Session::enqueue(std::vector<std::uint8_t> frame) {
    DeliverResult result;
    if (output_.push(std::move(frame))) {
        result.outcome = DeliverOutcome::queued;
        return result;
    }
    state_ = SessionState::closed;
    const std::size_t waiting = output_.messages();
    output_.clear();
    result.outcome = DeliverOutcome::slow_client;
    result.closed = Closed{SessionError::slow_client, true,
                           who() + " disconnected: client is not reading, " +
                               std::to_string(waiting) +
                               " messages waiting (max_session_messages = " +
                               std::to_string(output_.limit()) + ")"};
    return result;
}

DeliverResult Session::deliver_data(const delivery::Message& message, ByteOrder hint_order) {
    if (state_ != SessionState::established) return {};
    if (message.self_discard && message.sender == private_group_) return {};
    return enqueue(encode_data_message(message, hint_order, settings_.order));
}

DeliverResult Session::deliver_membership(const RegularMembership& membership) {
    if (state_ != SessionState::established || !membership_) return {};
    return enqueue(encode_regular_membership(membership, settings_.order));
}

DeliverResult Session::deliver_transitional(std::string_view group, const GroupId& previous) {
    if (state_ != SessionState::established || !membership_) return {};
    return enqueue(encode_transitional(group, previous, settings_.order));
}

DeliverResult Session::deliver_self_leave(std::string_view group) {
    if (state_ != SessionState::established || !membership_) return {};
    return enqueue(encode_self_leave(group, settings_.order));
}

DeliverResult Session::deliver_reject(const RejectedRequest& request) {
    if (state_ != SessionState::established) return {};
    auto frame = encode_reject(request, settings_.order);
    if (!frame) return {};
    return enqueue(std::move(*frame));
}

std::string Session::who() const {
    std::string s = "client connection " + std::to_string(settings_.connection);
    if (!private_group_.empty()) s += " (" + private_group_ + ")";
    return s;
}

}  // namespace braid::session
