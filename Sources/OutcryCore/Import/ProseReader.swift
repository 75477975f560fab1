/// The prose of an Urgent Action: the account, the steps for supporters and the background.
extension DocumentReading {
    /// The account under the headline, up to where the document turns to what to do or to the officials.
    func findSummary(
        _ layout: DocumentLayout, title: Found<String>, from summaryStart: Int, skipping: Set<Int>, officials: [ImportedTarget]
    ) -> [Paragraph] {
        let runTogether = title.value.flatMap { runTogetherSummary(title: $0, header: layout.header) }
        var skip = skipping.union(0..<summaryStart)
        if let runTogether { skip.formUnion(runTogether.lines) }
        var summary: [Paragraph] = []
        let unlabelled = !layout.regions.contains { $0.section != nil }
        let firstOfficial = officials.compactMap { $0.span?.start }.min() ?? Int.max
        for paragraph in paragraphs(in: layout.header, skipping: skip) {
            let folded = Phrase.fold(paragraph.text)
            // Without labels, the account ends where the document turns to what to do.
            if unlabelled, !summary.isEmpty, Self.turnsToAction(folded) { break }
            if Self.introducesAsks(lines[paragraph.lines.lowerBound].folded) || Self.introducesAsks(folded) { break }
            if ImportVocabulary.englishAndGerman.noFurtherActionSentences.contains(where: folded.has) { continue }
            if firstOfficial < source.lines[paragraph.lines.lowerBound].start { break }
            summary.append(paragraph)
        }
        summary.removeAll { isMetaParagraph($0) }
        if let runTogether { summary.insert(runTogether, at: 0) }
        return summary
    }

    /// "We are asking everyone to write to…", "Please write…": prose that turns from the account to the action.
    static func turnsToAction(_ folded: String) -> Bool {
        ImportVocabulary.all.callsToWrite.contains(where: folded.has)
    }

    /// The steps for supporters under "Take action", up to the letter or the requests.
    func findSteps(_ layout: DocumentLayout, letter: Range<Int>?, skipping consumed: Set<Int>) -> [Paragraph] {
        var steps: [Paragraph] = []
        for region in layout.regions where region.section == .takeAction {
            var range = region.lines
            if let letter, range.contains(letter.lowerBound) { range = range.lowerBound..<letter.lowerBound }
            if let inline = layout.labelAtLine[region.lines.lowerBound]?.inline {
                steps.append(Paragraph(text: inline, lines: region.lines.lowerBound...region.lines.lowerBound))
            }
            for paragraph in paragraphs(in: (range.lowerBound + 1)..<max(range.lowerBound + 1, range.upperBound), skipping: consumed) {
                let first = lines[paragraph.lines.lowerBound]
                if Self.introducesAsks(first.folded) { break }
                // A line about languages or the deadline between the steps is a field, not a step.
                if !first.hadBullet, isMetaParagraph(paragraph) || Self.sentencesAreMeta(paragraph.text) { continue }
                steps.append(paragraph)
            }
        }
        return steps
    }

    private static func sentencesAreMeta(_ text: String) -> Bool {
        let sentences = Sentences.split(text)
        return sentences.count > 1
            && sentences.allSatisfy { sentence in
                let folded = Phrase.fold(sentence)
                return DeadlineReader.phrase(in: folded) != nil || LanguageReader.mentionsLanguageChoice(folded)
            }
    }

    func findBackground(_ layout: DocumentLayout, skipping: Set<Int>) -> [Paragraph] {
        var background: [Paragraph] = []
        for region in layout.regions where region.section == .background {
            let range = (region.lines.lowerBound + 1)..<max(region.lines.lowerBound + 1, region.lines.upperBound)
            background += paragraphs(in: range, skipping: skipping).filter { !isMetaParagraph($0) }
        }
        return background
    }
}
