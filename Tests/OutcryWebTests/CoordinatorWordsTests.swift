import Foundation
import HTTPTypes
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// The coordinator area speaks each coordinator's language: every word from the catalogs, the language
/// chosen on the account page, the browser's until then.
@Suite struct CoordinatorWordsTests {
    static let pages = [
        "/admin", "/admin/actions/30-24", "/admin/actions/30-24/edit", "/admin/actions/new", "/admin/actions/new?updates=30-24",
        "/admin/import", "/admin/cases", "/admin/cases/new", "/admin/cases/temirov-live-2024", "/admin/targets",
        "/admin/targets/sadyr-japarov", "/admin/people", "/admin/people/new", "/admin/people/makhabat-tazhibek-kyzy",
        "/admin/people/makhabat-tazhibek-kyzy/portrait",
        "/admin/site-pages", "/admin/site-pages/privacy/en", "/admin/cases/temirov-live-2024/picture",
        "/admin/organisations", "/admin/organisations/temirov-live", "/admin/status-changes", "/admin/status-changes/new",
        "/admin/status-changes/temirov-raid-2024-01-16", "/admin/statements", "/admin/statements/new",
        "/admin/statements/kloop-media-staff-detained-2025", "/admin/users", "/admin/audit", "/admin/account",
        "/admin/translations/urgent_action/30-24", "/admin/translations/urgent_action/30-24/ru",
        "/admin/translations/case/temirov-live-2024/ky",
    ]

    @Test func everyCoordinatorPageTakesEveryWordFromTheCatalogs() async throws {
        let clock = FixedClock()
        var base = try PseudoLocaleTests.knownWords()
        for language in Language.allCases {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: language.rawValue)
            base.formUnion(formatter.shortMonthSymbols.flatMap(PseudoLocaleTests.words))
            // Languages are named by ICU, as countries are.
            for other in Language.allCases { base.formUnion(PseudoLocaleTests.words(Messages(language).languageName(other.rawValue))) }
        }
        // A document's number is written "UA 30.24" in every language; dates and times are in UTC.
        base.formUnion(["ua", "utc", "example", "org"])
        let knownBefore = base
        try await TestApp.withCoordinators(clock: clock, pseudoLocale: true) { client, store in
            let admin = try await store.signedIn(.admin, now: clock.now)
            var known = knownBefore.union(PseudoLocaleTests.words(admin.email + " Text"))
            var rendered: [(String, String)] = []
            for page in Self.pages {
                let response = try await client.get(page, as: admin)
                #expect(response.status == .ok, "\(page)")
                rendered.append((page, response.text))
            }
            rendered.append(("sign in", try await client.get("/admin/sign-in", as: nil).text))
            rendered.append(("expired link", try await client.get("/admin/set-password/nothing", as: nil).text))
            let refused = try await client.post(
                "/admin/actions", [("number", "30.24"), ("deadline", "1 Dec"), ("letter-1", "Text"), ("letter-1-language", "??")],
                as: admin)
            rendered.append(("refused action", refused.text))
            rendered.append(("refused target", try await client.post("/admin/targets", [("phone", "call me")], as: admin).text))
            rendered.append(("other site's form", try await client.post("/admin/cases", [], as: admin, csrf: "forged").text))
            let imported = try await client.post("/admin/import", [("text", Self.document)], as: admin)
            // The draft names the official the document gives ("Head of the Judiciary, Gholamhossein Mohseni Ejei"): a record's
            // words, not the software's. The document's other words stay unknown, so a label it shares with the page is still
            // caught.
            known.formUnion(PseudoLocaleTests.words("Gholamhossein Mohseni Ejei"))
            if let location = imported.headers[.location] {
                rendered.append(("import review", try await client.get(location, as: admin).text))
            }
            // The audit log keeps its entries as they were recorded: records, not the software's words.
            for entry in try await store.auditLog(limit: 500, recordID: nil) {
                known.formUnion(
                    PseudoLocaleTests.words(
                        [entry.actor, entry.action, entry.recordKind, entry.recordID, entry.summary].joined(separator: " ")))
            }
            for (page, html) in rendered { PseudoLocaleTests.expectEveryWordFromTheCatalogs(page, html, known: known) }
        }
    }

    /// A short Urgent Action, as a coordinator would paste it.
    static let document = """
        UA 12/25 Index: MDE 13/1234/2025 Iran
        Issued 3 March 2025
        Journalist detained for reporting
        Write to: Head of the Judiciary, Gholamhossein Mohseni Ejei
        Salutation: Dear Mr Mohseni Ejei,
        """

    @Test func theAreaFollowsTheBrowserThenTheLanguageTheAccountChooses() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let signIn = try await client.execute(uri: "/admin/sign-in", method: .get, headers: [.acceptLanguage: "de-CH, en;q=0.5"])
            #expect(signIn.text.contains(#"<html lang="de">"#))
            #expect(signIn.text.contains(Messages(.de)("admin.sign-in.intro").replacingOccurrences(of: "'", with: "&#39;")))
            #expect(signIn.headers[.vary] == "Accept-Language")

            let editor = try await store.signedIn(.editor, now: clock.now)
            #expect(try await client.get("/admin", as: editor).text.contains(#"<html lang="en">"#))
            let chosen = try await client.post("/admin/account/language", [("language", "ru")], as: editor)
            #expect(chosen.status == .seeOther)
            let russian = Messages(.ru)
            let home = try await client.get("/admin", as: editor).text
            #expect(home.contains(#"<html lang="ru">"#))
            #expect(home.contains(russian("admin.nav.actions")))
            // A refusal inside the area speaks the account's language too.
            let forged = try await client.post("/admin/cases", [], as: editor, csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains(russian("admin.refused.csrf")))

            let unknown = try await client.post("/admin/account/language", [("language", "xx")], as: editor)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains(russian("admin.account.language-unknown")))
            #expect(try await store.account(email: editor.email)?.language == "ru")

            _ = try await client.post("/admin/account/language", [("language", "")], as: editor)
            #expect(try await store.account(email: editor.email)?.language == nil, "the browser's choice again")
        }
    }

    /// The command line follows the terminal's locale as POSIX orders the variables.
    @Test func theCommandLineSpeaksTheTerminalsLanguage() {
        #expect(CommandLineWords(environment: ["LANG": "ru_RU.UTF-8"]).language == "ru")
        #expect(CommandLineWords(environment: ["LANG": "ru_RU.UTF-8", "LC_MESSAGES": "ky_KG"]).language == "ky")
        #expect(CommandLineWords(environment: ["LANG": "de_DE", "LC_ALL": "fr_FR.UTF-8"]).language == "fr")
        #expect(CommandLineWords(environment: ["LANG": "C.UTF-8"]).language == "en")
        #expect(CommandLineWords(environment: ["LANG": "pt_BR"]).language == "en")
        let russian = CommandLineWords(environment: ["LANG": "ru_RU.UTF-8"])
        #expect(russian.plural("cli.import.new-drafts", count: 5) != CommandLineWords.english.plural("cli.import.new-drafts", count: 5))
        let problem = ConfigurationError(reasons: [ConfigurationProblem("port", ["value": "eighty"])])
        #expect(problem.problems == ["port “eighty” must be a number from 0 (any free port) to 65535"])
        #expect(problem.text(russian).contains("eighty") && problem.text(russian) != problem.description)
    }
}
