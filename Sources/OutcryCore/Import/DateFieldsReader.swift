extension DocumentReading {
    /// The date the document carries in its heading (lines before the account), or on a "Date:" line.
    func findIssued(header: Range<Int>, before summaryStart: Int) -> Found<HistoricalDate> {
        for index in header.prefix(40) {
            let line = lines[index]
            let folded = line.folded
            guard DeadlineReader.phrase(in: folded) == nil else { continue }
            let labelled = Self.issueLabels.contains(where: folded.hasPrefix)
            guard labelled || (index < summaryStart && line.text.utf8.count <= 90) else { continue }
            if ImportVocabulary.all.otherDocumentDates.contains(where: folded.has) { continue }
            if let (date, characters) = DateReader.firstDate(in: line.text) {
                let lower = line.text.index(line.text.startIndex, offsetBy: characters.lowerBound)
                let upper = line.text.index(line.text.startIndex, offsetBy: characters.upperBound)
                return Found(date, at: source.span(line: index, lower..<upper))
            }
        }
        return .missing
    }

    private static let issueLabels = ImportVocabulary.all.dateLabels + ImportVocabulary.all.publicationLabels

    /// The first date a deadline phrase gives, counting "N days left" from today.
    func findDeadline(issued: HistoricalDate?) -> Found<HistoricalDate> {
        for index in lines.indices {
            let line = lines[index]
            guard DeadlineReader.phrase(in: line.folded) != nil, line.folded.count == line.text.count else { continue }
            if let (date, range) = DeadlineReader.date(in: line.text, folded: line.folded, issued: issued, today: today) {
                return Found(date, at: source.span(line: index, range))
            }
        }
        return .missing
    }
}
