import OutcryCore

/// `/about`, `/privacy`, `/contact`, `/accessibility`: the coordinators' text in the reader's language, or
/// in English when it is not written in theirs, or else the default text.
struct SitePageView: Sendable {
    var page: PageMeta
    var title: String
    var paragraphs: [Paragraph]
    /// The `lang` of the text when it is not in the page's language.
    var contentLanguage: String?
    /// Says the page is shown in English for want of a translation.
    var note: String?

    struct Paragraph: Sendable {
        var parts: [Part]
    }

    /// Text, or a web or e-mail address as a link.
    struct Part: Sendable {
        var text: String
        var href: String?
    }

    /// The paragraph with each safe web address and each e-mail address made a link; the rest stays text.
    static func paragraph(_ text: String) -> Paragraph {
        var parts: [Part] = []
        var plain = ""
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { plain += " " }
            // Punctuation after an address ends a sentence, not the address.
            let trailing = word.reversed().prefix { ".,;:!?)".contains($0) }.count
            let core = String(word.dropLast(trailing))
            let href = WebAddress.isSafe(core) ? core : core.contains("@") ? ActionLinks.mailto(core) : nil
            guard let href else {
                plain += word
                continue
            }
            if !plain.isEmpty { parts.append(Part(text: plain)) }
            parts.append(Part(text: core, href: href))
            plain = String(word.suffix(trailing))
        }
        if !plain.isEmpty { parts.append(Part(text: plain)) }
        return Paragraph(parts: parts)
    }
}
