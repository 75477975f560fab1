extension DocumentReading {
    /// A statement has no number, letter or officials, is no Urgent Action by name, and does not open as an appeal or on
    /// an outcome.
    func mayBeStatement(numbers: NumberReader.Numbers, letter: Found<ImportedLetter>, officials: [ImportedTarget]) -> Bool {
        !numbers.number.isFound && !numbers.updates.isFound && !letter.isFound && officials.isEmpty && urgentActionMarker == nil
            && appealOpening == nil && !opensOnOutcomeHeading
    }

    /// A text that may be a statement is one when it quotes someone or says what it is, and never says that an action
    /// ended.
    var showsStatement: Bool {
        guard statementHeading != nil || quotingLine != nil || quoteLine != nil || (stanceLine ?? reportLine) != nil && callToWrite == nil
        else {
            return false
        }
        // "Esta acción ha finalizado", "No further action is requested": an action's end, however much it quotes.
        return !lines.contains { Self.noFurtherActionSentence(in: $0.folded) != nil }
    }

    /// The kind `model` gives a document the rules find no evidence of the kind of, read at the line whose words say
    /// it most; a statement only when the document may be one. None when the model does not say that kind against
    /// the others, when no line's words do, or when the first lines hold too few words to weigh (a note, not a
    /// document).
    func guessKind(by model: KindClassifier, _ ground: Groundwork, mayBeStatement: Bool) -> Found<DocumentKind> {
        // The words first: a text without enough of them is not searched for the rules' cues again.
        let lineFeatures = kindLineFeatures()
        guard lineFeatures.reduce(0, { $0 + $1.features.count }) >= Self.fewestWordsWeighed else { return .missing }
        let scores = zip(DocumentKind.allCases, model.scores(kindFeatures(ground, lines: lineFeatures))).filter {
            $0.0 != .statement || mayBeStatement
        }
        guard let (kind, score) = scores.max(by: { $0.1 < $1.1 }), score > 0 else { return .missing }
        let evidence = lineFeatures.map { (line: $0.line, score: model.score(kind, $0.features)) }.max { $0.score < $1.score }
        guard let evidence, evidence.score > 0 else { return .missing }
        return Found(kind, at: source.span(line: evidence.line))
    }

    /// The words of the document's first lines, line by line, as the kind model weighs them.
    func kindLineFeatures() -> [(line: Int, features: [String])] {
        let firstLines = lines.indices.lazy.filter { !self.lines[$0].isBlank }.prefix(12)
        return firstLines.map { index in
            (line: index, features: Self.kindWords(lines[index].folded.prefix(Self.kindLineCharactersRead)).map { "top=" + $0 })
        }
    }

    /// What the kind model reads in a document: the rules' cues and the words of its first lines (`lines`), each once.
    /// (Cross-validated on the tuning set, the words of the last lines or of all lines as well gave the same kinds
    /// from a model three times as large.)
    func kindFeatures(_ ground: Groundwork, lines lineFeatures: [(line: Int, features: [String])]) -> [String] {
        let cues: [(String, Bool)] = [
            ("number", ground.numbers.number.isFound), ("updates", ground.numbers.updates.isFound),
            ("update-evidence", ground.numbers.updateEvidence != nil), ("letter", ground.letter.letter.isFound),
            ("officials", !ground.officials.targets.isEmpty), ("marker", urgentActionMarker != nil), ("appeal", appealOpening != nil),
            ("outcome-heading", opensOnOutcomeHeading), ("statement-heading", statementHeading != nil), ("quoting", quotingLine != nil),
            ("quote", quoteLine != nil), ("stance", stanceLine != nil), ("report", reportLine != nil), ("call", callToWrite != nil),
        ]
        var features: Set<String> = ["bias"]
        for (cue, holds) in cues where holds { features.insert("cue=" + cue) }
        for line in lineFeatures { features.formUnion(line.features) }
        return Array(features)
    }

    /// A short paragraph: the texts the rules find no kind in run to hundreds of words.
    private static let fewestWordsWeighed = 40

    /// A headline or a paragraph's first sentences: a huge line's words further on are not weighed.
    private static let kindLineCharactersRead = 1_000

    /// The words of a folded line: letters only, at least two, as the model knows them.
    private static func kindWords(_ folded: Substring) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var letters = 0
        func endWord() {
            if letters >= 2, letters <= 30 { words.append(String(word)) }
            word = String.UnicodeScalarView()
            letters = 0
        }
        for scalar in folded.unicodeScalars {
            // Most words are ASCII: their letters are known without Unicode's tables.
            let isLetter =
                scalar.isASCII ? (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") : scalar.properties.isAlphabetic
            if isLetter {
                word.append(scalar)
                letters += 1
            } else if letters > 0 {
                endWord()
            }
        }
        endWord()
        return words
    }

    /// Within the first lines, one where an organisation takes a stance: "ARTICLE 19 condemns…", "RSF condena…",
    /// "Amnesty International (AI) zeigt sich besorgt…", "…fordert ROG Freilassung…".
    private var stanceLine: Int? {
        let vocabulary = ImportVocabulary.all
        return lines.indices.prefix(12).first { index in
            let folded = lines[index].folded
            for publisher in vocabulary.publishers where folded.has(publisher) {
                // "(RSF/IFEX) – RSF condena…": the name may stand first in a credit.
                var searchFrom = folded.startIndex
                while let range = Self.wordRange(of: publisher, in: folded, from: searchFrom) {
                    searchFrom = range.upperBound
                    var after = folded[range.upperBound...]
                    // "Reporter ohne Grenzen (ROG) fordert": the acronym after the name.
                    if after.startsWith(" ("), let close = after.firstIndex(of: ")") { after = after[after.index(after: close)...] }
                    // "The Observatory firmly condemns": an adverb before the verb.
                    if let adverbEnd = after.dropFirst().firstIndex(of: " "), after[after.startIndex..<adverbEnd].endsWith("ly") {
                        after = after[adverbEnd...]
                    }
                    let before = folded[..<range.lowerBound]
                    if vocabulary.stanceVerbs.contains(where: { after.startsWith(" " + $0 + " ") || before.endsWith(" " + $0 + " ") }) {
                        return true
                    }
                }
            }
            return false
        }
    }

    /// Within the first lines, one written as news is: "…, Human Rights Watch said today.", or opening on a dateline
    /// ("(Beirut) – Lebanese authorities…", "LONDON, 12 May 2024 – …").
    private var reportLine: Int? {
        let phrases = ImportVocabulary.all.reportedToday
        return lines.indices.prefix(12).first { index in
            phrases.contains(where: lines[index].folded.has) || Self.opensOnDateline(lines[index].text)
        }
    }

    /// "(Beirut) – …", "LONDON, 12 May 2024 — …": a place in brackets or capitals, maybe a date, then a dash.
    static func opensOnDateline(_ text: String) -> Bool {
        if opensOnPlaceAndDate(text) { return true }
        guard text.utf8.count > 60, let dash = text.prefix(60).firstIndex(where: { "–—-".contains($0) }), dash > text.startIndex,
            text[text.index(before: dash)] == " ", text.index(after: dash) < text.endIndex, text[text.index(after: dash)] == " "
        else { return false }
        let place = text[..<dash].trimmingWhitespace
        if place.startsWith("("), place.endsWith(")") {
            return place.dropFirst().first?.isUppercase == true && !place.dropFirst().dropLast().contains(where: \.isNumber)
        }
        // The place in capitals before a comma: "LONDON, 12 May 2024", "GENEVA/NEW YORK".
        let city = place.prefix { $0 != "," }
        return city.count >= 3 && city.contains(where: \.isLetter) && !city.contains(where: \.isLowercase)
            && !city.contains(where: \.isNumber)
    }

    /// Within the first lines, the formula an appeal opens with: "Reliable sources have informed the Observatory that…",
    /// "…requests your urgent intervention".
    private var appealOpening: Int? {
        lines.indices.prefix(12).first { index in Self.appealOpenings.contains(where: lines[index].folded.has) }
    }

    private static let appealOpenings = ImportVocabulary.all.appealOpenings + ImportVocabulary.all.interventionRequests

    /// A page headed "Good News" or "Victory!" tells how an action ended, however much it quotes.
    private var opensOnOutcomeHeading: Bool {
        guard let first = lines.first(where: { !$0.isBlank }) else { return false }
        let folded = Self.bare(first.folded)
        return ImportVocabulary.all.outcomeHeadings.contains { heading in
            folded == heading || folded == heading + "!" || folded.startsWith(heading + " -") || folded.startsWith(heading + ":")
        }
    }

    /// "París-Ginebra, 18 de noviembre de 2019. El Observatorio…", "Paris, le 5 mars 2020 : …": places and a whole
    /// date, then the news.
    private static func opensOnPlaceAndDate(_ text: String) -> Bool {
        guard text.utf8.count > 60, let comma = text.prefix(40).firstIndex(of: ",") else { return false }
        let places = text[..<comma].split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == " " })
        guard !places.isEmpty, places.allSatisfy({ $0.first?.isUppercase == true && !$0.contains(where: \.isNumber) }) else { return false }
        var rest = text[text.index(after: comma)...].drop { $0 == " " }
        if rest.startsWith("le ") { rest = rest.dropFirst(3) }
        // A day or a month first, before the date is read: "18 de noviembre de 2019", "June 3, 2019".
        guard let first = rest.first, first.isNumber || first.isUppercase, let (_, characters) = DateReader.firstDate(in: rest.prefix(40)),
            characters.lowerBound == 0
        else { return false }
        let after = rest.dropFirst(characters.upperBound)
        return [" –", " —", " -", ". ", " : ", ": "].contains(where: after.startsWith)
    }

    /// Within the first lines, one naming the document an Urgent Action or an urgent appeal.
    private var urgentActionMarker: Int? {
        let names = ImportVocabulary.all.urgentActionNames + ImportVocabulary.all.urgentActionSlugs
        return lines.indices.prefix(8).first { index in names.contains(where: lines[index].folded.has) }
    }

    private var statementHeading: Int? {
        let headings = ImportVocabulary.all.statementHeadings
        return lines.indices.prefix(4).first { headings.contains(Self.bare(lines[$0].folded)) }
    }

    /// A line opening with a quote, or quoting at least a few words in the middle of a sentence.
    private var quoteLine: Int? {
        lines.indices.first { index in
            let text = lines[index].text
            if text.startsWith("“") || text.startsWith("\"") || text.startsWith("«") || text.startsWith("„") { return true }
            // Scalars, not characters: most lines hold no quote and are read to their end.
            let scalars = text.unicodeScalars
            guard let open = scalars.firstIndex(where: Self.openingQuotes.contains) else { return false }
            let quoted = scalars[scalars.index(after: open)...].prefix { !Self.closingQuotes.contains($0) }
            return quoted.split(separator: " ").count >= 6
        }
    }

    private static let openingQuotes: Set<Unicode.Scalar> = ["“", "«", "„", "\""]
    private static let closingQuotes: Set<Unicode.Scalar> = ["”", "»", "“", "\""]

    /// Where a statement shows it is one: its heading, a line introducing a quote, or an opening quote.
    func findStatementKind() -> Found<DocumentKind> {
        guard let line = statementHeading ?? quotingLine ?? quoteLine ?? stanceLine ?? reportLine else { return .missing }
        return Found(.statement, at: source.span(line: line))
    }

    private var quotingLine: Int? {
        let endings = ImportVocabulary.all.quotingLineEndings
        return lines.indices.first { index in endings.contains(where: lines[index].folded.endsWith) }
    }

    /// A closing, else an update, else a new action, by the first evidence found; a text with officials to write
    /// to or a letter and no sign of the others is a new action.
    func findKind(
        numbers: NumberReader.Numbers, header: Range<Int>, officials: Found<[ImportedTarget]>, letter: Found<ImportedLetter>
    )
        -> Found<DocumentKind>
    {
        // A closing may say so anywhere, often at the very end; an outcome heading ("Victory!", "Erfolg:", a short
        // "Good news") only near the top, and as a word: "Strafverfolgung" holds no "Erfolg".
        for index in lines.indices where lines[index].folded.utf8.count >= Self.shortestClosingWord {
            let folded = lines[index].folded
            var found = Self.noFurtherActionSentence(in: folded)
            if found == nil, index < header.upperBound + 2 || folded.utf8.count < 40 {
                found = ImportVocabulary.all.outcomeHeadings.lazy.compactMap { Self.headingRange(of: $0, in: folded) }.first
            }
            guard let range = found else { continue }
            if folded.count == lines[index].text.count {
                let text = lines[index].text
                let lower = text.index(text.startIndex, offsetBy: folded.distance(from: folded.startIndex, to: range.lowerBound))
                let upper = text.index(lower, offsetBy: folded.distance(from: range.lowerBound, to: range.upperBound))
                return Found(.closing, at: source.span(line: index, lower..<upper))
            }
            return Found(.closing, at: source.span(line: index))
        }
        if let span = numbers.updateEvidence { return Found(.update, at: span) }
        // A page with no number whose headline tells that the people are free reports how an action ended.
        if !numbers.number.isFound, !numbers.updates.isFound, let headline = header.first(where: { !lines[$0].isBlank }),
            Self.releaseHeadlineWords.contains(where: { Self.hasWord($0, in: lines[headline].folded) })
        {
            return Found(.closing, at: source.span(line: headline))
        }
        let updateMarkers = ImportVocabulary.all.updateMarkers
        for index in header.prefix(6) {
            let folded = lines[index].folded
            if updateMarkers.contains(where: { Self.hasWord($0, in: folded) }) {
                return Found(.update, at: source.span(line: index))
            }
        }
        if let span = numbers.number.span { return Found(.new, at: span) }
        if let marker = urgentActionMarker { return Found(.new, at: source.span(line: marker)) }
        if let span = officials.span ?? letter.span { return Found(.new, at: span) }
        // "Soudan: Craintes de torture", "UA 232/95 Fear of ill-treatment": the concern an action is issued for.
        for index in header.prefix(8) where Self.concerns.contains(where: { Self.hasWord($0, in: lines[index].folded) }) {
            return Found(.new, at: source.span(line: index))
        }
        // Asking supporters to write or intervene is what a new action does.
        if let call = callToWrite ?? appealOpening { return Found(.new, at: source.span(line: call)) }
        return .missing
    }

    /// A line asking supporters to write or intervene.
    private var callToWrite: Int? {
        lines.indices.first { index in Self.calls.firstMatch(in: lines[index].folded) != nil }
    }

    /// Where `folded` says no further action is needed ("No further action is requested", "Esta acción ha finalizado"),
    /// as words: not inside another word.
    private static func noFurtherActionSentence(in folded: String) -> Range<String.Index>? {
        let utf8 = folded.utf8
        func range(_ bytes: Range<Int>) -> Range<String.Index> {
            utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
        }
        let found = noFurtherActionSentences.firstMatch(in: folded) { bytes in
            let words = range(bytes)
            return words.lowerBound.samePosition(in: folded) != nil && words.upperBound.samePosition(in: folded) != nil
                && standsAsWords(words, in: folded)
        }
        return found.map(range)
    }

    private static let noFurtherActionSentences = PhraseSet(ImportVocabulary.all.noFurtherActionSentences)

    /// No closing sentence or outcome heading fits in fewer bytes: shorter lines (most of a padded text) are not searched.
    private static let shortestClosingWord =
        (ImportVocabulary.all.noFurtherActionSentences + ImportVocabulary.all.outcomeHeadings)
        .map(\.utf8.count).min() ?? 0

    private static let releaseHeadlineWords = ImportVocabulary.all.releaseHeadlineWords
    private static let concerns = ImportVocabulary.all.concernHeadings
    private static let calls = PhraseSet(ImportVocabulary.all.callsToWrite + ImportVocabulary.all.interventionRequests)

    /// `phrase` standing as words in `folded`: not inside another word ("update:" yes, "updated" no).
    static func hasWord(_ phrase: String, in folded: String) -> Bool { wordRange(of: phrase, in: folded) != nil }

    /// The first such place at or after `start`.
    static func wordRange(of phrase: String, in folded: String, from start: String.Index? = nil) -> Range<String.Index>? {
        let phrase = phrase.last == " " || phrase.first == " " ? phrase.trimmingWhitespace : phrase
        // Most lines hold none of the phrases: the byte search says so before Foundation's slower one runs (once: a
        // caller going on from an earlier place knows the phrase is there).
        if start == nil, !folded.has(phrase) { return nil }
        var searchFrom = start ?? folded.startIndex
        while let range = folded.range(of: phrase, range: searchFrom..<folded.endIndex) {
            if standsAsWords(range, in: folded) { return range }
            searchFrom = range.upperBound
        }
        return nil
    }

    /// Whether `range` of `folded` has no letter just before or after it.
    private static func standsAsWords(_ range: Range<String.Index>, in folded: String) -> Bool {
        let before = range.lowerBound == folded.startIndex ? nil : folded[folded.index(before: range.lowerBound)]
        let after = range.upperBound == folded.endIndex ? nil : folded[range.upperBound]
        return !(before?.isLetter ?? false) && !(after?.isLetter ?? false)
    }

    /// An outcome heading used as one: the line is short, begins with it, or it ends with "!" or ":"
    /// ("Iran: Erfolg: Mansour Ossanlu wurde freigelassen"), not a word in a sentence ("une victoire pour…").
    private static func headingRange(of heading: String, in folded: String) -> Range<String.Index>? {
        guard let range = wordRange(of: heading, in: folded) else { return nil }
        let after = folded[range.upperBound...].first
        if folded.utf8.count < 40 || range.lowerBound == folded.startIndex || after == "!" || after == ":" { return range }
        return nil
    }

}
