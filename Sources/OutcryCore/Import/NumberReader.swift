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

    private static let numberIntros = [
        "urgent action no.", "urgent action number", "urgent action", "eilaktion", "ua no.", "ua nr.", "ua", "fi", "au",
    ]

    static func numbers(source: SourceText, order: [Int]) -> Numbers {
        var numbers = Numbers()
        // A blog's "Urgent Action 6-12-10" is the day it reposted; the action's own number, if the text has one, wins.
        var postingDay: Found<String>?
        for index in order {
            let line = source.lines[index]
            guard mayHoldNumbers(line.folded) else { continue }
            let bytes = Array(line.text.utf8)
            var used: [Range<Int>] = []
            if !numbers.updates.isFound {
                for intro in updateIntros {
                    guard let start = find(intro, in: bytes) else { continue }
                    if let (value, range) = numberToken(in: bytes, from: start + intro.utf8.count) {
                        numbers.updates = Found(value, at: source.span(line: index, bytes: range))
                        numbers.updateEvidence = source.span(line: index, bytes: start..<range.upperBound)
                        used.append(start..<range.upperBound)
                        break
                    }
                }
            }
            if !numbers.number.isFound {
                var position = 0
                search: while position < bytes.count {
                    defer { position += 1 }
                    let initial = bytes[position] | 0x20
                    guard
                        initial == UInt8(ascii: "u") || initial == UInt8(ascii: "f") || initial == UInt8(ascii: "e")
                            || initial == UInt8(ascii: "a"),
                        !used.contains(where: { $0.contains(position) }), position == 0 || !isLetter(bytes[position - 1])
                    else { continue }
                    for intro in numberIntros where matches(intro, bytes, at: position) {
                        let after = position + intro.utf8.count
                        guard after >= bytes.count || !isLetter(bytes[after]) else { continue }
                        guard let (value, range) = numberToken(in: bytes, from: after) else { continue }
                        if intro == "fi" {
                            let printed = String(decoding: bytes[position..<after], as: UTF8.self) + " " + value
                            numbers.number = Found(printed, at: source.span(line: index, bytes: position..<range.upperBound))
                            if numbers.updateEvidence == nil {
                                numbers.updateEvidence = source.span(line: index, bytes: position..<range.upperBound)
                            }
                        } else if isPostingDay(value) {
                            if postingDay == nil { postingDay = Found(value, at: source.span(line: index, bytes: range)) }
                            continue
                        } else {
                            numbers.number = Found(value, at: source.span(line: index, bytes: range))
                            // "Second Urgent Action 12.24", "Cuarta AU: 72/24", "UA-126/2010-1": a follow-up's number.
                            if numbers.updateEvidence == nil, ordinals.contains(wordBefore(position, in: bytes)) || isFollowUpNumber(value)
                            {
                                numbers.updateEvidence = source.span(line: index, bytes: position..<range.upperBound)
                            }
                        }
                        break search
                    }
                }
            }
            if !numbers.index.isFound, let start = find("index:", in: bytes) ?? find("index ", in: bytes) {
                var cursor = start + 6
                while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
                let valueStart = cursor
                // "MDE 12/4022/2016": capitals, a space, then the numbered part.
                while cursor < bytes.count, (0x41...0x5A).contains(bytes[cursor]) { cursor += 1 }
                if cursor > valueStart, cursor < bytes.count, bytes[cursor] == 0x20 {
                    cursor += 1
                    let numberStart = cursor
                    while cursor < bytes.count,
                        isDigit(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") || bytes[cursor] == UInt8(ascii: ".")
                            || bytes[cursor] == UInt8(ascii: "-")
                    {
                        cursor += 1
                    }
                    while cursor > numberStart, !isDigit(bytes[cursor - 1]) { cursor -= 1 }
                    if cursor > numberStart {
                        numbers.index = Found(
                            String(decoding: bytes[valueStart..<cursor], as: UTF8.self),
                            at: source.span(line: index, bytes: valueStart..<cursor))
                    }
                }
            }
            // A closing line repeating the earlier action's number ("UA: 98/16 Index: …") is not this one's.
            if numbers.number.value != nil, numbers.number.value == numbers.updates.value { numbers.number = .missing }
            if numbers.number.isFound, numbers.updates.isFound, numbers.index.isFound { break }
        }
        if !numbers.number.isFound, let postingDay, postingDay.value != numbers.updates.value { numbers.number = postingDay }
        if !numbers.number.isFound { readCaseReference(source: source, order: order, into: &numbers) }
        return numbers
    }

    /// The OMCT's and the Observatory's own numbering, which names no "UA": "KOR 002 / 1208 / OBS 211",
    /// "COL 010/0712/OBS 065", "Case LBY 031207", "Case CMR 040408_ENG". A follow-up adds ".1", ".2"…
    /// to the last number ("OBS 059.1", "040408.1_ENG").
    private static func readCaseReference(source: SourceText, order: [Int], into numbers: inout Numbers) {
        for index in order {
            let line = source.lines[index]
            guard line.text.utf8.count <= 80, line.folded.has("obs") || line.folded.startsWith("case ") else { continue }
            let bytes = Array(line.text.utf8)
            guard let (range, followUp) = caseReference(in: bytes) else { continue }
            let span = source.span(line: index, bytes: range)
            numbers.number = Found(String(decoding: bytes[range], as: UTF8.self), at: span)
            if followUp, numbers.updateEvidence == nil { numbers.updateEvidence = span }
            return
        }
    }

    /// Where a case reference is in `bytes`, and whether it numbers a follow-up.
    static func caseReference(in bytes: [UInt8]) -> (Range<Int>, followUp: Bool)? {
        var position = 0
        while position + 4 <= bytes.count {
            defer { position += 1 }
            guard position == 0 || !isLetter(bytes[position - 1]), (position..<position + 3).allSatisfy({ isCapital(bytes[$0]) }),
                bytes[position + 3] == 0x20
            else { continue }
            let afterCountry = position + 4
            let digits = digitRun(bytes, from: afterCountry)
            // "LBY 031207", after "Case": a day, a month and a year.
            if digits == 6, position >= 5, matches("case ", bytes, at: position - 5) {
                var cursor = afterCountry + 6
                let followUp = followUpSuffix(bytes, at: cursor)
                cursor += followUp
                // "_ENG", "_FR": the language of this copy, part of the number as printed.
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "_") {
                    let letters = (cursor + 1..<bytes.count).prefix { isCapital(bytes[$0]) }.count
                    if (2...3).contains(letters) { cursor += 1 + letters }
                }
                guard cursor >= bytes.count || !isLetter(bytes[cursor]) else { continue }
                return (position..<cursor, followUp > 0)
            }
            // "KOR 002 / 1208 / OBS 211": a country's count, the month and year, the Observatory's count.
            guard digits == 3 else { continue }
            var cursor = afterCountry + 3
            guard let month = slash(bytes, after: cursor), digitRun(bytes, from: month) == 4,
                let obs = slash(bytes, after: month + 4), matches("obs ", bytes, at: obs)
            else { continue }
            cursor = obs + 4
            let count = digitRun(bytes, from: cursor)
            guard count > 0 else { continue }
            cursor += count
            let followUp = followUpSuffix(bytes, at: cursor)
            return (position..<cursor + followUp, followUp > 0)
        }
        return nil
    }

    /// How long a follow-up's ".1", ".2"… at `start` is; zero where there is none.
    private static func followUpSuffix(_ bytes: [UInt8], at start: Int) -> Int {
        guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: "."), isDigit(bytes[start + 1]) else { return 0 }
        return 1 + digitRun(bytes, from: start + 1)
    }

    /// Where the text continues after a "/" with optional spaces around it.
    private static func slash(_ bytes: [UInt8], after start: Int) -> Int? {
        var cursor = start
        while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "/") else { return nil }
        cursor += 1
        while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
        return cursor
    }

    private static func digitRun(_ bytes: [UInt8], from start: Int) -> Int {
        var cursor = start
        while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
        return cursor - start
    }

    static func isCapital(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }

    /// "MDE 21/014/2007": an Amnesty index number and nothing else.
    static func isIndexNumber(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0].count == 3, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
        let numbers = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        return numbers.count == 3 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static let ordinals: Set<String> = [
        "second", "third", "fourth", "fifth", "sixth", "zweite", "dritte", "vierte", "fünfte", "deuxième", "troisième",
        "quatrième", "segunda", "tercera", "cuarta", "quinta", "segundo", "tercer", "cuarto", "quinto",
    ]

    /// The word ending just before `position`, lower-cased, past the spaces between.
    private static func wordBefore(_ position: Int, in bytes: [UInt8]) -> String {
        var end = position
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > 0, isLetter(bytes[start - 1]), end - start < 12 { start -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    }

    /// "126/2010-1", "103/22-5": the first, the fifth… follow-up to an action, numbered after its year.
    private static func isFollowUpNumber(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let tail = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        return tail.count == 2 && (2...4).contains(tail[0].count) && (1...2).contains(tail[1].count)
            && tail.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// "6-12-10": a month, a day and a year's two digits, as US blogs numbered the actions they reposted.
    private static func isPostingDay(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && parts[0].count <= 2 && parts[1].count <= 2 && parts[2].count == 2
    }

    /// A cheap test before the careful reading: a digit and one of the words numbers follow.
    private static func mayHoldNumbers(_ folded: String) -> Bool {
        folded.utf8.contains(where: isDigit)
            && (folded.has("ua") || folded.has("fi ") || folded.has("au ") || folded.has("au:") || folded.has("urgent")
                || folded.has("index") || folded.has("eilaktion"))
    }

    /// The first "UA 12/34"-style number in `text`, for telling number lines from prose.
    static func number(in text: String) -> String? {
        guard text.hasDigit, mayHoldNumbers(Phrase.fold(text)) else { return nil }
        let bytes = Array(text.utf8)
        for position in bytes.indices where position == 0 || !isLetter(bytes[position - 1]) {
            for intro in ["ua", "fi", "urgent action"] where matches(intro, bytes, at: position) {
                let after = position + intro.utf8.count
                guard after >= bytes.count || !isLetter(bytes[after]) else { continue }
                if let (value, _) = numberToken(in: bytes, from: after) { return value }
            }
        }
        return nil
    }

    /// Where a number at the start of `text` ends ("30.24 Kyrgyzstan…" → after "30.24").
    static func leadingNumberEnd(_ text: Substring) -> String.Index? {
        guard let (_, range) = numberToken(in: Array(text.utf8), from: 0, maximumGap: 0) else { return nil }
        return text.utf8.index(text.startIndex, offsetBy: range.upperBound)
    }

    /// A number like "30.24", "106/23", "098/20-2", "257-1/2014" after optional ":", "-", "–", "#", spaces.
    private static func numberToken(in text: [UInt8], from start: Int, maximumGap: Int = 4) -> (String, Range<Int>)? {
        var cursor = start
        var gap = 0
        while cursor < text.count, gap < maximumGap {
            if [0x20, 0x3A, 0x2D, 0x23].contains(text[cursor]) {
                cursor += 1
            } else if text[cursor] == 0xC2, cursor + 1 < text.count, text[cursor + 1] == 0xA0 {
                cursor += 2
            } else if text[cursor] == 0xE2, cursor + 2 < text.count, text[cursor + 1] == 0x80, text[cursor + 2] == 0x93 {
                cursor += 3
            } else {
                break
            }
            gap += 1
        }
        let tokenStart = cursor
        guard cursor < text.count, isDigit(text[cursor]) else { return nil }
        var separators = 0
        while cursor < text.count {
            if isDigit(text[cursor]) {
                cursor += 1
            } else if [UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-")].contains(text[cursor]), cursor + 1 < text.count,
                isDigit(text[cursor + 1])
            {
                separators += 1
                cursor += 1
            } else {
                break
            }
        }
        guard separators > 0, cursor - tokenStart <= 16 else { return nil }
        if cursor < text.count, isLetter(text[cursor]) { return nil }
        return (String(decoding: text[tokenStart..<cursor], as: UTF8.self), tokenStart..<cursor)
    }

    private static func find(_ phrase: String, in bytes: [UInt8]) -> Int? {
        let length = phrase.utf8.count
        guard length <= bytes.count else { return nil }
        for position in 0...(bytes.count - length)
        where (position == 0 || !isLetter(bytes[position - 1])) && matches(phrase, bytes, at: position) {
            return position
        }
        return nil
    }

    /// Whether the ASCII `phrase` (lower case) is at `position`, whatever the case of the text.
    private static func matches(_ phrase: String, _ bytes: [UInt8], at position: Int) -> Bool {
        var cursor = position
        for expected in phrase.utf8 {
            guard cursor < bytes.count else { return false }
            var byte = bytes[cursor]
            if (0x41...0x5A).contains(byte) { byte += 0x20 }
            guard byte == expected else { return false }
            cursor += 1
        }
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// ASCII letters and any byte of a non-ASCII character (letters in other scripts).
    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80 }
}

/// Reads the date by which supporters should act: "expires on …", "take action before …",
/// "SEND APPEALS BEFORE …", "Appelle bis …", "by …", "12 days left".
enum DeadlineReader {
    private static let strongPhrases = [
        "expires on", "expires", "take action before", "send appeals before", "send appeals by", "appeals before",
        "appelle bis zum", "appelle bis", "deadline", "take action until", "as soon as possible until", "no later than",
        "senast", "viimeistään", "mennessä", "avant le", "antes del", "days left", "day left", "dagar kvar", "tage übrig",
        "tage verbleibend", "päivää jäljellä", "jours restants", "action ended on", "keine appelle mehr", "mitmachen bis",
    ]
    private static let weakPhrases = ["before", "by", "until", "bis", "vor dem", "före", "avant", "antes de"]
    /// Phrases that follow their date: "12.5.2024 mennessä", "nach dem 27. September 2013 keine Appelle mehr".
    private static let phrasesAfterTheDate = ["mennessä", "viimeistään", "keine appelle mehr"]
    private static let context = [
        "appeal", "action", "send", "write", "letter", "deadline", "expire", "vädjan", "appell", "vetoomu", "aktion", "skriv", "kirjoita",
        "schreib",
    ]

    /// The deadline phrase a line contains, if any.
    static func phrase(in folded: String) -> String? {
        // Every deadline worth reading has a date or a number of days.
        guard folded.hasDigit else { return nil }
        for phrase in strongPhrases where folded.has(phrase) { return phrase }
        guard context.contains(where: folded.has) else { return nil }
        for phrase in weakPhrases where folded.has(" " + phrase + " ") || folded.startsWith(phrase + " ") { return phrase }
        return nil
    }

    static func date(
        in text: String, folded: String, issued: HistoricalDate?, today: HistoricalDate?
    ) -> (HistoricalDate, Range<String.Index>)? {
        let characters = Array(folded)
        for unit in ["days left", "day left", "dagar kvar", "tage übrig", "tage verbleibend", "päivää jäljellä", "jours restants"] {
            guard let range = folded.byteRange(of: unit) else { continue }
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
            guard let range = folded.byteRange(of: phrase) else { return nil }
            return folded.distance(from: folded.startIndex, to: range.upperBound)
        }
        // The first date right after a phrase; else, for phrases after the date ("12.5.2024 mennessä"), the one before.
        for match in matches {
            guard phrasePositions.contains(where: { match.characters.lowerBound >= $0 && match.characters.lowerBound - $0 <= 16 }) else {
                continue
            }
            if let date = match.date(yearFrom: issued) {
                return (
                    date,
                    text.index(
                        text.startIndex, offsetBy: match.characters.lowerBound)..<text.index(
                            text.startIndex, offsetBy: match.characters.upperBound)
                )
            }
        }
        for match in matches where phrasesAfterTheDate.contains(where: folded.has) {
            if let date = match.date(yearFrom: issued) {
                return (
                    date,
                    text.index(
                        text.startIndex, offsetBy: match.characters.lowerBound)..<text.index(
                            text.startIndex, offsetBy: match.characters.upperBound)
                )
            }
        }
        return nil
    }
}
