import Foundation
import OutcryCore
import Testing

/// The statement's text is what is signed: it reads back to the same statement, and nothing else reads.
@Suite struct TotalsStatementTests {
    static let statement = TotalsStatement(
        site: "https://ua.example.org", action: "30-24", actionNumber: "30.24", official: "sadyr-japarov",
        officialName: "Sadyr\nJaparov", day: "2026-11-27", people: 3, byChannel: [.letter: 7, .call: 1], countries: 2,
        record: DailyTotalsLink(day: "2026-11-27", hash: String(repeating: "ab", count: 32)))

    @Test func theTextReadsBackToTheSameStatement() throws {
        let text = Self.statement.text
        #expect(text.contains("official-name: Sadyr Japarov"), "a name is one line, whatever was typed")
        #expect(TotalsStatement(text: text) == Self.statement)
        let signed = SignedTotalsStatement(statement: Self.statement, signature: "c2ln")
        #expect(SignedTotalsStatement(text: "\n  " + signed.text.replacingOccurrences(of: "\n", with: "\r\n") + "  \n") == signed)
    }

    @Test func whatGroupsWroteIsSignedOnlyWhenAGroupReported() throws {
        #expect(!Self.statement.text.contains("groups:"), "statements made before groups existed keep their bytes")
        var withGroups = Self.statement
        withGroups.groups = GroupTotals(groups: 2, byKind: [.letter: 600, .card: 40])
        let text = withGroups.text
        #expect(text.contains("countries: 2\ngroups: 2\ngroup-letter: 600\ngroup-card: 40\ngroup-signature: 0\ngroup-other: 0\nrecord: "))
        #expect(TotalsStatement(text: text) == withGroups)
        #expect(TotalsStatement(text: text.replacingOccurrences(of: "group-card: 40\n", with: "")) == nil, "all four kinds or none")
        #expect(TotalsStatement(text: text.replacingOccurrences(of: "group-letter: 600", with: "group-letter: 6000")) != withGroups)
    }

    @Test(arguments: [
        ("people: 3", "people: 3\nextra: 1"), ("people: 3", "people: -3"), ("letter: 7", "letter: seven"),
        ("day: 2026-11-27", "day: 2026-02-30"), ("site: https://ua.example.org\n", ""), ("outcry totals statement v1", "outcry v2"),
        ("people: 3\n", "people: 03\n"),
    ])
    func aTextChangedOutOfShapeIsNoStatement(original: String, changed: String) {
        #expect(TotalsStatement(text: Self.statement.text.replacingOccurrences(of: original, with: changed)) == nil)
    }

    @Test func codesAreTwelveLettersPeopleCanTypeFromPaper() {
        let code = SignedTotalsStatement.code(digest: Array(0..<32).map(UInt8.init))
        #expect(code == "000G-40R4-0M30")
        #expect(SignedTotalsStatement.normalisedCode("ooog 4or4 om30") == code)
        #expect(SignedTotalsStatement.normalisedCode("000G-40R4-0M3") == nil)
        #expect(SignedTotalsStatement.normalisedCode("000G-40R4-0M3U") == nil, "U is not in the alphabet")
    }
}
