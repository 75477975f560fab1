/// One pass of the importer over one text: named steps, each reading one part of the document from
/// the text and from what the steps before it found.
struct DocumentReading {
    let source: SourceText
    let today: HistoricalDate?
    var nameDecision = NameDecision.shipped
    /// What decides a kind the rules find no evidence of: the shipped model, another being trained, or nothing.
    var kindModel: KindClassifier? = .shipped
    /// What chooses the headline among the first lines: the shipped model, another being trained, or the rules alone.
    var titleModel: TitleModel? = .shipped
    /// Told each text the people at risk are looked for in: how the tagger's trainer sees what the importer sees.
    var peopleTextRead: ((String) -> Void)?

    var lines: [SourceText.Line] { source.lines }

    /// What the steps read before the document's kind is decided: its layout, letter, officials and numbers.
    struct Groundwork {
        let layout: DocumentLayout
        let letter: LetterFinding
        let officials: OfficialsFinding
        let numbers: NumberReader.Numbers
        /// The lines labels, the letter's heading and the officials take up.
        let consumed: Set<Int>
    }

    func groundwork() -> Groundwork {
        let layout = findLayout()
        var consumed = layout.fieldLabelLines
        let letter = findLetter(layout)
        consumed.formUnion(letter.usedLines)
        let officials = findOfficials(layout, letter: letter.lines, skipping: consumed)
        consumed.formUnion(officials.lines)
        return Groundwork(
            layout: layout, letter: letter, officials: officials, numbers: findNumbers(header: layout.header), consumed: consumed)
    }

    func document() -> ImportedDocument {
        let ground = groundwork()
        let (layout, letter, officials, numbers, consumed) = (
            ground.layout, ground.letter, ground.officials, ground.numbers, ground.consumed
        )
        let mayBeStatement = mayBeStatement(numbers: numbers, letter: letter.letter, officials: officials.targets)
        if mayBeStatement, showsStatement {
            return ImportedDocument(kind: findStatementKind(), statement: readStatement(layout))
        }
        var kind = findKind(numbers: numbers, header: layout.header, officials: field(officials.targets), letter: letter.letter)
        if !kind.isFound, let kindModel {
            // No evidence the rules know of: the model weighs the document's words.
            let guess = guessKind(by: kindModel, ground, mayBeStatement: mayBeStatement)
            if guess.value == .statement { return ImportedDocument(kind: guess, statement: readStatement(layout)) }
            kind = guess
        }

        var notes = unusableContactNotes(officials.targets)
        var action = ImportedUrgentAction(number: numbers.number, updates: numbers.updates, index: numbers.index)
        action.letter = letter.letter
        action.targets = field(officials.targets)
        let (title, summaryStart) = findTitle(header: layout.header)
        action.title = title
        let prose = consumed.union(letter.lines.map(Set.init) ?? [])
        let summary = findSummary(layout, title: title, from: summaryStart, skipping: prose, officials: officials.targets)
        action.summary = field(summary)
        action.issued = findIssued(header: layout.header, before: summary.first?.lines.lowerBound ?? layout.header.upperBound)
        // The document's prose outside labels, contact blocks and the letter.
        let account = paragraphs(in: 0..<lines.count, skipping: prose).filter { !isMetaParagraph($0) }
        action.country = findCountry(
            title: title, header: 0..<summaryStart, summary: summary, account: account, officials: officials.targets)
        action.deadline = findDeadline(issued: action.issued.value)
        action.takeAction = field(findSteps(layout, letter: letter.lines, skipping: consumed))
        action.asks = findAsks(letter: letter, skipping: consumed)
        action.languages = findLanguages(labels: layout.labels, skipping: letter.lines)
        action.people = findPeople(labels: layout.labels, account: account, letter: letter.letter.value, officials: officials.targets)
        action.background = field(findBackground(layout, skipping: prose))
        if kind.value == .closing {
            action.outcome = findOutcome(summary: summary)
        }
        if !action.number.isFound, !action.updates.isFound, kind.value == nil {
            notes.append("No Urgent Action number was found.")
        }
        return ImportedDocument(kind: kind, action: action, notes: notes)
    }

    func findNumbers(header: Range<Int>) -> NumberReader.Numbers {
        let preferred = Array(header) + lines.indices.filter { !header.contains($0) }
        return NumberReader.numbers(source: source, order: preferred)
    }

    /// Paragraphs as one field, spanning from the first to the last.
    func field(_ paragraphs: [Paragraph]) -> Found<[String]> {
        guard let span = source.span(covering: paragraphs.map(\.lines)) else { return .missing }
        return Found(paragraphs.map(\.text), at: span)
    }

    /// A folded line without the colons and spaces it ends with: "press release:" → "press release".
    static func bare(_ folded: String) -> String {
        var text = Substring(folded)
        while let last = text.last, last == ":" || last == " " { text = text.dropLast() }
        return String(text)
    }
}
