import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// What the public pages show, built from records in memory: the page builders' rules without a database.
@Suite struct PageBuilderTests {
    static func pages(_ change: (inout Dataset) -> Void = { _ in }) throws -> PublicPages {
        var dataset = try DemoData.dataset()
        change(&dataset)
        return PublicPages(store: InMemoryRecords(dataset), siteName: "Outcry", publicURL: "https://act.example.org", offersEmail: false)
    }

    @Test func theHomePageListsOpenAndClosedActionsApartAndTheStatements() async throws {
        let pages = try Self.pages { dataset in
            var closed = dataset.urgentActions[0]
            closed.id = "29-24"
            closed.number = "29.24"
            closed.status = .closed
            dataset.urgentActions.append(closed)
        }
        let home = try await pages.home()
        #expect(home.actions.map(\.number) == ["UA 30.24"])
        #expect(home.actions.first?.href == SiteRoute.urgentAction("30-24").path)
        #expect(home.closedActions.map(\.number) == ["UA 29.24"])
        #expect(home.closedActions.first?.totalsHTML == "", "a closed action's card has no live totals")
        #expect(home.statements.map(\.link.href) == [SiteRoute.statement("kloop-media-staff-detained-2025").path])
    }

    @Test func aDraftHasNoPublicPageOnlyAPreview() async throws {
        let pages = try Self.pages { $0.urgentActions[0].status = .draft }
        #expect(try await pages.urgentAction("30-24") == nil)
        #expect(try await pages.urgentAction("30-24", includingDrafts: true)?.numberLabel == "Urgent Action 30.24")
        #expect(try await pages.home().actions.isEmpty)
    }

    @Test func aPersonsPageLinksTheActionsThatNameThemAndTheirCases() async throws {
        let page = try #require(try await Self.pages().person("makhabat-tazhibek-kyzy"))
        #expect(page.actions.map(\.href) == [SiteRoute.urgentAction("30-24").path])
        #expect(page.cases.map(\.href) == [SiteRoute.case("temirov-live-2024").path])
        #expect(!page.timeline.isEmpty)
        #expect(try await Self.pages().person("nobody") == nil)
    }
}
