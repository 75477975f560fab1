import Foundation
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

/// Search on both engines: any spelling, any script, only what is public.
@Suite struct SearchStoreTests {
    static let now = Date(timeIntervalSince1970: 1_732_000_000)

    static func ids(_ hits: [SearchHit], _ kind: SearchKey.Kind) -> [String] { hits.filter { $0.kind == kind }.map(\.id) }

    @Test(arguments: ThrowawayDatabase.engines)
    func namesAreFoundInAnySpellingAndScript(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            for query in ["Makhabat", "Mahabat", "Махабат", "tazhibekkyzy", "Tazhibek kyzy", "MAKHABAT tazhibek-KYZY", "makh"] {
                #expect(Self.ids(try await store.search(query, limit: 20), .person) == ["makhabat-tazhibek-kyzy"], "\(query)")
            }
            let cyrillic = try await store.search("Махабат", limit: 20)
            #expect(cyrillic.first { $0.kind == .person }?.label == "Махабат Тажибек кызы", "the spelling that matched")
            #expect(Self.ids(try await store.search("Айке", limit: 20), .person) == ["aike-beishekeeva"])
            #expect(Self.ids(try await store.search("ГКНБ", limit: 20), .organisation) == ["gknb"])
            #expect(Self.ids(try await store.search("30.24", limit: 20), .action) == ["30-24"])
            #expect(Self.ids(try await store.search("journalists prison", limit: 20), .action) == ["30-24"])
            #expect(try await store.search("Makhabat Beishekeeva", limit: 20).isEmpty, "every word must match the same record")
            #expect(try await store.search("  — ", limit: 20).isEmpty)
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func draftsAreFoundOnlyOncePublishedAndTheIndexIsRebuiltWhenMissing(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            var draft = UrgentAction.readyToPublish()
            draft.title = "Zhypargul secret draft"
            let audit = AuditEntry(
                at: Self.now, actor: "test", action: "created", recordKind: "urgent action", recordID: "31-24", summary: "")
            try await store.save(draft, audit: audit)
            #expect(try await store.search("Zhypargul", limit: 20).isEmpty)
            draft.status = .published
            try await store.save(draft, audit: audit)
            #expect(Self.ids(try await store.search("Жипаргул", limit: 20), .action) == ["31-24"])

            // Keys made by an older version (here: none at all) are made again, once.
            try await store.engine.transaction { database in
                try await database.delete(from: "search_terms").run()
                try await database.delete(from: "settings").where("key", .equal, "search_index_version").run()
            }
            #expect(try await store.search("Mahabat", limit: 20).isEmpty)
            #expect(try await store.rebuildSearchIndexIfNeeded())
            #expect(!(try await store.rebuildSearchIndexIfNeeded()))
            #expect(Self.ids(try await store.search("Mahabat", limit: 20), .person) == ["makhabat-tazhibek-kyzy"])
            #expect(Self.ids(try await store.search("Zhypargul", limit: 20), .action) == ["31-24"])
        }
    }

    @Test(arguments: ThrowawayDatabase.engines)
    func theIndexPagesReadAPageAtATime(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            let all = try await store.publicActions(ActionFilter(), offset: 0, limit: 10)
            #expect(all.total == 1 && all.items.map(\.id) == ["30-24"])
            #expect(all.items.first?.country?.code == "KG")
            #expect(try await store.publicActions(ActionFilter(status: .closed), offset: 0, limit: 10).total == 0)
            #expect(try await store.publicActions(ActionFilter(year: 1999), offset: 0, limit: 10).total == 0)
            let facets = try await store.publicActionFacets()
            #expect(facets.countries.map(\.code) == ["KG"])
            let people = try await store.personListing(organisation: nil, offset: 0, limit: 3)
            #expect(people.total == 8 && people.items.count == 3)
            #expect(people.items.map(\.name) == people.items.map(\.name).sorted())
            let kloop = try await store.personListing(organisation: "kloop-media", offset: 0, limit: 50)
            #expect(kloop.total > 0 && kloop.total < 8)
            #expect(try await store.caseListing(offset: 0, limit: 10).total >= 1)
        }
    }

    /// Instances that start together on one database build the index once between them.
    @Test(arguments: ThrowawayDatabase.engines)
    func instancesStartingTogetherBuildTheIndexOnce(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store async throws in
            #expect(try await store.loadDemoData())
            func terms() async throws -> Int {
                try await store.engine.read {
                    try await $0.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                        .from("search_terms").first()?.decode(column: "n", as: Int.self) ?? 0
                }
            }
            let once = try await terms()
            try await store.engine.transaction { database in
                try await database.delete(from: "settings").where("key", .equal, "search_index_version").run()
            }
            async let first = store.rebuildSearchIndexIfNeeded()
            async let second = store.rebuildSearchIndexIfNeeded()
            #expect([try await first, try await second].filter { $0 }.count == 1)
            #expect(try await terms() == once)
        }
    }
}
