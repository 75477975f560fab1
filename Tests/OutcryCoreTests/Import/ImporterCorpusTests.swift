import Foundation
import OutcryCore
import Testing

/// The importer on real published texts (`Tests/Fixtures/corpus`): a tuning set the rules were shaped on, and a
/// held-out set they never were. Both scores are printed; the held-out one must not fall below what it reached.
@Suite struct ImporterCorpusTests {
    /// `OUTCRY_CORPUS` names another copy of the corpus to score (an earlier one, to compare a change on the same texts).
    static let folder =
        ProcessInfo.processInfo.environment["OUTCRY_CORPUS"].map { URL(fileURLWithPath: $0) }
        ?? ImporterFixtureTests.folder.deletingLastPathComponent().appendingPathComponent("corpus")

    /// The held-out set's floor: what the importer last reached on it, raised as it improves. Issue 16's targets are
    /// 0.90 and 0.80. The name model moves by up to 0.03 when a few lines of the texts it reads change (officials
    /// found where they were missed before): the people's floor stands below what it reached. The held-out set grew
    /// from 46 texts to 64, then to 95 when 72 texts gathered on 2026-12-01 joined the corpus (harder ones: more
    /// contact blocks, more statements of other organisations); the floors are the larger set's.
    static let heldOutFloor = (fields: 0.75, people: 0.78)

    static func score(_ set: String) throws -> (score: ImporterScore, results: [FixtureExpectation.Result], documents: Int) {
        let directory = folder.appendingPathComponent(set)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".expected.json") }
            .map { String($0.dropLast(".expected.json".count)) }.sorted()
        var results: [FixtureExpectation.Result] = []
        for name in names {
            let expectation = try FixtureExpectation(
                name: name, json: Data(contentsOf: directory.appendingPathComponent("\(name).expected.json")), reading: .corpus)
            let text = try Data(contentsOf: directory.appendingPathComponent("\(name).txt"))
            results += try expectation.check(DocumentImporter(today: expectation.today).read(bytes: text))
        }
        return (ImporterScore(results), results, names.count)
    }

    @Test func theHeldOutTextsScoreAtLeastTheirFloor() throws {
        let tuning = try Self.score("tuning")
        let heldOut = try Self.score("held-out")
        #expect(tuning.documents + heldOut.documents >= 150)
        // What went wrong on the tuning set is printed to work on; the held-out set's details stay unread.
        let tuningTable = ImporterFixtureTests.table(tuning.results)
        print(tuningTable)
        let report = [
            tuning.score.table(title: "Importer score on the real-text corpus, tuning set (\(tuning.documents) texts)"),
            heldOut.score.table(title: "Importer score on the real-text corpus, held-out set (\(heldOut.documents) texts)"),
        ].joined(separator: "\n\n")
        print(report)
        try? FileManager.default.createDirectory(at: Self.scoreFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data((report + "\n").utf8).write(to: Self.scoreFile)
        // The same table in a file of its own, where no other test's output runs into it.
        try? Data((tuningTable + "\n").utf8).write(to: Self.tuningTableFile)
        #expect(heldOut.score.fields.f1 >= Self.heldOutFloor.fields)
        #expect(heldOut.score.people.f1 >= Self.heldOutFloor.people)
    }

    /// `.build/importer-score-corpus.txt`, beside the fixtures' score.
    static let scoreFile = ImporterFixtureTests.scoreFile.deletingLastPathComponent().appendingPathComponent("importer-score-corpus.txt")

    /// `.build/importer-tuning-results.txt`: what was found right and wrong in each tuning text.
    static let tuningTableFile = scoreFile.deletingLastPathComponent().appendingPathComponent("importer-tuning-results.txt")
}
