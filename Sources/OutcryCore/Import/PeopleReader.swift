extension DocumentReading {
    /// The people the action is for: from "Name:" lines, else the names in the `account` (the document's prose
    /// outside labels, contact blocks and the letter: people at risk are named anywhere in it) and in the letter,
    /// leaving out the officials written to.
    func findPeople(labels: [SectionLabel], account: [Paragraph], letter: ImportedLetter?, officials: [ImportedTarget]) -> Found<[String]> {
        var names: [String] = []
        var spans: [TextSpan] = []
        for label in labels where label.section == .names {
            guard let value = label.inline else { continue }
            for part in Self.listingNamesApart(value).split(separator: ",") {
                var name = part.trimmingWhitespace
                if let paren = name.firstIndex(of: "(") { name = String(name[..<paren]).trimmingWhitespace }
                if !name.isEmpty, !names.contains(name) { names.append(name) }
            }
            spans.append(source.span(line: label.line))
        }
        if names.isEmpty, let span = source.span(covering: account.map(\.lines)) {
            let text = (account.map(\.text) + (letter?.paragraphs ?? [])).joined(separator: "\n")
            peopleTextRead?(text)
            names = NameFinder.people(in: text, excluding: Set(officials.compactMap(\.name.value)), decision: nameDecision)
            if !names.isEmpty { spans.append(span) }
        }
        guard !names.isEmpty else { return .missing }
        return Found(names, at: spans.first)
    }

    /// "A and B" → "A, B" for splitting a list of names.
    static func listingNamesApart(_ names: String) -> String {
        var result = names
        for joiner in ImportVocabulary.all.nameJoiners {
            while let range = result.byteRange(of: joiner) { result.replaceSubrange(range, with: ", ") }
        }
        return result
    }
}
