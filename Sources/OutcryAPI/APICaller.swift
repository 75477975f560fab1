import Crypto
import Foundation
import OutcryCore
import Synchronization

/// Who is calling the API on this request: the token it showed, or nobody (public reads only). Set by
/// `APIMiddleware` around the generated server, read by the handlers.
enum APICaller {
    @TaskLocal static var token: APIToken?

    /// The token, if it may do what `scope` covers; otherwise a 401 (no token) or a 403 (not enough).
    static func require(_ scope: APIToken.Scope) throws(APIProblem) -> APIToken {
        guard let token else {
            throw APIProblem(
                status: .unauthorized, detail: "This needs a token with the \(scope.rawValue) scope.",
                headers: [.wwwAuthenticate: "Bearer realm=\"outcry\", scope=\"\(scope.rawValue)\""])
        }
        guard token.allows(scope) else {
            throw APIProblem(
                status: .forbidden,
                detail: token.scopes.contains(scope)
                    ? "The account of this token (\(token.accountRole.rawValue)) may not do this."
                    : "This token does not have the \(scope.rawValue) scope.")
        }
        return token
    }

    /// Whether the caller may see drafts and other records the public site does not show.
    static var readsDrafts: Bool { token?.allows(.read) ?? false }
}

/// Requests allowed per minute for each token, and for each client without one, counted on each instance
/// (a token's bucket refills continuously; a burst of a minute's worth is allowed).
public struct APIRateLimits: Sendable, Equatable {
    public var perToken: Int
    public var perClient: Int

    public init(perToken: Int = 600, perClient: Int = 300) {
        self.perToken = perToken
        self.perClient = perClient
    }
}

/// Token buckets by key. Client keys are digests of the address, never the address itself.
final class RateBuckets: Sendable {
    private let buckets = Mutex<[String: (tokens: Double, at: Date)]>([:])

    /// Takes one request from `key`'s bucket of `perMinute`; nil if allowed, else the seconds to wait.
    func take(_ key: String, perMinute: Int, now: Date) -> Int? {
        buckets.withLock { buckets in
            if buckets.count > 50_000 { buckets = buckets.filter { now.timeIntervalSince($0.value.at) < 60 } }
            let capacity = Double(perMinute)
            var bucket = buckets[key] ?? (capacity, now)
            bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.at) * capacity / 60)
            bucket.at = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) * 60 / capacity).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }

    static func clientKey(_ address: String) -> String {
        "client:" + SHA256.hash(data: Data(address.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
