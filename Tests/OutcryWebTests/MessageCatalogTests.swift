import Foundation
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// The message catalogs: read as translators' tools write them, complete in every language, and used for
/// every word of the pages they cover (the pseudo-locale finds any word that is not).
@Suite struct MessageCatalogTests {
    static let russianLetters = """
        msgid ""
        msgstr ""
        "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

        #. A count of letters.
        msgctxt "letters"
        msgid "{count} letter"
        msgid_plural "{count} letters"
        msgstr[0] "{count} письмо"
        msgstr[1] "{count} письма"
        msgstr[2] "{count} писем"

        msgctxt "long"
        msgid ""
        "Two "
        "lines"
        msgstr ""
        "Две "
        "строки\\n"
        """

    @Test func aCatalogIsReadAsPOToolsWriteIt() throws {
        let catalog = try MessageCatalog(po: Self.russianLetters)
        #expect(catalog.pluralForms == 3)
        #expect(catalog.messages["letters"] == .plural(["{count} письмо", "{count} письма", "{count} писем"]))
        #expect(catalog.messages["long"] == .text("Две строки\n"))
    }

    @Test(arguments: [
        ("msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"\"\n", "line 1: “a” has no translation"),
        ("msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"x\"\n\nmsgctxt \"a\"\nmsgid \"A\"\nmsgstr \"y\"\n", "line 5: “a” is given twice"),
        ("msgctxt \"a\"\nmsgid A\n", "line 2: a string must be quoted"),
        ("msgctxt \"a\"\nmsgtext \"A\"\n", "line 2: “msgtext” is not a PO keyword"),
    ])
    func aBrokenCatalogSaysWhereAndWhy(text: String, problem: String) {
        #expect(throws: MessageCatalog.Problem.self) { try MessageCatalog(po: text) }
        do {
            _ = try MessageCatalog(po: text)
        } catch {
            #expect(error.description == problem)
        }
    }

    /// "1 письмо, 2 письма, 5 писем": Russian has three forms for whole numbers, and 11 to 14 take the third.
    @Test(arguments: [(1, 0), (2, 1), (4, 1), (5, 2), (11, 2), (12, 2), (14, 2), (21, 0), (22, 1), (25, 2), (101, 0), (111, 2), (0, 2)])
    func russianPluralForms(count: Int, form: Int) {
        #expect(Language.ru.pluralForm(count) == form)
    }

    @Test func otherLanguagesPluralForms() {
        #expect([0, 1, 2].map(Language.fr.pluralForm) == [0, 0, 1], "French says 0 and 1 in the singular")
        for language in [Language.en, .ky, .es, .de] { #expect([0, 1, 2].map(language.pluralForm) == [1, 0, 1]) }
    }

    /// Every catalog there is has every English key, the same placeholders, and as many plural forms as its
    /// language has; its header agrees.
    @Test func everyCatalogIsComplete() throws {
        let english = try #require(Messages.catalogs[.en])
        #expect(english.messages.count > 40)
        for (language, catalog) in Messages.catalogs {
            #expect(catalog.pluralForms == language.pluralForms, "\(language) Plural-Forms")
            #expect(Set(catalog.messages.keys) == Set(english.messages.keys), "\(language): keys")
            for (key, message) in english.messages {
                guard let translated = catalog.messages[key] else { continue }
                #expect(Self.placeholders(translated) == Self.placeholders(message), "\(language) \(key): placeholders")
                if case .plural(let forms) = translated { #expect(forms.count == language.pluralForms, "\(language) \(key)") }
            }
        }
    }

    @Test func everyLanguageAtLaunchHasItsCatalog() {
        #expect(Set(Messages.catalogs.keys) == Set(Language.allCases))
    }

    /// "1 акция, 2 акции, 5 акций": the forms chosen by count, in the languages that have more than two.
    @Test func countsTakeTheirLanguagesForms() {
        let russian = Messages(.ru)
        func people(_ count: Int) -> String { russian.plural("paging.people", count: count, ["page": "1", "pages": "2"]) }
        #expect(people(1) == "Страница 1 из 2 (1 человек)")
        #expect(people(3) == "Страница 1 из 2 (3 человека)")
        #expect(people(5) == "Страница 1 из 2 (5 человек)")
        #expect(russian.plural("paging.actions", count: 22, ["page": "1", "pages": "2"]) == "Страница 1 из 2 (22 акции)")
        #expect(russian.plural("paging.actions", count: 11, ["page": "1", "pages": "2"]) == "Страница 1 из 2 (11 акций)")
        #expect(Messages(.fr).plural("paging.cases", count: 0, ["page": "1", "pages": "2"]) == "Page 1 sur 2 (0 affaire)")
        #expect(Messages(.ky)("search.found-as", ["name": "Махабат"]) == "Табылган жазылышы: Махабат")
    }

    /// Country names and dates come from ICU in each language, Kyrgyz and Russian included.
    @Test func countriesAndDatesAreWrittenInTheLanguage() throws {
        let kyrgyzstan = try #require(Country(rawValue: "KG"))
        #expect(kyrgyzstan.name(in: "en") == "Kyrgyzstan")
        #expect(kyrgyzstan.name(in: "ru") == "Киргизия")
        #expect(kyrgyzstan.name(in: "ky") == "Кыргызстан")
        #expect(kyrgyzstan.name(in: "de") == "Kirgisistan")
        let day = try HistoricalDate(iso: "2024-04-17")
        #expect(DateWording.text(day, language: "en") == "17 April 2024")
        #expect(DateWording.text(day, language: "ru").hasPrefix("17 апреля 2024"))
        #expect(DateWording.text(day, language: "fr") == "17 avril 2024")
        #expect(DateWording.text(day, language: "ky").contains("2024"))
        #expect(DateWording.text(day, language: "ky").lowercased().contains("апрел"))
        #expect(DateWording.text(try HistoricalDate(iso: "2024-03"), language: "de") == "März 2024")
        #expect(DateWording.text(try HistoricalDate(iso: "2024"), language: "es") == "2024")
    }

    /// Alert messages come from the catalogs too, Kyrgyz included, with dates and counts in the language.
    @Test func alertMessagesAreWrittenInTheSubscribersLanguage() {
        let action = UrgentAction.readyToPublish()
        let kyrgyz = AlertMail.alert(
            action, occasion: .published, actionURL: "https://a.example/x", manageURL: "https://a.example/m", language: "ky")
        #expect(kyrgyz.subject == "Шашылыш акция 31.24: Journalists sentenced")
        #expect(kyrgyz.text.contains("Аракет кылуунун акыркы мөөнөтү: "))
        #expect(kyrgyz.text.contains(DateWording.text(action.deadline!, language: "ky")))
        let russian = AlertMail.alert(action, occasion: .published, actionURL: "u", manageURL: "m", language: "ru")
        #expect(russian.text.contains("Пожалуйста, действуйте до 1 декабря 2024"))
        let digest = AlertMail.digest(
            Array(repeating: (action: action, occasion: AlertOccasion.published, url: "u"), count: 3), manageURL: "m", language: "ru")
        #expect(digest.subject == "Срочные акции недели: 3")
        #expect(
            AlertMail.confirmation(confirmURL: "c", manageURL: "m", language: "xx").subject == "Please confirm your Urgent Action alerts")
    }

    @Test func countsAreWrittenAsTheLanguageWritesNumbers() {
        #expect(Messages.english.plural("paging.people", count: 1_026, ["page": "1", "pages": "42"]) == "Page 1 of 42 (1,026 people)")
        #expect(Messages.english.plural("paging.people", count: 1, ["page": "1", "pages": "2"]) == "Page 1 of 2 (1 person)")
    }

    /// Rendered with the pseudo-locale, the search and list pages show no word that is not from a catalog
    /// but what was typed and what the records hold.
    @Test func thePseudoLocaleFindsNoHardCodedWord() async throws {
        try await ThrowawayDatabase.withStore(.sqlite) { store async throws in
            _ = try await store.loadDemoData()
            let renderer = try await PageRenderer(themeDirectory: nil)
            let pages = FindingPages(store: store, messages: .pseudoLocale)
            let rendered = [
                try renderer.html(try await pages.search("")),
                try renderer.html(try await pages.search("zzqx")),
                try renderer.html(try await pages.people(organisation: "no-such-organisation", page: 1)),
                try renderer.html(try await pages.actions(ActionFilter(status: .closed), page: 1)),
            ]
            for html in rendered {
                for text in Self.visibleText(html) where text.contains(where: \.isLetter) {
                    let data = text == "zzqx" || text == "Outcry" || Country.all.contains { $0.name == text } || Int(text) != nil
                    #expect(text.hasPrefix("[!! ") || text.contains("[!! ") || data, "hard-coded: “\(text)”")
                }
            }
        }
    }

    /// The home page too: every word from a catalog but the records' own titles, names and dates.
    @Test func thePseudoLocaleFindsNoHardCodedWordOnTheHomePage() async throws {
        try await ThrowawayDatabase.withStore(.sqlite) { store async throws in
            _ = try await store.loadDemoData()
            let renderer = try await PageRenderer(themeDirectory: nil)
            let pages = PublicPages(
                store: store, siteName: "Outcry", publicURL: "https://act.example.org", offersEmail: true, messages: .pseudoLocale)
            let html = try renderer.html(try await pages.home())
            var records = Set(["Outcry"])
            for action in try await store.publicUrgentActions() { records.insert(action.title) }
            for statement in try await store.statements(limit: 50) { records.insert(statement.title) }
            for case let text in Self.visibleText(html).map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: "· ")) })
            where text.contains(where: \.isLetter) {
                let isCountry = Country.all.contains { $0.name == text }
                let isDate = text.range(of: #"\b(19|20)\d\d$"#, options: .regularExpression) != nil
                #expect(text.contains("[!! ") || records.contains(text) || isDate || isCountry, "hard-coded: “\(text)”")
            }
            #expect(html.contains("[!! "), "the pseudo-locale was used")
        }
    }

    /// The text between tags, and the values of the attributes people read (labels, placeholders).
    static func visibleText(_ html: String) -> [String] {
        var texts: [String] = []
        var html = html
        // The language switcher names each language in itself, whatever the page's language.
        if let start = html.range(of: "<nav class=\"languages\""), let end = html[start.upperBound...].range(of: "</nav>") {
            html.removeSubrange(start.lowerBound..<end.upperBound)
        }
        // Machine text marked not to be translated (a signed statement, its code) is nobody's words.
        while let start = html.range(of: #" translate="no""#) {
            guard let open = html[..<start.lowerBound].lastIndex(of: "<") else { break }
            let name = html[html.index(after: open)...].prefix { $0.isLetter }
            guard let end = html[start.upperBound...].range(of: "</\(name)>") else { break }
            html.removeSubrange(open..<end.upperBound)
        }
        var rest = Substring(html)
        if let body = rest.range(of: "<body>") { rest = rest[body.upperBound...] }
        while let open = rest.firstIndex(of: "<") {
            texts.append(String(rest[..<open]))
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[open...close]
            for attribute in ["placeholder=\"", "aria-label=\""] {
                if let start = tag.range(of: attribute) { texts.append(String(tag[start.upperBound...].prefix { $0 != "\"" })) }
            }
            rest = rest[rest.index(after: close)...]
        }
        return texts.map { $0.replacingOccurrences(of: "&#39;", with: "'").trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    static func placeholders(_ message: MessageCatalog.Message) -> Set<String> {
        let texts: [String]
        switch message {
        case .text(let text): texts = [text]
        case .plural(let forms): texts = forms
        }
        var names = Set<String>()
        for text in texts {
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                names.insert(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
        }
        return names
    }
}
