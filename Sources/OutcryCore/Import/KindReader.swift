extension DocumentReading {
    /// A statement has no number, letter or officials, and quotes someone.
    func isStatement(numbers: NumberReader.Numbers, letter: Found<ImportedLetter>, officials: [ImportedTarget]) -> Bool {
        guard !numbers.number.isFound, !numbers.updates.isFound, !letter.isFound, officials.isEmpty else { return false }
        let hasQuotes = lines.contains { $0.text.hasPrefix("“") || $0.text.hasPrefix("\"") || $0.text.hasPrefix("«") }
        return hasQuotes || quotingLine != nil
    }

    /// Where a statement shows it is one: its heading, a line introducing a quote, or an opening quote.
    func findStatementKind() -> Found<DocumentKind> {
        let headings = ImportVocabulary.all.statementHeadings
        if let heading = lines.indices.prefix(4).first(where: { headings.contains(Self.bare(lines[$0].folded)) }) {
            return Found(.statement, at: source.span(line: heading))
        }
        if let quotingLine {
            return Found(.statement, at: source.span(line: quotingLine))
        }
        if let quote = lines.indices.first(where: { lines[$0].text.hasPrefix("“") }) {
            return Found(.statement, at: source.span(line: quote))
        }
        return .missing
    }

    private var quotingLine: Int? {
        let endings = ImportVocabulary.all.quotingLineEndings
        return lines.indices.first { index in endings.contains(where: lines[index].folded.hasSuffix) }
    }

    /// A closing, else an update, else a new action, by the first evidence found.
    func findKind(numbers: NumberReader.Numbers, header: Range<Int>) -> Found<DocumentKind> {
        // A closing may say so anywhere, often at the very end.
        for index in lines.indices {
            let folded = lines[index].folded
            let nearTheTop = index < header.upperBound + 2 || folded.utf8.count < 40
            let phrases = nearTheTop ? Self.closingPhrases : ImportVocabulary.all.noFurtherActionSentences
            for phrase in phrases where folded.has(phrase) {
                let range = folded.byteRange(of: phrase)!
                if folded.count == lines[index].text.count {
                    let text = lines[index].text
                    let lower = text.index(text.startIndex, offsetBy: folded.distance(from: folded.startIndex, to: range.lowerBound))
                    let upper = text.index(lower, offsetBy: phrase.count)
                    return Found(.closing, at: source.span(line: index, lower..<upper))
                }
                return Found(.closing, at: source.span(line: index))
            }
        }
        if let span = numbers.updateEvidence { return Found(.update, at: span) }
        let updateMarkers = ImportVocabulary.all.updateMarkers
        for index in header.prefix(6) {
            let folded = lines[index].folded
            if updateMarkers.contains(where: { folded.hasPrefix($0) || folded.has(" " + $0 + " ") || folded == $0 }) {
                return Found(.update, at: source.span(line: index))
            }
        }
        if let span = numbers.number.span { return Found(.new, at: span) }
        let names = ImportVocabulary.all.urgentActionNames + ImportVocabulary.all.urgentActionSlugs
        if let marker = lines.indices.prefix(6).first(where: { index in names.contains(where: lines[index].folded.has) }) {
            return Found(.new, at: source.span(line: marker))
        }
        return .missing
    }

    private static let closingPhrases = ImportVocabulary.all.noFurtherActionSentences + ImportVocabulary.all.outcomeHeadings
}
