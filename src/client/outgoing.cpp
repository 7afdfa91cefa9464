// Outgoing messages; see outgoing.hpp.
#include "client/outgoing.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <vector>

#include "braid/sp.h"
#include "client/socket_io.hpp"

namespace braid::client {

int send_message(Session& s, std::uint32_t type, std::span<const std::uint8_t> groups,
                 std::int16_t mess_type, std::span<const DataPiece> data) {
    Header h;
    h.type = type;
    put_name(s.private_group, std::span<std::uint8_t, group_name_size>(
                                  reinterpret_cast<std::uint8_t*>(h.sender), group_name_size));
    h.num_groups = static_cast<std::int32_t>(groups.size() / group_name_size);
    h.mess_type = mess_type;
    std::size_t total = 0;
    for (const DataPiece& d : data) total += d.len;
    h.data_len = static_cast<std::int32_t>(total);
    std::uint8_t head[header_size];
    encode_header(h, std::span<std::uint8_t, header_size>(head, header_size));

    std::vector<iovec> iov;
    iov.reserve(2 + data.size());
    iov.push_back({head, header_size});
    iov.push_back({const_cast<std::uint8_t*>(groups.data()), groups.size()});
    for (const DataPiece& d : data) iov.push_back({const_cast<void*>(d.data), d.len});

    std::lock_guard g(s.send_lock);
    if (s.broken.load()) return NET_ERROR_ON_SESSION;
    if (send_all(s.fd, iov) != 0) {
        s.broken.store(true);
        return CONNECTION_CLOSED;
    }
    return 0;
}

}  // namespace braid::client
