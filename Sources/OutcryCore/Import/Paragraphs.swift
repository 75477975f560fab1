/// A run of prose lines read as one paragraph.
struct Paragraph {
    let text: String
    let lines: ClosedRange<Int>
}

extension DocumentReading {
    /// Prose paragraphs of `range`: consecutive lines joined (hard wraps undone), list items apart.
    func paragraphs(in range: Range<Int>, skipping: Set<Int>) -> [Paragraph] {
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
                    // A line well short of the longest ends its paragraph; so does one longer than any text is wrapped at
                    // (a paragraph to a line, however long the next one).
                    let short = run.count >= 3 ? previous.count < width - 15 || previous.utf8.count > 200 : true
                    if lines[index].hadBullet || (ends && short) {
                        paragraphs.append(Paragraph(text: Phrase.collapse(text), lines: first...run[position - 1]))
                        text = ""
                        first = index
                    }
                }
                if text.isEmpty {
                    text = line
                } else if text.endsWith("-"), text.dropLast().last?.isLetter == true, line.first?.isLowercase == true {
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
    func isMetaParagraph(_ paragraph: Paragraph) -> Bool {
        // Every test below wants fewer than 160 folded bytes, and folding makes a character at most three times
        // shorter (’ to '): a longer paragraph is prose, and is not folded to find it out.
        guard paragraph.text.utf8.count < 480 else { return false }
        let folded = Phrase.fold(paragraph.text)
        if folded.utf8.count < 120, DeadlineReader.phrase(in: folded) != nil { return true }
        if folded.utf8.count < 160, LanguageReader.mentionsLanguageChoice(folded) { return true }
        if folded.utf8.count < 60, DateReader.firstDate(in: folded) != nil, folded.split(separator: " ").count <= 5 { return true }
        if folded.utf8.count < 80, NumberReader.number(in: paragraph.text) != nil, !folded.has(". ") { return true }
        return false
    }
}
