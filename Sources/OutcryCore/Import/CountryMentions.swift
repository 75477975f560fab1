/// Countries as a text mentions them, by name, adjective or place, counted: the most mentioned first, ties by the
/// first mention.
struct CountryTally {
    private var counts: [Country: (count: Int, first: Int, range: Range<String.Index>)] = [:]

    /// One more mention of `country` at word `position`, at `range`; the first mention's range is kept.
    mutating func add(_ country: Country, at position: Int, _ range: Range<String.Index>) {
        let previous = counts[country]
        counts[country] = ((previous?.count ?? 0) + 1, previous?.first ?? position, previous?.range ?? range)
    }

    var ranked: [(Country, Range<String.Index>)] {
        counts.sorted { ($0.value.count, -$0.value.first) > ($1.value.count, -$1.value.first) }.map { ($0.key, $0.value.range) }
    }
}

/// Names of one word or more that stand for a country (its names, its places), folded and keyed by their first word.
enum CountryPhrases {
    typealias Table = [String: [([String], Country)]]

    static func add(_ name: String, _ country: Country, to table: inout Table) {
        let words = Phrase.words(in: name).map { Phrase.fold($0.word) }
        guard let first = words.first else { return }
        table[first, default: []].append((words, country))
    }

    /// The first of `candidates` (names beginning with the folded `words[index]`) that the words from `index` spell, the
    /// words it spans, and the index of its last word.
    static func match(
        _ candidates: [([String], Country)], in words: [(word: Substring, range: Range<String.Index>)], at index: Int
    ) -> (country: Country, range: Range<String.Index>, last: Int)? {
        for (names, country) in candidates {
            let last = index + names.count - 1
            guard last < words.count else { continue }
            var spelled = true
            for offset in 1..<max(names.count, 1) where Phrase.fold(words[index + offset].word) != names[offset] { spelled = false }
            guard spelled else { continue }
            return (country, words[index].range.lowerBound..<words[last].range.upperBound, last)
        }
        return nil
    }
}
