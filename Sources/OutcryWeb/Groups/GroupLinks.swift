import Crypto
import Foundation
import OutcryCore

/// A group's private link: its id and a code made from it with a key derived from the data key, so no
/// copy of the database reveals one and none can be guessed. It does not expire: a teacher reports again
/// next year with the same link.
struct GroupLinks: Sendable {
    private let key: SymmetricKey

    init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data("groups|\(secret)".utf8)))
    }

    /// `id.code`, URL-safe.
    func token(_ id: Identifier<WritingGroup>) -> String {
        id.rawValue + "." + code(id)
    }

    /// The group a token names, if the token is genuine.
    func group(in token: String) -> Identifier<WritingGroup>? {
        guard let dot = token.lastIndex(of: "."), token.count < 200 else { return nil }
        let id = String(token[..<dot])
        guard Slug.isValid(id), constantTimeEqual(code(Identifier(id)), String(token[token.index(after: dot)...])) else { return nil }
        return Identifier(id)
    }

    private func code(_ id: Identifier<WritingGroup>) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data("group:\(id.rawValue)".utf8), using: key)).prefix(18))
    }
}
