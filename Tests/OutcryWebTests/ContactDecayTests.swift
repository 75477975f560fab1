import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Contacts that decay: a supporter, without an account, says an official's fax does not answer;
/// coordinators see it with its count, and once an editor marks it not working the fax is no longer offered
/// anywhere, while the official counts as checked that day.
@Suite struct ContactDecayTests {
    static let fax = "+996 312 62 50 12"
    static let email = "office@president.example.kg"

    @Test(arguments: TestApp.engines)
    func aDeadFaxReportedBySupportersIsNoLongerOfferedOnceAnEditorConfirmsIt(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            try await Self.giveContacts(store, now: clock.now)
            let editor = try await store.signedIn(.editor, now: clock.now)
            let page = try await client.get("/actions/30-24", as: nil).text
            #expect(page.contains("The fax \(Self.fax) does not answer"))
            #expect(page.contains("faxes/send") || page.contains("#send-fax"), "the fax is offered")

            let token = try await client.formToken(on: "/actions/30-24")
            let told = try await client.submit(
                "/actions/30-24/contact-problem", [("token", token), ("target", "sadyr-japarov"), ("contact", "fax:0")])
            #expect(told.status == .ok)
            #expect(told.text.contains("Thank you for telling us"))
            // The same connection on the same day counts once.
            _ = try await client.submit(
                "/actions/30-24/contact-problem", [("token", token), ("target", "sadyr-japarov"), ("contact", "fax:0")])
            #expect(try await store.openContactProblems().map(\.reports) == [1])

            let home = try await client.get("/admin", as: editor).text
            #expect(home.contains("1 official&#39;s contact reported as not working"))
            let list = try await client.get("/admin/contacts", as: editor).text
            #expect(list.contains("fax \(Self.fax)"))
            #expect(list.contains("1 report"))

            let decided = try await client.postFollowingRedirect(
                "/admin/contacts", [("target", "sadyr-japarov"), ("channel", "fax"), ("value", Self.fax), ("decision", "dead")],
                as: editor)
            #expect(decided.text.contains("Marked as not working"))
            #expect(try await store.openContactProblems().isEmpty)
            let after = try await client.get("/actions/30-24", as: nil).text
            #expect(!after.contains(Self.fax), "the dead fax is offered nowhere on the page")
            #expect(!after.contains("#send-fax"))
            #expect(after.contains(Self.email), "the other contacts stay")
            let letter = try await client.get("/actions/30-24/letter/sadyr-japarov", as: nil).text
            #expect(!letter.contains(Self.fax))
            let target = try #require(try await store.targets(["sadyr-japarov"]).first)
            #expect(target.fax == Self.fax, "the record keeps it for the editors")
            #expect(target.lastVerified == HistoricalDate(day: clock.now))
            #expect(try await store.auditLog(limit: 5, recordID: "sadyr-japarov").contains { $0.action == "marked a contact not working" })

            // A new number typed into the record is offered again.
            var renumbered = target
            renumbered.fax = "+996 312 00 00 00"
            try await store.save(
                renumbered,
                audit: AuditEntry(at: clock.now, actor: "test", action: "edited", recordKind: "target", recordID: "x", summary: "fax"))
            // Saved through another instance's connection: cached pages follow within a second (polled on
            // SQLite, announced on PostgreSQL), so the clock moves and the page is asked again for a while.
            var offered = false
            for _ in 0..<30 where !offered {
                clock.advance(seconds: 2)
                offered = try await client.get("/actions/30-24", as: nil).text.contains("+996 312 00 00 00")
                if !offered { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(offered)
        }
    }

    @Test func whatCannotBeTakenSaysWhyAndAWorkingContactKeepsBeingOffered() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            try await Self.giveContacts(store, now: clock.now)
            let editor = try await store.signedIn(.editor, now: clock.now)
            let token = try await client.formToken(on: "/actions/30-24")
            for fields in [
                [("token", token), ("target", "sadyr-japarov")], [("token", token), ("target", "sadyr-japarov"), ("contact", "fax:7")],
                [("token", token), ("target", "nobody"), ("contact", "fax:0")], [("target", "sadyr-japarov"), ("contact", "fax:0")],
            ] {
                let refused = try await client.submit("/actions/30-24/contact-problem", fields)
                #expect(refused.status == .unprocessableContent, "\(fields)")
                #expect(refused.text.contains("Nothing was recorded"))
            }
            #expect(try await store.openContactProblems().isEmpty)

            _ = try await client.submit(
                "/actions/30-24/contact-problem", [("token", token), ("target", "sadyr-japarov"), ("contact", "email:0")])
            let works = try await client.postFollowingRedirect(
                "/admin/contacts", [("target", "sadyr-japarov"), ("channel", "email"), ("value", Self.email), ("decision", "works")],
                as: editor)
            #expect(works.text.contains("Marked as working"))
            #expect(try await client.get("/actions/30-24", as: nil).text.contains(Self.email))
            let again = try await client.post(
                "/admin/contacts", [("target", "sadyr-japarov"), ("channel", "email"), ("value", Self.email), ("decision", "dead")],
                as: editor)
            #expect(again.text.contains("Someone has already decided on this contact."))
        }
    }

    static func giveContacts(_ store: Store, now: Date) async throws {
        var target = try #require(try await store.targets(["sadyr-japarov"]).first)
        target.fax = fax
        target.emails = [email]
        try await store.save(
            target, audit: AuditEntry(at: now, actor: "test", action: "edited", recordKind: "target", recordID: "x", summary: "contacts"))
    }
}
