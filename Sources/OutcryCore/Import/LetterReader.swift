import Foundation

/// Reads the sample letter — salutation, paragraphs, closing — and the requests it makes of the official.
enum LetterReader {
    /// Whether a line opens a letter: "Dear Mr. President,", "Your Excellency,", "Sehr geehrter Herr Minister,".
    static func isSalutation(_ line: SourceText.Line) -> Bool {
        let folded = line.folded
        guard folded.utf8.count <= 90, !folded.isEmpty, !greetsSupporters(folded) else { return false }
        if salutationOpeners.contains(where: { folded.startsWith($0) }) {
            // "Monsieur le Premier Ministre / Monsieur le Ministre des Affaires étrangères": one for each official.
            let parts = folded.split(separator: " / ")
            return folded.endsWith(",") || folded.endsWith(":") || folded.endsWith("!")
                || parts.allSatisfy { $0.utf8.count <= 60 }
                    && parts.allSatisfy { part in salutationOpeners.contains(where: part.startsWith) }
        }
        // "Excellency," alone; "Your Excellency", "Your Majesty" are openers above.
        return folded == "excellency," || folded == "excellency:"
    }

    /// A salutation sharing its line with the letter's first sentence, and with the letter's own heading before it:
    /// "Dear Chairman of the Investigative Committee, I write about…" → "Dear Chairman of the Investigative Committee,";
    /// "SAMPLE LETTER Your Excellency, On September 28…" → "Your Excellency,".
    static func leadingSalutation(_ line: SourceText.Line) -> Range<String.Index>? {
        let text = line.text
        guard text.utf8.count > 90 || text.endsWith(","), line.folded.count == text.count else { return nil }
        let heading = SectionLabel.letterHeadings.first(where: line.folded.startsWith)?.count ?? 0
        // "SAMPLE LETTER Your Majesty King Salman bin Abdulaziz Al Saud,": the heading, then the salutation alone.
        guard text.utf8.count > 90 || heading > 0 && text.endsWith(",") else { return nil }
        var folded = line.folded.dropFirst(heading)
        while folded.first == " " || folded.first == ":" { folded = folded.dropFirst() }
        guard salutationOpeners.contains(where: folded.startsWith), !greetsSupporters(String(folded.prefix(80))) else { return nil }
        let start = text.index(text.startIndex, offsetBy: line.folded.count - folded.count)
        if text.utf8.count <= 90 { return start..<text.endIndex }
        var index = start
        var count = 0
        while index < text.endIndex, count < 80 {
            let next = text.index(after: index)
            if text[index] == ",", next < text.endIndex, text[next] == " ",
                text.index(after: next) < text.endIndex, text[text.index(after: next)].isUppercase
            {
                return start..<next
            }
            index = next
            count += 1
        }
        return nil
    }

    /// "Presidente Maduro:", "Señor Presidente:": an office and a colon, which opens a letter when the letter follows.
    static func isOfficeSalutation(_ line: SourceText.Line) -> Bool {
        let folded = line.folded
        guard folded.utf8.count <= 40, folded.endsWith(":"), let first = folded.split(separator: " ").first else { return false }
        return ContactReader.isOfficeWord(first) || salutationOpeners.contains(where: folded.startsWith)
    }

    /// "Dear friends,", "Estimadas y estimados apelantes,": a section greeting its supporters, not a letter to an official.
    private static func greetsSupporters(_ folded: String) -> Bool {
        ["friends", "supporters", "apelantes", "unterstützer", "amis", "amigos", "amigas", "members", "activists"].contains {
            folded.has($0)
        }
    }

    private static let salutationOpeners = [
        "dear ", "sehr geehrte", "geehrte", "hochverehrte", "monsieur", "madame", "estimado", "estimada", "señor",
        "señora", "bästa ", "ärade ", "arvoisa ", "hyvä ", "уважаем", "excelentísimo", "excelentisimo", "caro ", "cara ",
        "your excellency", "your majesty", "your royal highness", "your highness", "to whom it may concern",
    ]

    /// The closing formula when `text` is or ends with one ("Yours sincerely,").
    static func closing(in text: String) -> (closing: String, before: String)? {
        let folded = Phrase.fold(text)
        for formula in closingFormulas {
            if folded.startsWith(formula), folded.count <= formula.count + 40 { return (text, "") }
            // A closing glued to the end of the last paragraph: "…in detention.Yours sincerely,"
            if let range = folded.byteRange(of: formula, backwards: true),
                folded.distance(from: range.lowerBound, to: folded.endIndex) <= formula.count + 2,
                folded.distance(from: folded.startIndex, to: range.lowerBound) > 0
            {
                let offset = folded.distance(from: folded.startIndex, to: range.lowerBound)
                guard folded.count == text.count else { return nil }
                let split = text.index(text.startIndex, offsetBy: offset)
                return (String(text[split...]).trimmingWhitespace, String(text[..<split]).trimmingWhitespace)
            }
        }
        return nil
    }

    private static let closingFormulas = [
        "yours sincerely", "sincerely yours", "sincerely", "yours faithfully", "faithfully", "yours respectfully",
        "respectfully yours", "respectfully", "kind regards", "best regards", "with regards", "regards", "yours truly",
        "mit freundlichen grüßen", "mit freundlichen grüssen", "hochachtungsvoll", "med vänliga hälsningar",
        "med vänlig hälsning", "vänliga hälsningar", "ystävällisin terveisin", "kunnioittavasti", "veuillez agréer",
        "cordialement", "atentamente", "с уважением", "yours,",
    ]

    /// Requests to the official: "I urge you to release…" → "Release…".
    static func asks(in paragraphs: [String]) -> [String] {
        var asks: [String] = []
        for paragraph in paragraphs {
            for sentence in Sentences.split(paragraph) {
                let folded = Phrase.fold(sentence)
                guard folded.count == sentence.count else { continue }
                for trigger in askTriggers {
                    guard let range = folded.byteRange(of: trigger) else { continue }
                    let offset = folded.distance(from: folded.startIndex, to: range.upperBound)
                    let request = sentence.dropFirst(offset).trimmingWhitespace
                    guard request.utf8.count > 8 else { continue }
                    asks.append(request)
                    break
                }
            }
        }
        return asks
    }

    private static let askTriggers = [
        "i urge you to ", "i call on you to ", "i call upon you to ", "i ask you to ", "i request you to ",
        "i respectfully urge you to ", "i respectfully request that you ", "i request that you ", "we urge you to ",
        "we call on you to ", "i appeal to you to ", "i am writing to urge you to ", "i therefore urge you to ",
        "i strongly urge you to ", "urge you to ", "call on you to ", "call upon you to ", ", please ", "please ",
    ]
}

/// Cuts prose into sentences without cutting at "Mr.", "H.E." or "No. 5".
enum Sentences {
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            if character == "." || character == "!" || character == "?" {
                var next = index + 1
                while next < characters.count, "”\"’)".contains(characters[next]) {
                    current.append(characters[next])
                    next += 1
                }
                let atEnd = next >= characters.count
                let followedBySpace = !atEnd && characters[next] == " "
                let lastWord = Phrase.fold(current[(current.lastIndex(of: " ").map { current.index(after: $0) } ?? current.startIndex)...])
                if atEnd || (followedBySpace && !abbreviations.contains(lastWord) && nextStartsSentence(characters, after: next)) {
                    sentences.append(current.trimmingWhitespace)
                    current = ""
                }
                index = next
                continue
            }
            index += 1
        }
        if !current.trimmingWhitespace.isEmpty { sentences.append(current.trimmingWhitespace) }
        return sentences
    }

    private static func nextStartsSentence(_ characters: [Character], after index: Int) -> Bool {
        var next = index
        while next < characters.count, characters[next] == " " { next += 1 }
        guard next < characters.count else { return true }
        let character = characters[next]
        return character.isUppercase || "“\"‘(".contains(character) || character.isNumber || !character.isCased
    }

    private static let abbreviations: Set<String> = [
        "mr.", "mrs.", "ms.", "dr.", "prof.", "h.e.", "st.", "no.", "nos.", "art.", "vs.", "e.g.", "i.e.", "etc.", "jr.",
        "sr.", "gen.", "col.", "lt.", "capt.", "rev.", "hon.", "ul.", "str.", "tel.", "p.o.", "inc.", "ltd.", "co.",
    ]
}
