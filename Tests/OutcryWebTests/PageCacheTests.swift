import Foundation
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// Cached pages stay correct: live totals and fresh tokens per response, new content after a change.
@Suite struct PageCacheTests {
    @Test func repeatVisitsRevalidateAndGetNotModified() async throws {
        try await TestApp.withDemo { client in
            let first = try await client.execute(uri: "/actions/30-24", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "private, no-cache", "it carries a form token made for this response")
            let again = try await client.execute(uri: "/actions/30-24", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.headers[.cacheControl] == "private, no-cache")
            let statement = try await client.execute(uri: "/statements/kloop-media-staff-detained-2025", method: .get)
            #expect(statement.headers[.cacheControl] == "no-cache", "no token: shared caches may keep it and ask again")
            #expect(again.body.readableBytes == 0)
        }
    }

    @Test func everyResponseCarriesItsOwnTokenButTheSameETag() async throws {
        try await TestApp.withDemo { client in
            let a = try await client.execute(uri: "/actions/30-24", method: .get)
            let b = try await client.execute(uri: "/actions/30-24", method: .get)
            #expect(a.headers[.eTag] == b.headers[.eTag])
            let tokenA = try await client.formToken(on: "/actions/30-24")
            let tokenB = try await client.formToken(on: "/actions/30-24")
            #expect(tokenA != tokenB)
            #expect(!a.text.contains("<!--outcry:"), "no hole marker reaches a browser")
        }
    }

    @Test func aReportShowsOnTheCachedPageAtOnceAndChangesItsETag() async throws {
        try await TestApp.withDemo { client in
            let before = try await client.execute(uri: "/actions/30-24", method: .get)
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("No actions reported yet."))
            let token = try await client.formToken(on: "/actions/30-24")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "2")])
            let after = try await client.execute(uri: "/actions/30-24", method: .get, headers: [.ifNoneMatch: before.headers[.eTag]!])
            #expect(after.status == .ok)
            #expect(after.text.contains("<strong>1 person</strong> has reported <strong>2 actions</strong>."))
            #expect(try await client.execute(uri: "/", method: .get).text.contains("<strong>1 person</strong> has acted so far."))
        }
    }

    @Test func aChangeOnAnotherInstanceShowsWithinASecond() async throws {
        let clock = FixedClock()
        try await TestApp.withDemoAndOtherInstance(clock: clock) { client, other in
            #expect(try await client.execute(uri: "/actions/30-24", method: .get).text.contains("face up to 10 years in prison"))
            var data = try DemoData.dataset()
            data.urgentActions[0].title = "Kyrgyzstan: journalists still held"
            try await other.save(data)
            // Within the second the shared version is not read again: the page may still be the old one.
            clock.advance(seconds: 1.5)
            let page = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(page.contains("Kyrgyzstan: journalists still held"))
            #expect(!page.contains(#"<h1 id="ua-title">Kyrgyzstan: 11 journalists face up to 10 years in prison</h1>"#))
        }
    }

    /// On PostgreSQL a change on another instance is announced: it shows at once, with no second to wait.
    @Test(arguments: TestApp.engines.filter { $0 == .postgres })
    func aChangeOnAnotherInstanceIsAnnouncedAndShowsAtOnce(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withDemoAndOtherInstance(clock: clock, engine: engine) { client, other in
            #expect(try await client.execute(uri: "/actions/30-24", method: .get).text.contains("face up to 10 years in prison"))
            // Listening has started once a notification arrives: a first change makes sure of it.
            var data = try DemoData.dataset()
            var shown = false
            for attempt in 0..<50 where !shown {
                data.urgentActions[0].title = "Kyrgyzstan: journalists still held (\(attempt))"
                try await other.save(data)
                // The fixed clock never moves: only the announcement can make the page new.
                for _ in 0..<20 where !shown {
                    try await Task.sleep(for: .milliseconds(50))
                    shown = try await client.execute(uri: "/actions/30-24", method: .get).text.contains(
                        "journalists still held (\(attempt))")
                }
            }
            #expect(shown, "the other instance's change reached this one's cache without polling")
        }
    }

    @Test func aBackButtonReportWithOtherNumbersCountsAgain() async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "1")])
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "1")])
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_call", "1")])
            let thanks = try await client.execute(uri: "/actions/30-24/thanks", method: .get).text
            #expect(thanks.contains("<strong>2 people</strong>"))
        }
    }
}
