import Crypto
import Foundation

/// Everything the data key protects, from the one key held outside the database: supporters' e-mail
/// addresses and other secrets kept in it are sealed (AES-GCM), addresses are found again by a keyed
/// lookup hash, and the secrets that sign forms and alert links are derived from it. A copy of the
/// database alone reveals no address and lets no one forge a link.
public struct ContactVault: Sendable {
    private let master: SymmetricKey
    private let sealKey: SymmetricKey
    private let lookupKey: SymmetricKey
    /// What marks a value sealed by `sealMarked`, in a column that held it in the clear before.
    static let marker = "sealed:"

    /// `key` is 32 random bytes.
    public init(key: Data) throws {
        guard key.count == 32 else { throw StoreError.badKey("the data key must be 32 bytes, it is \(key.count)") }
        master = SymmetricKey(data: key)
        sealKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("outcry e-mail seal".utf8), outputByteCount: 32)
        lookupKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("outcry e-mail lookup".utf8), outputByteCount: 32)
    }

    /// A new random key, base64 as configuration holds it.
    public static func newKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public func seal(_ text: String) throws -> String {
        try AES.GCM.seal(Data(text.utf8), using: sealKey).combined!.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw StoreError.badKey("a sealed value is not base64") }
        return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: sealKey), as: UTF8.self)
    }

    /// Sealed, with a mark that tells it from a value stored in the clear by an earlier version.
    public func sealMarked(_ text: String) throws -> String {
        Self.marker + (try seal(text))
    }

    /// Opens what `sealMarked` sealed; a value without the mark is returned as it is.
    public func openMarked(_ value: String) throws -> String {
        value.hasPrefix(Self.marker) ? try open(String(value.dropFirst(Self.marker.count))) : value
    }

    public static func isSealed(_ value: String) -> Bool { value.hasPrefix(marker) }

    /// A secret for one purpose (signing forms, alert links), the same on every instance that has the key.
    public func secret(for purpose: String) -> String {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("outcry secret: \(purpose)".utf8), outputByteCount: 32)
            .withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Tells this key from another without revealing it: kept in the database, so that an instance started
    /// with a different key stops at once instead of sealing with one key what others open with another.
    public var check: String { lookup("outcry data key check") }

    public func lookup(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: lookupKey)).base64EncodedString()
    }
}
