/// The sample letter and the lines it takes up.
struct LetterFinding {
    var letter: Found<ImportedLetter> = .missing
    /// From the first to the last line the letter uses.
    var lines: Range<Int>?
    var usedLines: Set<Int> = []
}

extension DocumentReading {
    /// The sample letter: under its label, or from a salutation anywhere outside the contact blocks.
    func findLetter(_ layout: DocumentLayout) -> LetterFinding {
        let range: Range<Int>
        if let region = layout.regions.first(where: { $0.section == .letter }) {
            range = region.lines
        } else if let start = lines.indices.first(where: opensLetter(layout)) {
            let next = layout.regions.first { $0.lines.lowerBound > start && $0.section != nil && $0.section != .salutation }
            range = start..<(next?.lines.lowerBound ?? lines.count)
        } else {
            return LetterFinding()
        }
        let (letter, used) = readLetter(range)
        let letterLines = (used.min() ?? range.lowerBound)..<((used.max() ?? range.upperBound - 1) + 1)
        return LetterFinding(letter: letter, lines: letterLines, usedLines: used)
    }

    /// A salutation outside the officials' blocks, or inside one when the letter's prose follows it ("1030 Wien" /
    /// "INHALT" / "Sehr geehrter Herr Staatsanwalt," / the letter), or one running into that prose.
    private func opensLetter(_ layout: DocumentLayout) -> (Int) -> Bool {
        { index in
            if LetterReader.leadingSalutation(lines[index]) != nil { return true }
            let isSalutation = LetterReader.isSalutation(lines[index])
            guard isSalutation || LetterReader.isOfficeSalutation(lines[index]) else { return false }
            if isSalutation, !layout.inContactRegion[index] { return true }
            // The next line with words is the letter's prose.
            return lines.indices.dropFirst(index + 1).first { !lines[$0].isBlank }.map { lines[$0].text.utf8.count > 120 } ?? false
        }
    }

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
        // An introduction may come first ("Use this letter as a guide:"); the salutation is within a few lines,
        // on a line of its own or opening the letter's first sentence.
        var look = index
        var seen = 0
        var sharedLine: (line: Int, salutation: String)?
        while look < range.upperBound, seen < 4 {
            if !lines[look].isBlank {
                // "Presidente Maduro:" counts where it was found to open the letter.
                if LetterReader.isSalutation(lines[look]) || look == range.lowerBound && LetterReader.isOfficeSalutation(lines[look]) {
                    salutation = Found(lines[look].text, at: source.span(line: look))
                    used.insert(look)
                    index = look + 1
                    break
                }
                if let range = LetterReader.leadingSalutation(lines[look]) {
                    let text = lines[look].text
                    let opening = String(text[range]).trimmingWhitespace
                    salutation = Found(opening, at: source.span(line: look, range))
                    sharedLine = (look, opening)
                    index = look
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
        // The first paragraph begins after the salutation (and the heading before it) on their shared line.
        if let sharedLine, let first = paragraphs.first, first.lines.lowerBound == sharedLine.line,
            let salutation = first.text.byteRange(of: sharedLine.salutation)
        {
            paragraphs[0] = Paragraph(text: String(first.text[salutation.upperBound...]).trimmingWhitespace, lines: first.lines)
        }
        if gluedClosing, let last = paragraphs.last, let text = closing.value, last.text.endsWith(text) {
            let text = String(last.text.dropLast(text.count)).trimmingWhitespace
            paragraphs[paragraphs.count - 1] = Paragraph(text: text, lines: last.lines)
        }
        for index in index..<end { used.insert(index) }
        guard salutation.isFound || !paragraphs.isEmpty else { return (.missing, used) }
        let letter = ImportedLetter(salutation: salutation, paragraphs: paragraphs.map(\.text), closing: closing)
        return (Found(letter, at: source.span(lines: (used.min() ?? start)...max(used.min() ?? start, end - 1))), used)
    }
}
