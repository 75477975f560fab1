import Foundation
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// Translations on both engines: kept with their record, one per language, found by search, and known
/// to be older than the original once it changes.
@Suite struct TranslationStoreTests {
    static let audit = AuditEntry(
        at: Date(timeIntervalSince1970: 1_732_000_000), actor: "editor@example.org", action: "translated", recordKind: "case",
        recordID: "temirov-live-2024", summary: "")

    @Test(arguments: ThrowawayDatabase.engines)
    func aTranslationIsKeptPerLanguageAndFoundBySearch(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            #expect(try await store.translations(of: .urgentAction, "30-24").map(\.language) == ["ky", "ru"], "the demo's")
            let item = try #require(try await store.case("temirov-live-2024"))
            let german = Translation(
                kind: .case, recordID: item.id.rawValue, language: "de", fields: ["title": ["Verfolgung der Journalisten"]],
                sourceFingerprint: item.sourceFingerprint)
            try await store.save(german, audit: Self.audit)
            var corrected = german
            corrected.fields["title"] = ["Strafverfolgung der Journalisten von Temirov LIVE"]
            try await store.save(corrected, audit: Self.audit)
            #expect(try await store.translations(of: .case, item.id.rawValue) == [corrected], "one per language, the newest")
            #expect(
                try await store.translations(of: .case, [item.id.rawValue, "no-such-case"], in: "de") == [item.id.rawValue: corrected])
            #expect(try await store.search("Strafverfolgung", limit: 10).map(\.id) == [item.id.rawValue])
            #expect(try await store.search("Verfolgung", limit: 10).isEmpty, "the replaced title is no longer a key")
            #expect(try await store.search("журналистам", limit: 10).map(\.id) == ["30-24"], "the demo's Russian title")
            #expect(try await store.search("Temirov", limit: 10).contains { $0.id == item.id.rawValue }, "the original's still")

            #expect(item.state(of: corrected) == .current)
            var changed = item
            changed.summary += " They remain under investigation."
            try await store.save(changed, audit: Self.audit)
            #expect(changed.state(of: try await store.translations(of: .case, item.id.rawValue).first) == .outdated)
            #expect(try await store.search("Strafverfolgung", limit: 10).map(\.id) == [item.id.rawValue], "saving the case keeps it")

            #expect(try await store.deleteTranslation(of: .case, item.id.rawValue, in: "de", audit: Self.audit))
            #expect(try await !store.deleteTranslation(of: .case, item.id.rawValue, in: "de", audit: Self.audit))
            #expect(try await store.translations(of: .case, item.id.rawValue).isEmpty)
            #expect(try await store.search("Strafverfolgung", limit: 10).isEmpty)
        }
    }
}
