import Hummingbird
import HummingbirdTesting
import OutcryTestSupport
import Testing

/// The public site through the real router, on the demo data.
@Suite struct PublicPagesTests {
    @Test func homeListsTheOpenActionAndTheStatement() async throws {
        try await TestApp.withDemo { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains(#"<a href="/actions/30-24">Kyrgyzstan: 11 journalists face up to 10 years in prison</a>"#))
            #expect(html.contains("For Makhabat Tazhibek-kyzy, Aike Beishekeeva"))
            #expect(html.contains(#"<time datetime="2024-04-17">17 April 2024</time>"#))
            #expect(html.contains(#"href="/statements/kloop-media-staff-detained-2025""#))
        }
    }

    @Test func anEmptyInstallationSaysSoInsteadOfFailing() async throws {
        try await TestApp.withDemo(loadDemoData: false) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("There are no open actions right now."))
            #expect(response.text.contains("No statements yet."))
        }
    }

    @Test func urgentActionPageHasEverythingASupporterNeeds() async throws {
        try await TestApp.withDemo { client in
            let response = try await client.execute(uri: "/actions/30-24", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            for line in [
                "Sadyr Japarov", "President of Kyrgyzstan", "Presidential Administration of the Kyrgyz Republic",
                "207 Abdumomunov Street", "720003, Bishkek", "Kyrgyz Republic",
                "Ambassador Baktybek Amanbaev", "Embassy of Kyrgyzstan in the United States",
                "2360 Massachusetts Avenue", "NW, Washington DC 20008",
            ] {
                #expect(html.contains(#"<span class="line">\#(line)</span>"#), "address line \(line)")
            }
            #expect(html.contains(#"<p class="salutation">Dear Mr. President,</p>"#))
            #expect(html.contains(#"<p class="closing">Yours sincerely,</p>"#))
            #expect(html.contains("[email protected]"), "the hidden e-mail is shown as unusable, not as an address")
            #expect(!html.contains("mailto:[email"))
            for name in ["Makhabat Tazhibek-kyzy", "Aike Beishekeeva"] {
                let block = try #require(personBlock(named: name, in: html))
                #expect(block.contains("In pre-trial detention since some time between 16 January 2024 and 12 March 2024"))
                #expect(block.contains("In custody since 16 January 2024"))
            }
            #expect(
                html.contains(
                    #"Also written <span>Makhabat Tazhibekkyzy</span> · <span>Mahabat</span> · <span lang="ky">Махабат Тажибек кызы</span>"#
                ),
                "each spelling with its language")
            let ambassador = try #require(html.range(of: "target-baktybek-amanbaev-name")).upperBound
            let ambassadorBlock = html[ambassador...].prefix(600)
            #expect(!ambassadorBlock.contains("target-title"), "a target without an office shows none, not the page title")
        }
    }

    @Test func casePageShowsTheTimelineInOrder() async throws {
        try await TestApp.withDemo { client in
            let response = try await client.execute(uri: "/cases/kloop-media-2025", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            let order = ["February 2024", "February 2024 – May 2025", "28–29 May 2025"].map { html.range(of: ">\($0)</time>")?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
            #expect(html.contains("Bishkek and Osh"))
            #expect(html.contains("and 2 other people not named"))
            for name in ["Aleksandr Aleksandrov", "Abdil Aitbay Tegin", "Zhoomart Duulatov"] {
                #expect(try #require(personBlock(named: name, in: html)).contains("Detained since 28–29 May 2025"))
            }
            for name in ["Aiday Erkebaeva", "Zyyagul Bolot-kyzy", "Zara Sydygalieva"] {
                #expect(try #require(personBlock(named: name, in: html)).contains("Questioned since 28–29 May 2025"))
            }
        }
    }

    @Test func statementPageAttributesItsQuote() async throws {
        try await TestApp.withDemo { client in
            let response = try await client.execute(uri: "/statements/kloop-media-staff-detained-2025", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(
                html.contains(
                    "<figcaption>Marie Struthers, Amnesty International’s Director for Eastern Europe and Central Asia</figcaption>"))
            #expect(html.contains("“The detention of Kloop journalists is yet another stark example"))
            #expect(html.contains(#"<h2 id="background-heading">Background</h2>"#))
            #expect(html.contains(#"<a href="/cases/temirov-live-2024">"#), "the background links back to the first case")
        }
    }

    @Test func personPageShowsEveryScriptAndTheTimeline() async throws {
        try await TestApp.withDemo { client in
            let response = try await client.execute(uri: "/people/makhabat-tazhibek-kyzy", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("Махабат Тажибек кызы"))
            #expect(html.contains("Ill-treatment alleged"))
            #expect(html.contains(#"<a href="/actions/30-24">Urgent Action 30.24"#))
        }
    }

    @Test(arguments: ["/actions/99-99", "/nowhere", "/cases/NOT-A-SLUG", "/people/%2e%2e", "/statements/x%00y"])
    func missingPagesAreReadable404s(uri: String) async throws {
        try await TestApp.withDemo { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("<h1>Page not found</h1>"))
        }
    }

    @Test func everyResponseCarriesStrictSecurityHeaders() async throws {
        try await TestApp.withDemo { client in
            for uri in ["/", "/actions/30-24", "/missing", "/static/outcry.css"] {
                let response = try await client.execute(uri: uri, method: .get)
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("script-src"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
            // The letter page alone runs a script: the site's own, for its Print button.
            let letter = try await client.execute(uri: "/actions/30-24/letter/sadyr-japarov", method: .get)
            #expect(letter.headers[.contentSecurityPolicy]?.contains("default-src 'none'; script-src 'self';") == true)
            #expect(letter.text.contains(#"<script src="/static/print.js" defer></script>"#))
            #expect(letter.text.contains(#"<button type="button" data-print hidden>Print this letter</button>"#))
            let script = try await client.execute(uri: "/static/print.js", method: .get)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("window.print()"))
        }
    }

    @Test func stylesheetIsCachedByETag() async throws {
        try await TestApp.withDemo { client in
            let first = try await client.execute(uri: "/static/outcry.css", method: .get)
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "text/css; charset=utf-8")
            let etag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: "/static/outcry.css", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
        }
    }

    @Test func headAnswersLikeGetWithoutTheBody() async throws {
        try await TestApp.withDemo { client in
            let head = try await client.execute(uri: "/healthz", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentSecurityPolicy] != nil)
            #expect(try await client.execute(uri: "/nowhere", method: .head).status == .notFound)
        }
    }

    @Test func livenessAnswersAndReadinessAsksTheDatabase() async throws {
        try await TestApp.withDemoAndOtherInstance(clock: FixedClock()) { client, store in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == "ok\n")
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok && ready.text == "ready\n")
            #expect(ready.headers[.cacheControl] == "no-store")
            // Another instance migrating the database to a version with a migration more: not ready meanwhile.
            try await store.engine.transaction { database in
                try await database.delete(from: "schema_migrations").where("name", .equal, "M0021_AddCasePictures").run()
            }
            let migrating = try await client.execute(uri: "/readyz", method: .get)
            #expect(migrating.status == .serviceUnavailable)
            #expect(migrating.text.hasPrefix("not ready: migrations: "))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok, "alive all the same")
        }
    }

    /// The `<li class="person">` block that starts with the person's name.
    private func personBlock(named name: String, in html: String) -> Substring? {
        guard let start = html.range(of: ">\(name)</a></h3>") else { return nil }
        let rest = html[start.upperBound...]
        return rest[..<(rest.range(of: "</li>")?.lowerBound ?? rest.endIndex)]
    }
}
