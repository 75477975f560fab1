/// The text being imported, cut into lines that remember where they came from, so every value found
/// can say where it was read.
struct SourceText {
    struct Line {
        /// The line with tabs and no-break spaces made plain spaces, trimmed, and without a list bullet.
        let text: String
        /// Lower-cased `text` with typographic apostrophes made plain, for matching labels and phrases.
        let folded: String
        let number: Int
        /// UTF-8 offsets of the raw line in the source, without its line break.
        let start: Int
        let end: Int
        /// Characters dropped before `text` began (indentation and a bullet), to map positions back.
        let droppedPrefix: Int
        let hadBullet: Bool
        let raw: Substring

        var isBlank: Bool { text.isEmpty }
    }

    let source: String
    let lines: [Line]

    init(_ source: String) {
        self.source = source
        var lines: [Line] = []
        let utf8 = source.utf8
        var lineStart = utf8.startIndex
        var offset = 0
        var lineOffset = 0
        var index = utf8.startIndex
        func finish(_ endIndex: String.UTF8View.Index, endOffset: Int) {
            let raw = source[lineStart..<endIndex]
            lines.append(Self.makeLine(raw, number: lines.count + 1, start: lineOffset, end: endOffset))
        }
        while index != utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == 0x0A || byte == 0x0D || byte == 0x0C {
                finish(index, endOffset: offset)
                offset += 1
                var after = next
                if byte == 0x0D, after != utf8.endIndex, utf8[after] == 0x0A {
                    after = utf8.index(after: after)
                    offset += 1
                }
                index = after
                lineStart = after
                lineOffset = offset
                continue
            }
            index = next
            offset += 1
        }
        finish(utf8.endIndex, endOffset: offset)
        self.lines = lines
    }

    private static func makeLine(_ raw: Substring, number: Int, start: Int, end: Int) -> Line {
        var characters = Array(raw.map { $0 == "\t" || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "\u{2007}" ? " " : $0 })
        var dropped = 0
        while dropped < characters.count, characters[dropped].isWhitespace { dropped += 1 }
        while let last = characters.last, last.isWhitespace, characters.count > dropped { characters.removeLast() }
        var body = characters[dropped...]
        var bullet = false
        if let first = body.first, Self.bullets.contains(first) {
            let afterBullet = body.dropFirst()
            if afterBullet.first == " " || (first != "-" && first != "*") {
                bullet = true
                body = afterBullet
                dropped += 1
                while let space = body.first, space == " " {
                    body = body.dropFirst()
                    dropped += 1
                }
            }
        }
        // Numbered list items: "1. Write…", "2) Send…".
        if !bullet, let digitsEnd = body.firstIndex(where: { !$0.isASCII || !$0.isNumber }), digitsEnd > body.startIndex,
            body.distance(from: body.startIndex, to: digitsEnd) <= 2, ".)".contains(body[digitsEnd]),
            body.index(after: digitsEnd) < body.endIndex, body[body.index(after: digitsEnd)] == " "
        {
            let skip = body.distance(from: body.startIndex, to: digitsEnd) + 2
            body = body.dropFirst(skip)
            dropped += skip
            bullet = true
        }
        let text = String(body)
        return Line(
            text: text, folded: Phrase.fold(text), number: number, start: start, end: end, droppedPrefix: dropped,
            hadBullet: bullet, raw: raw)
    }

    private static let bullets: Set<Character> = ["•", "·", "▪", "◦", "●", "■", "-", "*", "–", "►", "➢", "✓", "□"]

    /// The span of whole lines `range`.
    func span(lines range: ClosedRange<Int>) -> TextSpan {
        TextSpan(start: lines[range.lowerBound].start, end: lines[range.upperBound].end, line: lines[range.lowerBound].number)
    }

    func span(line index: Int) -> TextSpan { span(lines: index...index) }

    /// The span of part of one line's `text`.
    func span(line index: Int, _ range: Range<String.Index>) -> TextSpan {
        let line = lines[index]
        let lower = line.text.distance(from: line.text.startIndex, to: range.lowerBound) + line.droppedPrefix
        let upper = line.text.distance(from: line.text.startIndex, to: range.upperBound) + line.droppedPrefix
        let raw = line.raw
        guard let rawLower = raw.index(raw.startIndex, offsetBy: lower, limitedBy: raw.endIndex),
            let rawUpper = raw.index(raw.startIndex, offsetBy: upper, limitedBy: raw.endIndex)
        else { return span(line: index) }
        let start = line.start + raw.utf8.distance(from: raw.startIndex, to: rawLower)
        let end = line.start + raw.utf8.distance(from: raw.startIndex, to: rawUpper)
        return TextSpan(start: start, end: end, line: line.number)
    }
}

/// Helpers for matching words and phrases whatever their case or typography.
enum Phrase {
    /// Lower case, typographic apostrophes and dashes made plain.
    static func fold(_ text: some StringProtocol) -> String {
        var folded = ""
        folded.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            switch character {
            case "’", "‘", "ʼ", "`": folded.append("'")
            case "–", "—", "‑": folded.append("-")
            default: folded.append(character)
            }
        }
        return folded
    }

    /// Whitespace runs made one space, ends trimmed.
    static func collapse(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// Trims spaces and the punctuation that separates a label from its value.
    static func trimSeparators(_ text: some StringProtocol) -> String {
        let separators: Set<Character> = [" ", ":", ",", ";", "|", "-", "–", "—", "."]
        var slice = Substring(text)
        while let first = slice.first, separators.contains(first) || first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == ":" || last == "," || last == ";" || last == "|" || last.isWhitespace {
            slice = slice.dropLast()
        }
        return String(slice)
    }

    /// Words of letters and digits, lower-cased, with their ranges in `text`.
    static func words(in text: String) -> [(word: Substring, range: Range<String.Index>)] {
        var words: [(Substring, Range<String.Index>)] = []
        var start: String.Index?
        var index = text.startIndex
        while index != text.endIndex {
            let character = text[index]
            let isWordCharacter = character.isLetter || character.isNumber || ((character == "-" || character == "'" || character == "’") && start != nil)
            if isWordCharacter {
                if start == nil { start = index }
            } else if let begin = start {
                words.append((text[begin..<index], begin..<index))
                start = nil
            }
            index = text.index(after: index)
        }
        if let begin = start { words.append((text[begin..<text.endIndex], begin..<text.endIndex)) }
        return words
    }
}
