import Foundation

/// How names and titles are found across scripts and spellings. Text is written in Latin letters without
/// accents (ICU's transliteration, as `Махабат` → `Mahabat`), in lower case, and the usual ways of
/// spelling one sound are folded together (`kh`/`h`, `zh`/`z`, `y`/`j`/`i`, `yu`/`u`, doubled letters), so
/// that "Makhabat", "Mahabat" and "Махабат" all give `mahabat`, and "Айке" and "Aike" give `aike`. The
/// keys are for matching only; people always see the names as written.
public enum SearchKey {
    /// What kind of record a search finds.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case person, organisation, `case`, action, statement

        /// Where results of this kind are listed.
        public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    /// The words of `text` as keys, in order.
    public static func words(_ text: String) -> [String] {
        // ICU is asked only when there is something to transliterate: most names and titles are plain ASCII.
        let plain: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            plain = text.lowercased()
        } else {
            let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
            plain = (latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin).lowercased()
        }
        return plain.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map { fold(String($0)) }.filter { !$0.isEmpty }
    }

    /// The keys a record is found by: each word, and, for a name of a few words, each run of them up to
    /// the last written together ("mahabattazhibekkyzy", "tazhibekkyzy", "3024").
    public static func terms(_ text: String) -> [String] {
        let words = words(text)
        var terms = Set(words)
        if (2...6).contains(words.count) {
            for start in 0..<(words.count - 1) { terms.insert(fold(words[start...].joined())) }
        }
        return terms.sorted()
    }

    /// One word's key: the spellings of a sound folded together, then doubled letters made single.
    static func fold(_ word: String) -> String {
        var key = word
        for (from, to) in replacements { key = key.replacingOccurrences(of: from, with: to) }
        var folded = ""
        for character in key where character != folded.last { folded.append(character) }
        return folded
    }

    /// In order: longer spellings first, then the vowels a `y` or `i` glides into.
    private static let replacements: [(String, String)] = [
        ("shch", "s"), ("kh", "h"), ("zh", "z"), ("ch", "c"), ("sh", "s"), ("ts", "c"), ("ph", "f"),
        ("w", "v"), ("q", "k"), ("y", "i"), ("j", "i"),
        ("iu", "u"), ("ia", "a"), ("io", "o"), ("ie", "e"),
    ]
}
