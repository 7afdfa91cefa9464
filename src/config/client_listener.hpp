// The textual form of a client listener: "unix:/run/braid/4803" or
// "tcp:127.0.0.1:4803".
//
// Used by the loader to read [daemon] clients, by the printer to write them
// back, and by anything that logs where the daemon listens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace braid::config {

struct ListenerParse {
    std::optional<ClientListener> listener;  // set on success
    std::string error;                       // why the text is not a listener, on failure
};

// "unix:PATH" with an absolute PATH, or "tcp:ADDRESS:PORT" with a dotted-quad
// IPv4 address (0.0.0.0 for every interface) and a port 1..65535.
ListenerParse parse_client_listener(std::string_view text);

std::string format_client_listener(const ClientListener& listener);

}  // namespace braid::config
