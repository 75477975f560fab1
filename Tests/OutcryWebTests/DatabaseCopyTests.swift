import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// What someone who has a copy of the database, and not the data key, can learn or do: the attack that
/// forged a manage link from the `settings` table, tried again against the live site.
@Suite struct DatabaseCopyTests {
    /// Every value of every table, as text.
    static func everyValue(in store: Store) async throws -> [(table: String, column: String, value: String)] {
        try await store.engine.read { database in
            let tables = try await database.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            var values: [(String, String, String)] = []
            for table in tables {
                for row in try await database.select().columns("*").from(table).all() {
                    for column in row.allColumns {
                        if let text = try? row.decode(column: column, as: String?.self) { values.append((table, column, text)) }
                    }
                }
            }
            return values
        }
    }

    @Test func aCopyOfTheDatabaseRevealsNoAddressNoSecretAndForgesNoLink() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            // A supporter subscribes and confirms; an editor starts two-factor enrolment.
            let subscribed = try await AlertsTests.subscribe(client, email: "ana.copy@example.org")
            #expect(subscribed.text.contains("Check your inbox"))
            let confirm = try #require(try await AlertsTests.links(in: store).first { $0.contains("/alerts/confirm/") })
            #expect(try await client.post(AlertsTests.path(confirm), as: nil).text.contains("Your alerts are on"))
            let editor = try await store.signedIn(.editor, now: clock.now)
            _ = try await client.post("/admin/account/two-factor/start", as: editor)
            let sealedSecret = try #require(try await store.signInRecord(email: editor.email)?.totpPendingSecret)
            let secret = try TestApp.vault.openMarked(sealedSecret)

            let values = try await Self.everyValue(in: store)
            #expect(values.count > 100)
            for (table, column, value) in values {
                #expect(!value.lowercased().contains("ana.copy@example.org"), "\(table).\(column) holds the address")
                #expect(!value.contains(secret), "\(table).\(column) holds the authenticator secret")
                for path in ["/alerts/confirm/", "/alerts/manage/", "/alerts/unsubscribe/"] {
                    #expect(!value.contains(path), "\(table).\(column) holds a live link")
                }
            }

            // The attack: sign a manage link with each value the settings hold, and ask the live site for it.
            let subscription = try #require(
                try await store.engine.read { try await $0.select().column("id").from("subscriptions").first() }?
                    .decode(column: "id", as: String.self))
            let settings = values.filter { $0.table == "settings" }.map(\.value)
            #expect(!settings.isEmpty)
            for candidate in settings {
                let forged = AlertLinks(secret: candidate, siteURL: "").token(Identifier(subscription), .manage, now: clock.now)
                let page = try await client.get(SiteRoute.manageAlerts(forged).path, as: nil)
                #expect(page.status != .ok, "a link signed with a value from the database works")
            }
            // The same link made with the key works: the attempt above was a fair one.
            let genuine = AlertLinks(secret: TestApp.vault.secret(for: "alert links"), siteURL: "")
                .token(Identifier(subscription), .manage, now: clock.now)
            #expect(try await client.get(SiteRoute.manageAlerts(genuine).path, as: nil).status == .ok)
        }
    }

    /// An instance given another key stops at once, with a clear line, rather than sealing with the wrong one.
    @Test func anotherDataKeyIsRefusedAtStart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func start(key: UInt8) async throws {
            let configuration = try Configuration.resolve(
                .init(dataDirectory: directory), environment: ["OUTCRY_DATA_KEY": Data(repeating: key, count: 32).base64EncodedString()])
            // Started and stopped, so that its store closes.
            try await buildApplication(configuration: configuration, logger: TestApp.logger).test(.router) { _ in }
        }
        try await start(key: 1)
        await #expect { try await start(key: 2) } throws: { error in
            "\(error)".contains("OUTCRY_DATA_KEY is not the key this database was first used with")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: directory)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let database = try FileManager.default.attributesOfItem(atPath: directory + "/outcry.sqlite")
        #expect((database[.posixPermissions] as? Int) == 0o600)
    }
}
