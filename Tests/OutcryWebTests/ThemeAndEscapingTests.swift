import Foundation
import HummingbirdTesting
import OutcryTestSupport
import Testing

@testable import OutcryWeb

@Suite struct ThemeTests {
    @Test func aThemeFolderReplacesOneTemplateAndKeepsTheRest() async throws {
        let theme = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-theme-\(UUID())")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: theme) }
        try #"{{> head}}<p class="themed">Our section's own front page</p>{{> foot}}"#
            .write(to: theme.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        try await TestApp.withDemo(themeDirectory: theme.path) { client in
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("Our section's own front page"))
            #expect(home.contains(#"<link rel="stylesheet" href="/static/outcry.css">"#))
            let action = try await client.execute(uri: "/actions/30-24", method: .get).text
            #expect(action.contains("Dear Mr. President,"))
        }
    }

    @Test func textIsEscapedInPages() async throws {
        let renderer = try await PageRenderer(themeDirectory: nil)
        let page = ErrorPage(
            page: PageMeta(title: "<script>alert(1)</script>", description: "\"onload=\"x", messages: .english, route: nil), status: 400,
            heading: "<img src=x onerror=alert(1)>", message: "' OR 1=1 --", statusLine: "Error 400")
        let html = try renderer.html(page)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&quot;onload=&quot;x"))
        #expect(html.contains("&#39; OR 1=1 --"))
    }
}
