import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Search and the index pages through the router, on the demo data.
@Suite struct FindingTests {
    @Test func aNameInAnotherScriptFindsThePersonAndSaysHow() async throws {
        try await TestApp.withDemo { client in
            let found = try await client.get("/search?q=%D0%9C%D0%B0%D1%85%D0%B0%D0%B1%D0%B0%D1%82", as: nil)
            #expect(found.status == .ok)
            #expect(found.text.contains(#"<a href="/people/makhabat-tazhibek-kyzy">Makhabat Tazhibek-kyzy</a>"#))
            #expect(found.text.contains(#"Found as <span lang="ky">Махабат Тажибек кызы</span>"#))
            #expect(found.text.contains(#"value="Махабат""#), "the box keeps what was typed")
            #expect(found.text.contains("<h1>Results for “Махабат”</h1>"))
            let number = try await client.get("/search?q=30.24", as: nil)
            #expect(number.text.contains(#"href="/actions/30-24""#))
        }
    }

    @Test func anEmptyOrUnmatchedQueryIsExplainedAndEscaped() async throws {
        try await TestApp.withDemo { client in
            #expect(try await client.get("/search", as: nil).text.contains("Type a name, a case or an action"))
            let nothing = try await client.get("/search?q=%3Cscript%3Ezzqx", as: nil)
            #expect(nothing.status == .ok)
            #expect(nothing.text.contains("Nothing was found for “&lt;script&gt;zzqx”"))
            #expect(!nothing.text.contains("<script>"))
        }
    }

    @Test func theIndexPagesListAndFilter() async throws {
        try await TestApp.withDemo { client in
            let actions = try await client.get("/actions", as: nil)
            #expect(actions.status == .ok)
            #expect(
                actions.text.contains(
                    #"<a href="/actions/30-24">Urgent Action 30.24: Kyrgyzstan: 11 journalists face up to 10 years in prison</a>"#))
            #expect(actions.text.contains(#"<option value="KG">Kyrgyzstan</option>"#))
            let closed = try await client.get("/actions?status=closed", as: nil)
            #expect(closed.text.contains("No Urgent Action matches these choices."))
            #expect(closed.text.contains(#"<option value="closed" selected>Closed</option>"#))
            #expect(try await client.get("/actions?country=KG&year=2024", as: nil).text.contains(#"href="/actions/30-24""#))
            #expect(try await client.get("/actions?country=zz&year=x&page=-3", as: nil).status == .ok, "odd values are ignored")

            let people = try await client.get("/people", as: nil)
            #expect(people.text.contains(#"<a href="/people/aike-beishekeeva">Aike Beishekeeva</a>"#))
            let kloop = try await client.get("/people?organisation=kloop-media", as: nil)
            #expect(kloop.text.contains("<h1>People of Kloop Media</h1>"))
            #expect(try await client.get("/cases", as: nil).text.contains(#"href="/cases/"#))
        }
    }

    @Test func everyPublicPageHasTheSearchBox() async throws {
        try await TestApp.withDemo { client in
            for path in ["/", "/actions/30-24", "/people", "/alerts"] {
                let page = try await client.get(path, as: nil).text
                #expect(page.contains(#"<form class="site-search" role="search" method="get" action="/search">"#), "\(path)")
                #expect(page.contains(#"<label for="site-search-q">Search</label>"#))
            }
        }
    }

    @Test func pagingSaysWhereItIsAndLinksBothWays() {
        func paging(_ page: Int, _ total: Int, _ key: String = "paging.actions") -> Paging {
            Paging(page: page, total: total, perPage: 25, key: key, messages: .english) { "/actions?page=\($0)" }
        }
        #expect(paging(2, 160).position == "Page 2 of 7 (160 actions)")
        #expect(paging(2, 160).previous == "/actions?page=1" && paging(2, 160).next == "/actions?page=3")
        #expect(paging(7, 160).next == nil && paging(7, 160).previous == "/actions?page=6")
        let single = paging(1, 8, "paging.people")
        #expect(single.position == nil && single.previous == nil && single.next == nil)
        #expect(paging(1, 26, "paging.people").position == "Page 1 of 2 (26 people)")
        #expect(paging(1, 1_026, "paging.people").position == "Page 1 of 42 (1,026 people)")
    }
}
