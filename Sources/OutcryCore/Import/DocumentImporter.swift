import Foundation

/// Turns the published text of an Urgent Action or a statement into a draft an editor only has to
/// review: every field found says where it was read, and a field the text does not give stays missing.
///
/// Pure and bounded: no I/O, and every pass over the text is linear in its length, so any input —
/// empty, binary, huge, repetitive — gives a draft or an `ImportError` quickly.
public struct DocumentImporter: Sendable {
    /// Texts longer than this are refused: real documents are a few kilobytes.
    public static let maximumBytes = 1_000_000

    /// The day "N days left" counts from.
    public var today: HistoricalDate?

    public init(today: HistoricalDate? = nil) {
        self.today = today
    }

    /// Reads raw bytes, refusing what is not UTF-8 text.
    public func read(bytes: some Collection<UInt8>) throws(ImportError) -> ImportedDocument {
        try read(text: Self.text(of: bytes))
    }

    /// The UTF-8 text `bytes` hold, or why they are not a document to read.
    public static func text(of bytes: some Collection<UInt8>) throws(ImportError) -> String {
        guard bytes.count <= maximumBytes else { throw .tooLarge(bytes: bytes.count, limit: maximumBytes) }
        var controls = 0
        for byte in bytes where byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C {
            if byte == 0 { throw .notText }
            controls += 1
        }
        if controls > max(8, bytes.count / 100) { throw .notText }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        return text
    }

    public func read(text: String) throws(ImportError) -> ImportedDocument {
        guard text.utf8.count <= Self.maximumBytes else { throw .tooLarge(bytes: text.utf8.count, limit: Self.maximumBytes) }
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        guard body.unicodeScalars.contains(where: { !$0.properties.isWhitespace && !Self.invisible.contains($0) }) else { throw .empty }
        var reading = DocumentReading(source: SourceText(body), today: today)
        return reading.document()
    }

    /// Byte-order marks and zero-width characters: a text of only these is empty.
    private static let invisible: Set<Unicode.Scalar> = ["\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}"]
}

/// One pass of the importer over one text.
struct DocumentReading {
    let source: SourceText
    let today: HistoricalDate?
    private var notes: [String] = []

    private struct Region {
        let section: Section?
        let lines: Range<Int>
    }

    private struct Paragraph {
        let text: String
        let lines: ClosedRange<Int>
    }

    init(source: SourceText, today: HistoricalDate?) {
        self.source = source
        self.today = today
    }

    private var lines: [SourceText.Line] { source.lines }

    // MARK: - The whole document

    mutating func document() -> ImportedDocument {
        let labels = lines.indices.compactMap { SectionLabel.label(of: lines[$0], at: $0) }
        let labelAtLine = Dictionary(labels.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        let regions = regions(from: labels)
        let header = regions.first { $0.section == nil && $0.lines.lowerBound == 0 }?.lines ?? 0..<0

        var letterLines: Range<Int>?
        var consumed = Set<Int>()
        let contactRegions = regions.filter { $0.section == .contacts || $0.section == .copies }
        var inContactRegion = [Bool](repeating: false, count: lines.count)
        for region in contactRegions { for index in region.lines { inContactRegion[index] = true } }
        for label in labels where label.section != .letter && label.section != .takeAction && label.section != .contacts
            && label.section != .copies && label.section != .background && !inContactRegion[label.line]
        {
            consumed.insert(label.line)
        }

        // The sample letter: under its label, or from a salutation anywhere outside the contact blocks.
        if let region = regions.first(where: { $0.section == .letter }) {
            letterLines = region.lines
        } else if let start = lines.indices.first(where: { index in
            LetterReader.isSalutation(lines[index]) && !inContactRegion[index]
        }) {
            let end = regions.first { $0.lines.lowerBound > start && $0.section != nil && $0.section != .salutation }?.lines.lowerBound ?? lines.count
            letterLines = start..<end
        }
        var letter: Found<ImportedLetter> = .missing
        var letterParagraphs: [String] = []
        if let range = letterLines {
            let (found, used) = readLetter(range)
            letter = found
            letterParagraphs = found.value?.paragraphs ?? []
            consumed.formUnion(used)
            letterLines = (used.min() ?? range.lowerBound)..<((used.max() ?? range.upperBound - 1) + 1)
        }

        // Officials: under contact labels, and address blocks standing in prose sections.
        var targets: [ImportedTarget] = []
        let contactReader = ContactReader(source: source)
        for region in contactRegions {
            var indices = Array(region.lines).filter { !consumed.contains($0) && !(letterLines?.contains($0) ?? false) }
            let label = labelAtLine[region.lines.lowerBound]
            if label?.inlineStart == nil, indices.first == region.lines.lowerBound { indices.removeFirst() }
            targets += contactReader.targets(
                lines: indices, role: region.section == .copies ? .copy : .primary, firstLineFrom: label?.inlineStart)
            consumed.formUnion(region.lines)
        }
        for region in regions where contactRegions.isEmpty && (region.section == nil || region.section == .takeAction) {
            for block in addressBlocks(in: region.lines, skipping: consumed, letter: letterLines) {
                let role: UrgentActionTarget.Role = isCopyIntroduction(before: block.lowerBound) ? .copy : .primary
                targets += contactReader.targets(lines: Array(block), role: role)
                consumed.formUnion(block)
            }
        }
        targets.sort { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
        // A lone "Salutation:" line speaks for the officials before it.
        for label in labels where label.section == .salutation && !inContactRegion[label.line] {
            guard let value = label.inline, let start = label.inlineStart else { continue }
            let span = source.span(line: label.line, start..<lines[label.line].text.endIndex)
            for index in targets.indices where !targets[index].salutation.isFound {
                targets[index].salutation = Found(value, at: span)
            }
        }

        let numbers = readNumbers(header: header)
        let hasQuotes = lines.contains { $0.text.hasPrefix("“") || $0.text.hasPrefix("\"") || $0.text.hasPrefix("«") }
        let saidLine = lines.indices.first { ImportVocabulary.all.quotingLineEndings.contains(where: lines[$0].folded.hasSuffix) }
        let looksLikeStatement =
            !numbers.number.isFound && !numbers.updates.isFound && !letter.isFound && targets.isEmpty && (hasQuotes || saidLine != nil)
        if looksLikeStatement {
            let statement = readStatement(labels: labels, regions: regions, header: header)
            var kind: Found<DocumentKind> = .missing
            if let marker = lines.indices.prefix(4).first(where: { ImportVocabulary.all.statementHeadings.contains(Self.bare(lines[$0].folded)) }) {
                kind = Found(.statement, at: source.span(line: marker))
            } else if let saidLine {
                kind = Found(.statement, at: source.span(line: saidLine))
            } else if let quote = lines.indices.first(where: { lines[$0].text.hasPrefix("“") }) {
                kind = Found(.statement, at: source.span(line: quote))
            }
            return ImportedDocument(kind: kind, statement: statement, notes: notes)
        }

        var action = ImportedUrgentAction()
        action.number = numbers.number
        action.updates = numbers.updates
        action.index = numbers.index
        action.letter = letter
        if !targets.isEmpty, let first = targets.first?.span {
            action.targets = Found(targets, at: targets.compactMap(\.span).reduce(first) { TextSpan(start: min($0.start, $1.start), end: max($0.end, $1.end), line: min($0.line, $1.line)) })
        }
        for target in targets where !target.unusableContacts.isEmpty {
            notes += target.unusableContacts.map { "\(target.name.value ?? target.organisation.value ?? "An official"): \($0)" }
        }

        let (title, summaryStart) = readTitle(header)
        action.title = title
        let runTogether = title.value.flatMap { runTogetherSummary(title: $0, header: header) }
        var summarySkip = consumed.union(letterLines.map(Set.init) ?? []).union(0..<summaryStart)
        if let runTogether { summarySkip.formUnion(runTogether.lines) }
        var summary: [Paragraph] = []
        let unlabelled = !regions.contains { $0.section != nil }
        let firstOfficial = targets.compactMap { $0.span?.start }.min() ?? Int.max
        for paragraph in paragraphs(in: header, skipping: summarySkip) {
            // Without labels, the account ends where the document turns to what to do.
            if unlabelled, !summary.isEmpty, Self.turnsToAction(paragraph.text) { break }
            if Self.introducesAsks(lines[paragraph.lines.lowerBound].folded) || Self.introducesAsks(Phrase.fold(paragraph.text)) { break }
            if ImportVocabulary.englishAndGerman.noFurtherActionSentences.contains(where: Phrase.fold(paragraph.text).has) { continue }
            if firstOfficial < source.lines[paragraph.lines.lowerBound].start { break }
            summary.append(paragraph)
        }
        summary.removeAll { isMetaParagraph($0) }
        if let runTogether { summary.insert(runTogether, at: 0) }
        action.issued = readIssued(header, before: summary.first?.lines.lowerBound ?? header.upperBound)
        if !summary.isEmpty {
            action.summary = Found(summary.map(\.text), at: source.span(lines: summary[0].lines.lowerBound...summary[summary.count - 1].lines.upperBound))
        }

        action.country = readCountry(title: title, header: 0..<summaryStart, summary: summary, targets: targets)
        action.deadline = readDeadline(issued: action.issued.value)
        let kind = readKind(numbers: numbers, title: title, header: header)

        // Steps for supporters.
        var steps: [Paragraph] = []
        for region in regions where region.section == .takeAction {
            var range = region.lines
            if let letterLines, range.contains(letterLines.lowerBound) { range = range.lowerBound..<letterLines.lowerBound }
            if let inline = labelAtLine[region.lines.lowerBound]?.inline {
                steps.append(Paragraph(text: inline, lines: region.lines.lowerBound...region.lines.lowerBound))
            }
            for paragraph in paragraphs(in: (range.lowerBound + 1)..<max(range.lowerBound + 1, range.upperBound), skipping: consumed) {
                if Self.introducesAsks(lines[paragraph.lines.lowerBound].folded) { break }
                // A line about languages or the deadline between the steps is a field, not a step.
                if !lines[paragraph.lines.lowerBound].hadBullet, isMetaParagraph(paragraph) || Self.sentencesAreMeta(paragraph.text) { continue }
                steps.append(paragraph)
            }
        }
        if !steps.isEmpty {
            action.takeAction = Found(steps.map(\.text), at: source.span(lines: steps[0].lines.lowerBound...steps[steps.count - 1].lines.upperBound))
        }

        // Requests: from the letter, else from a list introduced by "calling on them to:".
        var asks = LetterReader.asks(in: letterParagraphs)
        var askSpan = letterLines.map { source.span(lines: $0.lowerBound...max($0.lowerBound, $0.upperBound - 1)) }
        if asks.isEmpty {
            let (listed, span) = listedAsks(skipping: consumed)
            asks = listed
            askSpan = span
        }
        if !asks.isEmpty { action.asks = Found(asks, at: askSpan) }

        action.languages = readLanguages(labels: labels, skipping: letterLines)
        action.people = readPeople(labels: labels, title: title, summary: summary)

        var background: [Paragraph] = []
        for region in regions where region.section == .background {
            let range = (region.lines.lowerBound + 1)..<max(region.lines.lowerBound + 1, region.lines.upperBound)
            background += paragraphs(in: range, skipping: consumed.union(letterLines.map(Set.init) ?? [])).filter { !isMetaParagraph($0) }
        }
        if !background.isEmpty {
            action.background = Found(background.map(\.text), at: source.span(lines: background[0].lines.lowerBound...background[background.count - 1].lines.upperBound))
        }
        if kind.value == .closing {
            action.outcome = readOutcome(summary: summary)
        }
        if !action.number.isFound, !action.updates.isFound, kind.value == nil {
            notes.append("No Urgent Action number was found.")
        }
        return ImportedDocument(kind: kind, action: action, notes: notes)
    }

    /// "We are asking everyone to write to…", "Please write…": prose that turns from the account to the action.
    private static func turnsToAction(_ text: String) -> Bool {
        let folded = Phrase.fold(text)
        return ImportVocabulary.all.callsToWrite.contains(where: folded.has)
    }

    private static func sentencesAreMeta(_ text: String) -> Bool {
        let sentences = Sentences.split(text)
        return sentences.count > 1 && sentences.allSatisfy { sentence in
            let folded = Phrase.fold(sentence)
            return DeadlineReader.phrase(in: folded) != nil || LanguageReader.mentionsLanguageChoice(folded)
        }
    }

    /// "Please ask the Minister to:", "call on him to:", "Please write immediately in Arabic…:".
    static func introducesAsks(_ folded: String) -> Bool {
        folded.hasSuffix(":") && folded.utf8.count < 240
            && ImportVocabulary.all.askIntroductions.contains(where: folded.has)
    }

    private static func bare(_ folded: String) -> String {
        var text = Substring(folded)
        while let last = text.last, last == ":" || last == " " { text = text.dropLast() }
        return String(text)
    }

    // MARK: - Regions

    private func regions(from labels: [SectionLabel]) -> [Region] {
        var regions: [Region] = []
        var start = 0
        var section: Section?
        for label in labels {
            // Single-line fields inside a contact block stay in it ("Salutation: Dear Minister").
            if label.section == .salutation, section == .contacts || section == .copies { continue }
            if label.line > start || section != nil { regions.append(Region(section: section, lines: start..<label.line)) }
            start = label.line
            section = label.section
        }
        regions.append(Region(section: section, lines: start..<lines.count))
        return regions.filter { !$0.lines.isEmpty }
    }

    // MARK: - Paragraphs

    /// Prose paragraphs of `range`: consecutive lines joined (hard wraps undone), list items apart.
    private func paragraphs(in range: Range<Int>, skipping: Set<Int>) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var run: [Int] = []
        func flush() {
            guard !run.isEmpty else { return }
            let width = run.map { lines[$0].text.count }.max() ?? 0
            var text = ""
            var first = run[0]
            for (position, index) in run.enumerated() {
                let line = lines[index].text
                if position > 0 {
                    let previous = lines[run[position - 1]].text
                    let ends = previous.last.map { ".!?:;”\"".contains($0) } ?? false
                    let short = run.count >= 3 ? previous.count < width - 15 : true
                    if lines[index].hadBullet || (ends && short) {
                        paragraphs.append(Paragraph(text: Phrase.collapse(text), lines: first...run[position - 1]))
                        text = ""
                        first = index
                    }
                }
                if text.isEmpty {
                    text = line
                } else if text.hasSuffix("-"), text.dropLast().last?.isLetter == true, line.first?.isLowercase == true {
                    text += line
                } else {
                    text += " " + line
                }
            }
            paragraphs.append(Paragraph(text: Phrase.collapse(text), lines: first...run[run.count - 1]))
            run = []
        }
        for index in range {
            if lines[index].isBlank || skipping.contains(index) {
                flush()
            } else {
                run.append(index)
            }
        }
        flush()
        return paragraphs.filter { !$0.text.isEmpty }
    }

    /// Lines that carry a field rather than prose: dates, deadlines, numbers, language choices.
    private func isMetaParagraph(_ paragraph: Paragraph) -> Bool {
        let folded = Phrase.fold(paragraph.text)
        if folded.utf8.count < 120, DeadlineReader.phrase(in: folded) != nil { return true }
        if folded.utf8.count < 160, LanguageReader.mentionsLanguageChoice(folded) { return true }
        if folded.utf8.count < 60, DateReader.firstDate(in: folded) != nil, folded.split(separator: " ").count <= 5 { return true }
        if folded.utf8.count < 80, NumberReader.number(in: paragraph.text) != nil, !folded.has(". ") { return true }
        return false
    }

    // MARK: - The letter

    private func readLetter(_ range: Range<Int>) -> (Found<ImportedLetter>, Set<Int>) {
        var used = Set<Int>()
        let start = range.lowerBound
        // The label line itself, if the letter starts with one.
        var bodyStart = start
        if SectionLabel.label(of: lines[start], at: start) != nil {
            used.insert(start)
            bodyStart = start + 1
        }
        var salutation: Found<String> = .missing
        var index = bodyStart
        while index < range.upperBound, lines[index].isBlank { index += 1 }
        // An introduction may come first ("Use this letter as a guide:"); the salutation is within a few lines.
        var look = index
        var seen = 0
        while look < range.upperBound, seen < 4 {
            if !lines[look].isBlank {
                if LetterReader.isSalutation(lines[look]) {
                    salutation = Found(lines[look].text, at: source.span(line: look))
                    used.insert(look)
                    index = look + 1
                    break
                }
                seen += 1
            }
            look += 1
        }
        var end = range.upperBound
        var closing: Found<String> = .missing
        // A closing glued to the last paragraph ("…in detention.Yours sincerely,") shares its line.
        var gluedClosing = false
        for cursor in index..<range.upperBound where !lines[cursor].isBlank {
            guard let found = LetterReader.closing(in: lines[cursor].text) else { continue }
            closing = Found(found.closing, at: source.span(line: cursor))
            gluedClosing = !found.before.isEmpty
            if !gluedClosing { used.insert(cursor) }
            end = cursor + 1
            break
        }
        var paragraphs = self.paragraphs(in: index..<end, skipping: used)
        if gluedClosing, let last = paragraphs.last, let text = closing.value, last.text.hasSuffix(text) {
            paragraphs[paragraphs.count - 1] = Paragraph(text: String(last.text.dropLast(text.count)).trimmingWhitespace, lines: last.lines)
        }
        for index in index..<end { used.insert(index) }
        guard salutation.isFound || !paragraphs.isEmpty else { return (.missing, used) }
        let letter = ImportedLetter(salutation: salutation, paragraphs: paragraphs.map(\.text), closing: closing)
        return (Found(letter, at: source.span(lines: (used.min() ?? start)...max(used.min() ?? start, end - 1))), used)
    }

    // MARK: - Address blocks outside contact sections

    /// Groups of short lines that read as a postal address with a name, standing between paragraphs.
    private func addressBlocks(in range: Range<Int>, skipping: Set<Int>, letter: Range<Int>?) -> [ClosedRange<Int>] {
        var blocks: [ClosedRange<Int>] = []
        var run: [Int] = []
        func flush() {
            defer { run = [] }
            guard run.count >= 3 else { return }
            let texts = run.map { lines[$0].text }
            let short = texts.allSatisfy { $0.count <= 90 }
            let prose = texts.filter { $0.hasSuffix(".") && $0.count > 50 }.count
            let hasAddress = texts.contains { line in line.contains(where: \.isNumber) } || texts.contains { ContactReader.emailAddresses(in: $0).count > 0 || ContactReader.isHidden($0) }
            if short, prose == 0, hasAddress { blocks.append(run[0]...run[run.count - 1]) }
        }
        for index in range {
            if lines[index].isBlank || skipping.contains(index) || (letter?.contains(index) ?? false) {
                flush()
            } else {
                run.append(index)
            }
        }
        flush()
        return blocks
    }

    private func isCopyIntroduction(before line: Int) -> Bool {
        var index = line - 1
        while index >= 0, lines[index].isBlank { index -= 1 }
        guard index >= 0 else { return false }
        let folded = lines[index].folded
        return folded.utf8.count < 120 && ImportVocabulary.all.copyIntroductions.contains(where: folded.has)
    }

    // MARK: - Numbers, kind, title, dates

    private func readNumbers(header: Range<Int>) -> NumberReader.Numbers {
        let preferred = Array(header) + lines.indices.filter { !header.contains($0) }
        return NumberReader.numbers(source: source, order: preferred)
    }

    private func readKind(numbers: NumberReader.Numbers, title: Found<String>, header: Range<Int>) -> Found<DocumentKind> {
        // A closing may say so anywhere, often at the very end.
        for index in lines.indices {
            let folded = lines[index].folded
            // Closing sentences may stand anywhere; outcome headings only count near the top or on a short line.
            let phrases = index < header.upperBound + 2 || folded.utf8.count < 40 ? Self.closingPhrases : ImportVocabulary.all.noFurtherActionSentences
            for phrase in phrases where folded.has(phrase) {
                let range = folded.byteRange(of: phrase)!
                if folded.count == lines[index].text.count {
                    let lower = lines[index].text.index(lines[index].text.startIndex, offsetBy: folded.distance(from: folded.startIndex, to: range.lowerBound))
                    let upper = lines[index].text.index(lower, offsetBy: phrase.count)
                    return Found(.closing, at: source.span(line: index, lower..<upper))
                }
                return Found(.closing, at: source.span(line: index))
            }
        }
        if let span = numbers.updateEvidence { return Found(.update, at: span) }
        for index in header.prefix(6) {
            let folded = lines[index].folded
            if ImportVocabulary.all.updateMarkers.contains(where: { folded.hasPrefix($0) || folded.has(" " + $0 + " ") || folded == $0 }) {
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

    /// The headline: the first short line of the header that is not a label, number, date or marker;
    /// with text extracted from a PDF, the capitals at the start of a run-together line.
    private func readTitle(_ header: Range<Int>) -> (Found<String>, Int) {
        for index in header {
            let line = lines[index]
            guard !line.isBlank else { continue }
            var text = line.text
            var start = text.startIndex
            // Drop the markers and numbers that share the line: "UA 30.24 Kyrgyzstan: …", "URGENT ACTION …".
            var changed = true
            while changed {
                changed = false
                let folded = Phrase.fold(text[start...].prefix(48))
                for marker in Self.headlineOpeners where folded.hasPrefix(marker) {
                    start = text.index(start, offsetBy: marker.count, limitedBy: text.endIndex) ?? text.endIndex
                    changed = true
                    break
                }
                if let numberEnd = NumberReader.leadingNumberEnd(text[start...]) {
                    start = numberEnd
                    changed = true
                }
                while start < text.endIndex, " :|-–—,".contains(text[start]) {
                    start = text.index(after: start)
                    changed = true
                }
            }
            text = String(text[start...])
            if text.isEmpty { continue }
            if text.utf8.count <= 300 {
                let folded = Phrase.fold(text)
                // "URGENT ACTION -vetoomus UA 61/24", "RUSSISCHE FÖDERATION": a marker or a country, not a headline.
                if NumberReader.number(in: text) != nil || folded.hasPrefix("ai-index") || folded.has("index:") { continue }
                if NameFinder.country(named: text) != nil { continue }
                // A date line ("Julkaistu 17. huhtikuuta 2024", "17 April 2024, Geneva"): not a title.
                if let date = DateReader.firstDate(in: text), text.count - date.1.count < 25 { continue }
                if Self.markerLines.contains(Self.bare(folded)) { continue }
                if ImportVocabulary.all.dateLabels.contains(where: { folded.hasPrefix($0 + ":") }) { continue }
            }
            // A run-together line: "JOURNALIST HELD INCOMMUNICADO Journalist Jane Doe was arrested…"
            if let capitals = Self.leadingCapitals(text), capitals.count < text.count - 20 {
                let lower = line.text.utf8.count - text.utf8.count
                return (Found(capitals, at: source.span(line: index, bytes: lower..<(lower + capitals.utf8.count))), index + 1)
            }
            let isShort = text.utf8.count <= 200
            let endsSentence = text.hasSuffix(".") && !text.hasSuffix("..")
            guard isShort, !endsSentence, text.first?.isLowercase != true else { return (.missing, index) }
            let offset = line.text.utf8.count - text.utf8.count
            return (Found(text, at: source.span(line: index, bytes: offset..<line.text.utf8.count)), index + 1)
        }
        return (.missing, header.upperBound)
    }

    private static let headlineOpeners = ImportVocabulary.all.headlineOpeners + ["•"]

    /// Lines that only say what the document is. The statement headings are the English ones only:
    /// this step has never ruled out the others as headlines.
    private static let markerLines = ImportVocabulary.english.statementHeadings + ImportVocabulary.english.releaseNotices
        + ImportVocabulary.all.urgentActionNames + ImportVocabulary.all.urgentActionAbbreviations

    private func runTogetherSummary(title: String, header: Range<Int>) -> Paragraph? {
        for index in header where !lines[index].isBlank {
            let text = lines[index].text
            guard let range = text.byteRange(of: title), text.distance(from: range.upperBound, to: text.endIndex) > 20 else { continue }
            let rest = text[range.upperBound...].trimmingWhitespace
            guard rest.first?.isUppercase == true, rest.contains(where: \.isLowercase) else { return nil }
            // The summary may go on over the next lines.
            var end = index
            var joined = rest
            while end + 1 < header.upperBound, !lines[end + 1].isBlank {
                end += 1
                joined += " " + lines[end].text
            }
            return Paragraph(text: Phrase.collapse(joined), lines: index...end)
        }
        return nil
    }

    /// Words in capitals at the start of `text`, when lower-case prose follows.
    private static func leadingCapitals(_ text: String) -> String? {
        let words = text.prefix(240).split(separator: " ", omittingEmptySubsequences: false)
        var count = 0
        for word in words {
            let letters = word.filter(\.isLetter)
            guard !letters.isEmpty, letters.allSatisfy({ $0.isUppercase }) else { break }
            count += 1
        }
        // The last capital word may begin the prose ("A journalist…").
        if count > 0, count < words.count, words[count - 1].count == 1 { count -= 1 }
        guard count >= 2, count < words.count, words[count...].contains(where: { $0.contains(where: \.isLowercase) }) else { return nil }
        return words.prefix(count).joined(separator: " ")
    }

    /// The date the document carries in its heading (lines before the account), or on a "Date:" line.
    private func readIssued(_ header: Range<Int>, before summaryStart: Int) -> Found<HistoricalDate> {
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

    private func readCountry(title: Found<String>, header: Range<Int>, summary: [Paragraph], targets: [ImportedTarget]) -> Found<Country> {
        if let span = title.span, let title = title.value {
            // "Kyrgyzstan: Detention of…" names the country first.
            if let colon = title.firstIndex(of: ":"), let country = NameFinder.country(named: String(title[..<colon])) {
                return Found(country, at: span)
            }
            if let (country, _) = NameFinder.countries(in: title).first { return Found(country, at: span) }
        }
        // A heading line naming the country: "UA 44/24 – République démocratique du Congo", "RUSSISCHE FÖDERATION".
        for index in header where !lines[index].isBlank {
            if let (country, range) = NameFinder.countries(in: lines[index].text).first {
                return Found(country, at: source.span(line: index, range))
            }
        }
        if !summary.isEmpty {
            let text = summary.map(\.text).joined(separator: "\n")
            if let (country, _) = NameFinder.countries(in: text).first {
                return Found(country, at: source.span(lines: summary[0].lines.lowerBound...summary[summary.count - 1].lines.upperBound))
            }
        }
        for target in targets {
            for line in (target.addressLines.value ?? []).reversed() {
                if let country = NameFinder.country(named: line) { return Found(country, at: target.addressLines.span) }
            }
        }
        return .missing
    }

    private func readDeadline(issued: HistoricalDate?) -> Found<HistoricalDate> {
        for index in lines.indices {
            let line = lines[index]
            guard DeadlineReader.phrase(in: line.folded) != nil, line.folded.count == line.text.count else { continue }
            if let (date, range) = DeadlineReader.date(in: line.text, folded: line.folded, issued: issued, today: today) {
                return Found(date, at: source.span(line: index, range))
            }
        }
        return .missing
    }

    private func readLanguages(labels: [SectionLabel], skipping letter: Range<Int>?) -> Found<[String]> {
        for label in labels where label.section == .languages {
            var text = label.inline ?? ""
            var line = label.line
            if text.isEmpty, let next = lines.indices.first(where: { $0 > label.line && !lines[$0].isBlank }) {
                text = lines[next].text
                line = next
            }
            let tags = LanguageReader.languages(in: text)
            if !tags.isEmpty { return Found(tags, at: source.span(line: line)) }
        }
        for index in lines.indices where !(letter?.contains(index) ?? false) {
            let folded = lines[index].folded
            guard folded.utf8.count < 300, LanguageReader.mentionsLanguageChoice(folded) else { continue }
            return Found(LanguageReader.languages(in: folded), at: source.span(line: index))
        }
        return .missing
    }

    private func readPeople(labels: [SectionLabel], title: Found<String>, summary: [Paragraph]) -> Found<[String]> {
        var names: [String] = []
        var spans: [TextSpan] = []
        for label in labels where label.section == .names {
            guard let value = label.inline else { continue }
            for part in value.replacingAnd().split(separator: ",") {
                var name = part.trimmingWhitespace
                if let paren = name.firstIndex(of: "(") { name = String(name[..<paren]).trimmingWhitespace }
                if !name.isEmpty, !names.contains(name) { names.append(name) }
            }
            spans.append(source.span(line: label.line))
        }
        if names.isEmpty, !summary.isEmpty {
            let text = ([title.value ?? ""] + summary.map(\.text)).joined(separator: "\n")
            names = NameFinder.people(in: text)
            if !names.isEmpty { spans.append(source.span(lines: summary[0].lines.lowerBound...summary[summary.count - 1].lines.upperBound)) }
        }
        guard !names.isEmpty else { return .missing }
        return Found(names, at: spans.first)
    }

    /// "Please ask the Minister to:" or "Please write immediately in Arabic…:" followed by a list; each item
    /// from its verb ("Urging the authorities to release…" → "release…"), statements of concern left out.
    private func listedAsks(skipping: Set<Int>) -> ([String], TextSpan?) {
        for index in lines.indices where !skipping.contains(index) && Self.introducesAsks(lines[index].folded) {
            var items: [(text: String, last: Int)] = []
            var cursor = index + 1
            while cursor < lines.count {
                let line = lines[cursor]
                if line.isBlank {
                    if !items.isEmpty { break }
                    cursor += 1
                    continue
                }
                if line.hadBullet {
                    items.append((line.text, cursor))
                } else if let last = items.last, !line.text.isEmpty {
                    // A wrapped item goes on over the next lines.
                    items[items.count - 1] = (last.text + " " + line.text, cursor)
                } else {
                    break
                }
                cursor += 1
            }
            let asks = items.compactMap { Self.ask(fromListItem: $0.text) }
            if !asks.isEmpty, let last = items.last { return (asks, source.span(lines: (index + 1)...last.last)) }
        }
        return ([], nil)
    }

    private static func ask(fromListItem item: String) -> String? {
        var text = Phrase.collapse(item)
        while let end = text.last, end == ";" || end == "," { text.removeLast() }
        if text.hasSuffix(" and") { text = String(text.dropLast(4)) }
        let folded = Phrase.fold(text)
        if ImportVocabulary.all.concernOpeners.contains(where: folded.hasPrefix) { return nil }
        for opener in ImportVocabulary.all.requestOpeners where folded.hasPrefix(opener) {
            guard let to = folded.byteRange(of: " to ") else { return text }
            return String(text.dropFirst(folded.distance(from: folded.startIndex, to: to.upperBound)))
        }
        return text
    }

    /// How it ended: the account's first sentence when it says so ("…acquitted…"), else the sentence saying
    /// no further action is requested.
    private func readOutcome(summary: [Paragraph]) -> Found<String> {
        if let first = summary.first, let sentence = Sentences.split(first.text).first {
            let folded = Phrase.fold(sentence)
            if ImportVocabulary.all.outcomeVerbs.contains(where: folded.has) { return Found(sentence, at: source.span(lines: first.lines)) }
        }
        let closings = ImportVocabulary.englishAndGerman.noFurtherActionSentences
        for index in lines.indices {
            let folded = lines[index].folded
            guard closings.contains(where: folded.has) else { continue }
            let sentences = Sentences.split(Phrase.collapse(lines[index].text))
            if let sentence = sentences.first(where: { sentence in closings.contains { Phrase.fold(sentence).has($0) } }) {
                return Found(sentence, at: source.span(line: index))
            }
        }
        if let first = summary.first, let sentence = Sentences.split(first.text).first {
            return Found(sentence, at: source.span(lines: first.lines))
        }
        return .missing
    }

    // MARK: - Statements

    private mutating func readStatement(labels: [SectionLabel], regions: [Region], header: Range<Int>) -> ImportedStatement {
        var statement = ImportedStatement()
        let backgroundStart = regions.first { $0.section == .background }?.lines.lowerBound ?? lines.count
        var skip = Set<Int>(labels.map(\.line))
        // Title and date lines.
        var bodyStart = 0
        for index in lines.indices.prefix(6) where !lines[index].isBlank {
            let line = lines[index]
            if Self.statementMarkers.contains(Self.bare(line.folded)) {
                skip.insert(index)
                continue
            }
            if !statement.date.isFound, line.text.utf8.count <= 80, let (date, characters) = DateReader.firstDate(in: line.text),
                line.text.count - characters.count < 30
            {
                let lower = line.text.index(line.text.startIndex, offsetBy: characters.lowerBound)
                let upper = line.text.index(line.text.startIndex, offsetBy: characters.upperBound)
                statement.date = Found(date, at: source.span(line: index, lower..<upper))
                skip.insert(index)
                bodyStart = index + 1
                continue
            }
            if !statement.title.isFound, line.text.utf8.count <= 200, !line.text.hasSuffix("."), !line.text.hasPrefix("“") {
                statement.title = Found(line.text, at: source.span(line: index))
                skip.insert(index)
                bodyStart = index + 1
                continue
            }
            break
        }
        let body = paragraphs(in: bodyStart..<backgroundStart, skipping: skip)
        var lead: [Paragraph] = []
        var quotes: [ImportedQuote] = []
        var quoteLines: [ClosedRange<Int>] = []
        var pendingSpeaker: (String, String?)?
        var skipNextAttribution = false
        // Pull quotes repeat words quoted just before; the last few quoted paragraphs are enough to compare.
        var recentlyQuoted: [String] = []
        for paragraph in body {
            let text = paragraph.text
            if let first = text.first, "“\"«„".contains(first) {
                var (words, attribution) = Self.unquote(text)
                var speaker = pendingSpeaker ?? quotes.last.map { ($0.speaker, $0.role) }
                if let attribution, let said = Self.speaker(afterQuote: attribution) { speaker = said }
                if words.isEmpty { words = text }
                if let speaker {
                    if let last = quotes.last, last.speaker == speaker.0, last.role == speaker.1, attribution == nil || pendingSpeaker != nil {
                        quotes[quotes.count - 1].paragraphs.append(words)
                    } else {
                        quotes.append(ImportedQuote(speaker: speaker.0, role: speaker.1, paragraphs: [words]))
                    }
                    quoteLines.append(paragraph.lines)
                    recentlyQuoted.append(words)
                    if recentlyQuoted.count > 8 { recentlyQuoted.removeFirst() }
                    if attribution != nil { pendingSpeaker = speaker }
                } else {
                    lead.append(paragraph)
                }
                continue
            }
            // A pull quote repeats words already quoted, then names the speaker on the next line.
            if text.utf8.count < 2_000, recentlyQuoted.contains(where: { $0.has(text) }) {
                skipNextAttribution = true
                continue
            }
            if skipNextAttribution, let last = quotes.last, text.hasPrefix(last.speaker) {
                skipNextAttribution = false
                continue
            }
            skipNextAttribution = false
            if let said = Self.speaker(leadingInto: text) {
                pendingSpeaker = said
                if !quotes.isEmpty { continue }
            }
            lead.append(paragraph)
        }
        if !lead.isEmpty {
            statement.lead = Found(lead.map(\.text), at: source.span(lines: lead[0].lines.lowerBound...lead[lead.count - 1].lines.upperBound))
        }
        if !quotes.isEmpty, let first = quoteLines.first, let last = quoteLines.last {
            statement.quotes = Found(quotes, at: source.span(lines: first.lowerBound...last.upperBound))
        }
        var background: [Paragraph] = []
        for region in regions where region.section == .background {
            background += paragraphs(in: (region.lines.lowerBound + 1)..<max(region.lines.lowerBound + 1, region.lines.upperBound), skipping: skip)
        }
        if !background.isEmpty {
            statement.background = Found(background.map(\.text), at: source.span(lines: background[0].lines.lowerBound...background[background.count - 1].lines.upperBound))
        }
        let speakers = Set(quotes.map(\.speaker))
        let prose = (lead.map(\.text) + quotes.flatMap(\.paragraphs) + background.map(\.text)).joined(separator: "\n")
        let people = NameFinder.people(in: prose, excluding: speakers)
        if !people.isEmpty { statement.people = Found(people, at: statement.lead.span ?? statement.background.span) }
        let everything = ([statement.title.value ?? ""] + body.map(\.text) + background.map(\.text)).joined(separator: "\n")
        let organisations = NameFinder.organisations(in: everything)
        if !organisations.isEmpty { statement.organisations = Found(organisations, at: statement.lead.span ?? statement.background.span) }
        return statement
    }

    /// The statement headings are the English ones only: this step has never skipped the others.
    private static let statementMarkers = ImportVocabulary.english.statementHeadings + ImportVocabulary.english.releaseNotices

    /// The quoted words without their marks, and what follows the closing mark (“…,” said Jane Doe).
    private static func unquote(_ text: String) -> (String, String?) {
        var body = Substring(text.dropFirst())
        let closers: Set<Character> = ["”", "\"", "»", "“"]
        if let close = body.lastIndex(where: { closers.contains($0) }) {
            let after = body[body.index(after: close)...].trimmingWhitespace
            var words = String(body[..<close])
            if after.isEmpty { return (words.trimmingWhitespace, nil) }
            if words.hasSuffix(",") { words.removeLast(); words += "." }
            body = Substring(words)
            return (String(body).trimmingWhitespace, after)
        }
        return (String(body).trimmingWhitespace, nil)
    }

    /// "said Jane Doe, director of X." → ("Jane Doe", "director of X").
    private static func speaker(afterQuote text: String) -> (String, String?)? {
        var rest = Substring(text)
        while let first = rest.first, first == "," || first == " " { rest = rest.dropFirst() }
        let folded = Phrase.fold(rest)
        for verb in ImportVocabulary.all.speechVerbs where folded.hasPrefix(verb) {
            rest = rest.dropFirst(verb.count)
            var parts = rest.split(separator: ",").map { $0.trimmingWhitespace }
            guard !parts.isEmpty else { return nil }
            if var last = parts.popLast() {
                if last.hasSuffix(".") { last.removeLast() }
                parts.append(last)
            }
            let name = parts[0]
            let role = parts.count > 1 ? parts.dropFirst().joined(separator: ", ") : nil
            return (name, role)
        }
        return nil
    }

    /// "…, Marie Struthers, Amnesty International’s Director for…, said:" → the speaker and role.
    private static func speaker(leadingInto text: String) -> (String, String?)? {
        let folded = Phrase.fold(text)
        guard let verb = ImportVocabulary.all.speakerLeadIns.first(where: { folded.hasSuffix($0) }) else { return nil }
        let before = text.dropLast(verb.count)
        let parts = before.split(separator: ",").map { $0.trimmingWhitespace }
        for index in parts.indices.reversed() {
            let words = parts[index].split(separator: " ")
            guard (2...4).contains(words.count), words.allSatisfy({ $0.first?.isUppercase == true }), !parts[index].has("’s"), !parts[index].has("'s") else { continue }
            // "President of the Tunisian Order of Lawyers, which has called a strike" → the office only.
            let role = parts[(index + 1)...].prefix { part in
                !ImportVocabulary.all.relativePronouns.contains(where: { Phrase.fold(part).hasPrefix($0) })
            }.joined(separator: ", ")
            return (parts[index], role.isEmpty ? nil : role)
        }
        return nil
    }
}

private extension String {
    /// "A and B" → "A, B" for splitting a list of names.
    func replacingAnd() -> String {
        var result = self
        for joiner in ImportVocabulary.all.nameJoiners {
            while let range = result.byteRange(of: joiner) { result.replaceSubrange(range, with: ", ") }
        }
        return result
    }
}
