import Foundation
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// `/metrics` on a real server, with both fast lanes: behind its token, and counting what happened.
@Suite struct MetricsTests {
    static let token = "prometheus-reads-this-0123456789"

    static func withServer(token: String?, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-metrics-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = ["OUTCRY_DATA_KEY": TestApp.dataKey.base64EncodedString(), "OUTCRY_PORT": "0"]
        environment["OUTCRY_METRICS_TOKEN"] = token
        let configuration = try Configuration.resolve(.init(dataDirectory: directory, loadDemoData: true), environment: environment)
        let app = try await buildApplication(configuration: configuration, logger: TestApp.logger, clock: FixedClock())
        try await app.test(.live, body)
    }

    @Test func withoutATokenConfiguredThereAreNoMetrics() async throws {
        try await Self.withServer(token: nil) { client in
            let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(response.status == .notFound)
        }
    }

    @Test func onlyTheTokenReadsTheMetrics() async throws {
        try await Self.withServer(token: Self.token) { client in
            let none = try await client.execute(uri: "/metrics", method: .get)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == #"Bearer realm="outcry metrics""#)
            #expect(!none.text.contains(Self.token))
            for wrong in ["Bearer \(Self.token.dropLast())", "Bearer \(Self.token)x", "Basic \(Self.token)", Self.token] {
                #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: wrong]).status == .unauthorized)
            }
            let read = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"])
            #expect(read.status == .ok)
            #expect(read.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(read.headers[.cacheControl] == "no-store")
        }
    }

    @Test func requestsReportsAndTheCacheAreCountedByRouteNeverByAddress() async throws {
        try await Self.withServer(token: Self.token) { client in
            // The first reading renders the page (a miss); the next ones come from the cache's fast lanes.
            for _ in 0..<3 { #expect(try await client.execute(uri: "/actions/30-24", method: .get).status == .ok) }
            let token = try await client.formToken(on: "/actions/30-24")
            let report = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "2")])
            #expect(report.status == .seeOther)
            let again = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "2")])
            #expect(again.status == .seeOther, "the same form again: a repeat, stored once")
            #expect(try await client.execute(uri: "/actions/no-such-action", method: .get).status == .notFound)
            for invented in ["PROPFIND", "MKCOL"] {
                _ = try await client.execute(uri: "/actions/30-24", method: HTTPRequest.Method(invented)!)
            }

            let text = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(Self.token)"]).text
            let values = Self.samples(text)
            #expect(values["outcry_reports_stored_total"] == 1)
            #expect(values["outcry_report_batch_size_count"] == 2, "each report went in a commit of its own")
            #expect(values["outcry_page_cache_misses_total", default: 0] >= 1)
            #expect(values["outcry_page_cache_hits_total", default: 0] >= 2)
            #expect(values[#"outcry_http_requests_total{route="(page cache)",method="GET",status="200"}"#, default: 0] >= 2)
            #expect(values[#"outcry_http_requests_total{route="/actions/{id}",method="GET",status="404"}"#] == 1)
            let reports = values.filter {
                $0.key.hasPrefix(#"outcry_http_requests_total{route="/actions/{id}/report",method="POST",status="303"}"#)
            }
            #expect(reports.values.reduce(0, +) == 2, "both answers, from whichever lane")
            #expect(values[#"outcry_outbox_messages{status="queued"}"#] == 0)
            #expect(values.keys.contains { $0.hasPrefix("outcry_http_request_duration_seconds_bucket{") })
            #expect(!text.contains("30-24") && !text.contains("no-such-action"), "routes, never the addresses asked for")
            #expect(!text.contains("PROPFIND") && text.contains(#"method="other""#), "methods outside the site's count as one")
        }
    }

    /// Each sample line's name with its labels, and its value.
    static func samples(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        return values
    }
}
