// Segment and host errors: each with its exact message and position.
#include <gtest/gtest.h>

#include "legacy_test_support.hpp"

namespace braid::config::legacy {
namespace {

using testing::errors_of;
using V = std::vector<std::string>;

TEST(LegacySegments, NoSegmentAtAll) {
    EXPECT_EQ(errors_of(""), V{"t.conf:1:1: no Spread_Segment: the file names no daemon to convert"});
    EXPECT_EQ(errors_of("# only a comment\nDebugFlags = { PRINT }\n"),
              V{"t.conf:1:1: no Spread_Segment: the file names no daemon to convert"});
}

TEST(LegacySegments, BadPort) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255:99999 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:27: '99999' is not a usable port (1-65534: Braid also uses port+1)"});
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255: {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:27: '' is not a usable port (1-65534: Braid also uses port+1)"});
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255:65535 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:27: '65535' is not a usable port (1-65534: Braid also uses port+1)"});
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255:0 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:27: '0' is not a usable port (1-65534: Braid also uses port+1)"});
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255:http {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:27: 'http' is not a usable port (1-65534: Braid also uses port+1)"});
}

TEST(LegacySegments, DifferingPorts) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255:4803 {\n h1 10.0.0.1\n}\n"
                        "Spread_Segment 10.1.0.255:4804 {\n h1 10.1.0.1\n}\n"),
              V{"t.conf:4:27: port 4804 differs from port 4803 of the Spread_Segment on line 1: "
                "Braid uses one port for the whole cluster"});
    // A segment without a port has Spread's default, 4803.
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255:3333 {\n h1 10.0.0.1\n}\n"
                        "Spread_Segment 10.1.0.255 {\n h1 10.1.0.1\n}\n"),
              V{"t.conf:4:16: port 4803 differs from port 3333 of the Spread_Segment on line 1: "
                "Braid uses one port for the whole cluster"});
}

TEST(LegacySegments, BadSegmentAddress) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.256:4803 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:16: '10.0.0.256' is not an IPv4 address"});
    EXPECT_EQ(errors_of("Spread_Segment 0.0.0.0 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:16: '0.0.0.0' is not a broadcast or multicast address"});
}

TEST(LegacySegments, DuplicateSegmentAddress) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n"
                        "Spread_Segment 10.0.0.255 {\n h1 10.1.0.1\n}\n"),
              V{"t.conf:4:16: address 10.0.0.255 is already the address of the Spread_Segment on "
                "line 1"});
}

TEST(LegacySegments, SegmentWithoutHosts) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n}\n"),
              V{"t.conf:1:1: this Spread_Segment has no hosts"});
}

TEST(LegacySegments, HostWithoutAddress) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1\n}\n"),
              V{"t.conf:2:2: host 'h1' has no address (write 'NAME ADDRESS')"});
}

TEST(LegacySegments, BadHostAddress) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0\n}\n"),
              V{"t.conf:2:5: '10.0.0' is not an IPv4 address"});
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 0.0.0.0\n h2 224.0.0.1\n"
                        " h3 255.255.255.255\n}\n"),
              (V{"t.conf:2:5: host 'h1': '0.0.0.0' cannot be a host's address",
                 "t.conf:3:5: host 'h2': '224.0.0.1' cannot be a host's address",
                 "t.conf:4:5: host 'h3': '255.255.255.255' cannot be a host's address"}));
}

TEST(LegacySegments, ExtraWordAfterHost) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1 extra\n}\n"),
              V{"t.conf:2:14: unexpected 'extra' after host 'h1' (expected D, C or M)"});
}

TEST(LegacySegments, HostTwiceInOneSegment) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n h1 10.0.0.2\n}\n"),
              V{"t.conf:3:2: host 'h1' is listed twice on network 'a' (first on line 2)"});
}

TEST(LegacySegments, DuplicateHostAddress) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n h2 10.0.0.1\n}\n"),
              V{"t.conf:3:5: address 10.0.0.1 of host 'h2' is already used by host 'h1' (line 2)"});
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n"
                        "Spread_Segment 10.1.0.255 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:5:5: address 10.0.0.1 of host 'h1' is already used by host 'h1' (line 2)"});
}

TEST(LegacyNested, BadAddressInBlock) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo 10.0.0 }\n}\n"),
              V{"t.conf:2:8: '10.0.0' is not an IPv4 address"});
}

TEST(LegacyNested, EmptyBlock) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { }\n { foo }\n}\n"),
              V{"t.conf:2:2: this network block has no hosts"});
}

TEST(LegacyNested, AddressOutsideBlocks) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo }\n foo 10.0.0.1\n}\n"),
              V{"t.conf:3:6: unexpected '10.0.0.1': in a nested Spread_Segment, addresses belong "
                "in the network blocks"});
}

TEST(LegacyNested, NameOutsideBlocksNeedsALetter) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo }\n foo\n}\n"),
              V{"t.conf:3:2: host 'foo' outside the network blocks needs an interface letter "
                "(D, C or M)"});
}

TEST(LegacyNested, LetterForHostInNoBlock) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo }\n bar C\n}\n"),
              V{"t.conf:3:2: host 'bar' is in no network block of this Spread_Segment"});
}

TEST(LegacyNested, UnresolvableName) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { foo\n   nosuch }\n}\n"),
              V{"t.conf:3:4: cannot resolve host name 'nosuch': Name or service not known"});
}

TEST(LegacyNested, TooFewAddressesForItsNetworks) {
    EXPECT_EQ(errors_of("Spread_Segment mp {\n { bar }\n { bar }\n}\n"),
              V{"t.conf:3:4: host 'bar' is on 2 networks of this Spread_Segment but resolves to "
                "only 1 IPv4 address(es); write 'NAME ADDRESS' in each block"});
}

TEST(LegacyNested, ResolverIsAskedOncePerName) {
    int calls = 0;
    auto resolver = [&](const std::string& name) {
        ++calls;
        return testing::fake_resolver()(name);
    };
    auto result = convert_spread_conf("Spread_Segment mp {\n { foo }\n { foo }\n foo M\n}\n", "t.conf",
                                      resolver);
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(calls, 1);
    EXPECT_NE(result.toml.find("interface letter M on network 'a' (10.1.0.1) dropped: Braid answers "
                               "the monitor on every network of a host"),
              std::string::npos);
}

TEST(LegacyNested, DisjointNestedAndClassicSegmentsAreTwoSegments) {
    auto result = testing::convert("Spread_Segment mp {\n { foo }\n { foo }\n}\n"
                                   "Spread_Segment 10.5.0.255 {\n h9 10.5.0.9\n}\n");
    ASSERT_TRUE(result.ok());
    EXPECT_NE(result.toml.find("name = \"foo\"\naddresses = { a = \"10.1.0.1\", b = \"10.2.0.1\" }\n"
                               "segment = \"seg1\"\n"),
              std::string::npos);
    EXPECT_NE(result.toml.find("name = \"h9\"\naddresses = { c = \"10.5.0.9\" }\nsegment = \"seg2\"\n"),
              std::string::npos);
}

}  // namespace
}  // namespace braid::config::legacy

namespace braid::config::legacy {
namespace {

using testing::errors_of;
using V = std::vector<std::string>;

TEST(LegacySegments, HostNameBraidCannotUse) {
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n a-very-long-host-name-x 10.0.0.1\n}\n"
                        "Spread_Segment 10.1.0.255 {\n a-very-long-host-name-x 10.1.0.1\n}\n"),
              V{"t.conf:2:2: host name 'a-very-long-host-name-x' is not a daemon name Braid accepts "
                "(1 to 19 printable ASCII characters, no '#')"});
    EXPECT_EQ(errors_of("Spread_Segment 10.0.0.255 {\n h\xc3\xa9 10.0.0.1\n}\n"),
              V{"t.conf:2:2: host name 'h\xc3\xa9' is not a daemon name Braid accepts "
                "(1 to 19 printable ASCII characters, no '#')"});
}

TEST(LegacySyntax, InvalidUtf8AndControlCharacters) {
    EXPECT_EQ(errors_of("EventLogFile = /var/log/\xff.log\n"
                        "Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:16: this word is not valid UTF-8"});
    EXPECT_EQ(errors_of("EventTimeStamp = \"%H\x01\"\n"
                        "Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n"),
              V{"t.conf:1:18: this string holds a control character"});
    // Multi-byte text is fine in values.
    auto result = testing::convert("EventLogFile = /var/log/\xc3\xa9t\xc3\xa9.log\n"
                                   "Spread_Segment 10.0.0.255 {\n h1 10.0.0.1\n}\n");
    EXPECT_TRUE(result.ok());
}

TEST(LegacyResolver, SystemResolverFindsLocalhost) {
    Resolution r = system_resolver()("localhost");
    ASSERT_FALSE(r.addresses.empty()) << r.error;
    EXPECT_TRUE(r.addresses.front().is_loopback());
}

}  // namespace
}  // namespace braid::config::legacy
