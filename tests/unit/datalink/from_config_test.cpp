// Building the data link's paths from the daemon configuration.
#include <gtest/gtest.h>

#include "datalink/frame.hpp"
#include "datalink/from_config.hpp"

namespace braid::datalink {
namespace {

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }

TEST(LinkConfigFromConfig, OnePathPerNetworkTheHostIsOn) {
    config::Config c;
    c.cluster.name = "prod";
    c.cluster.port = 4803;
    c.networks = {
        {"a", config::NetworkKind::broadcast, ip("10.1.0.255")},
        {"b", config::NetworkKind::multicast, ip("239.192.0.1")},
        {"c", config::NetworkKind::unicast, std::nullopt},
    };
    config::Host h;
    h.name = "h1";
    h.addresses = {{"b", ip("10.2.0.1")}, {"c", ip("10.3.0.1")}};
    c.hosts = {h};

    const LinkConfig link = link_config(c, c.hosts[0]);
    EXPECT_EQ(link.cluster_id, cluster_id("prod", 4803));
    EXPECT_EQ(link.port, 4803);
    ASSERT_EQ(link.paths.size(), 2u);
    EXPECT_EQ(link.paths[0].index, 1);
    EXPECT_EQ(link.paths[0].name, "b");
    EXPECT_EQ(link.paths[0].kind, PathKind::multicast);
    EXPECT_EQ(link.paths[0].local, ip("10.2.0.1"));
    EXPECT_EQ(link.paths[0].group, ip("239.192.0.1"));
    EXPECT_EQ(link.paths[1].index, 2);
    EXPECT_EQ(link.paths[1].kind, PathKind::unicast);
    EXPECT_EQ(link.paths[1].local, ip("10.3.0.1"));
    EXPECT_TRUE(link.paths[1].group.is_any());
}

}  // namespace
}  // namespace braid::datalink
