extension DocumentReading {
    /// The issue date: a labelled date, a short line above the account holding one, or a line that is only a date
    /// among the first lines. A blog's post date ("Saturday, June 12, 2010") gives way to the document's own below it.
    func findIssued(header: Range<Int>, before summaryStart: Int) -> Found<HistoricalDate> {
        var blogDate: Found<HistoricalDate>?
        for index in header.prefix(40) {
            let line = lines[index]
            let folded = line.folded
            // The part of the line that may hold the date: characters skipped at its start, and where it ends (nil: at
            // the line's end). Counted only when needed: most lines hold no deadline and no label inside them.
            var lower = 0
            var upper: Int?
            var labelled =
                Self.issueLabels.contains(where: folded.startsWith)
                // "Briefe gegen das Vergessen Juli 2024": an edition of the action's series.
                || Self.seriesNames.contains(where: folded.startsWith)
                // "PUBLIC AI Index: ASA 21/11/99 26 February 1999": the document's line of fields.
                || folded.has("index:")
            if let phrase = DeadlineReader.phrase(in: folded) {
                // "…AU 83/11, AMR 34/014/2011, 18 octobre 2011 ENVOYEZ VOS APPELS AVANT LE 29 NOVEMBRE 2011": the date
                // before the deadline's words.
                guard folded.count == line.text.count, let range = folded.byteRange(of: phrase) else { continue }
                upper = folded.distance(from: folded.startIndex, to: range.lowerBound)
            }
            if !labelled, let label = Self.inlineLabelEnd(in: folded), folded.count == line.text.count,
                case let start = folded.distance(from: folded.startIndex, to: label), start < upper ?? Int.max
            {
                // "…China Date: June 10, 2021 URGENT ACTION…": a labelled date inside a page flattened into one line.
                lower = start
                labelled = true
            }
            let rest = line.text.dropFirst(lower)
            let text = upper.map { rest.prefix($0 - lower) } ?? rest
            let dateOnly = index < 15 && text.utf8.count <= 40
            // A date, then the deadline, near the top: a line of the action's fields.
            let beforeDeadline = upper != nil && index < 15 && text.utf8.count <= 120
            guard labelled || dateOnly || beforeDeadline || (index < summaryStart && text.utf8.count <= 90) else { continue }
            if ImportVocabulary.all.otherDocumentDates.contains(where: folded.has) { continue }
            guard var (date, inPart) = DateReader.firstDate(in: text) else { continue }
            // "AI Index: MDE 13/09/91" numbers a document; it does not date it. A date after it may.
            if Self.followsIndexRegion(text.prefix(inPart.lowerBound)) {
                guard let (later, laterPart) = DateReader.firstDate(in: text.dropFirst(inPart.upperBound)) else { continue }
                (date, inPart) = (later, (laterPart.lowerBound + inPart.upperBound)..<(laterPart.upperBound + inPart.upperBound))
            }
            if dateOnly, !labelled, index >= summaryStart, text.count - inPart.count > 12 { continue }
            let characters = (inPart.lowerBound + lower)..<(inPart.upperBound + lower)
            let from = line.text.index(line.text.startIndex, offsetBy: characters.lowerBound)
            let to = line.text.index(line.text.startIndex, offsetBy: characters.upperBound)
            let found = Found(date, at: source.span(line: index, from..<to))
            if blogDate == nil, !labelled, Self.weekdays.contains(where: folded.startsWith) {
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
    private static let inlineLabels = ImportVocabulary.all.dateLabels.map { " " + $0 + ": " }
    private static let seriesNames = ImportVocabulary.all.urgentActionNames.map { $0 + " " }

    /// Where a date label inside a line ends: " Date: ".
    private static func inlineLabelEnd(in folded: String) -> String.Index? {
        for label in inlineLabels {
            if let range = folded.byteRange(of: label) { return range.upperBound }
        }
        return nil
    }

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
