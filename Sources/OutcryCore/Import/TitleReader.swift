extension DocumentReading {
    /// The headline: the first short line of the header that is not a label, number, date or marker;
    /// with text extracted from a PDF, the capitals at the start of a run-together line. Also the line
    /// after it, where the account may begin.
    func findTitle(header: Range<Int>) -> (title: Found<String>, summaryStart: Int) {
        for index in header {
            let line = lines[index]
            guard !line.isBlank else { continue }
            let text = String(line.text[Self.headlineStart(of: line.text)...])
            if text.isEmpty { continue }
            if text.utf8.count <= 300, Self.isNoHeadline(text) { continue }
            // A run-together line: "JOURNALIST HELD INCOMMUNICADO Journalist Jane Doe was arrested…"
            if let capitals = Self.leadingCapitals(text), capitals.count < text.count - 20 {
                let lower = line.text.utf8.count - text.utf8.count
                return (Found(capitals, at: source.span(line: index, bytes: lower..<(lower + capitals.utf8.count))), index + 1)
            }
            let isShort = text.utf8.count <= 200
            let endsSentence = text.hasSuffix(".") && !text.hasSuffix("..")
            guard isShort, !endsSentence, text.first?.isLowercase != true else { return (.missing, index) }
            let offset = line.text.utf8.count - text.utf8.count
            return (Found(text, at: source.span(line: index, bytes: offset..<line.text.utf8.count)), index + 1)
        }
        return (.missing, header.upperBound)
    }

    /// Where the headline's words begin, after the markers and numbers that share its line:
    /// "UA 30.24 Kyrgyzstan: …", "URGENT ACTION …".
    static func headlineStart(of text: String) -> String.Index {
        var start = text.startIndex
        var changed = true
        while changed {
            changed = false
            let folded = Phrase.fold(text[start...].prefix(48))
            for opener in headlineOpeners where folded.hasPrefix(opener) {
                start = text.index(start, offsetBy: opener.count, limitedBy: text.endIndex) ?? text.endIndex
                changed = true
                break
            }
            // "Écrire Guatemala. Le gouvernement…": a site's button label run into the headline it stands beside.
            for label in siteActionLabels where folded.hasPrefix(label + " ") {
                guard let after = text.index(start, offsetBy: label.count + 1, limitedBy: text.endIndex), after < text.endIndex,
                    text[after].isUppercase
                else { continue }
                start = after
                changed = true
                break
            }
            if let numberEnd = NumberReader.leadingNumberEnd(text[start...]) {
                start = numberEnd
                changed = true
            }
            while start < text.endIndex, " :|-–—,".contains(text[start]) {
                start = text.index(after: start)
                changed = true
            }
        }
        return start
    }

    private static let headlineOpeners = ImportVocabulary.all.headlineOpeners + ["•"]
    private static let siteActionLabels = ImportVocabulary.all.siteActionLabels

    /// "URGENT ACTION -vetoomus UA 61/24", "RUSSISCHE FÖDERATION", "Julkaistu 17. huhtikuuta 2024", "Campagnes",
    /// "… – Amnistía Internacional Argentina | Defendemos…": a marker, a country, a date or the site's own words,
    /// not a headline. A line that names its action's number and says more ("Stop the Prosecution of Peaceful
    /// Protesters (Russian Federation: UA 112.19)") is one.
    private static func isNoHeadline(_ text: String) -> Bool {
        let folded = Phrase.fold(text)
        if folded.hasPrefix("ai-index") || folded.has("index:") { return true }
        if NumberReader.number(in: text) != nil, text.split(separator: " ").count < 5 || text.hasPrefix("(") { return true }
        if !text.contains(" ") || siteWords.contains(where: folded.has) || folded.hasPrefix("dear ") { return true }
        // A photo's credit, a mail's header, code left from a page, an index number ("MDE 21/014/2007").
        if text.hasPrefix("©") || ["subject:", "from:", "to:", "sent:"].contains(where: folded.hasPrefix) { return true }
        // A picture's description kept from the page: "Porträtaufnahme von …", "Karte des Iran", "Photo: …".
        if pictureWords.contains(where: folded.hasPrefix) { return true }
        // A pointer to somewhere else ("To learn about recent successes, go to"), a form's field ("*País de residencia").
        if folded.hasSuffix(" go to") || folded.hasSuffix(":") || text.hasPrefix("*") { return true }
        if text.split(separator: " ").filter({ $0.count > 1 && $0.allSatisfy(\.isLetter) }).count < 2 { return true }
        if NumberReader.isIndexNumber(text) { return true }
        if text.utf8.count <= 40, NumberReader.caseReference(in: Array(text.utf8)) != nil { return true }
        if NameFinder.country(named: text) != nil { return true }
        if let date = DateReader.firstDate(in: text), text.count - date.1.count < 25 { return true }
        if markerLines.contains(bare(folded)) { return true }
        return ImportVocabulary.all.dateLabels.contains { folded.hasPrefix($0 + ":") }
    }

    /// Lines that only say what the document is. The statement headings are the English ones only:
    /// this step has never ruled out the others as headlines.
    private static let markerLines =
        ImportVocabulary.english.statementHeadings + ImportVocabulary.english.releaseNotices
        + ImportVocabulary.all.urgentActionNames + ImportVocabulary.all.urgentActionAbbreviations
        + [
            "appeal", "urgent interventions", "interventions urgentes", "intervenciones urgentes", "amnesty international",
            "amnistía internacional", "email action", "sektion der bundesrepublik deutschland",
        ]

    private static let pictureWords = [
        "porträt", "zwei porträts", "zeichnung", "foto:", "foto ", "photo:", "photo ", "bild:", "karte des", "karte der", "map of",
        "image:",
        "picture:",
    ]

    /// What a site prints around a document: its name beside a motto, an archive's heading.
    private static let siteWords = [
        "amnesty international |", "amnistía internacional |", "| amnesty", "| amnistía", "– amnistía internacional",
        "- amnesty international", "– amnesty international", "human rights reports", "/*", "from amnesty international",
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
    private static func leadingCapitals(_ text: String) -> String? {
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
