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

    @Test func aThemeReplacesTheIconAndPutsItsWordmarkInPlaceOfTheName() async throws {
        try await TestApp.withDemo { client in
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains(#"<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">"#))
            #expect(home.contains(#"<a class="brand" href="/">Outcry</a>"#), "without a theme the name is text: no request")
            let icon = try await client.execute(uri: "/static/favicon.svg", method: .get)
            #expect(icon.headers[.contentType] == "image/svg+xml" && icon.text.contains("#8a1c10"))
            #expect(try await client.execute(uri: "/static/wordmark.svg", method: .get).status == .notFound)
        }
        let theme = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: theme) }
        let mark = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4" cx="5" cy="5" fill="teal"/></svg>"#
        try mark.write(to: theme.appendingPathComponent("favicon.svg"), atomically: true, encoding: .utf8)
        try mark.replacingOccurrences(of: "teal", with: "navy").write(
            to: theme.appendingPathComponent("wordmark.svg"), atomically: true, encoding: .utf8)
        try await TestApp.withDemo(themeDirectory: theme.path) { client in
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains(#"<a class="brand" href="/"><img src="/static/wordmark.svg" alt="Outcry" height="40"></a>"#))
            #expect(try await client.execute(uri: "/static/favicon.svg", method: .get).text.contains("teal"))
            #expect(try await client.execute(uri: "/static/wordmark.svg", method: .get).text.contains("navy"))
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
