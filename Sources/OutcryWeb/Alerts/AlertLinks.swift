import Foundation
import OutcryCore

/// Signed links in alert messages: whoever holds one can confirm, manage or stop that subscription
/// and nothing else, until it expires. No account and no password is needed. A link is the
/// subscription's id followed by a form token made for it (`FormTokens`), with a longer life.
struct AlertLinks: Sendable {
    enum Purpose: String, Sendable {
        case confirm
        case manage
    }

    /// A confirmation link works for a week; the links in alerts for a year (mail is read late).
    private let confirm: FormTokens
    private let manage: FormTokens
    let siteURL: String

    /// How long a confirmation link works, as the confirmation message says; after that the subscription goes.
    static let confirmationLifetime: TimeInterval = 7 * 86_400

    init(secret: String, siteURL: String) {
        confirm = FormTokens(secret: "alerts|\(secret)", lifetime: Self.confirmationLifetime)
        manage = FormTokens(secret: "alerts|\(secret)", lifetime: 365 * 86_400)
        self.siteURL = siteURL
    }

    /// `id.` and a token for this purpose and this id: URL-safe.
    func token(_ id: Identifier<Subscription>, _ purpose: Purpose, now: Date) -> String {
        id.rawValue + "." + tokens(purpose).issue(for: Self.purpose(purpose, id), now: now)
    }

    /// The subscription a token names, if it is genuine, unexpired and made for `purpose`.
    func subscription(in token: String, _ purpose: Purpose, now: Date) -> Identifier<Subscription>? {
        guard let dot = token.firstIndex(of: ".") else { return nil }
        let id = Identifier<Subscription>(String(token[..<dot]))
        guard (try? tokens(purpose).verify(String(token[token.index(after: dot)...]), for: Self.purpose(purpose, id), now: now)) != nil
        else { return nil }
        return id
    }

    /// A link that deletes a supporter's address (kept with a report, not a subscription), for a year:
    /// the address's lookup in URL-safe base64, then a token made for it.
    func forgetToken(lookup: String, now: Date) -> String {
        let id = Data(base64Encoded: lookup)?.base64URL ?? lookup
        return id + "." + manage.issue(for: "forget:" + lookup, now: now)
    }

    /// The lookup a forget link names, if the link is genuine and unexpired.
    func lookup(inForgetToken token: String, now: Date) -> String? {
        guard let dot = token.firstIndex(of: "."), let bytes = Base64URL.decode(String(token[..<dot])) else { return nil }
        let lookup = bytes.base64EncodedString()
        guard (try? manage.verify(String(token[token.index(after: dot)...]), for: "forget:" + lookup, now: now)) != nil else { return nil }
        return lookup
    }

    func url(_ path: String) -> String { siteURL + path }

    private func tokens(_ purpose: Purpose) -> FormTokens { purpose == .confirm ? confirm : manage }

    private static func purpose(_ purpose: Purpose, _ id: Identifier<Subscription>) -> String {
        "alerts-\(purpose.rawValue):\(id.rawValue)"
    }
}
