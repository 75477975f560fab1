import Crypto
import Foundation
import OutcryCore

/// A group's private link: its id and a code made from it and the link's version with a key derived from the
/// data key, so no copy of the database reveals one and none can be guessed. It does not expire (a teacher
/// reports again next year with the same link); a coordinator replaces it when it went further than the
/// group, and the old one stops working.
struct GroupLinks: Sendable {
    private let key: SymmetricKey

    init(secret: String) {
        key = SymmetricKey(data: SHA256.hash(data: Data("groups|\(secret)".utf8)))
    }

    /// `id.code`, URL-safe.
    func token(_ group: WritingGroup) -> String {
        group.id.rawValue + "." + code(group)
    }

    /// The group a token claims to be for; only `isGenuine` says whether it is.
    func claimedGroup(in token: String) -> Identifier<WritingGroup>? {
        guard let dot = token.lastIndex(of: "."), token.count < 200 else { return nil }
        let id = String(token[..<dot])
        return Slug.isValid(id) ? Identifier(id) : nil
    }

    /// Whether `token` is this group's current link.
    func isGenuine(_ token: String, for group: WritingGroup) -> Bool {
        constantTimeEqual(self.token(group), token)
    }

    private func code(_ group: WritingGroup) -> String {
        let message = Data("group:\(group.id.rawValue):\(group.linkVersion)".utf8)
        return Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).prefix(18))
    }
}
