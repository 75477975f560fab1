import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// The alert forms cannot be used to mail strangers: few messages per connection, a ceiling per instance,
/// and requests never confirmed are deleted with their messages when their link expires.
@Suite struct AlertsAbuseTests {
    static func queued(_ store: Store) async throws -> Int {
        try await store.outboxStatus().queued
    }

    @Test func oneConnectionCannotMailAList() async throws {
        try await TestApp.withCoordinators { client, store in
            for number in 1...AlertMailLimits.perClient.count {
                let response = try await AlertsTests.subscribe(client, email: "stranger\(number)@example.org")
                #expect(response.text.contains("Check your inbox"))
            }
            let refused = try await AlertsTests.subscribe(client, email: "one-more@example.org")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "3600")
            #expect(refused.text.contains("Several requests for alerts came from your connection in the last hour"))
            #expect(refused.text.contains(#"value="one-more@example.org""#), "what was typed is kept")
            let access = try await client.get("/alerts/access", as: nil)
            let lost = try await client.post(
                "/alerts/access", [("token", access.hidden("token")!), ("email", "stranger1@example.org")], as: nil)
            #expect(lost.status == .tooManyRequests)
            #expect(try await Self.queued(store) == AlertMailLimits.perClient.count, "nothing was queued for the refused ones")
            #expect(try await store.subscription(lookup: TestApp.vault.lookup("one-more@example.org")) == nil)
        }
    }

    @Test func theInstanceHasACeilingAnHour() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let limits = AlertMailLimits(perHour: 3, trustForwardedFor: true)
        for number in 1...3 { #expect(limits.refusal(peer: nil, forwardedFor: "192.0.2.\(number)", now: now) == nil) }
        let refused = limits.refusal(peer: nil, forwardedFor: "192.0.2.4", now: now)
        #expect(refused?.message.hasPrefix("This site has sent many confirmation messages in the last hour") == true)
        #expect(limits.refusal(peer: nil, forwardedFor: "192.0.2.5", now: now.addingTimeInterval(3600)) == nil)
    }

    @Test func aCountryNamedThousandsOfTimesIsKeptOnce() async throws {
        try await TestApp.withCoordinators { client, store in
            let countries = Array(repeating: ("country", "KG"), count: 2_000) + [("country", "RU"), ("country", "KG")]
            _ = try await AlertsTests.subscribe(client, email: "ana@example.org", [("receive", "countries")] + countries)
            let stored = try #require(try await store.subscription(lookup: TestApp.vault.lookup("ana@example.org")))
            #expect(stored.filter == .countries([Country(rawValue: "KG")!, Country(rawValue: "RU")!]))
        }
    }

    @Test func requestsNotConfirmedWithinTheWeekAreDeletedWithTheirMessages() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            _ = try await AlertsTests.subscribe(client, email: "late@example.org")
            _ = try await AlertsTests.subscribe(client, email: "kept@example.org")
            let confirm = try #require(try await AlertsTests.links(in: store).first { $0.contains("/alerts/confirm/") })
            _ = try await client.post(AlertsTests.path(confirm), as: nil)
            clock.advance(seconds: 6 * 86_400)
            // Asking again on day 6 starts the week again for that address.
            _ = try await AlertsTests.subscribe(client, email: "again@example.org")
            clock.advance(seconds: 86_400 + 60)
            let alerts = Alerts(
                store: store, vault: TestApp.vault, links: AlertLinks(secret: "s", siteURL: ""), mailHost: "example.org")
            #expect(try await alerts.forgetUnconfirmed(now: clock.now) == 1)
            #expect(try await store.subscription(lookup: TestApp.vault.lookup("late@example.org")) == nil)
            #expect(try await store.subscription(lookup: TestApp.vault.lookup("kept@example.org")) != nil, "confirmed")
            #expect(try await store.subscription(lookup: TestApp.vault.lookup("again@example.org")) != nil, "asked on day 6")
            let left = try await store.engine.read { try await $0.select().column("kind").from("outbox").all().count }
            #expect(left == 2, "the deleted request's confirmation went with it")
        }
    }
}
