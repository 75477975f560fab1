import Crypto
import Foundation
import OutcryCore
import OutcryStore

/// Signed tokens carried by every public form that changes something. A token names the form it was made
/// for and when; its random part is the submission's idempotency key, so a double click or a reload of
/// the same form records once, and a form forged on another site has no valid token at all.
struct FormTokens: Sendable {
    enum Failure: Error, Equatable { case missing, malformed, forged, expired }

    /// HMAC already keyed: a copy signs one token without setting the key up again.
    private let keyed: HMAC<SHA256>
    let lifetime: TimeInterval

    init(secret: String, lifetime: TimeInterval = 2 * 86_400) {
        keyed = HMAC(key: SymmetricKey(data: SHA256.hash(data: Data(secret.utf8))))
        self.lifetime = lifetime
    }

    /// `seconds.nonce.signature`, safe in an HTML attribute and a URL. The nonce begins with the
    /// millisecond, so forms issued one after another sort one after another.
    func issue(for purpose: String, now: Date) -> String {
        let seconds = now.timeIntervalSince1970.rounded(.down)
        let millisecond = min(999, Int((now.timeIntervalSince1970 - seconds) * 1000))
        let padded = millisecond < 10 ? "00\(millisecond)" : millisecond < 100 ? "0\(millisecond)" : "\(millisecond)"
        let payload = "\(Int(seconds)).\(padded)\(Self.nonce())"
        return payload + "." + signature(of: payload, purpose: purpose)
    }

    /// The token's issue time and nonce, `seconds.nonce`, if the token is genuine, fresh and made for
    /// `purpose`: unique to the rendered form, and in the order forms were issued, so keys made from it
    /// land side by side in an index.
    func verify(_ token: String?, for purpose: String, now: Date) throws(Failure) -> String {
        guard let token, !token.isEmpty else { throw .missing }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.count < 200, let issued = Int(parts[0]) else { throw .malformed }
        let payload = "\(parts[0]).\(parts[1])"
        guard constantTimeEqual(signature(of: payload, purpose: purpose), String(parts[2])) else { throw .forged }
        let age = now.timeIntervalSince1970 - TimeInterval(issued)
        guard age >= -300, age <= lifetime else { throw .expired }
        return payload
    }

    private func signature(of payload: String, purpose: String) -> String {
        var mac = keyed
        var message = "\(purpose)|\(payload)"
        message.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return Base64URL.encode(mac.finalize())
    }

    /// 128 random bits.
    private static func nonce() -> String { randomToken(bytes: 16) }
}
