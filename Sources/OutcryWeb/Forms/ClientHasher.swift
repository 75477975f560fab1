import Crypto
import Foundation
import NIOCore
import OutcryCore
import OutcryStore
import Synchronization

/// Turns a client address into a token the abuse caps can count by, without keeping the address:
/// HMAC with a salt that changes every day and is deleted two days later. The day's salt is shared
/// by every instance through the database and kept here once read.
final class ClientHasher: Sendable {
    private let store: Store
    /// Behind a reverse proxy every peer is the proxy: then the client is the last `X-Forwarded-For` entry.
    private let trustForwardedFor: Bool
    /// Today's salt as an HMAC already keyed with it.
    private let today = Mutex<(day: Int, keyed: HMAC<SHA256>)?>(nil)

    init(store: Store, trustForwardedFor: Bool) {
        self.store = store
        self.trustForwardedFor = trustForwardedFor
    }

    func hash(peer: SocketAddress?, forwardedFor: String?, now: Date) async throws -> String {
        let day = Int(now.timeIntervalSince1970 / 86_400)
        var mac: HMAC<SHA256>
        if let cached = today.withLock({ $0 }), cached.day == day {
            mac = cached.keyed
        } else {
            mac = HMAC(key: SymmetricKey(data: Data(try await store.clientSalt(for: now).utf8)))
            today.withLock { [mac] in $0 = (day, mac) }
            // A new day: yesterday's counts stay for the caps, older ones and their salts go.
            try await store.forgetOldClientActivity(now: now)
        }
        var client = Self.address(peer: peer, forwardedFor: forwardedFor, trustForwardedFor: trustForwardedFor)
        client.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize().withUnsafeBytes { Base64URL.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }

    /// The client a request comes from, as the caps count clients: the peer, or behind a trusted proxy
    /// the last `X-Forwarded-For` entry.
    static func address(peer: SocketAddress?, forwardedFor: String?, trustForwardedFor: Bool) -> String {
        let forwarded =
            trustForwardedFor
            ? forwardedFor?.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } : nil
        return bucket(forwarded ?? peer?.ipAddress ?? "unknown")
    }

    /// What the caps count as one client: an IPv4 address, or an IPv6 address's /64 network, which one
    /// subscriber or host usually holds whole and could otherwise rotate through without end. An IPv4
    /// address written as IPv6 (`::ffff:192.0.2.1`) counts as itself; text that is no address, as written.
    static func bucket(_ address: String) -> String {
        var bytes = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        return withUnsafeBytes(of: &bytes) { raw in
            if raw.prefix(12).elementsEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]) {
                return raw.suffix(4).map(String.init).joined(separator: ".")
            }
            let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]), radix: 16) }
            return groups.joined(separator: ":") + "::/64"
        }
    }
}
