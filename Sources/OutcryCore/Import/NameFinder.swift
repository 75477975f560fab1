import Foundation

/// Finds the names a text gives — people at risk, organisations, countries — from the words around
/// them ("journalist Jane Doe", "Jane Doe, a 23-year-old factchecker", "the State Committee … (GKNB)").
/// It only reports a name when the text itself says what it is.
enum NameFinder {
    private struct Word {
        let text: Substring
        let range: Range<String.Index>
        /// Folded when asked: most words are never looked up.
        var folded: String { Phrase.fold(text) }
        var isCapitalised: Bool {
            // Most words are ASCII: their first byte says it without Unicode's tables.
            guard let byte = text.utf8.first else { return false }
            if byte < 0x80 { return (0x41...0x5A).contains(byte) }
            return text.first?.isUppercase ?? false
        }
    }

    /// Names of people the text presents as such, in order of first mention, without `excluding`: introduced by a
    /// role or an honorific, followed by a description, continuing a list of such names, or named in full more than
    /// once (the account is about them) — or, with a tagger, as its model weighs these cues and the words around.
    static func people(in text: String, excluding: Set<String> = [], decision: NameDecision = .shipped) -> [String] {
        let tagger: NameTagger?
        switch decision {
        case .rules: tagger = nil
        case .tagger(let model), .either(let model): tagger = model
        }
        let reading = CandidateReading(text: text, forTagger: tagger != nil)
        let candidates = reading.candidates
        var names: [String] = []
        var seen = excluding
        for number in reading.officeHoldersAndSpeakers { seen.insert(candidates[number].name) }
        var previousPersonEnd: Int?
        for (number, (name, start, end)) in candidates.enumerated() {
            func byRules() -> Bool {
                reading.listed.contains(number) || introducedByRole(reading.words, before: start, in: text)
                    || followedByDescription(reading.words, after: end, in: text)
                    || continuesList(reading.words, before: start, previousEnd: previousPersonEnd, in: text)
                    || reading.mentions[name, default: 0] > 1
            }
            let isPerson: Bool
            switch decision {
            case .rules: isPerson = byRules()
            case .tagger(let tagger): isPerson = tagger.score(reading.features(of: number)) > 0
            case .either(let tagger): isPerson = byRules() || tagger.score(reading.features(of: number)) > 0
            }
            // "Rosa Elena" after "Rosa Elena Cruz Hernández", "Mohammed el Bay" after "Mohamed el Bay": the same person.
            if isPerson, !names.contains(where: { $0.startsWith(name + " ") || $0.endsWith(" " + name) || isSpellingOf($0, name) }) {
                previousPersonEnd = end
                if seen.insert(name).inserted { names.append(name) }
            }
        }
        return names
    }

    /// Every candidate name in `text` with the features the tagger weighs, for training it.
    static func mentions(in text: String) -> [(name: String, features: [String])] {
        let reading = CandidateReading(text: text, forTagger: true)
        return reading.candidates.indices.map { (reading.candidates[$0].name, reading.features(of: $0)) }
    }

    /// Whether `candidate` names one of the people at risk listed in `expected`: the same name, a part of it
    /// ("Patrick Zaki" of "Patrick George Zaki") or another spelling — as `people(in:)` would merge them.
    static func names(_ candidate: String, oneOf expected: [String]) -> Bool {
        let parts = Set(Phrase.words(in: Phrase.fold(candidate)).map { String($0.word) })
        return expected.contains { person in
            let personParts = Set(Phrase.words(in: Phrase.fold(person)).map { String($0.word) })
            return Phrase.collapse(person) == Phrase.collapse(candidate) || parts.isSubset(of: personParts)
                || isSpellingOf(person, candidate)
        }
    }

    /// The capitalised runs of a text that may be names, and what is known of each before deciding.
    private struct CandidateReading {
        let text: String
        let words: [Word]
        let candidates: [(name: String, start: Int, end: Int)]
        let mentions: [String: Int]
        let listed: Set<Int>
        /// Capitalised words standing alone, folded; only gathered for the tagger.
        let standalone: Set<String>
        /// Words written in lower case somewhere in the text, as written; only gathered for the tagger.
        let lowerCase: Set<Substring>
        /// The candidates the text presents as office-holders or speakers.
        private(set) var officeHoldersAndSpeakers = Set<Int>()
        /// For the tagger, made once: every word folded, whether a sentence ends before it, and what it says of the
        /// sentence it stands in (an arrest, an office, a role).
        private var folded: [String] = []
        private var sentenceBreakBefore: [Bool] = []
        private var sentenceCues: [[String]] = []

        init(text: String, forTagger: Bool) {
            self.text = text
            let words = Phrase.words(in: text).map { Word(text: $0.word, range: $0.range) }
            // Each word is weighed once, though a name's end and the next name's start both ask of it.
            let nameWords = words.map(isNameWord)
            var candidates: [(name: String, start: Int, end: Int)] = []
            var index = 0
            while index < words.count {
                guard let end = nameEnd(words, nameWords, from: index, in: text) else {
                    index += 1
                    continue
                }
                candidates.append((String(text[nameStart(words[index], in: text)..<words[end].range.upperBound]), index, end))
                index = end + 1
            }
            // "Außer Nassima al-Sada", "Aktivist Alaa Abdel Fattah": a capitalised word run into a name the text
            // gives elsewhere without it is no part of it.
            let names = Set(candidates.map(\.name))
            for number in candidates.indices where candidates[number].end - candidates[number].start >= 2 {
                let (_, start, end) = candidates[number]
                let rest = String(text[nameStart(words[start + 1], in: text)..<words[end].range.upperBound])
                if names.contains(rest) { candidates[number] = (rest, start + 1, end) }
            }
            var mentions: [String: Int] = [:]
            for candidate in candidates { mentions[candidate.name, default: 0] += 1 }
            self.words = words
            self.candidates = candidates
            self.mentions = mentions
            self.listed = listedNames(candidates, words, in: text)
            var standalone = Set<String>()
            if forTagger {
                // Only the words the features look at (twelve around each candidate) are folded and weighed.
                var near = [Bool](repeating: false, count: words.count)
                for candidate in candidates {
                    for index in max(0, candidate.start - 12)...min(words.count - 1, candidate.end + 12) { near[index] = true }
                }
                folded = words.indices.map { near[$0] ? words[$0].folded : "" }
                sentenceBreakBefore = words.indices.map { index in
                    guard index > 0 else { return true }
                    let (from, to) = (words[index - 1].range.upperBound, words[index].range.lowerBound)
                    return !(text.utf8[from..<to].allSatisfy { $0 == 0x20 } || noSentenceBreak(text, from: from, to: to))
                }
                sentenceCues = folded.map { word in
                    var cues: [String] = []
                    guard !word.isEmpty else { return cues }
                    if detentionWords.contains(word) { cues.append("sentence=" + word) }
                    if officeWords.contains(word) { cues.append("sentence-office") }
                    if isRole(word) { cues.append("sentence-role") }
                    return cues
                }
                for index in words.indices where words[index].isCapitalised {
                    if (index == 0 || !words[index - 1].isCapitalised) && (index + 1 == words.count || !words[index + 1].isCapitalised) {
                        standalone.insert(near[index] ? folded[index] : words[index].folded)
                    }
                }
            }
            self.standalone = standalone
            // "Executions Not Resumed", "Alternative Place": words a text also writes in lower case are seldom a name's.
            // Only the candidates' words are looked for, and a word's length says most often that it is none of them.
            var lowerCase = Set<Substring>()
            if forTagger {
                var wanted = Set<Substring>()
                var lengths = [Bool](repeating: false, count: 64)
                for candidate in candidates {
                    for index in candidate.start...candidate.end {
                        let lowered = Substring(words[index].text.lowercased())
                        guard lowered.utf8.count > 2, lowered.utf8.count < lengths.count else { continue }
                        lengths[lowered.utf8.count] = true
                        wanted.insert(lowered)
                    }
                }
                for word in words where word.text.utf8.count < lengths.count && lengths[word.text.utf8.count] {
                    if !word.isCapitalised, wanted.contains(word.text) { lowerCase.insert(word.text) }
                }
            }
            self.lowerCase = lowerCase
            for (number, candidate) in candidates.enumerated()
            where introducedByOffice(words, before: candidate.start, in: text) || isSpeakerOrCredit(candidate, words, in: text) {
                officeHoldersAndSpeakers.insert(number)
            }
        }

        /// The cues the rules read, and the words, punctuation and shapes around the candidate numbered `number`.
        func features(of number: Int) -> [String] {
            let (name, start, end) = candidates[number]
            var features = ["bias", "words=\(min(end - start + 1, 4))", "mentions=\(min(mentions[name, default: 0], 3))"]
            // Accounts name their subject early.
            features.append(start < 40 ? "position=opening" : start < 150 ? "position=early" : "position=later")
            func add(_ cue: String, _ holds: Bool) { if holds { features.append(cue) } }
            add("listed", listed.contains(number))
            add("role", introducedByRole(words, before: start, in: text))
            if let description = description(after: end, words, in: text) { features += ["description", "description=" + description] }
            add("office-or-speaker", officeHoldersAndSpeakers.contains(number))
            if number > 0 {
                add("after-candidate", continuesList(words, before: start, previousEnd: candidates[number - 1].end, in: text))
            }
            // The two words before and after, and what stands between them and the name.
            for offset in 1...2 {
                features.append("before\(offset)=" + (start - offset >= 0 ? folded[start - offset] : "^"))
                features.append("after\(offset)=" + (end + offset < words.count ? folded[end + offset] : "$"))
            }
            let gapBefore = gap(before: start)
            features.append("gap-before=" + gapBefore)
            features.append("before1+gap=" + (start > 0 ? folded[start - 1] : "^") + " " + gapBefore)
            features.append("gap-after=" + gap(after: end))
            let last = folded[end]
            features.append("last-ending=" + last.suffix(3))
            // "Nähere Informationen", "Oberste Justizautorität": an adjective's or a noun's ending begins the run.
            features.append("first-ending=" + folded[start].suffix(3))
            // The surname alone elsewhere ("Zaki said") is how accounts refer to their subject.
            add("surname-alone", standalone.contains(last))
            add("hyphenated", name.contains("-"))
            add("particle", (start...end).contains { isNameParticle(folded[$0]) })
            add(
                "lower-case-elsewhere",
                (start...end).contains { !isNameParticle(folded[$0]) && lowerCase.contains(Substring(words[$0].text.lowercased())) })
            // What the sentence around the name says happened ("…was arrested…", "…fue condenado…"), from the words up
            // to twelve on each side.
            var index = start
            while index > 0, start - index < 12, !sentenceBreakBefore[index] {
                index -= 1
                features += sentenceCues[index]
            }
            index = end
            while index + 1 < words.count, index - end < 12, !sentenceBreakBefore[index + 1] {
                index += 1
                features += sentenceCues[index]
            }
            return features
        }

        /// Punctuation and line breaks between the word before `index` and it, made into a short token.
        private func gap(before index: Int) -> String {
            guard index > 0 else { return "^" }
            return Self.token(text[words[index - 1].range.upperBound..<words[index].range.lowerBound])
        }

        private func gap(after index: Int) -> String {
            guard index + 1 < words.count else { return "$" }
            return Self.token(text[words[index].range.upperBound..<words[index + 1].range.lowerBound])
        }

        private static func token(_ between: Substring) -> String {
            if between.contains("\n") { return "newline" }
            let marks = between.filter { $0 != " " }
            return marks.isEmpty ? "space" : String(marks.prefix(3))
        }
    }

    /// Organisations named in the text, in order of first mention; a longer form of one already
    /// found ("Kloop Media Foundation" after "Kloop Media") counts as the same.
    static func organisations(in text: String) -> [String] {
        let words = Phrase.words(in: text).map { Word(text: $0.word, range: $0.range) }
        var names: [String] = []
        var index = 0
        while index < words.count {
            guard words[index].isCapitalised, !organisationStops.contains(words[index].folded) else {
                index += 1
                continue
            }
            var end = index
            var sawKeyword = organisationKeywords.contains(possessiveStripped(words[index].folded))
            var cursor = index
            while cursor + 1 < words.count {
                if words[cursor].folded.endsWith("'s") || words[cursor].text.endsWith("’s") { break }
                guard onlySpaces(text, from: words[cursor].range.upperBound, to: words[cursor + 1].range.lowerBound) else { break }
                let next = words[cursor + 1]
                if next.isCapitalised, !monthOrDay.contains(next.folded) {
                    cursor += 1
                    end = cursor
                    if organisationKeywords.contains(possessiveStripped(next.folded)) { sawKeyword = true }
                } else if ["of", "for", "the", "on", "and", "de", "la", "des", "du", "del"].contains(next.folded), cursor + 2 < words.count,
                    words[cursor + 2].isCapitalised,
                    onlySpaces(text, from: next.range.upperBound, to: words[cursor + 2].range.lowerBound)
                {
                    cursor += 1
                } else {
                    break
                }
            }
            let followedByAcronym = acronym(after: words[end].range.upperBound, in: text) != nil
            if sawKeyword || (followedByAcronym && end > index) {
                var start = index
                if words[start].folded == "the", start < end { start += 1 }
                var name = String(text[words[start].range.lowerBound..<words[end].range.upperBound])
                if name.endsWith("’s") || name.endsWith("'s") { name = String(name.dropLast(2)) }
                if !names.contains(where: { name == $0 || name.startsWith($0 + " ") }), name.has(" ") || followedByAcronym {
                    names.append(name)
                }
            }
            index = end + 1
        }
        return names
    }

    /// Countries named in the text, most mentioned first (ties: first mentioned).
    static func countries(in text: String) -> [(Country, Range<String.Index>)] {
        let words = Phrase.words(in: text)
        var tally = CountryTally()
        var index = 0
        while index < words.count {
            guard Word(text: words[index].word, range: words[index].range).isCapitalised,
                let candidates = countryNames[possessiveStripped(Phrase.fold(words[index].word))]
            else {
                index += 1
                continue
            }
            // "Amnesty International USA" is the section, not the country the action is about.
            if index > 0, sectionNameEnds.contains(Phrase.fold(words[index - 1].word)) {
                index += 1
                continue
            }
            if let found = CountryPhrases.match(candidates, in: words, at: index) {
                tally.add(found.country, at: index, found.range)
                index = found.last
            }
            index += 1
        }
        return tally.ranked
    }

    /// Words that end an organisation's name before its country: "Amnesty International Deutschland".
    private static let sectionNameEnds: Set<String> = ["international", "internacional", "internationale", "internazionale"]

    /// A country named by `text` as a whole ("Kyrgyz Republic", "Germany"), for address lines.
    static func country(named text: String) -> Country? {
        // A text far longer than the longest name is none: most lines asked about are passed over unread.
        guard text.utf8.count <= longestCountryName * 2 + 16 else { return nil }
        let words = Phrase.words(in: Phrase.fold(text))
        // Most lines asked about start with a word no country's name starts with: nothing more is made of them.
        guard let first = words.first, let names = countryNames[String(first.word)] else { return nil }
        return names.first { $0.0.count == words.count && zip($0.0, words).allSatisfy { $0 == $1.word } }?.1
    }

    /// The longest country name's folded words, as bytes with a space between them.
    private static let longestCountryName = countryNames.values.joined().map { $0.0.joined(separator: " ").utf8.count }.max() ?? 0

    /// The country that folded `words` name as a whole.
    static func country(namedBy words: [String]) -> Country? {
        guard let first = words.first else { return nil }
        return countryNames[first]?.first(where: { $0.0 == words })?.1
    }

    // MARK: - Evidence

    private static func nameEnd(_ words: [Word], _ nameWords: [Bool], from start: Int, in text: String) -> Int? {
        guard nameWords[start], !isAfterOpeningQuote(words[start], in: text) else { return nil }
        var end = start
        while end + 1 < words.count, end - start < 4 {
            let next = words[end + 1]
            let gap = text[words[end].range.upperBound..<next.range.lowerBound]
            // "Reza (Gholamreza) Rasaei", "Mostafa “Moz” Azimitabar": another name the person goes by, inside theirs.
            if end + 2 < words.count, ["(", "“", "\""].contains(gap.dropFirst()), gap.first == " ", nameWords[end + 1],
                [") ", "” ", "\" "].contains(text[next.range.upperBound..<words[end + 2].range.lowerBound]), nameWords[end + 2]
            {
                end += 2
                continue
            }
            // "Trevor D. Traina", "Menardo I. Guevarra": a middle initial between two words of the name.
            if end + 2 < words.count, gap == " ", next.text.count == 1, next.isCapitalised,
                text[next.range.upperBound..<words[end + 2].range.lowerBound] == ". ", nameWords[end + 2]
            {
                end += 2
                continue
            }
            // "Mohammad 'Ali Ridha", "Shadi ‘Abdul Karim": a transliterated ayn before a word of the name.
            guard gap.allSatisfy({ $0 == " " }) || (gap.count == 2 && gap.first == " " && gap.last.map(apostrophes.contains) == true) else {
                break
            }
            if nameWords[end + 1] || isArticledSurname(next)
                || (nameParticles.contains(next.folded) && end + 2 < words.count && nameWords[end + 2])
            {
                end += 1
            } else {
                break
            }
        }
        guard end > start else { return nil }
        if quoteCloses(after: words[end].range.upperBound, in: text) { return nil }
        return end
    }

    /// Where the name beginning with `word` begins: with the apostrophe of a transliterated ayn ("'Abdulhadi al-Khawaja").
    private static func nameStart(_ word: Word, in text: String) -> String.Index {
        guard word.range.lowerBound > text.startIndex else { return word.range.lowerBound }
        let before = text.index(before: word.range.lowerBound)
        guard apostrophes.contains(text[before]) else { return word.range.lowerBound }
        guard before > text.startIndex else { return before }
        let preceding = text[text.index(before: before)]
        return preceding.isWhitespace || preceding == "(" || preceding == "," ? before : word.range.lowerBound
    }

    private static let apostrophes: Set<Character> = ["'", "‘", "’"]

    private static func isNameWord(_ word: Word) -> Bool {
        guard word.isCapitalised else { return false }
        // "OMCT’s SOS-Torture": a possessive names what belongs to someone, not a person.
        if word.text.endsWith("’s") || word.text.endsWith("'s") { return false }
        // One letter, or all capitals ("UN", "NGO"): an initial or an acronym, no name. An ASCII lower-case letter
        // says it without Unicode's tables.
        guard
            word.text.utf8.contains(where: { (0x61...0x7A).contains($0) })
                || word.text.unicodeScalars.contains(where: \.properties.isLowercase),
            word.text.unicodeScalars.count > 1
        else { return false }
        let folded = possessiveStripped(word.folded)
        return !wordsNeverInNames.contains(folded) && !isRole(folded) && countryNames[folded] == nil
    }

    /// The words no name begins or continues with, as one set: a word is looked up once.
    private static let wordsNeverInNames = sentenceStarters.union(organisationKeywords).union(monthOrDay).union(honorifics)
        .union(commonNouns).union(officeWords)

    /// Candidates standing in a list of three or more ("Khayala Agayeva, Aytaj Ahmadova, Aynur Ganbarova und Natig
    /// Javadli"): a text lists people, not places or bodies, that way. Their positions in `candidates`.
    private static func listedNames(_ candidates: [(name: String, start: Int, end: Int)], _ words: [Word], in text: String) -> Set<Int> {
        var listed = Set<Int>()
        var run: [Int] = []
        func flush() {
            if run.count >= 3 { listed.formUnion(run) }
            run = []
        }
        for number in candidates.indices {
            if let last = run.last {
                let from = words[candidates[last].end].range.upperBound
                let to = words[candidates[number].start].range.lowerBound
                // "…, Mostafa “Moz” Azimitabar and 'Abdulhadi al-Khawaja": the ayn's apostrophe belongs to the name.
                // The longest joiner (", and '") is a few bytes: a longer stretch joins nothing, and is not folded.
                let near = from < to && text.utf8.distance(from: from, to: to) <= 12
                let between = near ? String(Phrase.fold(text[from..<to]).reversed().drop { $0 == "'" }.reversed()).trimmingWhitespace : "?"
                if [",", "and", ", and", "und", "y", "et", "e", "och", "ja", "и"].contains(between) {
                    run.append(number)
                    continue
                }
                flush()
            }
            run = [number]
        }
        flush()
        return listed
    }

    /// "…,” said Graham Thom", "Graham Thom, the refugee coordinator, said", "© Michael Conroy / AP": someone who
    /// speaks for an organisation or took the photo, not someone at risk.
    private static func isSpeakerOrCredit(_ candidate: (name: String, start: Int, end: Int), _ words: [Word], in text: String) -> Bool {
        // Scalars, not characters: a character boundary costs a grapheme check, and this runs for every candidate.
        let before = Substring(text.unicodeScalars[..<words[candidate.start].range.lowerBound].suffix(16))
        let foldedBefore = Phrase.fold(before)
        if before.endsWith("© ") || ImportVocabulary.all.speechVerbs.contains(where: { foldedBefore.endsWith($0) })
            || foldedBefore.endsWith("according to ")
        {
            return true
        }
        let after = text.unicodeScalars[words[candidate.end].range.upperBound...].prefix(120)
        let clause = Substring(after.prefix { $0 != "." && $0 != "\n" && $0 != "“" && $0 != "\"" })
        guard clause.startsWith(",") || clause.startsWith(" ") else { return false }
        let foldedClause = Phrase.fold(clause)
        let introducesQuote = foldedClause.endsWith(":")
        return spokenVerbs.contains { verb in
            foldedClause.endsWith(verb.bare) || introducesQuote && foldedClause.has(verb.spaced)
        }
    }

    /// The speech verbs as they end a clause (" said") and as they stand in one (" said "), made once.
    private static let spokenVerbs = ImportVocabulary.all.speechVerbs.map { (bare: " " + $0.trimmingWhitespace, spaced: " " + $0) }

    /// Two spellings of one name: the same length give or take two letters, and at most two letters apart.
    private static func isSpellingOf(_ one: String, _ other: String) -> Bool {
        // Most pairs differ in length or first letter: ruled out before anything is folded or compared letter by letter.
        guard abs(one.count - other.count) <= 2, min(one.count, other.count) >= 8, one.first == other.first else { return false }
        let a = Array(Phrase.fold(one))
        let b = Array(Phrase.fold(other))
        guard a != b else { return false }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count] <= 2
    }

    /// "al-Shumayri", "el-Baqer", "ad-Din": a surname with its article, inside a name.
    private static func isArticledSurname(_ word: Word) -> Bool {
        let text = word.text
        guard let dash = text.firstIndex(where: { $0 == "-" || $0 == "‑" }), text.distance(from: text.startIndex, to: dash) <= 3 else {
            return false
        }
        let article = Phrase.fold(text[..<dash])
        let after = text.index(after: dash)
        return ["al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "ul"].contains(article) && after < text.endIndex
            && text[after].isUppercase
    }

    /// A word saying what someone does: "journalist", "Menschenrechtsverteidigerin", and German compounds ending in a
    /// role ("Regierungskritiker", "Chefredakteurin").
    private static func isRole(_ folded: String) -> Bool {
        // The endings compared as bytes: a role word is written as the list writes it.
        roleWords.contains(folded)
            || (folded.utf8.count > 8 && folded.count > 8
                && germanRoleEndings.contains {
                    folded.utf8.count > $0.utf8.count && folded.utf8.reversed().starts(with: $0.utf8.reversed())
                })
    }

    private static let germanRoleEndings = [
        "kritiker", "kritikerin", "redakteur", "redakteurin", "vertreter", "vertreterin", "aktivist", "aktivistin", "rechtler",
        "rechtlerin", "verteidiger", "verteidigerin", "journalist", "journalistin", "anwalt", "anwältin", "sprecher", "sprecherin",
        "gefangene", "gefangener", "schriftsteller", "schriftstellerin", "politiker", "politikerin", "gewerkschafter",
        "gewerkschafterin", "mitarbeiter", "mitarbeiterin", "künstler", "künstlerin", "ökonom", "ökonomin",
    ]

    /// "President Juan Orlando Hernández", "Minister Jane Roe": an office-holder, not someone at risk.
    private static func introducedByOffice(_ words: [Word], before index: Int, in text: String) -> Bool {
        guard index > 0, officeWords.contains(words[index - 1].folded) else { return false }
        return onlySpaces(text, from: words[index - 1].range.upperBound, to: words[index].range.lowerBound)
    }

    private static func introducedByRole(_ words: [Word], before index: Int, in text: String) -> Bool {
        // "M. Jean-Paul Noël", "Sr. Medardo Alonzo": an abbreviated honorific's full stop is no sentence break.
        if index > 0, honorifics.contains(words[index - 1].folded),
            [" ", ". ", "."].contains(text[words[index - 1].range.upperBound..<words[index].range.lowerBound])
        {
            return true
        }
        var cursor = index - 1
        var steps = 0
        while cursor >= 0, steps < 3 {
            guard noSentenceBreak(text, from: words[cursor].range.upperBound, to: words[cursor + 1].range.lowerBound) else { return false }
            let folded = words[cursor].folded
            if isRole(folded) || honorifics.contains(folded) { return true }
            // "his wife Chen Lixia" (a relative named without commas is part of the story, not an aside).
            if cursor + 1 == index, relatives.contains(folded),
                onlySpaces(text, from: words[cursor].range.upperBound, to: words[index].range.lowerBound)
            {
                return true
            }
            if cursor + 1 == index, ["of", "against"].contains(folded), cursor > 0,
                ["release", "detention", "arrest", "prosecution", "sentencing", "case", "trial", "conviction", "disappearance"].contains(
                    words[cursor - 1].folded)
            {
                return true
            }
            // Adjectives between the role and the name: "former editorial staff", "les militants pro-démocratie".
            guard words[cursor].text.first?.isLowercase == true,
                !["of", "and", "by", "in", "at", "on", "to", "from", "with"].contains(folded)
            else {
                return false
            }
            cursor -= 1
            steps += 1
        }
        return false
    }

    private static func followedByDescription(_ words: [Word], after end: Int, in text: String) -> Bool {
        description(after: end, words, in: text) != nil
    }

    /// What kind of description follows the name, if one does: a gender or age in brackets, an age after a comma, a
    /// detention verb, or an opener such as ", a journalist".
    private static func description(after end: Int, _ words: [Word], in text: String) -> String? {
        // Scalars, not characters: read for every candidate, and a character boundary costs a grapheme check.
        let tail = Substring(text.unicodeScalars[words[end].range.upperBound...].prefix(60))
        let folded = Phrase.fold(tail)
        for opener in descriptionOpeners where folded.startsWith(opener) {
            // "Ali Aarrass (m)", "Jane Doe (34)": the old bulletins' way of presenting the people at risk.
            if opener == " (" {
                if folded.dropFirst(2).first?.isNumber == true { return "age" }
                return ["(m)", "(f)"].contains(folded.dropFirst().prefix(3)) ? "gender" : nil
            }
            return "opener"
        }
        if folded.startsWith(", ") {
            // "Jane Doe, 23-year-old…", "Alena Kavalenka, 58,", "Hana Abdi, 21 Jahre"
            let next = folded.dropFirst(2)
            let digits = next.prefix { $0.isNumber }
            let after = next.dropFirst(digits.count)
            if !digits.isEmpty, digits.count <= 3,
                after.first.map({ ",-)".contains($0) }) ?? true || ageWords.contains(where: { after.startsWith(" " + $0) })
            {
                return "age"
            }
        }
        let verbs = [
            "was ", "were ", "is ", "has been ", "had been ", "remains ", "remain ", "wurde ", "wurden ", "ist ", "sind ", "sitzt ",
            "a été ", "ont été ", "est ", "sont ", "fue ", "fueron ", "ha sido ", "han sido ", "está ", "están ", "sigue ",
        ]
        for verb in verbs where folded.startsWith(" " + verb) {
            let after = folded.dropFirst(1 + verb.count)
            return detentionVerbs.contains(where: { after.startsWith($0) }) ? "detention" : nil
        }
        return nil
    }

    private static func continuesList(_ words: [Word], before index: Int, previousEnd: Int?, in text: String) -> Bool {
        guard let previousEnd, previousEnd < index,
            text.unicodeScalars.distance(from: words[previousEnd].range.upperBound, to: words[index].range.lowerBound) <= 8
        else { return false }
        let between = Phrase.fold(text[words[previousEnd].range.upperBound..<words[index].range.lowerBound])
        let plain = between.trimmingWhitespace
        if [",", "and", ", and", "or", ", or", "et", "und", "och", "ja", "y", "e", "и"].contains(plain) { return true }
        // "…, journalist Abdil Aitbay Tegin and former employee Zhoomart Duulatov"
        return false
    }

    private static func onlySpaces(_ text: String, from: String.Index, to: String.Index) -> Bool {
        from < to && text[from..<to].allSatisfy { $0 == " " }
    }

    private static func noSentenceBreak(_ text: String, from: String.Index, to: String.Index) -> Bool {
        guard from <= to else { return false }
        return !text[from..<to].contains { ".;:!?()“”\"\n".contains($0) }
    }

    private static func isAfterOpeningQuote(_ word: Word, in text: String) -> Bool {
        guard word.range.lowerBound > text.startIndex else { return false }
        let before = text[text.index(before: word.range.lowerBound)]
        return before == "“" || before == "\"" || before == "«" || before == "„"
    }

    private static func quoteCloses(after index: String.Index, in text: String) -> Bool {
        guard index < text.endIndex else { return false }
        return "”\"»".contains(text[index])
    }

    private static func acronym(after index: String.Index, in text: String) -> Substring? {
        let tail = text[index...].prefix(14)
        guard tail.startsWith(" ("), let close = tail.firstIndex(of: ")") else { return nil }
        let inside = tail[tail.index(index, offsetBy: 2)..<close]
        guard (2...8).contains(inside.count), inside.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "-" }) else { return nil }
        return inside
    }

    /// "iran's" → "iran", "philippines'" → "philippines": the possessive is no part of the word it follows.
    private static func possessiveStripped(_ folded: String) -> String {
        if folded.endsWith("'s") { return String(folded.dropLast(2)) }
        if folded.endsWith("'") { return String(folded.dropLast()) }
        return folded
    }

    // MARK: - Vocabulary

    static let honorifics: Set<String> = [
        "mr", "mrs", "ms", "miss", "dr", "prof", "sheikh", "h.e", "m", "mme", "mlle", "monsieur", "madame", "sr", "sra", "srta",
        "señor", "señora", "don", "doña", "herr", "frau", "dra",
    ]

    /// What follows a name and a comma when the text goes on to say who the person is.
    private static let descriptionOpeners = [
        ", a ", ", an ", ", the ", ", who ", ", aged ", " (", ", one of ", ", ein ", ", eine ", ", der ", ", die ", ", un ", ", une ",
        ", le ", ", la ", ", qui ", ", el ", ", uno ", ", una ", ", quien ", ", que ", ", âgé ", ", âgée ",
    ]

    /// "34 years", "21 Jahre", "34 ans", "34 años".
    private static let ageWords = ["year", "jahr", "ans", "años", "anos"]

    private static let nameParticles: Set<String> = [
        "bin", "bint", "ibn", "al", "el", "de", "da", "del", "van", "von", "der", "abu", "dos", "du", "ben", "ould", "uulu", "kyzy",
    ]

    /// A lower-case word inside a name: "bin", "de", "von", or a surname's article ("al-Sawi").
    static func isNameParticle(_ folded: String) -> Bool {
        nameParticles.contains(folded) || folded.startsWith("al-") || folded.startsWith("el-")
    }

    private static let roleWords: Set<String> = [
        "journalist", "journalists", "reporter", "reporters", "cameraman", "camerawoman", "photographer", "photojournalist",
        "editor", "editors", "blogger", "bloggers", "activist", "activists", "defender", "defenders", "lawyer", "lawyers",
        "attorney", "student", "students", "writer", "poet", "artist", "musician", "employee", "employees", "staff",
        "worker", "workers", "member", "members", "leader", "unionist", "doctor", "nurse", "teacher", "professor",
        "academic", "researcher", "factchecker", "fact-checker", "founder", "prisoner", "prisoners", "detainee", "detainees", "dissident",
        "politician", "candidate", "including", "include", "includes", "included", "among", "namely", "colleague",
        "colleagues", "citizen", "national", "owner", "pastor", "imam", "priest", "monk", "nun", "farmer", "protester",
        "protesters", "campaigner", "campaigners", "environmentalist", "trade", "satirist", "cartoonist", "filmmaker",
        "economist", "translator", "presenter", "anchor", "correspondent", "freelancer", "volunteer", "volunteers",
        "mr", "mrs", "ms", "dr", "leaders", "commentator", "commentators", "defender", "unionists", "lawyer",
        "ihmisoikeuspuolustaja", "toimittaja", "aktivisti", "bloggaren", "journalisten", "aktivisten", "umweltaktivist",
        "menschenrechtsverteidiger", "menschenrechtsverteidigerin", "journalistin", "aktivistin", "militant", "militants",
        "journaliste", "journalistes", "avocat", "avocate", "défenseur", "défenseure", "periodista", "activista",
        "människorättsförsvararen", "advokaten", "opposition", "singer", "rapper", "comedian", "scholar",
        // German, French and Spanish roles and the words that introduce people in their accounts.
        "frauenrechtlerin", "menschenrechtlerin", "menschenrechtler", "gewerkschafter", "gewerkschafterin", "anwalt", "anwältin",
        "rechtsanwalt", "rechtsanwältin", "studentin", "bloggerin", "schriftsteller", "schriftstellerin", "dichter", "lehrer",
        "lehrerin", "gefangene", "gefangenen", "oppositionelle", "oppositionellen", "journalistinnen", "menschenrechtsverteidigerinnen",
        "militante", "défenseurs", "défenseures", "étudiant", "étudiante", "syndicaliste", "syndicalistes", "blogueur", "blogueuse",
        "écrivain", "écrivaine", "poète", "opposant", "opposante", "prisonnier", "prisonnière", "dirigeant", "dirigeante", "membre",
        "membres", "avocats", "periodistas", "activistas", "defensor", "defensora", "defensores", "defensoras", "abogado", "abogada",
        "estudiante", "líder", "lideresa", "dirigente", "sindicalista", "miembro", "miembros", "integrante", "integrantes",
        "bloguero", "preso", "presa", "presos", "fotógrafo", "fotoperiodista", "reportero", "comunicador", "comunicadora",
        "entre", "notamment", "darunter", "unter",
    ]

    private static let relatives: Set<String> = ["wife", "husband", "son", "daughter", "brother", "sister", "mother", "father"]

    /// The one-word detention verbs, for the tagger's sentence features.
    private static let detentionWords = Set(detentionVerbs.filter { !$0.contains(" ") })

    private static let detentionVerbs = [
        "arrested", "detained", "sentenced", "held", "abducted", "charged", "convicted", "released", "tortured", "taken",
        "moved", "summoned", "beaten", "questioned", "jailed", "imprisoned", "disappeared", "killed", "placed", "accused",
        "transferred", "deported", "prosecuted", "forcibly", "still", "in custody", "in detention", "at risk", "freed", "kidnapped",
        "executed", "murdered", "threatened", "harassed", "attacked", "expelled", "in prison", "behind bars", "on trial",
        // German, French and Spanish participles ("wurde festgenommen", "a été arrêté", "fue detenido").
        "festgenommen", "verhaftet", "inhaftiert", "freigelassen", "verurteilt", "hingerichtet", "entführt", "gefoltert",
        "in haft", "arrêté", "détenu", "libéré", "condamné", "enlevé", "torturé", "exécuté", "incarcéré", "detenido", "detenida",
        "liberado", "liberada", "condenado", "condenada", "secuestrado", "secuestrada", "asesinado", "asesinada", "torturado",
        "amenazado", "amenazada", "encarcelado", "desaparecido",
    ]

    private static let sentenceStarters: Set<String> = [
        "the", "on", "in", "at", "a", "an", "they", "he", "she", "it", "we", "i", "you", "all", "between", "after", "before",
        "since", "during", "his", "her", "their", "this", "that", "these", "those", "according", "police", "please",
        "several", "many", "some", "other", "diese", "dieser", "dieses",
        "write", "dear", "urgent", "action", "ua", "yours", "if", "as", "by", "for", "from", "with", "without", "while",
        "when", "where", "both", "each", "our", "my", "your", "its", "there", "here", "however", "also", "although",
        "state", "national", "security", "human", "rights", "court", "prison", "republic", "federation", "kingdom",
        "city", "street", "avenue", "road", "office", "ombudsman", "eastern", "western", "northern", "southern",
        "central", "europe", "asia", "africa", "america", "middle", "east", "live", "news", "further", "information",
        "update", "outcome", "victory", "background", "take", "sample", "letter", "contact", "salutation", "amnesty",
        "international", "article", "government", "authorities", "prosecutor", "general", "supreme", "high",
        // Articles, pronouns and prepositions that begin sentences in German, French and Spanish.
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "im", "am", "nach", "vor", "mit",
        "seit", "bei", "für", "gegen", "auf", "aus", "wie", "sie", "er", "es", "wir", "le", "la", "les", "l", "un", "une", "du", "au",
        "aux", "en", "dans", "sur", "pour", "par", "avec", "depuis", "selon", "ce", "cette", "il", "elle", "ils", "elles", "nous",
        "el", "los", "las", "unos", "unas", "con", "por", "para", "desde", "según", "este", "esta", "ese", "esa", "su", "sus",
        "found", "elect", "dead",
    ]

    /// Nouns of accounts in German (where every noun is capitalised) and other words that never begin or continue a
    /// person's name.
    private static let commonNouns: Set<String> = [
        "haft", "jahre", "jahren", "monate", "monaten", "tage", "tagen", "wochen", "polizei", "gericht", "gefängnis", "verdacht",
        "zusammenhang", "hinrichtung", "hinrichtungen", "todesstrafe", "todesurteil", "folter", "anklage", "urteil", "regierung",
        "behörden", "bruder", "schwester", "mutter", "vater", "sohn", "tochter", "mann", "familie", "menschenrechte",
        "menschenrechtsverletzungen", "beobachtung", "porträtaufnahme", "morddrohungen", "drohende", "erneut", "inhaftierter",
        "appellbriefe", "briefmarathon", "stopp", "tadschike", "act", "law", "code", "gesetz", "loi", "ley", "detention",
        "guards", "military", "hospital", "premier", "ministre", "chef", "pueblo", "mapuche",
    ]

    private static let officeWords: Set<String> = [
        "president", "minister", "ambassador", "king", "queen", "emir", "sultan", "governor", "mayor", "chief",
        "director", "head", "chairman", "chair", "commissioner", "secretary", "judge", "justice", "speaker",
        "excellency", "majesty", "highness", "honourable", "honorable", "his", "her", "sheikh", "prime", "président", "presidente",
        "präsident", "ministro", "botschafter", "ambassadeur", "embajador",
    ]

    private static let monthOrDay: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// Words that cannot begin an organisation's name.
    private static let organisationStops: Set<String> = [
        "on", "in", "at", "a", "an", "they", "he", "she", "it", "we", "i", "you", "all", "between", "after", "before", "since",
        "during", "his", "her", "their", "this", "that", "these", "those", "according", "if", "as", "by", "for", "from",
        "with", "while", "when", "where", "our", "my", "your", "its", "there", "here", "however", "also", "although",
        "reacting", "responding", "other", "both", "many", "several", "under", "until", "dear", "yours", "please",
    ]

    static let organisationKeywords: Set<String> = [
        "media", "committee", "international", "foundation", "court", "ministry", "office", "service", "council", "watch",
        "union", "association", "agency", "police", "party", "network", "centre", "center", "institute", "news", "press",
        "radio", "tv", "television", "times", "bank", "commission", "department", "university", "church", "front",
        "movement", "organisation", "organization", "group", "coalition", "alliance", "federation", "forum", "society",
        "administration", "embassy", "parliament", "assembly", "procuracy", "prosecutor's", "bureau", "tribunal",
        "guardian", "gazette", "journal", "herald", "tribune", "channel", "corporation", "company", "army", "forces",
        "guard", "directorate", "inspectorate", "secretariat", "presidency", "cabinet", "mission", "league", "order",
        "syndicate", "bar", "centre", "center",
        "amnistía", "internacional", "derechos", "humanos", "red", "equipo", "corporación", "comité", "comisión", "ministerio",
        "fiscalía", "policía", "fuerzas", "ejército", "gobierno", "ministère", "gouvernement", "ligue", "ministerium",
    ]

    /// Country names and common other names, folded, keyed by their first word.
    private static let countryNames: CountryPhrases.Table = {
        var names: CountryPhrases.Table = [:]
        func add(_ name: String, _ code: String) {
            guard let country = Country(rawValue: code) else { return }
            CountryPhrases.add(name, country, to: &names)
        }
        // The sections' own languages name countries too: "Kolumbien", "Colombie", "Colombia" (ICU's names).
        let languages = ["de", "fr", "es"].map { Locale(identifier: $0) }
        for (code, name) in Country.englishNames {
            add(name, code)
            for language in languages {
                if let local = language.localizedString(forRegionCode: code), local != name { add(local, code) }
            }
        }
        let aliases: [(String, String)] = [
            ("Kyrgyz Republic", "KG"), ("Russia", "RU"), ("Russian Federation", "RU"), ("Iran", "IR"), ("Syria", "SY"),
            ("South Korea", "KR"), ("North Korea", "KP"), ("Viet Nam", "VN"), ("Vietnam", "VN"), ("USA", "US"),
            ("United States", "US"), ("United States of America", "US"), ("UK", "GB"), ("United Kingdom", "GB"),
            ("Britain", "GB"), ("Great Britain", "GB"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Czech Republic", "CZ"),
            ("Czechia", "CZ"), ("Bolivia", "BO"), ("Venezuela", "VE"), ("Tanzania", "TZ"), ("Laos", "LA"),
            ("Moldova", "MD"), ("Palestine", "PS"), ("Hong Kong", "HK"), ("Macau", "MO"), ("Taiwan", "TW"),
            ("Myanmar", "MM"), ("Burma", "MM"), ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("DR Congo", "CD"),
            ("Democratic Republic of the Congo", "CD"), ("Republic of the Congo", "CG"), ("Eswatini", "SZ"),
            ("China", "CN"), ("People's Republic of China", "CN"), ("Brunei", "BN"), ("Belarus", "BY"),
            ("Kyrgyzstan", "KG"), ("Kazakhstan", "KZ"), ("Tajikistan", "TJ"), ("Uzbekistan", "UZ"),
            ("Turkmenistan", "TM"), ("Azerbaijan", "AZ"), ("Egypt", "EG"), ("Saudi Arabia", "SA"), ("UAE", "AE"),
            ("United Arab Emirates", "AE"), ("Micronesia", "FM"), ("Gambia", "GM"), ("The Gambia", "GM"),
            ("Deutschland", "DE"), ("Sverige", "SE"), ("Suomi", "FI"), ("Schweiz", "CH"), ("Österreich", "AT"),
            ("Россия", "RU"), ("Кыргызстан", "KG"), ("Кыргызская Республика", "KG"), ("Беларусь", "BY"),
            ("Казахстан", "KZ"), ("Україна", "UA"), ("Украина", "UA"), ("中国", "CN"), ("中华人民共和国", "CN"),
            ("Russische Föderation", "RU"), ("Russland", "RU"), ("Российская Федерация", "RU"), ("Беларусь", "BY"),
            ("Valko-Venäjä", "BY"), ("Venäjä", "RU"), ("République démocratique du Congo", "CD"), ("RDC", "CD"),
            ("Storbritannien", "GB"), ("Ryssland", "RU"), ("Kina", "CN"), ("Türkei", "TR"), ("Ägypten", "EG"),
            ("Égypte", "EG"), ("Chine", "CN"), ("Russie", "RU"), ("Iran", "IR"), ("Mexiko", "MX"), ("México", "MX"),
            ("Gaza", "PS"), ("West Bank", "PS"), ("Viêt Nam", "VN"), ("East Timor", "TL"), ("Timor Leste", "TL"),
            ("Osttimor", "TL"), ("Timor oriental", "TL"), ("Bélarus", "BY"), ("Weißrussland", "BY"), ("Bielorrusia", "BY"),
            ("Zaire", "CD"), ("Zaïre", "CD"), ("Swaziland", "SZ"), ("Cape Verde", "CV"), ("Guatémala", "GT"),
            ("Kirgisistan", "KG"), ("Kirghizistan", "KG"), ("Tschetschenien", "RU"), ("Chechnya", "RU"), ("Tibet", "CN"),
            ("Xinjiang", "CN"),
        ]
        for (name, code) in aliases { add(name, code) }
        for key in names.keys { names[key]?.sort { $0.0.count > $1.0.count } }
        return names
    }()
}
