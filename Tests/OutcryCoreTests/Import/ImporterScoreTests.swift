import Testing

/// The scorer counts as the organisation does: a wrong value is both a false positive and a false negative.
@Suite struct ImporterScoreTests {
    @Test func wrongMissingAndInventedValuesCountAsTheyShould() {
        typealias Result = FixtureExpectation.Result
        let score = ImporterScore([
            Result(fixture: "a", field: "title", mark: "✓", detail: ""),
            Result(fixture: "a", field: "title", mark: "✗", detail: "wrong", expectedValue: true, foundValue: true),
            Result(fixture: "a", field: "targets[0].fax", mark: "✗", detail: "not found", expectedValue: true, foundValue: false),
            Result(fixture: "a", field: "targets[1].fax", mark: "✗", detail: "invented", expectedValue: false, foundValue: true),
            Result(fixture: "a", field: "targets[1].phone", mark: "–", detail: "", expectedValue: false, foundValue: false),
            Result(fixture: "a", field: "people", mark: "✓", detail: ""),
            Result(fixture: "a", field: "people", mark: "✓", detail: ""),
            Result(fixture: "a", field: "people", mark: "✗", detail: "not found", expectedValue: true, foundValue: false),
        ])
        let title = score.byField["title"]!
        #expect((title.truePositives, title.falsePositives, title.falseNegatives) == (1, 1, 1))
        #expect(title.precision == 0.5 && title.recall == 0.5 && title.f1 == 0.5)
        let fax = score.byField["official.fax"]!
        #expect((fax.truePositives, fax.falsePositives, fax.falseNegatives) == (0, 1, 1))
        #expect(fax.f1 == 0)
        #expect(score.byField["official.phone"]?.scored == 0, "missing as expected scores nothing")
        #expect(score.people.precision == 1 && abs(score.people.recall - 2.0 / 3.0) < 1e-9)
        #expect(score.fields.truePositives == 1 && score.overall.truePositives == 3)
        #expect(score.table.contains("people at risk                   2     0     1   1.00   0.67   0.80"))
    }
}
