import Crypto
import Foundation
import NIOCore
import OutcryStore
import Synchronization

/// Turns a client address into a token the abuse caps can count by, without keeping the address:
/// HMAC with a salt that changes every day and is deleted two days later. The day's salt is shared
/// by every instance through the database and kept here once read.
final class ClientHasher: Sendable {
    private let store: Store
    /// Behind a reverse proxy every peer is the proxy: then the client is the last `X-Forwarded-For` entry.
    private let trustForwardedFor: Bool
    private let today = Mutex<(day: Int, salt: SymmetricKey)?>(nil)

    init(store: Store, trustForwardedFor: Bool) {
        self.store = store
        self.trustForwardedFor = trustForwardedFor
    }

    func hash(peer: SocketAddress?, forwardedFor: String?, now: Date) async throws -> String {
        let day = Int(now.timeIntervalSince1970 / 86_400)
        let salt: SymmetricKey
        if let cached = today.withLock({ $0 }), cached.day == day {
            salt = cached.salt
        } else {
            salt = SymmetricKey(data: Data(try await store.clientSalt(for: now).utf8))
            today.withLock { $0 = (day, salt) }
            // A new day: yesterday's counts stay for the caps, older ones and their salts go.
            try await store.forgetOldClientActivity(now: now)
        }
        let forwarded = trustForwardedFor
            ? forwardedFor?.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } : nil
        let client = forwarded ?? peer?.ipAddress ?? "unknown"
        return Data(HMAC<SHA256>.authenticationCode(for: Data(client.utf8), using: salt)).prefix(16).base64URL
    }
}
