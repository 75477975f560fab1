/// The lines above a statement's body: its headline and date, and the lines read as neither prose nor field.
struct StatementHeading {
    var title: Found<String> = .missing
    var date: Found<HistoricalDate> = .missing
    var bodyStart = 0
    var skip: Set<Int>
}

/// A statement's body cut into the organisation's own words and the people it quotes.
struct StatementSpeech {
    var lead: [Paragraph] = []
    var quotes: [ImportedQuote] = []
    var quoteLines: [ClosedRange<Int>] = []
}

extension DocumentReading {
    func readStatement(_ layout: DocumentLayout) -> ImportedStatement {
        var statement = ImportedStatement()
        let heading = findStatementHeading(skipping: Set(layout.labels.map(\.line)))
        statement.title = heading.title
        statement.date = heading.date
        let backgroundStart = layout.regions.first { $0.section == .background }?.lines.lowerBound ?? lines.count
        let body = paragraphs(in: heading.bodyStart..<backgroundStart, skipping: heading.skip)
        // A dateline opening the first paragraph: "New York, May 11, 2009–The Committee to Protect Journalists…".
        if !statement.date.isFound, let first = body.first, let (date, _) = DateReader.firstDate(in: first.text.prefix(48)) {
            statement.date = Found(date, at: source.span(lines: first.lines))
        }
        let speech = findSpeech(in: body)
        statement.lead = field(speech.lead)
        if !speech.quotes.isEmpty, let span = source.span(covering: speech.quoteLines) {
            statement.quotes = Found(speech.quotes, at: span)
        }
        var background: [Paragraph] = []
        for region in layout.regions where region.section == .background {
            let range = (region.lines.lowerBound + 1)..<max(region.lines.lowerBound + 1, region.lines.upperBound)
            background += paragraphs(in: range, skipping: heading.skip)
        }
        statement.background = field(background)
        let speakers = Set(speech.quotes.map(\.speaker))
        let prose = (speech.lead.map(\.text) + speech.quotes.flatMap(\.paragraphs) + background.map(\.text)).joined(separator: "\n")
        peopleTextRead?(prose)
        let people = NameFinder.people(in: prose, excluding: speakers, decision: nameDecision)
        if !people.isEmpty { statement.people = Found(people, at: statement.lead.span ?? statement.background.span) }
        let everything = ([statement.title.value ?? ""] + body.map(\.text) + background.map(\.text)).joined(separator: "\n")
        let organisations = NameFinder.organisations(in: everything)
        if !organisations.isEmpty {
            statement.organisations = Found(organisations, at: statement.lead.span ?? statement.background.span)
        }
        return statement
    }

    /// The headline and date among the first lines, and the heading and release lines to skip.
    func findStatementHeading(skipping labelLines: Set<Int>) -> StatementHeading {
        var heading = StatementHeading(skip: labelLines)
        for index in lines.indices.prefix(6) where !lines[index].isBlank {
            let line = lines[index]
            if Self.statementMarkers.contains(Self.bare(line.folded)) {
                heading.skip.insert(index)
                continue
            }
            if !heading.date.isFound, line.text.utf8.count <= 80, let (date, characters) = DateReader.firstDate(in: line.text),
                line.text.count - characters.count < 30
            {
                let lower = line.text.index(line.text.startIndex, offsetBy: characters.lowerBound)
                let upper = line.text.index(line.text.startIndex, offsetBy: characters.upperBound)
                heading.date = Found(date, at: source.span(line: index, lower..<upper))
                heading.skip.insert(index)
                heading.bodyStart = index + 1
                continue
            }
            if !heading.title.isFound, line.text.utf8.count <= 200, !line.text.hasSuffix("."), !line.text.hasPrefix("“") {
                heading.title = Found(line.text, at: source.span(line: index))
                heading.skip.insert(index)
                heading.bodyStart = index + 1
                continue
            }
            break
        }
        return heading
    }

    /// The statement headings are the English ones only: this step has never skipped the others.
    private static let statementMarkers = ImportVocabulary.english.statementHeadings + ImportVocabulary.english.releaseNotices

    /// Quoted paragraphs go to the speaker named after the quote or in the paragraph leading into it;
    /// the rest is the lead.
    func findSpeech(in body: [Paragraph]) -> StatementSpeech {
        var speech = StatementSpeech()
        var pendingSpeaker: (String, String?)?
        var skipNextAttribution = false
        // Pull quotes repeat words quoted just before; the last few quoted paragraphs are enough to compare.
        var recentlyQuoted: [String] = []
        for paragraph in body {
            let text = paragraph.text
            if let first = text.first, "“\"«„".contains(first) {
                var (words, attribution) = Self.unquote(text)
                var speaker = pendingSpeaker ?? speech.quotes.last.map { ($0.speaker, $0.role) }
                if let attribution, let said = Self.speaker(afterQuote: attribution) { speaker = said }
                if words.isEmpty { words = text }
                if let speaker {
                    if let last = speech.quotes.last, last.speaker == speaker.0, last.role == speaker.1,
                        attribution == nil || pendingSpeaker != nil
                    {
                        speech.quotes[speech.quotes.count - 1].paragraphs.append(words)
                    } else {
                        speech.quotes.append(ImportedQuote(speaker: speaker.0, role: speaker.1, paragraphs: [words]))
                    }
                    speech.quoteLines.append(paragraph.lines)
                    recentlyQuoted.append(words)
                    if recentlyQuoted.count > 8 { recentlyQuoted.removeFirst() }
                    if attribution != nil { pendingSpeaker = speaker }
                } else {
                    speech.lead.append(paragraph)
                }
                continue
            }
            // A pull quote repeats words already quoted, then names the speaker on the next line.
            if text.utf8.count < 2_000, recentlyQuoted.contains(where: { $0.has(text) }) {
                skipNextAttribution = true
                continue
            }
            if skipNextAttribution, let last = speech.quotes.last, text.hasPrefix(last.speaker) {
                skipNextAttribution = false
                continue
            }
            skipNextAttribution = false
            if let said = Self.speaker(leadingInto: text) {
                pendingSpeaker = said
                if !speech.quotes.isEmpty { continue }
            }
            speech.lead.append(paragraph)
        }
        return speech
    }

    /// The quoted words without their marks, and what follows the closing mark (“…,” said Jane Doe) or stands between
    /// two quotes (“…,” said Jane Doe, director. “…”).
    static func unquote(_ text: String) -> (String, String?) {
        if let split = attributionBetweenQuotes(text) { return split }
        var body = Substring(text.dropFirst())
        let closers: Set<Character> = ["”", "\"", "»", "“"]
        if let close = body.lastIndex(where: { closers.contains($0) }) {
            let after = body[body.index(after: close)...].trimmingWhitespace
            var words = String(body[..<close])
            if after.isEmpty { return (words.trimmingWhitespace, nil) }
            if words.hasSuffix(",") {
                words.removeLast()
                words += "."
            }
            body = Substring(words)
            return (String(body).trimmingWhitespace, after)
        }
        return (String(body).trimmingWhitespace, nil)
    }

    private static func attributionBetweenQuotes(_ text: String) -> (String, String?)? {
        let body = text.dropFirst()
        guard let close = body.firstIndex(where: { "”»\"".contains($0) }) else { return nil }
        let after = body[body.index(after: close)...]
        guard let reopen = after.firstIndex(where: { "“«\"„".contains($0) }) else { return nil }
        let attribution = after[..<reopen].trimmingWhitespace
        guard !attribution.isEmpty, speaker(afterQuote: attribution) != nil else { return nil }
        var first = String(body[..<close]).trimmingWhitespace
        if first.hasSuffix(",") {
            first.removeLast()
            first += "."
        }
        let (second, _) = unquote(String(after[reopen...]))
        return (first + " " + second, attribution)
    }

    /// "said Jane Doe, director of X." → ("Jane Doe", "director of X").
    static func speaker(afterQuote text: String) -> (String, String?)? {
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
    static func speaker(leadingInto text: String) -> (String, String?)? {
        let folded = Phrase.fold(text)
        guard let verb = ImportVocabulary.all.speakerLeadIns.first(where: { folded.hasSuffix($0) }) else { return nil }
        let before = text.dropLast(verb.count)
        let parts = before.split(separator: ",").map { $0.trimmingWhitespace }
        for index in parts.indices.reversed() {
            let words = parts[index].split(separator: " ")
            guard (2...4).contains(words.count), words.allSatisfy({ $0.first?.isUppercase == true }),
                !parts[index].has("’s"), !parts[index].has("'s")
            else { continue }
            // "President of the Tunisian Order of Lawyers, which has called a strike" → the office only.
            let role = parts[(index + 1)...].prefix { part in
                !ImportVocabulary.all.relativePronouns.contains(where: { Phrase.fold(part).hasPrefix($0) })
            }.joined(separator: ", ")
            return (parts[index], role.isEmpty ? nil : role)
        }
        return nil
    }
}
