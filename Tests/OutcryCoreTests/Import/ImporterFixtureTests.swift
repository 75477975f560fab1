import Foundation
import OutcryCore
import Testing

/// Every fixture document in `Tests/Fixtures/imports` against what a careful reader finds in it,
/// with a table of field-level results printed after the run.
@Suite struct ImporterFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/imports")

    static var fixtureNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }.sorted()
    }

    @Test func everyFixtureComesOutAsExpected() throws {
        let names = Self.fixtureNames
        #expect(names.count >= 19)
        var results: [FixtureExpectation.Result] = []
        for name in names {
            let expectation = try FixtureExpectation(
                name: name, json: Data(contentsOf: Self.folder.appendingPathComponent("\(name).expected.json")))
            let text = try Data(contentsOf: Self.folder.appendingPathComponent("\(name).txt"))
            let document = try DocumentImporter(today: expectation.today).read(bytes: text)
            results += try expectation.check(document)
        }
        print(Self.table(results))
        // The score, printed and kept where scripts/score-importer and scripts/test show it.
        let score = ImporterScore(results).table
        print(score)
        try? FileManager.default.createDirectory(at: Self.scoreFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data((score + "\n").utf8).write(to: Self.scoreFile)
        for result in results where result.mark == "✗" {
            Issue.record("\(result.fixture) \(result.field): \(result.detail)")
        }
    }

    /// `.build/importer-score.txt`, beside the build.
    static let scoreFile = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/importer-score.txt")

    /// One row per fixture: how many fields were found as expected, missing as expected, wrong.
    static func table(_ results: [FixtureExpectation.Result]) -> String {
        var lines = ["Importer fixtures — ✓ found as expected, – missing as expected, ✗ wrong", ""]
        let width = max(8, results.map(\.fixture.count).max() ?? 0)
        lines.append("fixture".padding(toLength: width, withPad: " ", startingAt: 0) + "     ✓     –     ✗")
        var totals = (0, 0, 0)
        for fixture in Set(results.map(\.fixture)).sorted() {
            let rows = results.filter { $0.fixture == fixture }
            let counts = (rows.filter { $0.mark == "✓" }.count, rows.filter { $0.mark == "–" }.count, rows.filter { $0.mark == "✗" }.count)
            totals = (totals.0 + counts.0, totals.1 + counts.1, totals.2 + counts.2)
            lines.append(fixture.padding(toLength: width, withPad: " ", startingAt: 0) + Self.columns(counts))
            for row in rows where row.mark == "✗" { lines.append("    ✗ \(row.field): \(row.detail)") }
        }
        lines.append("total".padding(toLength: width, withPad: " ", startingAt: 0) + Self.columns(totals))
        return lines.joined(separator: "\n")
    }

    private static func columns(_ counts: (Int, Int, Int)) -> String {
        [counts.0, counts.1, counts.2].map { String($0).leftPadded(6) }.joined()
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
