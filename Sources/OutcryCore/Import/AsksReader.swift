extension DocumentReading {
    /// The requests to the officials: from the letter, else from a list introduced by "calling on them to:".
    func findAsks(letter: LetterFinding, skipping consumed: Set<Int>) -> Found<[String]> {
        let fromLetter = LetterReader.asks(in: letter.letter.value?.paragraphs ?? [])
        if !fromLetter.isEmpty {
            let span = letter.lines.map { source.span(lines: $0.lowerBound...max($0.lowerBound, $0.upperBound - 1)) }
            return Found(fromLetter, at: span)
        }
        let (listed, span) = listedAsks(skipping: consumed)
        return listed.isEmpty ? .missing : Found(listed, at: span)
    }

    /// "Please ask the Minister to:", "call on him to:", "Please write immediately in Arabic…:".
    static func introducesAsks(_ folded: String) -> Bool {
        folded.endsWith(":") && folded.utf8.count < 240 && ImportVocabulary.all.askIntroductions.contains(where: folded.has)
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

    static func ask(fromListItem item: String) -> String? {
        var text = Phrase.collapse(item)
        while let end = text.last, end == ";" || end == "," { text.removeLast() }
        if text.endsWith(" and") { text = String(text.dropLast(4)) }
        let folded = Phrase.fold(text)
        let words = ImportVocabulary.all
        if words.concernOpeners.contains(where: folded.startsWith) { return nil }
        guard words.requestOpeners.contains(where: folded.startsWith) else { return text }
        guard let to = folded.byteRange(of: " to ") else { return text }
        return String(text.dropFirst(folded.distance(from: folded.startIndex, to: to.upperBound)))
    }
}
