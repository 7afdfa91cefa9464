#include "config/client_listener.hpp"

#include <charconv>

namespace braid::config {

namespace {

constexpr std::string_view kUnixPrefix = "unix:";
constexpr std::string_view kTcpPrefix = "tcp:";
constexpr std::string_view kExpected = "expected \"unix:/PATH\" or \"tcp:ADDRESS:PORT\"";

ListenerParse failure(std::string message) { return ListenerParse{std::nullopt, std::move(message)}; }

}  // namespace

ListenerParse parse_client_listener(std::string_view text) {
    ClientListener listener;
    if (text.substr(0, kUnixPrefix.size()) == kUnixPrefix) {
        std::string_view path = text.substr(kUnixPrefix.size());
        if (path.empty() || path.front() != '/')
            return failure("'" + std::string(text) + "': the socket path must be absolute");
        listener.kind = ClientListener::Kind::unix_socket;
        listener.path = std::string(path);
        return ListenerParse{listener, {}};
    }
    if (text.substr(0, kTcpPrefix.size()) != kTcpPrefix)
        return failure("'" + std::string(text) + "': " + std::string(kExpected));
    std::string_view rest = text.substr(kTcpPrefix.size());
    std::size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos)
        return failure("'" + std::string(text) + "': missing port, " + std::string(kExpected));
    auto address = Ipv4Address::parse(rest.substr(0, colon));
    if (!address)
        return failure("'" + std::string(text) + "': '" + std::string(rest.substr(0, colon)) +
                       "' is not an IPv4 address");
    std::string_view port_text = rest.substr(colon + 1);
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
        port < 1 || port > 65535)
        return failure("'" + std::string(text) + "': port '" + std::string(port_text) +
                       "' is not a number between 1 and 65535");
    listener.kind = ClientListener::Kind::tcp;
    listener.address = *address;
    listener.port = static_cast<std::uint16_t>(port);
    return ListenerParse{listener, {}};
}

std::string format_client_listener(const ClientListener& listener) {
    if (listener.kind == ClientListener::Kind::unix_socket) return std::string(kUnixPrefix) + listener.path;
    return std::string(kTcpPrefix) + listener.address.to_string() + ":" + std::to_string(listener.port);
}

}  // namespace braid::config
