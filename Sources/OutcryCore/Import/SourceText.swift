import Foundation

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
        /// Where `text` begins in the source, in UTF-8 bytes.
        let textStart: Int
        /// Spaces that stand for wider characters of the source (a no-break space is two bytes):
        /// after which byte of `text`, how many bytes more the source had.
        let widened: [(at: Int, extra: Int)]
        let hadBullet: Bool

        var isBlank: Bool { text.isEmpty }

        /// The source offset of byte `offset` of `text`.
        func sourceOffset(ofTextByte offset: Int) -> Int {
            var result = textStart + offset
            for change in widened where change.at < offset { result += change.extra }
            return result
        }
    }

    let source: String
    let lines: [Line]
    /// Whether nearly every line stands alone between blank lines, as text copied from many web pages does: a
    /// single blank line then parts nothing, not even an address's lines.
    let isDoubleSpaced: Bool

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
        isDoubleSpaced = Self.isDoubleSpaced(lines)
    }

    /// At least eight lines with text, and four in five of them followed by a blank line.
    private static func isDoubleSpaced(_ lines: [Line]) -> Bool {
        var written = 0
        var spaced = 0
        for index in lines.indices where !lines[index].isBlank {
            written += 1
            if index + 1 < lines.count, lines[index + 1].isBlank { spaced += 1 }
        }
        return written >= 8 && spaced * 5 >= written * 4
    }

    private static let spaces: Set<Character> = ["\t", "\u{00A0}", "\u{202F}", "\u{2007}", "\u{3000}"]

    private static func makeLine(_ raw: Substring, number: Int, start: Int, end: Int) -> Line {
        var body = raw
        while let first = body.first, first.isWhitespace { body = body.dropFirst() }
        while let last = body.last, last.isWhitespace { body = body.dropLast() }
        var bullet = false
        if let first = body.first, !first.isLetter, !first.isNumber, Self.bullets.contains(first) {
            let afterBullet = body.dropFirst()
            if afterBullet.first == " " || afterBullet.first == "\t" || (first != "-" && first != "*") {
                bullet = true
                body = afterBullet
                while let space = body.first, space.isWhitespace { body = body.dropFirst() }
            }
        }
        // Numbered list items: "1. Write…", "2) Send…" — but "3. Juni 2011" is a date.
        if !bullet, let digitsEnd = body.firstIndex(where: { !$0.isASCII || !$0.isNumber }), digitsEnd > body.startIndex,
            body.distance(from: body.startIndex, to: digitsEnd) <= 2, ".)".contains(body[digitsEnd]),
            body.index(after: digitsEnd) < body.endIndex, body[body.index(after: digitsEnd)] == " ",
            DateReader.matches(in: body.prefix(40)).first.map({ $0.characters.lowerBound == 0 && $0.day != nil }) != true
        {
            body = body[body.index(digitsEnd, offsetBy: 2)...]
            bullet = true
        }
        let textStart = start + raw.utf8.distance(from: raw.startIndex, to: body.startIndex)
        var text = String(body)
        var widened: [(at: Int, extra: Int)] = []
        if text.utf8.contains(where: { $0 == 0x09 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 }),
            text.contains(where: { Self.spaces.contains($0) })
        {
            var plain = ""
            var offset = 0
            for character in text {
                if Self.spaces.contains(character) {
                    let width = character.utf8.count
                    if width > 1 { widened.append((offset, width - 1)) }
                    plain.append(" ")
                    offset += 1
                } else {
                    plain.append(character)
                    offset += character.utf8.count
                }
            }
            text = plain
        }
        return Line(
            text: text, folded: Phrase.fold(text), number: number, start: start, end: end, textStart: textStart,
            widened: widened, hadBullet: bullet)
    }

    private static let bullets: Set<Character> = ["•", "·", "▪", "◦", "●", "■", "-", "*", "–", "►", "➢", "✓", "□"]

    /// The span of whole lines `range`.
    func span(lines range: ClosedRange<Int>) -> TextSpan {
        TextSpan(start: lines[range.lowerBound].start, end: lines[range.upperBound].end, line: lines[range.lowerBound].number)
    }

    func span(line index: Int) -> TextSpan { span(lines: index...index) }

    /// The span from the first to the last line of `ranges`, in whatever order the steps found them.
    func span(covering ranges: [ClosedRange<Int>]) -> TextSpan? {
        guard let lower = ranges.map(\.lowerBound).min(), let upper = ranges.map(\.upperBound).max() else { return nil }
        return span(lines: lower...upper)
    }

    /// The span of part of one line's `text`.
    func span(line index: Int, _ range: Range<String.Index>) -> TextSpan {
        let line = lines[index]
        let utf8 = line.text.utf8
        return span(
            line: index,
            bytes: utf8.distance(from: utf8.startIndex, to: range.lowerBound)..<utf8.distance(from: utf8.startIndex, to: range.upperBound))
    }

    /// The span of bytes `range` of one line's `text`.
    func span(line index: Int, bytes range: Range<Int>) -> TextSpan {
        let line = lines[index]
        return TextSpan(
            start: line.sourceOffset(ofTextByte: range.lowerBound), end: line.sourceOffset(ofTextByte: range.upperBound), line: line.number)
    }
}

/// Helpers for matching words and phrases whatever their case or typography.
enum Phrase {
    /// Lower case, typographic apostrophes and dashes made plain; scalar by scalar, so the folded text has
    /// as many characters as the text (but for the rare letter whose lower case is longer).
    static func fold(_ text: String) -> String { fold(text[...]) }

    static func fold(_ text: Substring) -> String {
        if !text.utf8.contains(where: { $0 >= 0x80 }) {
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var count = 0
                for byte in text.utf8 {
                    buffer[count] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                    count += 1
                }
                return count
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: bytes.append(UInt8(scalar.value + 0x20))
            case 0..<0x80: bytes.append(UInt8(scalar.value))
            case 0x2019, 0x2018, 0x02BC: bytes.append(0x27)
            case 0x2013, 0x2014, 0x2011: bytes.append(0x2D)
            // The common cases without a table lookup: Latin-1 and Cyrillic capitals, and punctuation,
            // symbols and CJK, which have no case.
            case 0xC0...0xDE where scalar.value != 0xD7, 0x410...0x42F:
                bytes.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar.value + 0x20)!)!)
            case 0x400...0x40F:
                bytes.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar.value + 0x50)!)!)
            case 0x80...0xBF, 0xDF...0xFF, 0x430...0x45F, 0x2000...0x2BFF, 0x3000...0x9FFF, 0xAC00...0xD7AF:
                bytes.append(contentsOf: UTF8.encode(scalar)!)
            default:
                if scalar.properties.changesWhenLowercased {
                    bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    bytes.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whitespace runs made one space, ends trimmed (working on bytes: no byte of a longer UTF-8
    /// sequence is ASCII, and the lines' own no-break spaces are plain spaces already).
    static func collapse(_ text: some StringProtocol) -> String {
        // Paragraphs are collapsed by the thousand: the bytes are read where they lie when they can be.
        if let collapsed = text.utf8.withContiguousStorageIfAvailable(collapse(utf8:)) { return collapsed }
        var copy = String(text)
        return copy.withUTF8(collapse(utf8:))
    }

    private static func collapse(utf8 input: UnsafeBufferPointer<UInt8>) -> String {
        // Never longer than the input: a space is written only for a run of whitespace already read.
        String(unsafeUninitializedCapacity: input.count) { output in
            var count = 0
            var pendingSpace = false
            for byte in input {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    output[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// Words of letters and digits (with inner hyphens and apostrophes, and the marks that go on letters),
    /// with their ranges in `text`; read scalar by scalar, which is much cheaper than by character.
    static func words(in text: String) -> [(word: Substring, range: Range<String.Index>)] {
        if !text.utf8.contains(where: { $0 >= 0x80 }) { return asciiWords(in: text) }
        var words: [(Substring, Range<String.Index>)] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let isWordScalar: Bool
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: isWordScalar = true
            case 0x2D, 0x27, 0x2019: isWordScalar = start != nil
            case 0..<0x80: isWordScalar = false
            default:
                let properties = scalar.properties
                isWordScalar =
                    properties.isAlphabetic || properties.numericType != nil
                    || (start != nil && (properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark))
            }
            if isWordScalar {
                if start == nil { start = index }
            } else if let begin = start {
                words.append((text[begin..<index], begin..<index))
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let begin = start { words.append((text[begin..<text.endIndex], begin..<text.endIndex)) }
        return words
    }

    private static func asciiWords(in text: String) -> [(word: Substring, range: Range<String.Index>)] {
        var words: [(Substring, Range<String.Index>)] = []
        let utf8 = text.utf8
        var start: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let isWordByte =
                (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
                || ((byte == 0x2D || byte == 0x27) && start != nil)
            if isWordByte {
                if start == nil { start = index }
            } else if let begin = start {
                words.append((text[begin..<index], begin..<index))
                start = nil
            }
            index = utf8.index(after: index)
        }
        if let begin = start { words.append((text[begin..<text.endIndex], begin..<text.endIndex)) }
        return words
    }
}

extension StringProtocol {
    /// Whether the text starts (or ends) with the other, comparing UTF-8 bytes. String's own `hasPrefix` and
    /// `hasSuffix` compare characters by Unicode's rules and cost many times more for a text that is not ASCII;
    /// what the importer asks for is punctuation and folded words.
    func startsWith(_ prefix: String) -> Bool { Self.bytes(of: self, match: prefix, atEnd: false) }

    func endsWith(_ suffix: String) -> Bool { Self.bytes(of: self, match: suffix, atEnd: true) }

    private static func bytes(of text: Self, match part: String, atEnd: Bool) -> Bool {
        // Native strings lend their bytes without copying, as in `has`.
        let matched = text.utf8.withContiguousStorageIfAvailable { text in
            part.utf8.withContiguousStorageIfAvailable { part in
                guard text.count >= part.count else { return false }
                // What is compared is a few bytes: a loop costs less than a call to memcmp.
                let offset = atEnd ? text.count - part.count : 0
                for index in 0..<part.count where text[offset + index] != part[index] { return false }
                return true
            }
        }
        if let matched = matched ?? nil { return matched }
        let (count, length) = (text.utf8.count, part.utf8.count)
        guard count >= length else { return false }
        return atEnd ? text.utf8.dropFirst(count - length).elementsEqual(part.utf8) : text.utf8.prefix(length).elementsEqual(part.utf8)
    }

    /// Whether `needle` occurs, comparing UTF-8 bytes: the texts searched here are folded first, and
    /// Foundation's locale-aware search costs a hundred times more.
    func has(_ needle: String) -> Bool { Self.byteOffset(of: needle, in: self, backwards: false) != nil }

    /// The first (or last) occurrence of `needle`, comparing UTF-8 bytes.
    func byteRange(of needle: String, backwards: Bool = false) -> Range<Index>? {
        guard let offset = Self.byteOffset(of: needle, in: self, backwards: backwards) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        let upper = utf8.index(lower, offsetBy: needle.utf8.count)
        return lower..<upper
    }

    private static func byteOffset(of needle: String, in haystack: Self, backwards: Bool) -> Int? {
        // Native strings lend their bytes without copying; anything else is copied once.
        let found = haystack.utf8.withContiguousStorageIfAvailable { text in
            needle.utf8.withContiguousStorageIfAvailable { pattern in PhraseSearch.offset(of: pattern, in: text, backwards: backwards) }
                ?? Array(needle.utf8).withUnsafeBufferPointer { PhraseSearch.offset(of: $0, in: text, backwards: backwards) }
        }
        if let found { return found }
        return Array(haystack.utf8).withUnsafeBufferPointer { text in
            Array(needle.utf8).withUnsafeBufferPointer { PhraseSearch.offset(of: $0, in: text, backwards: backwards) }
        }
    }
}

enum PhraseSearch {
    static func offset(of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, backwards: Bool) -> Int? {
        guard let first = pattern.first else { return 0 }
        guard pattern.count <= text.count, let base = text.baseAddress else { return nil }
        let last = text.count - pattern.count
        if backwards {
            var position = last
            while position >= 0 {
                if text[position] == first, matches(pattern, text, at: position) { return position }
                position -= 1
            }
            return nil
        }
        var position = 0
        while position <= last {
            // memchr finds the candidates with vector instructions.
            guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
            position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if matches(pattern, text, at: position) { return position }
            position += 1
        }
        return nil
    }

    private static func matches(_ pattern: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        var offset = 1
        while offset < pattern.count, text[position + offset] == pattern[offset] { offset += 1 }
        return offset == pattern.count
    }
}

extension String {
    /// Whether an ASCII digit occurs: a cheap test before a number or a date is read.
    var hasDigit: Bool { utf8.contains { (0x30...0x39).contains($0) } }
}

/// Phrases looked for together, in one pass over a line's bytes: vocabularies checked against every line of a
/// document ("no further action is requested", "write to", …) cost one look-up per byte instead of one search per
/// phrase.
struct PhraseSet: Sendable {
    private let phrases: [[UInt8]]
    /// For each pair of first bytes, the phrases beginning with it.
    private let byPair: [UInt16: [Int]]
    /// One bit for each pair of bytes some phrase begins with: most positions are passed over without a look-up.
    private let pairs: [UInt64]
    let shortest: Int

    init(_ list: [String]) {
        let phrases = list.map { Array($0.utf8) }.filter { $0.count >= 2 }
        var byPair: [UInt16: [Int]] = [:]
        var pairs = [UInt64](repeating: 0, count: 1_024)
        for (number, phrase) in phrases.enumerated() {
            let pair = UInt16(phrase[0]) << 8 | UInt16(phrase[1])
            byPair[pair, default: []].append(number)
            pairs[Int(pair >> 6)] |= 1 << UInt64(pair & 63)
        }
        self.phrases = phrases
        self.byPair = byPair
        self.pairs = pairs
        shortest = phrases.map(\.count).min() ?? 0
    }

    /// Where the first phrase found in `text` is, as bytes, looking from `start`.
    func firstMatch(in text: String, from start: Int = 0) -> Range<Int>? { firstMatch(in: text, from: start) { _ in true } }

    /// Where the first phrase found in `text` that `accept` accepts is, as bytes, looking from `start`.
    func firstMatch(in text: String, from start: Int = 0, where accept: (Range<Int>) -> Bool) -> Range<Int>? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= shortest else { return nil }
            var position = start
            while position + 1 < bytes.count {
                let pair = UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
                if pairs[Int(pair >> 6)] & (1 << UInt64(pair & 63)) != 0, let candidates = byPair[pair] {
                    for number in candidates where matches(phrases[number], bytes, at: position) {
                        let found = position..<(position + phrases[number].count)
                        if accept(found) { return found }
                    }
                }
                position += 1
            }
            return nil
        }
    }

    private func matches(_ phrase: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        guard position + phrase.count <= bytes.count else { return false }
        var offset = 2
        while offset < phrase.count, bytes[position + offset] == phrase[offset] { offset += 1 }
        return offset == phrase.count
    }
}
