import Testing

@testable import OutcryWeb

/// The caps count an IPv6 client by its /64, which it can rotate through; IPv4 by the whole address.
@Suite struct ClientBucketTests {
    @Test func addressesInOneIPv6NetworkAreOneClient() {
        #expect(ClientHasher.bucket("2001:db8:1:2::1") == "2001:db8:1:2::/64")
        #expect(ClientHasher.bucket("2001:db8:1:2:ffff:ffff:ffff:fffe") == "2001:db8:1:2::/64")
        #expect(ClientHasher.bucket("2001:0DB8:0001:0002:0:0:0:9") == "2001:db8:1:2::/64", "however it is written")
        #expect(ClientHasher.bucket("2001:db8:1:3::1") == "2001:db8:1:3::/64", "the next network is another client")
    }

    @Test func ipv4CountsWholeHoweverItIsWritten() {
        #expect(ClientHasher.bucket("192.0.2.7") == "192.0.2.7")
        #expect(ClientHasher.bucket("::ffff:192.0.2.7") == "192.0.2.7")
        #expect(ClientHasher.bucket("unknown") == "unknown")
        #expect(ClientHasher.bucket("not:an:address") == "not:an:address")
    }
}
