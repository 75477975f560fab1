extension DocumentReading {
    /// The headline: the first short line of the header that is not a label, number, date or marker;
    /// with text extracted from a PDF, the capitals at the start of a run-together line. Also the line
    /// after it, where the account may begin.
    func findTitle(header: Range<Int>) -> (title: Found<String>, summaryStart: Int) {
        let rules = ruleTitle(header: header)
        guard let titleModel else { return rules }
        let candidates = titleCandidates(header: header, rulePick: rules.title.span)
        // The rules' reading stands (its headline, or none) unless the model prefers another line.
        guard let chosen = titleModel.choose(candidates, mayBeHeadline: \.mayBeHeadline), !chosen.isRulePick else { return rules }
        return (chosen.headline, chosen.line + 1)
    }

    /// The headline the hand-written rules choose.
    func ruleTitle(header: Range<Int>) -> (title: Found<String>, summaryStart: Int) {
        if let concern = concernLine(in: header) { return concern }
        // "Further Information on UA 47/07 (ASA 37/003/2007, 27 February 2007)": an update whose heading says nothing
        // more is headed by it.
        var updateHeading: Found<String> = .missing
        for index in header {
            let line = lines[index]
            guard !line.isBlank else { continue }
            var text = String(line.text[Self.headlineStart(of: line.text)...])
            if text.isEmpty {
                if !updateHeading.isFound, Self.updateMarkers.contains(where: line.folded.startsWith) {
                    updateHeading = Found(line.text, at: source.span(line: index))
                }
                continue
            }
            if let capitals = headlineAfterMarker(line: index, from: text) { return (capitals, index + 1) }
            if text.utf8.count <= 300, Self.isNoHeadline(text) { continue }
            // A run-together line: "JOURNALIST HELD INCOMMUNICADO Journalist Jane Doe was arrested…"
            if let capitals = Self.leadingCapitals(text), capitals.count < text.count - 20 {
                // "AMNESTY INTERNATIONAL Schweizer Sektion . Section Suisse…": a letterhead.
                if Self.markerLines.contains(Self.bare(Phrase.fold(capitals))) { continue }
                let lower = line.text.utf8.count - text.utf8.count
                return (Found(capitals, at: source.span(line: index, bytes: lower..<(lower + capitals.utf8.count))), index + 1)
            }
            let isDocumentHeading = Self.isDocumentHeading(line.text)
            // "Further information on EXTRA 80/91 (…) - Kenya: …": a marker the headline's start does not know is kept.
            if text.first?.isLowercase == true, isDocumentHeading { text = line.text }
            let isShort = text.utf8.count <= 200 || text.utf8.count <= 320 && isDocumentHeading
            let endsSentence = text.endsWith(".") && !text.endsWith("..")
            guard isShort, !endsSentence, text.first?.isLowercase != true else { return (updateHeading, index) }
            let offset = line.text.utf8.count - text.utf8.count
            let headline = Self.withoutTrailingDate(text)
            return (Found(headline, at: source.span(line: index, bytes: offset..<(offset + headline.utf8.count))), index + 1)
        }
        return (updateHeading, header.upperBound)
    }

    static let updateMarkers = ImportVocabulary.all.updateMarkers

    /// An old bulletin's heading, however long the names it lists make it: "Further information on EXTRA 80/91 (…) -
    /// Kenya: fear of torture / legal concern: Oginga Odinga, …", "UA 212/93 - Indonesia / East Timor: fear of…: …".
    static func isDocumentHeading(_ text: String) -> Bool {
        let folded = Phrase.fold(text.prefix(60))
        return text.has(": ")
            && (updateMarkers.contains(where: folded.startsWith) || NumberReader.leadingNumberEnd(text[...]) != nil
                || NumberReader.number(in: String(text.prefix(40))) != nil)
    }

    /// "EXTRA 127/99        Fear for safety              9 September 1999": the date set apart at the end is the
    /// bulletin's, not the headline's.
    static func withoutTrailingDate(_ text: String) -> String {
        guard let gap = text.byteRange(of: "   ", backwards: true) else { return text }
        let rest = text[gap.upperBound...].trimmingWhitespace
        guard !rest.isEmpty, rest.contains(where: \.isNumber), DateReader.isMostlyDate(String(rest), otherCharacters: 2) else {
            return text
        }
        var kept = text[..<gap.lowerBound]
        while kept.last == " " { kept = kept.dropLast() }
        return kept.isEmpty ? text : String(kept)
    }

    /// An old bulletin's headline is the concern it was issued for, on a line of its own below the number and date
    /// ("UA 232/95 / Fear of ill-treatment or torture", "Temor por la seguridad"), whatever a mail's or site's lines
    /// above it say.
    private func concernLine(in header: Range<Int>) -> (title: Found<String>, summaryStart: Int)? {
        // Among the first lines: a header may run to the end of a text without blank lines.
        for index in header.prefix(20) where !lines[index].isBlank && lines[index].text.utf8.count <= 120 {
            // Most lines name no concern: the line's folded text says so before its headline is looked for.
            guard Self.concerns.contains(where: lines[index].folded.has) else { continue }
            let text = lines[index].text
            let start = Self.headlineStart(of: text)
            let folded = Phrase.fold(text[start...])
            guard Self.concerns.contains(where: { folded.startsWith($0) }), text[start...].first?.isUppercase == true else { continue }
            let offset = text.utf8.distance(from: text.startIndex, to: start)
            return (Found(String(text[start...]), at: source.span(line: index, bytes: offset..<text.utf8.count)), index + 1)
        }
        return nil
    }

    private static let concerns = ImportVocabulary.all.concernHeadings

    /// A PDF's first page flattened into one line: "First UA 61/21 Index: ASA 17/4243/2021 China Date: June 10, 2021
    /// URGENT ACTION MISSING AND ARBITRARILY DETAINED IN XINJIANG Over 60 people…". The headline is the capitals
    /// after the marker printed in capitals.
    func headlineAfterMarker(line index: Int, from text: String) -> Found<String>? {
        guard text.utf8.count > 80 else { return nil }
        for marker in Self.capitalMarkers {
            guard let range = text.byteRange(of: marker), range.lowerBound > text.startIndex else { continue }
            let rest = text[range.upperBound...].drop { $0 == " " || $0 == ":" }
            guard let capitals = Self.leadingCapitals(String(rest)) else { continue }
            let lower = text.utf8.distance(from: text.startIndex, to: rest.startIndex)
            return Found(capitals, at: source.span(line: index, bytes: lower..<(lower + capitals.utf8.count)))
        }
        return nil
    }

    private static let capitalMarkers = ImportVocabulary.all.urgentActionNames.map { $0.uppercased() + " " }

    /// Where the headline's words begin, after the markers and numbers that share its line:
    /// "UA 30.24 Kyrgyzstan: …", "URGENT ACTION …".
    static func headlineStart(of text: String) -> String.Index {
        var start = text.startIndex
        var changed = true
        while changed {
            changed = false
            let folded = Phrase.fold(text[start...].prefix(48))
            for opener in headlineOpeners where folded.startsWith(opener) {
                start = text.index(start, offsetBy: opener.count, limitedBy: text.endIndex) ?? text.endIndex
                changed = true
                break
            }
            // "Écrire Guatemala. Le gouvernement…": a site's button label run into the headline it stands beside.
            for (label, spaced) in siteActionLabels where folded.startsWith(spaced) {
                guard let after = text.index(start, offsetBy: label.count + 1, limitedBy: text.endIndex), after < text.endIndex,
                    text[after].isUppercase
                else { continue }
                start = after
                changed = true
                break
            }
            if let yearEnd = leadingYearEnd(text[start...]) {
                start = yearEnd
                changed = true
            }
            if let numberEnd = NumberReader.leadingNumberEnd(text[start...]) {
                start = afterEarlierDates(in: text, from: numberEnd)
                changed = true
            }
            while start < text.endIndex, separators.contains(text[start]) {
                start = text.index(after: start)
                changed = true
            }
        }
        return start
    }

    /// "2016 Iran: Concern for Narges Mohammadi", "2009: Iran: Roxana Saberi": a year a list of statements sets before
    /// each headline. Where the headline after it starts.
    static func leadingYearEnd(_ text: Substring) -> String.Index? {
        let bytes = text.utf8
        guard bytes.count > 8, let year = Int(String(decoding: bytes.prefix(4), as: UTF8.self)), (1900...2099).contains(year) else {
            return nil
        }
        var index = bytes.index(bytes.startIndex, offsetBy: 4)
        if bytes[index] == UInt8(ascii: ":") { index = bytes.index(after: index) }
        guard bytes[index] == UInt8(ascii: " ") else { return nil }
        index = bytes.index(after: index)
        guard text[index...].first?.isUppercase == true else { return nil }
        return index
    }

    private static let separators: Set<Character> = [" ", ":", "|", "-", "–", "—", ","]

    /// Past the dates of the earlier documents an update's number is followed by: "(28 April 2010) and follow-up
    /// (10 August 2010)", "(MDE 13/09/90, 15 June and follow-ups …)".
    private static func afterEarlierDates(in text: String, from start: String.Index) -> String.Index {
        var cursor = start
        while true {
            var next = text[cursor...].drop { $0 == " " }
            if next.startsWith("and follow-up") || next.startsWith("and follow up") {
                next = next.drop { $0 != " " }.dropFirst().drop { $0 != " " }.drop { $0 == " " }
            }
            guard next.first == "(", let close = next.prefix(400).firstIndex(of: ")") else { return cursor }
            cursor = text.index(after: close)
        }
    }

    static let headlineOpeners = ImportVocabulary.all.headlineOpeners + ["•"]
    /// Each label, and the label with the space that follows it.
    private static let siteActionLabels = ImportVocabulary.all.siteActionLabels.map { ($0, $0 + " ") }

    /// "URGENT ACTION -vetoomus UA 61/24", "RUSSISCHE FÖDERATION", "Julkaistu 17. huhtikuuta 2024", "Campagnes",
    /// "… – Amnistía Internacional Argentina | Defendemos…": a marker, a country, a date or the site's own words,
    /// not a headline. A line that names its action's number and says more ("Stop the Prosecution of Peaceful
    /// Protesters (Russian Federation: UA 112.19)") is one.
    static func isNoHeadline(_ text: String) -> Bool {
        let folded = Phrase.fold(text)
        if folded.startsWith("ai-index") || folded.has("index:") || folded.has("índice:") { return true }
        // Split as bytes: splitting by characters costs more than all the rest on most lines.
        let words = text.utf8.split(separator: 0x20).map { Substring($0) }
        let number = text.hasDigit ? NumberReader.number(in: text) : nil
        if number != nil, words.count < 5 || text.startsWith("(") { return true }
        if !text.utf8.contains(0x20) || siteWords.contains(where: folded.has) || folded.startsWith("dear ") { return true }
        // "Cuarta AU: 72/24 | Índice: … | Venezuela": a page's line of fields.
        if number != nil, text.has(" | ") { return true }
        // "BRIEFE GEGEN DAS VERGESSEN - AKTION DES MONATS DEZEMBER 2007", "LETTRES CONTRE L'OUBLI - 1/3 JUILLET 2020":
        // the series and its edition.
        if folded.has(" - "), seriesEditions.contains(where: folded.startsWith) { return true }
        // A photo's credit, a mail's header, code left from a page, an index number ("MDE 21/014/2007").
        if text.startsWith("©") || ["subject:", "from:", "to:", "sent:", "source:"].contains(where: folded.startsWith) { return true }
        // "(Sólo para residentes en México)": an aside.
        if text.startsWith("("), text.endsWith(")") { return true }
        // A picture's description kept from the page: "Porträtaufnahme von …", "Karte des Iran", "Photo: …".
        if pictureWords.contains(where: folded.startsWith) { return true }
        // A pointer to somewhere else ("To learn about recent successes, go to"), a form's field ("*País de residencia").
        // A document's heading may end on a colon after the names it lists: "Kenya: Further information on fear of
        // torture…: Patrick Wangamati:".
        let isHeadingOfParts = folded.dropLast().has(": ") && words.count >= 6
        if folded.endsWith(" go to") || folded.endsWith(":") && !isHeadingOfParts || text.startsWith("*") { return true }
        if words.count(where: isWord) < 2 { return true }
        if text.hasDigit, NumberReader.isIndexNumber(text) { return true }
        // "Para Fiscal General de la República", "Au Chef du pouvoir judiciaire, …": the letter's addressee.
        let firstWords = folded.split(separator: " ", maxSplits: 2)
        if firstWords.count > 1, addresseeOpeners.contains(String(firstWords[0])), ContactReader.isOfficeWord(firstWords[1]) {
            return true
        }
        // "Ejemplos: 2299562315, cel. 5535168660": a form's example, a telephone number.
        if hasLongNumber(text) { return true }
        if text.utf8.count <= 40, NumberReader.caseReference(in: Array(text.utf8)) != nil { return true }
        if NameFinder.country(named: text) != nil { return true }
        if DateReader.isMostlyDate(text, otherCharacters: 24) { return true }
        if markerLines.contains(bare(folded)) || isSiteLine(text, folded: folded) { return true }
        return dateLabelPrefixes.contains(where: folded.startsWith)
    }

    private static let dateLabelPrefixes = ImportVocabulary.all.dateLabels.map { $0 + ":" }

    /// Whether seven digits or more stand together: a telephone number, a form's example. Read as bytes when the text
    /// is ASCII, as most lines are.
    private static func hasLongNumber(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: { !$0.isNumber }).contains(where: { $0.count >= 7 })
        }
        var run = 0
        for byte in text.utf8 {
            run = (0x30...0x39).contains(byte) ? run + 1 : 0
            if run >= 7 { return true }
        }
        return false
    }

    /// What a site prints above a page's headline: its section ("Actualités"), its own name ("Amnistía Internacional
    /// España"), a category ("Category: Front Line"), a picture's description or credit.
    static func isSiteLine(_ text: String, folded: String) -> Bool {
        return sectionNames.contains(bare(folded)) || isPublishersOwnLine(folded) || text.startsWith("©")
            || ["category:", "catégorie:", "kategorie:", "categoría:", "tags:", "posted in "].contains(where: folded.startsWith)
            || pictureWords.contains(where: folded.startsWith)
    }

    /// What an organisation's national branch calls itself: "Sektion der Bundesrepublik Deutschland", "Section Suisse".
    static let sectionWords: Set<String> = ["sektion", "section", "sección", "sezione"]

    /// A site's section above its pages: "Actions urgentes", "Amnesty Urgent Actions", "Actualités", "Good News".
    private static let sectionNames: Set<String> =
        Set(ImportVocabulary.all.urgentActionNames.flatMap { name in [name + "s", "amnesty " + name + "s"] })
        .union(ImportVocabulary.all.outcomeHeadings)
        .union([
            "actions urgentes", "acciones urgentes", "eilaktionen", "news", "latest news", "actualités", "actualité", "noticias",
            "aktuelles", "nachrichten", "press releases", "communiqués de presse", "comunicados de prensa", "pressemitteilungen",
        ])

    /// The publisher's name and what only says where it is: "Amnistía Internacional España", "Amnesty International UK /
    /// www.amnesty.org.uk", "Amnesty International Gruppe Miesbach (1431)", "Amnesty International Urgent Action".
    private static func isPublishersOwnLine(_ folded: String) -> Bool {
        guard
            let publisher = ["amnesty international", "amnistía internacional", "amnistie internationale"].first(where: folded.startsWith)
        else { return false }
        let rest = bare(String(folded.dropFirst(publisher.count)).trimmingWhitespace)
        let firstWord = rest.prefix { $0 != " " && $0 != "/" }
        return rest.isEmpty || rest.has("www.") || rest.has("http")
            || ["gruppe", "group", "groupe", "grupo"].contains(firstWord) || sectionWords.contains(String(firstWord))
            || markerLines.contains(rest) || NameFinder.country(named: String(rest)) != nil
    }

    /// A word of letters, maybe joined or abbreviated and with the punctuation around it: "al-Sada", "Jan.",
    /// "Journalist*innen", "Aserbaidschan:"; not a number, an address or a handle.
    private static func isWord(_ word: Substring) -> Bool {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return isASCIIWord(word.utf8) }
        let core = word.drop { wordPunctuation.contains($0) }.reversed().drop { wordPunctuation.contains($0) }
        return core.count(where: \.isLetter) > 1 && core.allSatisfy { $0.isLetter || "-'’*.".contains($0) }
    }

    /// `isWord` for a word of ASCII bytes, read byte by byte: Unicode's letter test is costly on every line.
    private static func isASCIIWord(_ bytes: Substring.UTF8View) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        let core = bytes.drop { asciiWordPunctuation.contains($0) }.reversed().drop { asciiWordPunctuation.contains($0) }
        return core.count(where: isLetter) > 1 && core.allSatisfy { isLetter($0) || asciiWordMarks.contains($0) }
    }

    private static let asciiWordPunctuation = Set(wordPunctuation.compactMap(\.asciiValue))
    /// "-", "'", "*", ".": what joins or ends a word's letters.
    private static let asciiWordMarks: Set<UInt8> = [0x2D, 0x27, 0x2A, 0x2E]

    private static let wordPunctuation: Set<Character> = [",", ":", ";", "(", ")", "[", "]", "\"", "'", "«", "»", "“", "”", "!", "?"]

    /// Lines that only say what the document is. The statement headings are the English ones only:
    /// this step has never ruled out the others as headlines.
    static let markerLines: Set<String> = Set(
        ImportVocabulary.english.statementHeadings + ImportVocabulary.english.releaseNotices
            + ImportVocabulary.all.urgentActionNames + ImportVocabulary.all.urgentActionAbbreviations
            + [
                "appeal", "urgent interventions", "interventions urgentes", "intervenciones urgentes", "amnesty international",
                "amnistía internacional", "email action", "sektion der bundesrepublik deutschland",
            ])

    private static let seriesEditions = markerLines.map { $0 + " - " }
    private static let addresseeOpeners: Set<String> = ["to", "para", "au", "à", "a", "an", "al"]

    private static let pictureWords = [
        "porträt", "zwei porträts", "zeichnung", "foto:", "foto ", "photo:", "photo ", "bild:", "karte des", "karte der", "map of",
        "image:",
        "picture:",
    ]

    /// What a site prints around a document: its name beside a motto, an archive's heading. Folded: a dash is "-".
    private static let siteWords = [
        "amnesty international |", "amnistía internacional |", "| amnesty", "| amnistía", "- amnistía internacional",
        "- amnesty international", "human rights reports", "/*", "from amnesty international",
    ]

    /// The account when a PDF ran it into the headline's line: what follows the headline there.
    func runTogetherSummary(title: String, header: Range<Int>) -> Paragraph? {
        for index in header where !lines[index].isBlank {
            let text = lines[index].text
            guard let range = text.byteRange(of: title), text.distance(from: range.upperBound, to: text.endIndex) > 20 else { continue }
            let rest = text[range.upperBound...].trimmingWhitespace
            guard rest.first?.isUppercase == true, rest.contains(where: \.isLowercase) else { return nil }
            // The summary may go on over the next lines.
            var end = index
            var joined = rest
            while end + 1 < header.upperBound, !lines[end + 1].isBlank {
                end += 1
                joined += " " + lines[end].text
            }
            return Paragraph(text: Phrase.collapse(joined), lines: index...end)
        }
        return nil
    }

    /// Words in capitals at the start of `text`, when lower-case prose follows.
    static func leadingCapitals(_ text: String) -> String? {
        // Most lines begin with a word that is not in capitals: told from its bytes, before the words are split.
        let firstWord = text.utf8.prefix { $0 != 0x20 }
        if firstWord.allSatisfy({ $0 < 0x80 }) {
            let letters = firstWord.filter { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
            if letters.isEmpty || letters.contains(where: { (0x61...0x7A).contains($0) }) { return nil }
        }
        let words = text.prefix(240).split(separator: " ", omittingEmptySubsequences: false)
        var count = 0
        for word in words {
            let letters = word.filter(\.isLetter)
            guard !letters.isEmpty, letters.allSatisfy({ $0.isUppercase }) else { break }
            count += 1
        }
        // The last capital word may begin the prose ("A journalist…").
        if count > 0, count < words.count, words[count - 1].count == 1 { count -= 1 }
        guard count >= 2, count < words.count, words[count...].contains(where: { $0.contains(where: \.isLowercase) }) else { return nil }
        return words.prefix(count).joined(separator: " ")
    }
}
