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
        // One under a subtitle: "(New York, le 4 février 2011) - Les autorités…".
        for paragraph in body.prefix(3).dropFirst() where !statement.date.isFound {
            guard Self.opensOnDateline(paragraph.text) || paragraph.text.startsWith("("),
                let (date, characters) = DateReader.firstDate(in: paragraph.text.prefix(60)), characters.upperBound < 60
            else { continue }
            statement.date = Found(date, at: source.span(lines: paragraph.lines))
        }
        // A date on a line of its own or after a label, below the first paragraph: "18 January 2012", "Posted: 09
        // December 2011".
        if !statement.date.isFound, let (date, line) = labelledOrLoneDate(before: min(lines.count, 14)) {
            statement.date = Found(date, at: source.span(line: line))
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
            // "Amnistía Internacional España", "Actualités", "Foto: …": the site's lines, not the headline.
            if !heading.title.isFound, line.text.utf8.count <= 200, Self.isSiteLine(line.text, folded: line.folded) {
                heading.skip.insert(index)
                continue
            }
            if !heading.title.isFound, line.text.utf8.count <= 200, !line.text.endsWith("."), !line.text.startsWith("“") {
                let start = Self.leadingYearEnd(line.text[...]) ?? line.text.startIndex
                heading.title = Found(String(line.text[start...]), at: source.span(line: index, start..<line.text.endIndex))
                heading.skip.insert(index)
                heading.bodyStart = index + 1
                continue
            }
            break
        }
        return heading
    }

    private func labelledOrLoneDate(before end: Int) -> (HistoricalDate, Int)? {
        for index in 0..<end where !lines[index].isBlank && lines[index].text.utf8.count <= 80 {
            let text = lines[index].text
            guard text.hasDigit, let (date, characters) = DateReader.firstDate(in: text) else { continue }
            let isLabelled = Self.publicationLabels.contains { lines[index].folded.startsWith($0) }
            if isLabelled || text.count - characters.count <= 4 { return (date, index) }
        }
        return nil
    }

    private static let publicationLabels = ImportVocabulary.all.publicationLabels

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
        // Each speaker named in full, by their last name: "…," adds Holmes.
        var bySurname: [Substring: (String, String?)] = [:]
        for paragraph in body {
            var text = paragraph.text
            // "…Refugee Rights Advisor, Dr Graham Thom, said: “That some of these people…”": the lead-in and the quote
            // on one line.
            if let (leadIn, quote) = Self.leadInAndQuote(text), let said = Self.speaker(leadingInto: leadIn) {
                pendingSpeaker = said
                text = quote
            }
            if let first = text.first, "“\"«„".contains(first) {
                var (words, attribution) = Self.unquote(text)
                var speaker = pendingSpeaker ?? speech.quotes.last.map { ($0.speaker, $0.role) }
                if let attribution, let said = Self.speaker(afterQuote: attribution) { speaker = said }
                // "…," adds Holmes.: the speaker named in full before.
                if let said = speaker, !said.0.contains(" "), let earlier = bySurname[Substring(said.0)] {
                    speaker = earlier
                } else if let said = speaker, let surname = said.0.split(separator: " ").last, said.0.contains(" "),
                    bySurname[surname] == nil
                {
                    bySurname[surname] = said
                }
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
            if skipNextAttribution, let last = speech.quotes.last, text.startsWith(last.speaker) {
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

    /// A paragraph opening with who speaks, then the quote: its part up to the colon, and the quote.
    private static func leadInAndQuote(_ text: String) -> (String, String)? {
        guard let first = text.first, !"“\"«„".contains(first), text.utf8.count < 4_000 else { return nil }
        let folded = Phrase.fold(text)
        guard folded.count == text.count else { return nil }
        for leadIn in Self.colonLeadIns {
            guard let range = folded.byteRange(of: leadIn) else { continue }
            let end = folded.distance(from: folded.startIndex, to: range.upperBound)
            let quote = text.dropFirst(end)
            guard let mark = quote.first, "“\"«„".contains(mark) else { continue }
            return (String(text.prefix(end - 1)), String(quote))
        }
        return nil
    }

    /// ", said ", ", dijo "…: a speech verb after a quote's last comma, made once.
    private static let commaVerbs = ImportVocabulary.all.speechVerbs.map { ", " + $0 }
    /// " said: ", " a déclaré : "…: lead-ins ending on a colon, with the space before the quote.
    private static let colonLeadIns = ImportVocabulary.all.speakerLeadIns.filter { $0.endsWith(":") }.map { $0 + " " }

    /// The quoted words without their marks, and what follows the closing mark (“…,” said Jane Doe) or stands between
    /// two quotes (“…,” said Jane Doe, director. “…”), or what ends the quote inside its marks in French and Spanish
    /// («…, déclare Jane Doe, directrice.»).
    static func unquote(_ text: String) -> (String, String?) {
        if let split = attributionBetweenQuotes(text) { return split }
        var body = Substring(text.dropFirst())
        let closers: Set<Character> = ["”", "\"", "»", "“"]
        if let (words, attribution) = attributionInsideMarks(body, closers: closers) { return (words, attribution) }
        if let (words, attribution) = attributionBetweenDashes(body, closers: closers) { return (words, attribution) }
        if let close = body.lastIndex(where: { closers.contains($0) }) {
            let after = body[body.index(after: close)...].trimmingWhitespace
            var words = String(body[..<close])
            if after.isEmpty { return (words.trimmingWhitespace, nil) }
            if words.endsWith(",") {
                words.removeLast()
                words += "."
            }
            body = Substring(words)
            return (String(body).trimmingWhitespace, after)
        }
        return (String(body).trimmingWhitespace, nil)
    }

    /// «…, déclare Jane Doe, directrice.»: the speech verb after the quote's last comma, inside the marks.
    private static func attributionInsideMarks(_ body: Substring, closers: Set<Character>) -> (String, String)? {
        var inner = body.trimmingWhitespace
        while let last = inner.last, closers.contains(last) || last == " " { inner.removeLast() }
        // The marks close after the attribution only: a closing mark inside them ends the quote earlier.
        guard !inner.contains(where: { closers.contains($0) }) else { return nil }
        let folded = Phrase.fold(inner)
        guard folded.count == inner.count else { return nil }
        // Most quotes hold no ", said": the bytes say so before any attribution is read.
        let verbs = Self.commaVerbs.compactMap { folded.byteRange(of: $0, backwards: true) }
        guard let comma = verbs.map(\.lowerBound).max() else { return nil }
        let offset = folded.distance(from: folded.startIndex, to: comma)
        let split = inner.index(inner.startIndex, offsetBy: offset)
        let after = String(inner[inner.index(after: split)...])
        guard speaker(afterQuote: after) != nil else { return nil }
        return (String(inner[..<split]).trimmingWhitespace + ".", after)
    }

    /// “…con muchísimo retraso –ha señalado Perseo Quiroz, director ejecutivo–. Hace décadas…”: the attribution
    /// between dashes inside the quote, as Spanish sets it.
    private static func attributionBetweenDashes(_ body: Substring, closers: Set<Character>) -> (String, String)? {
        // "–" and "—" are E2 80 93 and E2 80 94: most quotes hold neither, which their bytes say at once.
        let utf8 = body.utf8
        guard utf8.count < 4_000, let open = utf8.indices.first(where: { utf8[$0] == 0xE2 && Self.isDash(utf8, at: $0) }) else {
            return nil
        }
        let after = body[body.index(after: open)...]
        let folded = Phrase.fold(after.prefix(40))
        guard ImportVocabulary.all.speechVerbs.contains(where: folded.startsWith),
            let close = after.firstIndex(where: { $0 == "–" || $0 == "—" })
        else { return nil }
        let attribution = String(after[..<close]).trimmingWhitespace
        guard speaker(afterQuote: attribution) != nil else { return nil }
        var rest = after[after.index(after: close)...].drop { $0 == "." || $0 == "," || $0 == " " }
        while let last = rest.last, closers.contains(last) || last == " " { rest = rest.dropLast() }
        let before = String(body[..<open]).trimmingWhitespace
        let words = rest.isEmpty ? before + "." : before + ". " + rest
        return (words, attribution)
    }

    private static func isDash(_ utf8: Substring.UTF8View, at index: Substring.UTF8View.Index) -> Bool {
        let second = utf8.index(after: index)
        guard second < utf8.endIndex, utf8[second] == 0x80 else { return false }
        let third = utf8.index(after: second)
        return third < utf8.endIndex && (utf8[third] == 0x93 || utf8[third] == 0x94)
    }

    private static func attributionBetweenQuotes(_ text: String) -> (String, String?)? {
        let body = text.dropFirst()
        guard let close = body.firstIndex(where: { "”»\"".contains($0) }) else { return nil }
        let after = body[body.index(after: close)...]
        guard let reopen = after.firstIndex(where: { "“«\"„".contains($0) }) else { return nil }
        let attribution = after[..<reopen].trimmingWhitespace
        guard !attribution.isEmpty, speaker(afterQuote: attribution) != nil else { return nil }
        var first = String(body[..<close]).trimmingWhitespace
        if first.endsWith(",") {
            first.removeLast()
            first += "."
        }
        let (second, _) = unquote(String(after[reopen...]))
        return (first + " " + second, attribution)
    }

    /// "said Jane Doe, director of X." → ("Jane Doe", "director of X"); "déclare Jane Doe directrice du bureau" →
    /// ("Jane Doe", "directrice du bureau"); "CPJ Executive Director Ann Cooper said." → ("Ann Cooper", "CPJ Executive
    /// Director").
    static func speaker(afterQuote text: String) -> (String, String?)? {
        var rest = Substring(text)
        while let first = rest.first, first == "," || first == " " { rest = rest.dropFirst() }
        rest = withoutCircumstance(rest)
        let folded = Phrase.fold(rest)
        if folded.count == rest.count, let verb = ImportVocabulary.all.speechVerbs.first(where: { Self.endsWithVerb(folded, $0) }) {
            // The name is the last capitalised words before the verb; the words before it, the role.
            let words = rest.dropLast(verb.count + (folded.endsWith(".") ? 1 : 0)).split(separator: " ")
            let name = words.reversed().prefix { $0.first?.isUppercase == true && !isRoleWord($0) }.prefix(4).reversed()
            guard name.count >= 2 else { return nil }
            var role = words.dropLast(name.count).joined(separator: " ")
            while role.last == "," { role.removeLast() }
            return (name.joined(separator: " "), role.isEmpty ? nil : role)
        }
        for verb in ImportVocabulary.all.speechVerbs where folded.startsWith(verb) {
            rest = rest.dropFirst(verb.count)
            var parts = rest.split(separator: ",").map { $0.trimmingWhitespace }
            guard !parts.isEmpty else { return nil }
            if var last = parts.popLast() {
                if last.endsWith(".") { last.removeLast() }
                parts.append(last)
            }
            // "says Amnesty's Chief Executive Officer, Patrick Holmes": the role first, then the name.
            if parts.count == 2, parts[1].first?.isUppercase == true, isRole(parts[0]), let name = nameAfterRole(parts[1]), name.role == nil
            {
                return (name.name, parts[0])
            }
            // "said OMCT Secretary General Gerald Staberock": the name after the role's last word.
            if parts[0].split(separator: " ").count >= 3, let name = nameAfterRole(parts[0]), name.role != nil {
                return (name.name, ([name.role!] + parts.dropFirst()).joined(separator: ", "))
            }
            // "Souhaieb Khayati directeur du Bureau Afrique du Nord": the name's capitalised words, then the role.
            let words = parts[0].split(separator: " ")
            let nameLength = words.prefix { $0.first?.isUppercase == true || NameFinder.isNameParticle(Phrase.fold($0)) }.count
            var roleParts = Array(parts.dropFirst())
            if nameLength >= 2, nameLength < words.count {
                roleParts.insert(words.dropFirst(nameLength).joined(separator: " "), at: 0)
            }
            let name = nameLength >= 2 ? words.prefix(nameLength).joined(separator: " ") : parts[0]
            return (name, roleParts.isEmpty ? nil : roleParts.joined(separator: ", "))
        }
        return nil
    }

    /// Whether the words name a role: "Amnesty's Chief Executive Officer", "ROG-Geschäftsführer".
    private static func isRole(_ text: String) -> Bool {
        text.split(separator: " ").contains { isRoleWord($0) }
    }

    private static func isRoleWord(_ word: Substring) -> Bool {
        let folded = Phrase.fold(word.split(separator: "-").last ?? word).trimmingCharacters(in: [",", ".", ":"])
        return ContactReader.isOfficeWord(folded) || roleWords.contains(folded)
    }

    /// The capitalised words of `text` after the last word of a role before them: "OMCT Secretary General Gerald
    /// Staberock" → ("Gerald Staberock", "OMCT Secretary General"); "Patrick Holmes" → ("Patrick Holmes", nil).
    private static func nameAfterRole(_ text: String) -> (name: String, role: String?)? {
        var words = text.split(separator: " ")
        if words.last?.endsWith(".") == true, let last = words.popLast() { words.append(last.dropLast()) }
        guard words.allSatisfy({ $0.first?.isUppercase == true || NameFinder.isNameParticle(Phrase.fold($0)) }) else { return nil }
        let roleEnd = (words.lastIndex { isRoleWord($0) }).map { $0 + 1 } ?? 0
        let name = words[roleEnd...]
        guard (2...4).contains(name.count), !name.contains(where: { $0.has("’s") || $0.has("'s") }) else { return nil }
        return (name.joined(separator: " "), roleEnd > 0 ? words[..<roleEnd].joined(separator: " ") : nil)
    }

    private static let roleWords: Set<String> = [
        "executive", "officer", "coordinator", "campaigner", "researcher", "spokesperson", "spokesman", "spokeswoman", "advisor",
        "adviser", "manager", "geschäftsführer", "geschäftsführerin", "direktor", "direktorin", "sprecher", "sprecherin",
        "vorstandssprecher", "directeur", "directrice", "directora", "portavoz", "coordinadora", "coordinador", "responsable",
    ]

    /// Whether `folded` ends with the speech verb: "… said." — not an opening "said Jane Doe".
    /// "CPJ Program Coordinator Sherif Mansour said in the statement.": the words after the speech verb say where or
    /// when it was said, not who said it. The attribution up to the verb.
    private static func withoutCircumstance(_ text: Substring) -> Substring {
        let words = text.split(separator: " ")
        guard words.count >= 3,
            let verb = words.indices.dropFirst().last(where: { singleWordSpeechVerbs.contains(Phrase.fold(words[$0])) }),
            (1...6).contains(words.count - verb - 1), words[(verb + 1)...].allSatisfy({ $0.first?.isLowercase == true })
        else { return text }
        return text[..<words[verb].endIndex]
    }

    private static let singleWordSpeechVerbs = Set(
        ImportVocabulary.all.speechVerbs.map { $0.trimmingWhitespace }.filter { !$0.contains(" ") })

    private static func endsWithVerb(_ folded: String, _ verb: String) -> Bool {
        let bare = " " + verb.trimmingWhitespace
        return folded.endsWith(bare) || folded.endsWith(bare + ".")
    }

    /// "…, Marie Struthers, Amnesty International’s Director for…, said:" → the speaker and role.
    static func speaker(leadingInto text: String) -> (String, String?)? {
        let folded = Phrase.fold(text)
        guard let verb = ImportVocabulary.all.speakerLeadIns.first(where: { folded.endsWith($0) }) else { return nil }
        let before = text.dropLast(verb.count)
        let parts = before.split(separator: ",").map { $0.trimmingWhitespace }
        for index in parts.indices.reversed() {
            let words = parts[index].split(separator: " ")
            guard (2...4).contains(words.count), words.allSatisfy({ $0.first?.isUppercase == true }),
                !parts[index].has("’s"), !parts[index].has("'s")
            else { continue }
            // "President of the Tunisian Order of Lawyers, which has called a strike" → the office only.
            let role = parts[(index + 1)...].prefix { part in
                !ImportVocabulary.all.relativePronouns.contains(where: { Phrase.fold(part).startsWith($0) })
            }.joined(separator: ", ")
            // "Dr Graham Thom": the name without its honorific.
            let first = Phrase.fold(words[0])
            let honorific = NameFinder.honorifics.contains(first.endsWith(".") ? String(first.dropLast()) : first)
            let name = honorific && words.count > 2 ? words.dropFirst().joined(separator: " ") : parts[index]
            return (name, role.isEmpty ? nil : role)
        }
        return nil
    }
}
