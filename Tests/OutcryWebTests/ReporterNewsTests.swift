import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// Tell everyone how it ended: when an action closes with an outcome, each supporter who reported on it,
/// left an address and agreed to hear news gets one message, in the language they reported in, never twice;
/// its link deletes the address, but only from the button on the page it opens.
@Suite struct ReporterNewsTests {
    @Test(arguments: TestApp.engines)
    func aClosingTellsThoseWhoAskedOnceInTheirLanguage(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            for (page, email, consent) in [
                ("/fr/actions/30-24", "fleur@example.org", "yes"), ("/actions/30-24", "ana@example.org", "yes"),
                ("/actions/30-24", "no-consent@example.org", ""),
            ] {
                let token = try await client.formToken(on: page)
                _ = try await client.submit(
                    page + "/report", [("token", token), ("count_letter", "1"), ("email", email), ("consent", consent)])
            }
            #expect(try await store.reportersToTell(of: "30-24").count == 2, "an address without consent is not kept")

            let closing = [("outcome", "released"), ("note", "Both journalists were released on 20 November."), ("confirm", "yes")]
            let closed = try await client.postFollowingRedirect("/admin/actions/30-24/close", closing, as: editor)
            #expect(closed.status == .ok)
            let news = try await Self.news(store)
            #expect(news.count == 2)
            let french = try #require(news.first { $0.text.contains("fr/actions/30-24") })
            #expect(french.subject.hasPrefix("Issue"), "\(french.subject)")
            #expect(french.text.contains("Both journalists were released on 20 November."))
            let english = try #require(news.first { !$0.text.contains("fr/actions/30-24") })
            #expect(english.subject == "Outcome of Urgent Action 30.24: Kyrgyzstan: 11 journalists face up to 10 years in prison")
            #expect(english.text.contains("This is the only message about it."))

            // Reopened and closed again: nobody hears twice.
            _ = try await client.postFollowingRedirect("/admin/actions/30-24/reopen", as: editor)
            _ = try await client.postFollowingRedirect("/admin/actions/30-24/close", closing, as: editor)
            #expect(try await Self.news(store).count == 2)

            // The link deletes the address, but only from the page's button: a mail scanner opening it deletes nothing.
            let link = try #require(
                english.text.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.contains("/alerts/forget/") })
            let path = try #require(URLComponents(string: link)?.path)
            let page = try await client.get(path, as: nil)
            #expect(page.text.contains("Delete my address"))
            #expect(try await store.reportersToTell(of: "30-24").count == 2)
            let forgotten = try await client.submit(path, [])
            #expect(forgotten.text.contains("Your address is deleted"))
            #expect(try await store.reportersToTell(of: "30-24").count == 1)
            let (contacts, total) = try await store.consentedContacts(offset: 0, limit: 10)
            #expect(total == 1 && contacts.count == 1)

            let forged = try await client.get(path.replacingOccurrences(of: ".", with: ".x"), as: nil)
            #expect(forged.status == .gone)
            #expect(forged.text.contains("This link does not work any more."))
        }
    }

    struct News {
        var subject: String
        var text: String
    }

    static func news(_ store: Store) async throws -> [News] {
        try await store.engine.read { database in
            try await database.select().columns("subject", "body_text").from("outbox").where("kind", .equal, "outcome").all()
        }.map { row in
            News(
                subject: try row.decode(column: "subject", as: String.self),
                text: try TestApp.vault.openMarked(try row.decode(column: "body_text", as: String.self)))
        }
    }
}
