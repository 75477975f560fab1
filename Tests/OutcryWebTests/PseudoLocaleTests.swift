import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Every public page, served by the real application with `OUTCRY_PSEUDO_LOCALE` on: each word a reader
/// sees is from a catalog (and so altered) unless the records hold it, or it is a date, a number, a
/// country or a language's own name.
@Suite struct PseudoLocaleTests {
    static let pages = [
        "/", "/actions/30-24", "/actions/30-24/letter/sadyr-japarov", "/actions/30-24/report", "/actions/30-24/thanks?held=1",
        "/actions/30-24/officials/sadyr-japarov", "/actions/30-24/share/mastodon?instance=mastodon.social",
        "/actions/30-24/share/mastodon?instance=not%20a%20server", "/cases/kloop-media-2025", "/cases/temirov-live-2024",
        "/people/makhabat-tazhibek-kyzy", "/people/aike-beishekeeva", "/statements/kloop-media-staff-detained-2025", "/search",
        "/search?q=Mahabat", "/search?q=zzqx", "/actions", "/actions?status=closed", "/cases", "/people", "/alerts", "/alerts/access",
        "/nowhere", "/verify", "/verify?statement=hello", "/verify?code=ZZZZZZZZZZZZ", "/ru/actions/30-24",
        "/ky/people/makhabat-tazhibek-kyzy", "/about", "/privacy", "/contact", "/accessibility",
    ]

    @Test func everyPublicPageTakesEveryWordFromTheCatalogs() async throws {
        let known = try Self.knownWords()
        try await TestApp.withDemo(pseudoLocale: true) { client in
            // A report first, so that the totals say something, and a refused one for its message.
            let token = try await client.formToken(on: "/actions/30-24/report")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "2"), ("country", "KG")])
            let refused = try await client.submit("/actions/30-24/report", [("token", token), ("count_email", "many")])
            let tooLong = try await client.submit(
                "/actions/30-24/letter/sadyr-japarov", [("name", String(repeating: "n", count: 300)), ("body", "Sadyr Japarov")])
            var rendered = [("report refused", refused.text), ("letter refused", tooLong.text)]
            for page in Self.pages { rendered.append((page, try await client.execute(uri: page, method: .get).text)) }
            for (page, html) in rendered { Self.expectEveryWordFromTheCatalogs(page, html, known: known) }
        }
    }

    /// The page is in the pseudo-locale, names no missing message, and shows no word outside the catalogs
    /// but those `known`.
    static func expectEveryWordFromTheCatalogs(_ page: String, _ html: String, known: Set<String>) {
        #expect(html.contains("[!! "), "\(page) is in the pseudo-locale")
        #expect(!html.contains("[missing "), "\(page) names a message no catalog has")
        for text in MessageCatalogTests.visibleText(html) where !fragments.contains(text) {
            let unknown = words(outsideMessages(text)).filter { !known.contains($0) }
            #expect(unknown.isEmpty, "\(page): “\(unknown.joined(separator: " "))” in “\(text)” is not from a catalog")
        }
    }

    /// The parts of every message between its placeholders, as the pseudo-locale writes them: a message
    /// with a figure in bold ("{people} in {countries} have reported {actions}") is cut into text nodes.
    static let fragments: Set<String> = {
        var fragments = Set<String>()
        for catalog in Messages.catalogs.values {
            for message in catalog.messages.values {
                let texts: [String]
                switch message {
                case .text(let text): texts = [text]
                case .plural(let forms): texts = forms
                }
                for text in texts {
                    let pseudo = Messages.pseudoText(text)
                    for part in pseudo.split(separator: "{").map({ $0.split(separator: "}", maxSplits: 1).last ?? $0 }) {
                        fragments.insert(part.trimmingCharacters(in: .whitespacesAndNewlines))
                        // A long message shown as paragraphs (a site page's default text) is shown one paragraph at a time.
                        for paragraph in part.components(separatedBy: "\n\n") {
                            fragments.insert(paragraph.trimmingCharacters(in: .whitespacesAndNewlines))
                        }
                    }
                }
            }
        }
        return fragments
    }()

    /// The text without what the pseudo-locale bracketed (`[!! … !!]`, nested, or cut by markup at
    /// either end: a message with a figure in bold is several text nodes).
    static func outsideMessages(_ text: String) -> String {
        var text = text
        while let open = text.range(of: "[!! ", options: .backwards) {
            let close = text[open.upperBound...].range(of: " !!]")
            text.removeSubrange(open.lowerBound..<(close?.upperBound ?? text.endIndex))
        }
        if let close = text.range(of: " !!]", options: .backwards) { text.removeSubrange(text.startIndex..<close.upperBound) }
        return text
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }

    /// Words a page may show that no catalog holds: the demo records' own, countries', languages' and
    /// months' names in every language, and what ICU writes around a date ("г.", "ж.", "de").
    static func knownWords() throws -> Set<String> {
        let dataset = try DemoData.dataset()
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(dataset))
        // The initials that stand in for a portrait are the records' too.
        var texts =
            ["Outcry", "mastodon.social", "г", "ж", "de", "del", "http"] + dataset.people.map { PersonSummary.initials(of: $0.name) }
        func walk(_ value: Any) {
            if let text = value as? String {
                texts.append(text)
            } else if let list = value as? [Any] {
                list.forEach(walk)
            } else if let object = value as? [String: Any] {
                object.values.forEach(walk)
            }
        }
        walk(json)
        for language in Language.allCases {
            texts.append(language.name)
            texts += Country.all.map { $0.name(in: language.rawValue) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language.rawValue)
            texts += (formatter.monthSymbols ?? []) + (formatter.standaloneMonthSymbols ?? [])
        }
        return Set(texts.flatMap(words))
    }
}
