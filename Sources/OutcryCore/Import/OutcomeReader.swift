extension DocumentReading {
    /// How it ended: the account's first sentence when it says so ("…acquitted…"), else the sentence saying
    /// no further action is requested, else the account's first sentence.
    func findOutcome(summary: [Paragraph]) -> Found<String> {
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
}
