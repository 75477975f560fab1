extension DocumentReading {
    /// The issue date: a labelled date, a short line above the account holding one, or a line that is only a date
    /// among the first lines. A blog's post date ("Saturday, June 12, 2010") gives way to the document's own below it.
    func findIssued(header: Range<Int>, before summaryStart: Int) -> Found<HistoricalDate> {
        var blogDate: Found<HistoricalDate>?
        for index in header.prefix(40) {
            let line = lines[index]
            let folded = line.folded
            guard DeadlineReader.phrase(in: folded) == nil else { continue }
            let labelled = Self.issueLabels.contains(where: folded.hasPrefix)
            let dateOnly = index < 15 && line.text.utf8.count <= 40
            guard labelled || dateOnly || (index < summaryStart && line.text.utf8.count <= 90) else { continue }
            if ImportVocabulary.all.otherDocumentDates.contains(where: folded.has) { continue }
            guard let (date, characters) = DateReader.firstDate(in: line.text) else { continue }
            // "AI Index: MDE 13/09/91" numbers a document; it does not date it.
            if Self.followsIndexRegion(line.text.prefix(characters.lowerBound)) { continue }
            if dateOnly, !labelled, index >= summaryStart, line.text.count - characters.count > 12 { continue }
            let lower = line.text.index(line.text.startIndex, offsetBy: characters.lowerBound)
            let upper = line.text.index(line.text.startIndex, offsetBy: characters.upperBound)
            let found = Found(date, at: source.span(line: index, lower..<upper))
            if blogDate == nil, !labelled, Self.weekdays.contains(where: folded.hasPrefix) {
                blogDate = found
                continue
            }
            return found
        }
        return blogDate ?? .missing
    }

    private static let weekdays = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch",
        "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    ]

    /// Whether `text` ends with an index's region code: "MDE ", "AMR ".
    private static func followsIndexRegion(_ text: Substring) -> Bool {
        guard text.last == " " else { return false }
        let words = text.split(separator: " ")
        guard let word = words.last else { return false }
        return word.count == 3 && word.allSatisfy { $0.isASCII && $0.isUppercase }
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
