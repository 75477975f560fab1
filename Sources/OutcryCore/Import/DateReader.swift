/// Reads calendar dates as documents write them, in the languages Urgent Actions come in:
/// "17 April 2024", "April 17, 2024", "17.04.2024", "2024-04-17", "17 avril 2024", "17. huhtikuuta 2024",
/// "17 апреля 2024", "2024年4月17日", "May 2024".
enum DateReader {
    struct Match {
        let year: Int?
        let month: Int
        let day: Int?
        /// Character offsets in the text read.
        let characters: Range<Int>

        /// The date, when the text gave a year.
        var date: HistoricalDate? {
            guard let year else { return nil }
            return try? HistoricalDate(year: year, month: month, day: day)
        }

        /// The date, taking the year from `context` when the text left it out ("before 12 May").
        func date(yearFrom context: HistoricalDate?) -> HistoricalDate? {
            if let date { return date }
            guard let context, let day else { return nil }
            var year = context.year
            if let contextMonth = context.month, month < contextMonth { year += 1 }
            return try? HistoricalDate(year: year, month: month, day: day)
        }
    }

    private enum Token {
        case number(Int, digits: Int)
        case word(String)
        case mark(Character)
    }

    private struct Located {
        let token: Token
        let characters: Range<Int>
    }

    /// Every date in `text`, in order; dates without a year are included for callers that can supply one.
    static func matches(in text: some StringProtocol) -> [Match] {
        let tokens = tokenize(text)
        var matches: [Match] = []
        var index = 0
        while index < tokens.count {
            if let (match, next) = match(tokens, at: index) {
                matches.append(match)
                index = next
            } else {
                index += 1
            }
        }
        return matches
    }

    /// Whether `text` is a date and at most `otherCharacters` more: "Im September 2025", "Thursday, January 20, 2011".
    static func isMostlyDate(_ text: String, otherCharacters: Int) -> Bool {
        guard let date = firstDate(in: text) else { return false }
        return text.count - date.1.count <= otherCharacters
    }

    /// The first date with a year in `text`.
    static func firstDate(in text: some StringProtocol) -> (HistoricalDate, Range<Int>)? {
        guard mayHoldYear(text) else { return nil }
        for match in matches(in: text) {
            if let date = match.date { return (date, match.characters) }
        }
        return nil
    }

    /// Whether `text` has what a date with a year needs, from its bytes (as the tokenizer reads digits, in ASCII):
    /// four digits in a row, or three numbers and a separator ("13/09/91"). Most lines with a number have neither,
    /// and are passed over unread.
    private static func mayHoldYear(_ text: some StringProtocol) -> Bool {
        var run = 0
        var runs = 0
        var separator = false
        for byte in text.utf8 {
            if (0x30...0x39).contains(byte) {
                run += 1
                if run == 4 { return true }
                if run == 1 { runs += 1 }
            } else {
                run = 0
                if byte == 0x2E || byte == 0x2F || byte == 0x2D { separator = true }
            }
        }
        return runs >= 3 && separator
    }

    private static func tokenize(_ text: some StringProtocol) -> [Located] {
        var tokens: [Located] = []
        var offset = 0
        var pending = ""
        var pendingStart = 0
        var pendingIsNumber = false
        func flush() {
            guard !pending.isEmpty else { return }
            let range = pendingStart..<offset
            if pendingIsNumber {
                if pending.count <= 4, let value = Int(pending) {
                    tokens.append(Located(token: .number(value, digits: pending.count), characters: range))
                } else {
                    tokens.append(Located(token: .word(pending), characters: range))
                }
            } else {
                tokens.append(Located(token: .word(Phrase.fold(pending)), characters: range))
            }
            pending = ""
        }
        for character in text {
            // Most characters are ASCII: their byte says what they are without Unicode's tables.
            let ascii = character.asciiValue
            let isDigit = ascii.map { (0x30...0x39).contains($0) } ?? false
            let isLetter = ascii.map { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) } ?? character.isLetter
            if isDigit || isLetter {
                let cjk = ascii == nil && character.unicodeScalars.first.map { (0x3000...0x9FFF).contains($0.value) } ?? false
                if !pending.isEmpty, pendingIsNumber != isDigit || cjk { flush() }
                if pending.isEmpty {
                    pendingStart = offset
                    pendingIsNumber = isDigit
                }
                pending.append(character)
                if cjk {
                    offset += 1
                    flush()
                    continue
                }
            } else {
                flush()
                let isSpace = ascii.map { $0 == 0x20 || (0x09...0x0D).contains($0) } ?? character.isWhitespace
                if !isSpace { tokens.append(Located(token: .mark(character), characters: offset..<(offset + 1))) }
            }
            offset += 1
        }
        flush()
        return tokens
    }

    private static func match(_ tokens: [Located], at start: Int) -> (Match, Int)? {
        func number(_ index: Int) -> (Int, Int)? {
            guard index < tokens.count, case .number(let value, let digits) = tokens[index].token else { return nil }
            return (value, digits)
        }
        func word(_ index: Int) -> String? {
            guard index < tokens.count, case .word(let value) = tokens[index].token else { return nil }
            return value
        }
        func mark(_ index: Int) -> Character? {
            guard index < tokens.count, case .mark(let value) = tokens[index].token else { return nil }
            return value
        }
        func year(_ index: Int) -> Int? {
            guard let (value, digits) = number(index), digits == 4, (1900...2199).contains(value) else { return nil }
            return value
        }
        func make(_ year: Int?, _ month: Int, _ day: Int?, through last: Int) -> (Match, Int)? {
            if let day, !(1...31).contains(day) { return nil }
            let match = Match(
                year: year, month: month, day: day, characters: tokens[start].characters.lowerBound..<tokens[last].characters.upperBound)
            if year != nil, match.date == nil { return nil }
            return (match, last + 1)
        }
        /// Skips an ordinal suffix or a "." after a day, "de" in Spanish and Portuguese.
        func skipFiller(_ index: Int) -> Int {
            var index = index
            if let suffix = word(index), ["st", "nd", "rd", "th", "er", "e", "de", "del"].contains(suffix) { index += 1 }
            if mark(index) == "." || mark(index) == "," { index += 1 }
            if word(index) == "de" || word(index) == "of" { index += 1 }
            return index
        }

        // 2024年4月17日
        if let y = year(start), word(start + 1)?.startsWith("年") == true, let (m, _) = number(start + 2),
            word(start + 3)?.startsWith("月") == true, (1...12).contains(m)
        {
            if let (d, _) = number(start + 4), word(start + 5)?.startsWith("日") == true { return make(y, m, d, through: start + 5) }
            return make(y, m, nil, through: start + 3)
        }
        // 2024-04-17
        if let y = year(start), mark(start + 1) == "-", let (m, md) = number(start + 2), md == 2, mark(start + 3) == "-",
            let (d, dd) = number(start + 4), dd == 2, (1...12).contains(m)
        {
            return make(y, m, d, through: start + 4)
        }
        if let (first, firstDigits) = number(start), firstDigits <= 2 {
            // 17.04.2024, 17/04/2024, 04/17/2024 (day first unless that cannot be)
            if let separator = mark(start + 1), [".", "/", "-"].contains(separator), let (second, secondDigits) = number(start + 2),
                secondDigits <= 2, mark(start + 3) == separator, let (third, thirdDigits) = number(start + 4),
                thirdDigits == 4 || thirdDigits == 2
            {
                // "13/09/91": the documents read date from 1950 to 2049.
                let y = thirdDigits == 4 ? third : third < 50 ? 2000 + third : 1900 + third
                if (1...12).contains(second), (1...31).contains(first) { return make(y, second, first, through: start + 4) }
                if (1...12).contains(first), (1...31).contains(second) { return make(y, first, second, through: start + 4) }
                return nil
            }
            // 17 April 2024, 17. huhtikuuta 2024, 17 de abril de 2024, 17th April
            let monthIndex = skipFiller(start + 1)
            if let name = word(monthIndex), let m = monthNumbers[name] {
                var yearIndex = monthIndex + 1
                if mark(yearIndex) == "." { yearIndex += 1 }
                if mark(yearIndex) == "," { yearIndex += 1 }
                if word(yearIndex) == "de" { yearIndex += 1 }
                if let y = year(yearIndex) { return make(y, m, first, through: yearIndex) }
                let last = mark(monthIndex + 1) == "." ? monthIndex + 1 : monthIndex
                return make(nil, m, first, through: last)
            }
        }
        // April 17, 2024 / April 17th 2024 / April 2024 — unless a day stood before the month ("31 February 2024"
        // is no date, and not February either).
        let afterDay = start > 0 && number(start - 1).map { $0.1 <= 2 } == true
        if !afterDay, let name = word(start), let m = monthNumbers[name] {
            var index = start + 1
            if mark(index) == "." { index += 1 }
            if let (d, digits) = number(index), digits <= 2 {
                var yearIndex = index + 1
                if let suffix = word(yearIndex), ["st", "nd", "rd", "th"].contains(suffix) { yearIndex += 1 }
                if mark(yearIndex) == "," { yearIndex += 1 }
                if let y = year(yearIndex) { return make(y, m, d, through: yearIndex) }
                return make(nil, m, d, through: yearIndex - (mark(yearIndex - 1) == "," ? 2 : 1))
            }
            if mark(index) == "," { index += 1 }
            if let y = year(index), name.count > 2 { return make(y, m, nil, through: index) }
        }
        return nil
    }

    private static let monthNumbers: [String: Int] = {
        let names: [[String]] = [
            [
                "january", "jan", "januar", "jänner", "janvier", "enero", "januari", "tammikuuta", "tammikuu", "января", "январь",
                "janeiro", "gennaio", "styczeń", "stycznia", "ocak",
            ],
            [
                "february", "feb", "februar", "février", "fevrier", "febrero", "februari", "helmikuuta", "helmikuu", "февраля", "февраль",
                "fevereiro", "febbraio", "lutego", "şubat",
            ],
            [
                "march", "mar", "märz", "maerz", "mars", "marzo", "maaliskuuta", "maaliskuu", "марта", "март", "março", "marco", "maart",
                "marca", "mart",
            ],
            ["april", "apr", "avril", "abril", "huhtikuuta", "huhtikuu", "апреля", "апрель", "aprile", "kwietnia", "nisan"],
            ["may", "mai", "mayo", "maj", "toukokuuta", "toukokuu", "мая", "май", "maio", "maggio", "mei", "maja", "mayıs"],
            ["june", "jun", "juni", "juin", "junio", "kesäkuuta", "kesäkuu", "июня", "июнь", "junho", "giugno", "czerwca", "haziran"],
            ["july", "jul", "juli", "juillet", "julio", "heinäkuuta", "heinäkuu", "июля", "июль", "julho", "luglio", "lipca", "temmuz"],
            [
                "august", "aug", "août", "aout", "agosto", "augusti", "elokuuta", "elokuu", "августа", "август", "augustus", "sierpnia",
                "ağustos",
            ],
            [
                "september", "sep", "sept", "septembre", "septiembre", "setiembre", "syyskuuta", "syyskuu", "сентября", "сентябрь",
                "setembro", "settembre", "września", "eylül",
            ],
            [
                "october", "oct", "oktober", "octobre", "octubre", "lokakuuta", "lokakuu", "октября", "октябрь", "outubro", "ottobre",
                "października", "ekim",
            ],
            ["november", "nov", "novembre", "noviembre", "marraskuuta", "marraskuu", "ноября", "ноябрь", "novembro", "listopada", "kasım"],
            [
                "december", "dec", "dezember", "décembre", "decembre", "diciembre", "joulukuuta", "joulukuu", "декабря", "декабрь",
                "dezembro", "dicembre", "grudnia", "aralık",
            ],
        ]
        var numbers: [String: Int] = [:]
        for (index, list) in names.enumerated() {
            for name in list { numbers[name] = index + 1 }
        }
        return numbers
    }()

    /// The date `days` after `date` (a day-precision date).
    static func adding(days: Int, to date: HistoricalDate) -> HistoricalDate? {
        guard let month = date.month, let day = date.day else { return nil }
        let (y, m, d) = civil(fromDays: daysFromCivil(year: date.year, month: month, day: day) + days)
        return try? HistoricalDate(year: y, month: m, day: d)
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
