extension DocumentReading {
    /// The people the action is for: from "Name:" lines, else the names in the headline, the lines above the account,
    /// the account and the letter, leaving out the officials written to.
    func findPeople(
        labels: [SectionLabel], title: Found<String>, above: Range<Int>, summary: [Paragraph], letter: ImportedLetter?,
        officials: [ImportedTarget], skipping consumed: Set<Int>
    ) -> Found<[String]> {
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
        let headingLines = above.filter { !consumed.contains($0) && !lines[$0].isBlank && $0 != title.span?.line }
        if names.isEmpty, let span = source.span(covering: summary.map(\.lines) + headingLines.map { $0...$0 }) {
            let text = ([title.value ?? ""] + headingLines.map { lines[$0].text } + summary.map(\.text) + (letter?.paragraphs ?? []))
                .joined(separator: "\n")
            names = NameFinder.people(in: text, excluding: Set(officials.compactMap(\.name.value)))
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
