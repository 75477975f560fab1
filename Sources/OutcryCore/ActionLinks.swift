import Foundation

/// The one-tap ways to reach an official from a phone: e-mail, call, and social media posts.
public enum ActionLinks {
    /// Mail clients and browsers cut `mailto:` links somewhere past 2,000 characters; stay under that.
    public static let mailtoLimit = 1_900

    public struct Mailto: Hashable, Sendable {
        public let url: String
        /// True when the letter did not fit: the link carries its start, and the page shows the whole text to copy.
        public let isShortened: Bool
    }

    /// A `mailto:` link (RFC 6068) to every address, with the subject and as much of the body as fits,
    /// cut at a paragraph boundary.
    public static func mailto(to addresses: [String], subject: String, body: String, limit: Int = mailtoLimit) -> Mailto? {
        guard !addresses.isEmpty else { return nil }
        let recipients = addresses.map { PercentEncoding.encode($0, keeping: [UInt8(ascii: "@")]) }.joined(separator: ",")
        let head = "mailto:\(recipients)?subject=\(PercentEncoding.encode(subject))"
        let full = head + "&body=" + PercentEncoding.encode(crlf(body))
        if full.utf8.count <= limit { return Mailto(url: full, isShortened: false) }

        let note = "\n\n[The letter continues: copy the full text from the action page.]"
        var kept: [Substring] = []
        for paragraph in body.split(separator: "\n\n", omittingEmptySubsequences: true) {
            let candidate = (kept + [paragraph]).joined(separator: "\n\n") + note
            if (head + "&body=" + PercentEncoding.encode(crlf(candidate))).utf8.count > limit { break }
            kept.append(paragraph)
        }
        let shortened = kept.isEmpty ? String(note.dropFirst(2)) : kept.joined(separator: "\n\n") + note
        return Mailto(url: head + "&body=" + PercentEncoding.encode(crlf(shortened)), isShortened: true)
    }

    /// A `mailto:` link to one address, encoded as `mailto(to:subject:body:)` encodes it; nil for text that
    /// is not an e-mail address.
    public static func mailto(_ address: String) -> String? {
        guard EmailAddress(address) != nil else { return nil }
        return "mailto:" + PercentEncoding.encode(address, keeping: [UInt8(ascii: "@")])
    }

    /// Line breaks in a `mailto:` body must be CRLF (RFC 6068 section 5).
    private static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// A `tel:` link in international form, or nil when the number is not written internationally
    /// (`+996 312 …` or `00996 312 …`): a national number dialled from abroad reaches someone else.
    public static func tel(_ phone: String) -> String? {
        var digits = phone.filter(\.isASCII).filter { $0.isNumber }
        let trimmed = phone.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("+") {
            // Already international.
        } else if trimmed.hasPrefix("00") {
            digits.removeFirst(2)
        } else {
            return nil
        }
        guard (7...15).contains(digits.count) else { return nil }
        return "tel:+" + digits
    }

    /// Share intents that open a prepared post: X and Bluesky directly, Mastodon through the supporter's own server.
    public static func xPost(text: String) -> String { "https://x.com/intent/post?text=" + PercentEncoding.encode(text) }
    public static func blueskyPost(text: String) -> String { "https://bsky.app/intent/compose?text=" + PercentEncoding.encode(text) }

    /// Messengers, which most supporters in Central Asia share through: WhatsApp takes the text with the
    /// address in it, Telegram the address and the text apart.
    public static func whatsAppMessage(text: String) -> String { "https://wa.me/?text=" + PercentEncoding.encode(text) }
    public static func telegramShare(url: String, text: String) -> String {
        "https://t.me/share/url?url=" + PercentEncoding.encode(url) + "&text=" + PercentEncoding.encode(text)
    }

    /// Nil unless `instance` is a plain host name (`mastodon.social`), so the link cannot be turned elsewhere.
    public static func mastodonPost(instance: String, text: String) -> String? {
        var host = instance.trimmingCharacters(in: .whitespaces).lowercased()
        for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        while host.hasSuffix("/") { host.removeLast() }
        if host.hasPrefix("@"), let at = host.dropFirst().firstIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, host.count <= 253,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            })
        else { return nil }
        return "https://\(host)/share?text=" + PercentEncoding.encode(text)
    }
}
