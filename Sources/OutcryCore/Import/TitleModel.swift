/// Chooses a document's headline among its first lines, or none: a linear model over what each line looks like and
/// where it stands (its place, length, case, ending, what comes before and after it, whether the rules chose it),
/// trained from the corpus's hand-written expectations by `scripts/train-importer-models`.
struct TitleModel: Sendable {
    let weights: [String: Double]

    /// The model shipped with the importer (`TitleModelWeights.swift`).
    static let shipped = TitleModel(weights: WeightTable.weights(in: TitleModelWeights.table))

    /// A line that may be the headline: the headline's text as it would be read from it, and what the line looks like.
    struct Candidate {
        let line: Int
        let headline: Found<String>
        let features: [String]
        /// The line the rules chose.
        var isRulePick = false

        /// The rules' own line, or one they do not know is no headline (a marker, a date, an index, the letter's
        /// addressee…). Costlier than all the features: asked only of the candidates that may be chosen.
        var mayBeHeadline: Bool { isRulePick || !DocumentReading.isNoHeadline(headline.value ?? "") }
    }

    func score(_ features: [String]) -> Double { features.reduce(0) { $0 + (weights[$1] ?? 0) } }

    /// The rules' line, unless another that `mayBeHeadline` scores higher than it and above zero; when the rules chose
    /// none, the candidate scoring highest, when above zero. The rules' headline is never dropped for none: on
    /// cross-validation that kept as many right and missed fewer (F1 0.81 against 0.80), and a short text's one
    /// headline stays read. `mayBeHeadline` is asked of the best candidates only, highest first.
    func choose(_ candidates: [Candidate], mayBeHeadline: (Candidate) -> Bool = { _ in true }) -> Candidate? {
        let scores = candidates.map { score($0.features) }
        let ruled = candidates.firstIndex(where: \.isRulePick)
        let floor = max(0, ruled.map { scores[$0] } ?? 0)
        // Highest first, and the earlier line of two that score the same.
        let contenders = candidates.indices.filter { scores[$0] > floor && $0 != ruled }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        if let best = contenders.first(where: { mayBeHeadline(candidates[$0]) }) { return candidates[best] }
        return ruled.map { candidates[$0] }
    }

    /// A model trained on documents whose headline is known (nil for one without): the candidate whose text is the
    /// headline, as the corpus compares them, is the right one. A document whose headline no candidate reads is left out.
    static func trained(on documents: [(text: String, headline: String?)]) -> TitleModel {
        var examples: [RankingPerceptron.Example] = []
        for document in documents {
            let reading = DocumentImporter().reading(document.text)
            let header = reading.findLayout().header
            let rulePick = reading.ruleTitle(header: header).title.span
            let candidates = reading.titleCandidates(header: header, rulePick: rulePick).filter(\.mayBeHeadline)
            let answers = candidates.indices.filter { index in
                guard let expected = document.headline, let found = candidates[index].headline.value else { return false }
                return isHeadline(found, expected: expected)
            }
            guard answers.count == (document.headline == nil ? 0 : 1) else { continue }
            // Sorted: the same examples in the same order on every run give the same weights.
            examples.append(RankingPerceptron.Example(candidates: candidates.map { $0.features.sorted() }, answer: answers.first))
        }
        return TitleModel(weights: RankingPerceptron().train(examples))
    }

    /// Whether `found` is the headline `expected` (which ends in "…" when only its beginning is given), as the corpus
    /// compares them: without the marker and number a headline may begin with, which are the kind and number fields
    /// ("Urgent Action Update:", "UA 229/10"), and with whitespace runs as one space.
    static func isHeadline(_ found: String, expected: String) -> Bool {
        let want = headlineWords(expected)
        let have = headlineWords(found)
        return want.endsWith("…") ? have.startsWith(String(want.dropLast())) : have == want
    }

    static func headlineWords(_ title: String) -> String {
        Phrase.collapse(
            title.replacing(
                #/^(?i)\s*((urgent action|ua|fi|au|update|further information( on ua)?|follow-up on ua)\b[\s:.–-]*|\d+[.\/-]\d+\S*(\s*\([^)]*\))?(\s*and follow-ups?\s*\([^)]*\))?[\s:–-]*)+/#,
                with: ""))
    }

    /// The model as the trainer writes it.
    var table: String { WeightTable.table(of: weights) }
}

extension DocumentReading {
    /// The lines among the first thirty written ones a headline may be read from, each with what it looks like: first
    /// what its own words show, then what needs its neighbours and the vocabularies.
    func titleCandidates(header: Range<Int>, rulePick: TextSpan?) -> [TitleModel.Candidate] {
        var cheap: [(line: Int, headline: Found<String>, features: [String], previous: Int?, isRulePick: Bool)] = []
        var rank = 0
        var proseSeen = 0
        var previous: Int?
        for index in lines.indices where !lines[index].isBlank {
            defer { previous = index }
            guard rank < 30 else { break }
            rank += 1
            let line = lines[index]
            let isProse = Self.isProse(line.text)
            if isProse { proseSeen += 1 }
            // A headline stands above the account: past its third paragraph, none is looked for but the rules'.
            guard proseSeen <= 3 || line.number <= rulePick?.line ?? -1 else { break }
            let isRulePick = line.number == rulePick?.line
            // A sentence is no headline (nor is what the rules know is none: see `mayBeHeadline`).
            guard isRulePick || !isProse, let headline = headlineCandidate(line: index), let text = headline.value,
                isRulePick || !Self.endsSentence(text)
            else { continue }
            // The features' names are made once, not for every line: this runs on every document.
            var features = ["bias", Self.rankFeatures[rank - 1]]
            if let rulePick {
                features.append(isRulePick ? "rule" : line.number < rulePick.line ? "before-rule" : "after-rule")
            } else {
                features.append("no-rule")
            }
            features.append(header.contains(index) ? "in-header" : "after-header")
            if proseSeen > (isProse ? 1 : 0) { features.append("after-prose") }
            features.append(Self.charsFeatures.name(of: text.count))
            features.append(text.utf8.count == line.text.utf8.count ? "whole-line=true" : "whole-line=false")
            let words = text.utf8.split(separator: 0x20).map { Substring($0) }
            features.append(Self.wordsFeatures.name(of: words.count))
            features.append("case=" + Self.letterCase(words))
            features.append("end=" + Self.ending(text))
            if text.has(": ") { features.append("colon") }
            if text.has(" - ") || text.has(" – ") || text.has(" — ") { features.append("dash") }
            if text.first.map({ "\"“«„'‘(".contains($0) }) == true { features.append("quoted") }
            features.append(index > 0 && lines[index - 1].isBlank ? "blank-before=true" : "blank-before=false")
            features.append(index + 1 < lines.count && lines[index + 1].isBlank ? "blank-after=true" : "blank-after=false")
            cheap.append((index, headline, features, previous, isRulePick))
        }
        // Each line's shape is asked for twice, as the line after one candidate and before the next.
        var shapes: [Int: (before: String, after: String)] = [:]
        func shape(_ index: Int) -> (before: String, after: String) {
            if let known = shapes[index] { return known }
            let shape = lineShape(index)
            let features = ("before=" + shape, "after=" + shape)
            shapes[index] = features
            return features
        }
        func complete(
            _ candidate: (line: Int, headline: Found<String>, features: [String], previous: Int?, isRulePick: Bool)
        ) -> TitleModel.Candidate {
            let text = candidate.headline.value ?? ""
            var features = candidate.features
            let folded = Phrase.fold(text)
            if Self.isSiteLine(text, folded: folded) { features.append("site") }
            if Self.concernWords.firstMatch(in: folded) != nil { features.append("concern") }
            if Self.updateMarkers.contains(where: lines[candidate.line].folded.startsWith) { features.append("update-marker") }
            if NumberReader.number(in: lines[candidate.line].text) != nil { features.append("number") }
            if DateReader.firstDate(in: text) != nil { features.append("date") }
            if let colon = text.utf8.firstIndex(of: 0x3A), NameFinder.country(named: String(text[..<colon])) != nil {
                features.append("country-colon")
            }
            features.append(candidate.previous.map { shape($0).before } ?? "before=start")
            let next = lines[(candidate.line + 1)...].firstIndex { !$0.isBlank }
            features.append(next.map { shape($0).after } ?? "after=end")
            return TitleModel.Candidate(
                line: candidate.line, headline: candidate.headline, features: features, isRulePick: candidate.isRulePick)
        }
        return cheap.map(complete)
    }

    /// The headline a line would give, read as the rules read it: past its markers and number, its capitals when
    /// prose runs on after them, without a date set apart at its end.
    func headlineCandidate(line index: Int) -> Found<String>? {
        let line = lines[index]
        var text = String(line.text[Self.headlineStart(of: line.text)...])
        if text.isEmpty {
            // "Further Information on UA 47/07 (…)": an update headed by nothing more.
            guard Self.updateMarkers.contains(where: line.folded.startsWith) else { return nil }
            return Found(line.text, at: source.span(line: index))
        }
        if let capitals = headlineAfterMarker(line: index, from: text) { return capitals }
        let offset = line.text.utf8.count - text.utf8.count
        if let capitals = Self.leadingCapitals(text), capitals.count < text.count - 20 {
            return Found(capitals, at: source.span(line: index, bytes: offset..<(offset + capitals.utf8.count)))
        }
        if text.first?.isLowercase == true, Self.isDocumentHeading(line.text) { text = line.text }
        guard text.utf8.count <= 320 else { return nil }
        let headline = Self.withoutTrailingDate(text)
        let start = line.text.utf8.count - text.utf8.count
        return Found(headline, at: source.span(line: index, bytes: start..<(start + headline.utf8.count)))
    }

    private static let concernWords = PhraseSet(ImportVocabulary.all.concernHeadings)

    /// What a neighbouring line is, in a word.
    private func lineShape(_ index: Int) -> String {
        let line = lines[index]
        if Self.isProse(line.text) { return "prose" }
        let bare = Self.bare(line.folded)
        if Self.markerLines.contains(bare) { return "marker" }
        if NumberReader.number(in: line.text) != nil { return "number" }
        if DateReader.isMostlyDate(line.text, otherCharacters: 24) { return "date" }
        if NameFinder.country(named: line.text) != nil { return "country" }
        if line.text.endsWith(":") { return "label" }
        return line.text.utf8.count <= 80 ? "short" : "long"
    }

    /// A sentence or more of running text.
    private static func isProse(_ text: String) -> Bool {
        text.utf8.count > 200 || text.utf8.count > 80 && (text.endsWith(".") || text.endsWith(".”") || text.endsWith(".\""))
    }

    /// "… was freed on 15 May.": a sentence, where a headline ends without a stop.
    private static func endsSentence(_ text: String) -> Bool {
        text.endsWith(".") && !text.endsWith("..") && text.utf8.split(separator: 0x20).count > 3
    }

    private static func letterCase(_ words: [Substring]) -> String {
        let lettered = words.map(caseShape).filter(\.hasLetter)
        guard let first = lettered.first else { return "none" }
        if lettered.allSatisfy({ !$0.hasLowerCase }) { return "capitals" }
        let capitalised = lettered.count(where: \.startsUpperCase)
        if capitalised * 3 >= lettered.count * 2, lettered.count > 1 { return "title" }
        return first.startsUpperCase ? "sentence" : "lower"
    }

    /// Whether a word has a letter, a lower-case one, and whether its first letter is a capital: from its bytes when
    /// it is ASCII, as most are, without Unicode's tables.
    private static func caseShape(_ word: Substring) -> (hasLetter: Bool, hasLowerCase: Bool, startsUpperCase: Bool) {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else {
            let first = word.first(where: \.isLetter)
            return (first != nil, word.contains(where: \.isLowercase), first?.isUppercase == true)
        }
        var shape = (hasLetter: false, hasLowerCase: false, startsUpperCase: false)
        for byte in word.utf8 {
            let isUpper = (0x41...0x5A).contains(byte)
            let isLower = (0x61...0x7A).contains(byte)
            if !shape.hasLetter, isUpper || isLower { shape = (true, false, isUpper) }
            if isLower { shape.hasLowerCase = true }
        }
        return shape
    }

    private static func ending(_ text: String) -> String {
        guard let last = text.last else { return "none" }
        if last == "." { return text.endsWith("...") || text.endsWith("…") ? "ellipsis" : "stop" }
        if ":?!)".contains(last) { return String(last) }
        if "\"”»'’".contains(last) { return "quote" }
        return last.isNumber ? "digit" : "word"
    }

    private static let rankFeatures = (0..<30).map { Buckets(name: "rank", bounds: [0, 1, 2, 3, 4, 5, 7, 10, 15]).name(of: $0) }
    private static let charsFeatures = Buckets(name: "chars", bounds: [20, 40, 70, 110, 160, 220])
    private static let wordsFeatures = Buckets(name: "words", bounds: [1, 2, 3, 5, 8, 12, 18, 25])

    /// A count as a feature: the first bound it is at most ("chars=≤40"), or "more" beyond the last.
    private struct Buckets {
        let bounds: [Int]
        let names: [String]

        init(name: String, bounds: [Int]) {
            self.bounds = bounds
            names = bounds.map { "\(name)=≤\($0)" } + ["\(name)=more"]
        }

        func name(of value: Int) -> String { names[bounds.firstIndex { value <= $0 } ?? bounds.count] }
    }
}
