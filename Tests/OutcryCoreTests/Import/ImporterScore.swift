import Foundation

/// Field-level precision, recall and F1 of the importer on the fixtures, as the organisation measures it:
/// a value found as expected is a true positive; a wrong value is a false positive and a false negative; a
/// value given where the text has none is a false positive; none given where it has one, a false negative.
/// Fields are grouped by kind (`targets[2].fax` is "official's fax"); people at risk are scored apart.
struct ImporterScore {
    struct Counts {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0

        var precision: Double { Self.ratio(truePositives, truePositives + falsePositives) }
        var recall: Double { Self.ratio(truePositives, truePositives + falseNegatives) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        var scored: Int { truePositives + falsePositives + falseNegatives }

        static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }

        mutating func add(_ other: Counts) {
            truePositives += other.truePositives
            falsePositives += other.falsePositives
            falseNegatives += other.falseNegatives
        }
    }

    private(set) var byField: [String: Counts] = [:]

    init(_ results: [FixtureExpectation.Result]) {
        for result in results {
            var counts = byField[Self.kind(of: result.field), default: Counts()]
            switch (result.mark, result.expectedValue, result.foundValue) {
            case ("✓", true, _): counts.truePositives += 1
            case ("✗", true, true):
                counts.falsePositives += 1
                counts.falseNegatives += 1
            case ("✗", true, false): counts.falseNegatives += 1
            case ("✗", false, _): counts.falsePositives += 1
            default: break  // missing as expected: nothing to find, nothing found
            }
            byField[Self.kind(of: result.field)] = counts
        }
    }

    /// `targets[0].fax` → `official.fax`, `quotes[1].speaker` → `quote.speaker`.
    static func kind(of field: String) -> String {
        field.replacing(/^targets\[\d+\]\./, with: "official.").replacing(/^quotes\[\d+\]\./, with: "quote.")
            .replacing(/^targets$/, with: "officials (how many)").replacing(/^quotes$/, with: "quotes (how many)")
    }

    var people: Counts { byField["people"] ?? Counts() }

    /// Every field but the people at risk.
    var fields: Counts {
        byField.filter { $0.key != "people" }.values.reduce(into: Counts()) { $0.add($1) }
    }

    var overall: Counts {
        byField.values.reduce(into: Counts()) { $0.add($1) }
    }

    var table: String { table(title: "Importer score — field-level precision, recall and F1 on the fixtures") }

    func table(title: String) -> String {
        func row(_ name: String, _ counts: Counts) -> String {
            name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + [counts.truePositives, counts.falsePositives, counts.falseNegatives].map { String($0).leftAligned(6) }.joined()
                + [counts.precision, counts.recall, counts.f1].map { String(format: "%.2f", $0).leftAligned(7) }.joined()
        }
        var lines = [title, ""]
        lines.append("field".padding(toLength: 28, withPad: " ", startingAt: 0) + "    tp    fp    fn      P      R     F1")
        for (name, counts) in byField.sorted(by: { $0.key < $1.key }) where counts.scored > 0 { lines.append(row(name, counts)) }
        lines.append("")
        lines.append(row("fields (all but people)", fields))
        lines.append(row("people at risk", people))
        lines.append(row("overall", overall))
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftAligned(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
