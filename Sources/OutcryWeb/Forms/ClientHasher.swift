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
        let forwarded =
            trustForwardedFor
            ? forwardedFor?.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } : nil
        var client = forwarded ?? peer?.ipAddress ?? "unknown"
        client.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize().withUnsafeBytes { Base64URL.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }
}
