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
            // A headline in Title Case ("Executions Not Resumed After Prisoner Found Dead") capitalises what is no name.
            let headline = title.value.flatMap { Self.isTitleCase($0) ? nil : $0 } ?? ""
            let text = ([headline] + headingLines.map { lines[$0].text } + summary.map(\.text) + (letter?.paragraphs ?? []))
                .joined(separator: "\n")
            names = NameFinder.people(in: text, excluding: Set(officials.compactMap(\.name.value)))
            if !names.isEmpty { spans.append(span) }
        }
        guard !names.isEmpty else { return .missing }
        return Found(names, at: spans.first)
    }

    /// Most words of four or more capitalised, as English headlines are.
    static func isTitleCase(_ text: String) -> Bool {
        let words = text.split(separator: " ").filter { $0.first?.isLetter == true }
        guard words.count >= 4 else { return false }
        let capitalised = words.filter { $0.first?.isUppercase == true && $0.contains(where: \.isLowercase) }.count
        return capitalised * 10 >= words.count * 7
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
