import Crypto
import Foundation

/// Seals supporters' e-mail addresses (AES-GCM) and makes the keyed lookup hash that finds them again,
/// both from one key held outside the database: a copy of the database alone reveals no address.
public struct ContactVault: Sendable {
    private let sealKey: SymmetricKey
    private let lookupKey: SymmetricKey

    /// `key` is 32 random bytes.
    public init(key: Data) throws {
        guard key.count == 32 else { throw StoreError.badKey("the data key must be 32 bytes, it is \(key.count)") }
        let master = SymmetricKey(data: key)
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

    public func lookup(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: lookupKey)).base64EncodedString()
    }
}
