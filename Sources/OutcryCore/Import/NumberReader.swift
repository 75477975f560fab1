import Foundation

/// Reads Urgent Action numbers as publishers print them: "UA 30.24", "UA 106/23", "UA: 98/16 Index: MDE 12/4022/2016",
/// "FI 098/20-2", "UA-257-1/2014", "Further information on UA 106/23", "Follow-up on UA …", "Urgent Action 30.24".
enum NumberReader {
    struct Numbers {
        var number: Found<String> = .missing
        var updates: Found<String> = .missing
        var index: Found<String> = .missing
        /// Where the text said it follows an earlier action.
        var updateEvidence: TextSpan?
    }

    private static let updateIntros = [
        "further information on urgent action", "further information on ua", "further information on", "follow-up on ua",
        "follow-up to ua", "follow up on ua", "follow up to ua", "follow-up to urgent action", "follow-up on urgent action",
        "update on ua", "update to ua", "update on urgent action", "fi on ua", "weitere informationen zu ua",
        "weitere informationen zur ua", "folgeaktion zu ua", "uppdatering av ua", "uppföljning av ua", "päivitys ua",
        "lisätietoa ua", "this closes ua", "closes ua", "final update on ua", "this is the final update on ua",
        "outcome of ua", "update on urgent action",
    ]

    private static let numberIntros = ["urgent action no.", "urgent action number", "urgent action", "eilaktion", "ua no.", "ua nr.", "ua", "fi"]

    static func numbers(source: SourceText, order: [Int]) -> Numbers {
        var numbers = Numbers()
        for index in order {
            let line = source.lines[index]
            guard line.folded.count == line.text.count, line.folded.contains(where: \.isNumber) else { continue }
            let folded = Array(line.folded)
            let text = Array(line.text)
            var used: [Range<Int>] = []
            if !numbers.updates.isFound {
                for intro in updateIntros {
                    guard let start = find(intro, in: folded) else { continue }
                    if let (value, range) = numberToken(in: text, from: start + intro.count) {
                        numbers.updates = Found(value, at: span(source, index, range, line.text))
                        numbers.updateEvidence = span(source, index, start..<range.upperBound, line.text)
                        used.append(start..<range.upperBound)
                        break
                    }
                }
            }
            if !numbers.number.isFound {
                var position = 0
                search: while position < folded.count {
                    defer { position += 1 }
                    guard !used.contains(where: { $0.contains(position) }), position == 0 || !folded[position - 1].isLetter else { continue }
                    for intro in numberIntros where matches(intro, folded, at: position) {
                        let after = position + intro.count
                        guard after >= folded.count || !folded[after].isLetter else { continue }
                        guard let (value, range) = numberToken(in: text, from: after) else { continue }
                        let printed = intro == "fi" ? String(text[position..<(position + 2)]) + " " + value : value
                        numbers.number = Found(printed, at: span(source, index, (intro == "fi" ? position : range.lowerBound)..<range.upperBound, line.text))
                        if intro == "fi", numbers.updateEvidence == nil {
                            numbers.updateEvidence = span(source, index, position..<range.upperBound, line.text)
                        }
                        break search
                    }
                }
            }
            if !numbers.index.isFound, let start = find("index:", in: folded) ?? find("index ", in: folded) {
                let intro = folded[start + 5] == ":" ? 6 : 6
                var cursor = start + intro
                while cursor < text.count, text[cursor] == " " { cursor += 1 }
                let valueStart = cursor
                // "MDE 12/4022/2016": letters, a space, then the numbered part.
                while cursor < text.count, text[cursor].isLetter, text[cursor].isUppercase { cursor += 1 }
                if cursor > valueStart, cursor < text.count, text[cursor] == " " {
                    cursor += 1
                    let numberStart = cursor
                    while cursor < text.count, text[cursor].isNumber || text[cursor] == "/" || text[cursor] == "." || text[cursor] == "-" { cursor += 1 }
                    while cursor > numberStart, !text[cursor - 1].isNumber { cursor -= 1 }
                    if cursor > numberStart {
                        numbers.index = Found(String(text[valueStart..<cursor]), at: span(source, index, valueStart..<cursor, line.text))
                    }
                }
            }
            // A closing line repeating the earlier action's number ("UA: 98/16 Index: …") is not this one's.
            if numbers.number.value != nil, numbers.number.value == numbers.updates.value { numbers.number = .missing }
            if numbers.number.isFound, numbers.updates.isFound, numbers.index.isFound { break }
        }
        return numbers
    }

    /// The first "UA 12/34"-style number in `text`, for telling number lines from prose.
    static func number(in text: String) -> String? {
        let folded = Array(Phrase.fold(text))
        let characters = Array(text)
        guard folded.count == characters.count else { return nil }
        for position in folded.indices where position == 0 || !folded[position - 1].isLetter {
            for intro in ["ua", "fi", "urgent action"] where matches(intro, folded, at: position) {
                let after = position + intro.count
                guard after >= folded.count || !folded[after].isLetter else { continue }
                if let (value, _) = numberToken(in: characters, from: after) { return value }
            }
        }
        return nil
    }

    /// Where a number at the start of `text` ends ("30.24 Kyrgyzstan…" → after "30.24").
    static func leadingNumberEnd(_ text: Substring) -> String.Index? {
        let characters = Array(text)
        guard let (_, range) = numberToken(in: characters, from: 0, maximumGap: 0) else { return nil }
        return text.index(text.startIndex, offsetBy: range.upperBound)
    }

    /// A number like "30.24", "106/23", "098/20-2", "257-1/2014" after optional ":", "-", "#", spaces.
    private static func numberToken(in text: [Character], from start: Int, maximumGap: Int = 4) -> (String, Range<Int>)? {
        var cursor = start
        var gap = 0
        while cursor < text.count, " :-#–".contains(text[cursor]) || text[cursor] == "\u{00A0}", gap < maximumGap {
            cursor += 1
            gap += 1
        }
        let tokenStart = cursor
        guard cursor < text.count, text[cursor].isASCII, text[cursor].isNumber else { return nil }
        var separators = 0
        while cursor < text.count {
            let character = text[cursor]
            if character.isASCII, character.isNumber {
                cursor += 1
            } else if "./-".contains(character), cursor + 1 < text.count, text[cursor + 1].isASCII, text[cursor + 1].isNumber {
                separators += 1
                cursor += 1
            } else {
                break
            }
        }
        guard separators > 0, cursor - tokenStart <= 16 else { return nil }
        if cursor < text.count, text[cursor].isLetter { return nil }
        return (String(text[tokenStart..<cursor]), tokenStart..<cursor)
    }

    private static func find(_ phrase: String, in folded: [Character]) -> Int? {
        let pattern = Array(phrase)
        guard pattern.count <= folded.count else { return nil }
        for position in 0...(folded.count - pattern.count) where (position == 0 || !folded[position - 1].isLetter) && matches(phrase, folded, at: position) {
            return position
        }
        return nil
    }

    private static func matches(_ phrase: String, _ folded: [Character], at position: Int) -> Bool {
        var cursor = position
        for character in phrase {
            guard cursor < folded.count, folded[cursor] == character else { return false }
            cursor += 1
        }
        return true
    }

    private static func span(_ source: SourceText, _ index: Int, _ range: Range<Int>, _ text: String) -> TextSpan {
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(text.startIndex, offsetBy: range.upperBound)
        return source.span(line: index, lower..<upper)
    }
}

/// Reads the date by which supporters should act: "expires on …", "take action before …",
/// "SEND APPEALS BEFORE …", "Appelle bis …", "by …", "12 days left".
enum DeadlineReader {
    private static let strongPhrases = [
        "expires on", "expires", "take action before", "send appeals before", "send appeals by", "appeals before",
        "appelle bis zum", "appelle bis", "deadline", "take action until", "as soon as possible until", "no later than",
        "senast", "viimeistään", "mennessä", "avant le", "antes del", "days left", "day left", "dagar kvar", "tage übrig",
        "tage verbleibend", "päivää jäljellä", "jours restants",
    ]
    private static let weakPhrases = ["before", "by", "until", "bis", "före", "avant", "antes de"]
    private static let context = ["appeal", "action", "send", "write", "letter", "deadline", "expire", "vädjan", "appell", "vetoomu", "aktion", "skriv", "kirjoita"]

    /// The deadline phrase a line contains, if any.
    static func phrase(in folded: String) -> String? {
        for phrase in strongPhrases where folded.contains(phrase) { return phrase }
        guard context.contains(where: folded.contains) else { return nil }
        for phrase in weakPhrases where folded.contains(" " + phrase + " ") || folded.hasPrefix(phrase + " ") { return phrase }
        return nil
    }

    static func date(in text: String, folded: String, issued: HistoricalDate?, today: HistoricalDate?) -> (HistoricalDate, Range<String.Index>)? {
        let characters = Array(folded)
        for unit in ["days left", "day left", "dagar kvar", "tage übrig", "tage verbleibend", "päivää jäljellä", "jours restants"] {
            guard let range = folded.range(of: unit) else { continue }
            let end = folded.distance(from: folded.startIndex, to: range.lowerBound)
            var start = end
            while start > 0, characters[start - 1] == " " { start -= 1 }
            var digits = start
            while digits > 0, characters[digits - 1].isNumber { digits -= 1 }
            guard digits < start, let days = Int(String(characters[digits..<start])), let today,
                let date = DateReader.adding(days: days, to: today)
            else { continue }
            let lower = text.index(text.startIndex, offsetBy: digits)
            let upper = text.index(text.startIndex, offsetBy: end + unit.count)
            return (date, lower..<upper)
        }
        let matches = DateReader.matches(in: text)
        let phrasePositions = (strongPhrases + weakPhrases).compactMap { phrase -> Int? in
            guard let range = folded.range(of: phrase) else { return nil }
            return folded.distance(from: folded.startIndex, to: range.upperBound)
        }
        // The first date right after a phrase; else, for phrases after the date ("12.5.2024 mennessä"), the one before.
        for match in matches {
            guard phrasePositions.contains(where: { match.characters.lowerBound >= $0 && match.characters.lowerBound - $0 <= 16 }) else { continue }
            if let date = match.date(yearFrom: issued) {
                return (date, text.index(text.startIndex, offsetBy: match.characters.lowerBound)..<text.index(text.startIndex, offsetBy: match.characters.upperBound))
            }
        }
        for match in matches where folded.contains("mennessä") || folded.contains("viimeistään") {
            if let date = match.date(yearFrom: issued) {
                return (date, text.index(text.startIndex, offsetBy: match.characters.lowerBound)..<text.index(text.startIndex, offsetBy: match.characters.upperBound))
            }
        }
        return nil
    }
}
