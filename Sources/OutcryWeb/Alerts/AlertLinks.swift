import Crypto
import Foundation
import OutcryCore

/// Signed links in alert messages: whoever holds one can confirm, manage or stop that subscription
/// and nothing else, until it expires. No account and no password is needed.
struct AlertLinks: Sendable {
    enum Purpose: String, Sendable {
        case confirm
        case manage
    }

    /// A confirmation link works for a week; the links in alerts for a year (mail is read late).
    static func lifetime(_ purpose: Purpose) -> TimeInterval {
        purpose == .confirm ? 7 * 86_400 : 365 * 86_400
    }

    private let key: SymmetricKey
    let siteURL: String

    init(secret: String, siteURL: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data("alerts|\(secret)".utf8)))
        self.siteURL = siteURL
    }

    /// `id.expiry.signature`, URL-safe.
    func token(_ id: Identifier<Subscription>, _ purpose: Purpose, now: Date) -> String {
        let payload = "\(id.rawValue).\(Int(now.addingTimeInterval(Self.lifetime(purpose)).timeIntervalSince1970))"
        return payload + "." + signature(payload, purpose)
    }

    /// The subscription a token names, if it is genuine, unexpired and made for `purpose`.
    func subscription(in token: String, _ purpose: Purpose, now: Date) -> Identifier<Subscription>? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count < 200, parts.count == 3, let expiry = Int(parts[1]) else { return nil }
        let payload = "\(parts[0]).\(parts[1])"
        let expected = Array(signature(payload, purpose).utf8), given = Array(parts[2].utf8)
        guard expected.count == given.count, zip(expected, given).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        guard TimeInterval(expiry) > now.timeIntervalSince1970 else { return nil }
        return Identifier(String(parts[0]))
    }

    func url(_ path: String) -> String { siteURL + path }

    private func signature(_ payload: String, _ purpose: Purpose) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(purpose.rawValue)|\(payload)".utf8), using: key)).base64URL
    }
}
