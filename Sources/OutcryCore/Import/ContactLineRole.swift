/// What the lead of a contact line is: a name with an honorific, an office, a body or an address.
extension ContactReader {
    func classify(_ text: String) -> LineRole {
        let folded = Phrase.fold(text)
        let words = Phrase.words(in: folded).map { String($0.word) }
        guard let first = words.first else { return .other }
        if Self.honorific(of: text, folded: folded).0 != nil { return .name }
        let hasNumber = text.contains(where: \.isNumber)
        // "Embassy of the People's Republic of China", "Zhuhai City People's Procuratorate": a body opened or closed by
        // its kind is a body, even where it names a city or a country, unless a number or a street makes it an address.
        let opening = words.first { !Self.articles.contains($0) }
        if !hasNumber, [opening, words.last].contains(where: { $0.map(Self.organisationWords.contains) == true }),
            !words.contains(where: Self.streetWords.contains)
        {
            return .organisation
        }
        if hasNumber || words.contains(where: { Self.addressWords.contains($0) }) || NameFinder.country(namedBy: words) != nil
            || Self.cjkAddress(text)
        {
            return .address
        }
        if Self.titleWords.contains(first) || (words.count > 1 && Self.titleWords.contains(words[0] + " " + words[1])) {
            return .title
        }
        if words.contains(where: { Self.organisationWords.contains($0) }) { return .organisation }
        if words.contains(where: { Self.titleWords.contains($0) }) { return .title }
        // "Aldea el Ocotal Antiguo Local de la Academia, Tegucigalpa, Honduras": a place, then its country.
        if let comma = folded.lastIndex(of: ","),
            NameFinder.country(namedBy: Phrase.words(in: String(folded[comma...])).map { String($0.word) }) != nil
        {
            return .address
        }
        // "RELIGIONSFÜHRER", "OBERSTE JUSTIZAUTORITÄT": the office printed in capitals above the name.
        if words.count <= 4, text.contains(where: \.isLetter), !text.contains(where: \.isLowercase) { return .title }
        return .other
    }

    /// Whether a line (folded) reads as part of a postal address without a number in it: "Pasteur St, Vali Asr
    /// Ave.", "c/o Office of the Head of the Judiciary".
    static func namesAStreet(folded: String) -> Bool {
        folded.startsWith("c/o ") || Phrase.words(in: folded).contains { addressWords.contains(String($0.word)) }
    }

    /// Whether a folded word names an office: "president", "fiscal", "chef".
    static func isOfficeWord(_ folded: some StringProtocol) -> Bool { titleWords.contains(String(folded)) }

    /// Whether a line may be a person's name: two to six words, the first capitalised, the others capitalised or a
    /// particle ("Hamada al-Sawi", "Armando del Bosque"; not "der Russischen Föderation").
    static func plausibleName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (2...6).contains(words.count), !text.contains(where: \.isNumber), !text.has("http"), !text.has("@"),
            !text.endsWith(":"), words[0].first?.isLowercase != true
        else { return false }
        return words.allSatisfy { word in
            word.first?.isUppercase == true || !(word.first?.isCased ?? false) || NameFinder.isNameParticle(Phrase.fold(word))
        }
    }

    private static func cjkAddress(_ text: String) -> Bool {
        ["路", "街", "号", "號", "市", "省", "区", "區", "улица", "ул.", "проспект", "пр."].contains { text.has($0) }
    }

    private static let addressWords: Set<String> = [
        "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "square", "box", "p.o", "po", "building",
        "floor", "str", "straße", "strasse", "gatan", "katu", "rue", "calle", "avenida", "plaza", "district", "province",
        "city", "town", "village", "block", "house", "road", "highway", "nw", "ne", "sw", "se", "dc", "số", "palace", "tower",
    ]

    /// Address words a body's name may hold too: "Zhuhai City People's Procuratorate".
    private static let placeWords: Set<String> = ["city", "town", "village", "district", "province", "square", "plaza", "block"]

    /// The words only an address holds: a street, a box, or a building named after a body ("Parliament House").
    private static let streetWords = addressWords.subtracting(placeWords)

    /// The articles before a body's kind: "The Office of the President", "La Fiscalía General".
    private static let articles: Set<String> = ["the", "la", "le", "el", "die", "der"]

    private static let organisationWords: Set<String> = [
        "ministry", "embassy", "office", "administration", "presidency", "council", "committee", "court", "department",
        "parliament", "government", "service", "commission", "bureau", "agency", "mission", "procuracy",
        "directorate", "secretariat", "consulate", "cabinet", "police", "headquarters", "prison", "ministerium",
        "botschaft", "büro", "regierung", "departementet", "ministeriet", "ambassad", "ambassaden", "ministeriö",
        "suurlähetystö", "министерство", "администрация", "посольство", "аппарат", "прокуратура", "suprema",
        "ministère", "ambassade", "ministerio", "embajada", "institution", "chancellery", "kremlin", "diwan", "court",
        "centre", "center", "bakanlığı", "fiscalía", "procuraduría", "secretaría", "prosecution",
        "staatsanwaltschaft", "generalstaatsanwaltschaft", "kansliet", "virasto", "residencia", "procuratorate", "präsidialamt", "comité",
        "comisión", "consejo", "conseil", "oficina", "despacho",
    ]

    private static let titleWords: Set<String> = [
        "president", "minister", "prime minister", "ambassador", "attorney", "prosecutor", "procurator", "governor", "mayor",
        "chief", "chef", "director", "head", "chair", "chairman", "chairperson", "commissioner", "secretary", "king", "queen",
        "emir", "sultan", "speaker", "judge", "justice", "ombudsman", "commander", "chancellor", "premier", "präsident",
        "präsidentin", "ministerin", "botschafter", "botschafterin", "president", "presidentti", "ministeri",
        "suurlähettiläs", "президент", "министр", "посол", "генеральный", "主席", "总理", "部长", "ombudsperson",
        "inspector", "general", "deputy", "vice", "high", "special", "rapporteur", "custodian", "generalstaatsanwalt", "ministre",
        "procureur", "fiscal", "bakanı", "kung", "kuningas", "pääministeri", "oikeusministeri", "presidente", "presidenta",
        "ministro", "ministra", "embajador", "embajadora", "secretario", "secretaria", "procurador", "procuradora",
        "gobernador", "gobernadora", "juez", "jueza", "président", "présidente", "ambassadeur", "ambassadrice", "gouverneur",
        "staatsanwalt", "staatsanwältin", "generalstaatsanwältin", "geschäftsträger", "gesandter", "gesandte",
        "ministerpräsident", "justizminister", "justizministerin", "innenminister", "innenministerin", "außenminister",
        "außenministerin", "chargé", "charge", "d'affaires", "leader", "senator", "councillor", "warden", "superintendent",
        "commandant", "jefe", "jefa", "directeur", "directrice", "directora", "procureure", "commissaire", "juge",
        "religionsführer", "justizautorität", "oberhaupt",
    ]

    /// Honorifics as they go on an envelope, longest first.
    private static let honorifics: [String] = [
        "his royal highness", "her royal highness", "his excellency", "her excellency", "his majesty", "her majesty",
        "his highness", "her highness", "the honourable", "the honorable", "his holiness", "h.e.", "h.e", "mr.", "mr", "mrs.",
        "mrs", "ms.", "ms", "miss", "dr.", "dr", "prof.", "prof", "professor", "ambassador", "sheikh", "shaikh", "hon.",
        "excmo. sr.", "excma. sra.", "sr.", "sra.", "herrn botschafter", "frau botschafterin", "herrn", "herr", "frau",
        "mme", "m.", "s.e.", "s.e", "judge", "ayatollah", "könig", "lic.", "mtra.", "rt. hon.", "rt. hon", "señor", "señora",
        "s.e. herrn", "s. e. herrn", "s. e. frau", "s. e.", "monsieur", "madame", "the hon.", "the hon", "hon",
        "the rt. hon.", "the rt hon", "rt hon", "the right honourable", "the right honorable",
    ].sorted { $0.count > $1.count }

    private static let royalTitles: Set<String> = [
        "king", "queen", "prince", "princess", "emir", "amir", "sultan", "sheikh", "shaikh", "könig", "roi", "reine", "rey", "reina",
    ]

    /// The first words of every honorific, to rule most lines out at once.
    private static let honorificStarts = Set(honorifics.map { Substring($0.split(separator: " ")[0]) })

    /// "H.E. Sadyr Japarov" → ("H.E.", "Sadyr Japarov").
    static func honorific(of text: String, folded: String? = nil) -> (String?, String) {
        let folded = folded ?? Phrase.fold(text)
        guard let firstSpace = folded.firstIndex(of: " "), honorificStarts.contains(folded[..<firstSpace]) else { return (nil, text) }
        for honorific in honorifics where folded.startsWith(honorific + " ") {
            var printed = String(text.prefix(honorific.count))
            var rest = String(text.dropFirst(honorific.count)).trimmingWhitespace
            guard let first = rest.first, first.isUppercase || !first.isCased else { continue }
            // "His Majesty King Salman…", "Ambassador Princess Reema…": a royal title goes with the honorific.
            if let space = rest.firstIndex(of: " "), royalTitles.contains(Phrase.fold(rest[..<space])) {
                printed += " " + rest[..<space]
                rest = String(rest[space...]).trimmingWhitespace
            }
            // "His Excellency Dr Alexander Yakovenko": a second honorific goes with the first.
            if case let (second?, name) = Self.honorific(of: rest), name.contains(" ") {
                return (printed + " " + second, name)
            }
            return (printed, rest)
        }
        return (nil, text)
    }

    /// "Sadyr Japarov, President of Kyrgyzstan" → ("Sadyr Japarov", "President of Kyrgyzstan").
    /// The name without letters after it that stand for a seat or an honour: "Sajid Javid MP" → "Sajid Javid".
    static func nameAndOffice(_ text: String) -> (String, String?) {
        guard let comma = text.firstIndex(of: ",") else { return (withoutPostnominals(text), nil) }
        let office = text[text.index(after: comma)...].trimmingWhitespace
        return (withoutPostnominals(String(text[..<comma]).trimmingWhitespace), office.isEmpty ? nil : office)
    }

    static func withoutPostnominals(_ name: String) -> String {
        let words = name.split(separator: " ")
        var kept = words[...]
        while kept.count > 2, let last = kept.last, postnominals.contains(String(last)) || pinyinOffices.contains(Phrase.fold(last)) {
            kept = kept.dropLast()
        }
        return kept.count == words.count ? name : kept.joined(separator: " ")
    }

    /// "Wen Jiabao Guojia Zongli", "Zhao Kezhi Buzhang": the office in pinyin after a name, as Chinese envelopes have it.
    private static let pinyinOffices: Set<String> = [
        "zongli", "guojia", "buzhang", "zhuxi", "juzhang", "tingzhang", "shuji", "jianchazhang", "yuanzhang", "shengzhang",
        "shizhang", "suozhang", "zhuren",
    ]

    private static let postnominals: Set<String> = [
        "MP", "MEP", "MSP", "MS", "MLA", "MPP", "MHA", "MNA", "TD", "QC", "KC", "SC", "OBE", "CBE", "KBE", "DBE", "MBE",
    ]

    /// "Minister Jane Roe", "Public Prosecutor Hamada al-Sawi" → the office and the name; nil unless the words after
    /// the office are a name.
    static func officeThenName(_ text: String) -> (String, String)? {
        let words = text.split(separator: " ")
        for length in [3, 2, 1] where words.count > length {
            let office = words.prefix(length).joined(separator: " ")
            let officeWords = words.prefix(length).map { Phrase.fold($0) }
            let name = words.dropFirst(length)
            let isOffice =
                titleWords.contains(Phrase.fold(office))
                || (titleWords.contains(officeWords.last!)
                    && officeWords.allSatisfy { titleWords.contains($0) || officeModifiers.contains($0) })
            guard isOffice, (2...4).contains(name.count), plausibleName(name.joined(separator: " ")),
                !name.contains(where: { ["of", "for", "the"].contains($0.lowercased()) })
            else { continue }
            return (office, name.joined(separator: " "))
        }
        return nil
    }

    static func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (2...5).contains(words.count) && words.allSatisfy { $0.first?.isUppercase == true || !($0.first?.isCased ?? false) }
            && !text.contains(where: \.isNumber)
    }
}

/// An official written on one line with nothing between the parts, as web pages flatten contact blocks:
/// "Alexander Ivanovich Bastrykin Chairman of the Investigative Committee of the Russian Federation Tekhnichesky per. 2
/// 105005 Moscow Russian Federation". Cut where an office word begins the office, a body's word begins the body,
/// and the first number — with the street words just before it, but never a country's name — begins the address.
extension ContactReader {
    static func runOnParts(_ text: String) -> [(text: String, role: LineRole)]? {
        let text = withoutCapitalLabel(text)
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 6, text.filter({ $0 == "," }).count <= 3 else { return nil }
        let folded = words.map { Phrase.fold($0).trimming(",.:;") }
        func capitalised(_ index: Int) -> Bool { words[index].first?.isUppercase == true }
        func isOffice(_ index: Int) -> Bool { titleWords.contains(folded[index]) || officeModifiers.contains(folded[index]) }
        func startsBody(_ index: Int) -> Bool {
            guard capitalised(index), index == 0 || !connectors.contains(folded[index - 1]) else { return false }
            if organisationWords.contains(folded[index]) { return true }
            return index + 1 < words.count && bodyModifiers.contains(folded[index]) && organisationWords.contains(folded[index + 1])
        }
        func isNamePart(_ index: Int) -> Bool {
            let word = words[index]
            guard !word.contains(where: \.isNumber), !isOffice(index), !startsBody(index), !connectors.contains(folded[index]),
                !addressWords.contains(folded[index])
            else {
                return false
            }
            return word.first?.isUppercase == true || NameFinder.isNameParticle(folded[index])
        }
        var parts: [(text: String, role: LineRole)] = []
        var index = 0
        // An honorific and the name after it, or an office and the name after it.
        let (honorific, _) = honorific(of: text)
        var lead: [String] = []
        if let honorific {
            index = honorific.split(separator: " ").count
            lead = Array(words[0..<index])
        } else {
            index = officeEnd(words, folded: folded)
            if index > 0 { parts.append((words[0..<index].joined(separator: " "), .title)) }
            // "Charge d’Affaires Mr. Pavel Shidlovsky": an honorific between the office and the name.
            if index > 0, index < words.count, let between = Self.honorific(of: words[index...].joined(separator: " ")).0 {
                lead = Array(words[index..<(index + between.split(separator: " ").count)])
                index += lead.count
            }
        }
        let nameStart = index
        while index < words.count, index - nameStart < 6, isNamePart(index) {
            index += 1
            if words[index - 1].endsWith(",") { break }
        }
        // "Hamada al-Sawi Due to postal restrictions…": the last capital begins a sentence.
        if index - nameStart >= 3, index < words.count, words[index].first?.isLowercase == true { index -= 1 }
        guard index - nameStart >= 2 else { return nil }
        let name = words[nameStart..<index].joined(separator: " ").trimming(",")
        // Known to be the name by where it stands, whether or not an honorific says so ("President Abdelfattah al-Sisi").
        parts.append(((lead + [name]).joined(separator: " "), .name))
        // The address: from the first number, stepping back over its street's words.
        var addressStart = words.indices.dropFirst(index).first { words[$0].contains(where: \.isNumber) }
        if let number = addressStart {
            var start = number
            while start - 1 > index, number - start < 3, !connectors.contains(folded[start - 1]), !isOffice(start - 1),
                !organisationWords.contains(folded[start - 1]), !endsCountryName(words, at: start - 1)
            {
                start -= 1
            }
            addressStart = start
        }
        // The office and the body, up to the address or, without a number, up to the first comma.
        var end = addressStart ?? words.count
        if addressStart == nil, let comma = words.indices.dropFirst(index).first(where: { words[$0].endsWith(",") }) { end = comma + 1 }
        var current: [String] = []
        var currentRole: LineRole?
        func flush() {
            if let currentRole, !current.isEmpty {
                parts.append((current.joined(separator: " ").trimming(","), currentRole))
            }
            current = []
        }
        // A body begins right after the name; words after an office's "of" are the office's ("Chairman of the
        // Investigative Committee of the Russian Federation").
        while index < end {
            if currentRole == nil {
                if startsBody(index) {
                    currentRole = .organisation
                } else if isOffice(index) {
                    currentRole = .title
                } else {
                    break  // Prose after the name: "Due to postal restrictions, please…".
                }
            }
            current.append(words[index])
            index += 1
        }
        flush()
        // What is left is the address, unless it reads as a sentence.
        let rest = words[index...]
        let lower = rest.filter { $0.first?.isLowercase == true && !connectors.contains(Phrase.fold($0)) }.count
        if !rest.isEmpty, lower * 2 < rest.count {
            for line in rest.joined(separator: " ").split(separator: ",") where !line.trimmingWhitespace.isEmpty {
                parts.append((line.trimmingWhitespace, .address))
            }
        }
        return parts.count >= 2 ? parts : nil
    }

    /// "CONTACT INFORMATION Texas Governor…" → "Texas Governor…": a contact label in capitals, without its colon.
    private static func withoutCapitalLabel(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isUppercase == true else { return text }
        let folded = Phrase.fold(text.prefix(40))
        for label in SectionLabel.contactLabels where folded.startsWith(label + " ") {
            let printed = text.prefix(label.count)
            guard !printed.contains(where: \.isLowercase) else { continue }
            return String(text.dropFirst(label.count + 1))
        }
        return text
    }

    /// Where an office printed before its holder's name ends: "Secretary General and State President", "Head of
    /// Judiciary", "Prosecutor General of the Russian Federation". Past an office word, "and" or a modifier leads to
    /// another office word, and "of" to the body or country the office is of; the name begins after.
    private static func officeEnd(_ words: [String], folded: [String]) -> Int {
        func isOfficeWord(_ index: Int) -> Bool {
            // "Chargé d’affaires": the one office word written in lower case.
            index < words.count && (words[index].first?.isUppercase == true || folded[index] == "d'affaires")
                && (titleWords.contains(folded[index]) || officeModifiers.contains(folded[index]))
        }
        var end = 0
        var index = 0
        // "Texas Governor Greg Abbott", "Illinois Governor Pat Quinn": the place the office is of, before it.
        if words.count > 3, words[0].first?.isUppercase == true, !isOfficeWord(0), isOfficeWord(1), !bodyModifiers.contains(folded[0]),
            !connectors.contains(folded[0])
        {
            index = 1
        }
        while index < words.count {
            if isOfficeWord(index) {
                index += 1
                end = index
            } else if end > 0, ["and", "&"].contains(folded[index]) || bodyModifiers.contains(folded[index]),
                isOfficeWord(index + 1) || isOfficeWord(index + 2)
            {
                index += 1
            } else if end > 0, folded[index] == "of" {
                // "of the Russian Federation", "of Judiciary", "of Foreign Affairs": what the office is of.
                var cursor = index + 1
                if cursor < words.count, folded[cursor] == "the" { cursor += 1 }
                let objectStart = cursor
                while cursor < words.count, words[cursor].first?.isUppercase == true {
                    if let country = (1...3).reversed().first(where: { length in
                        cursor + length <= words.count
                            && NameFinder.country(named: words[cursor..<cursor + length].joined(separator: " ")) != nil
                    }) {
                        cursor += country
                    } else if officeObjects.contains(folded[cursor]) || organisationWords.contains(folded[cursor])
                        || bodyModifiers.contains(folded[cursor]) || titleWords.contains(folded[cursor])
                    {
                        cursor += 1
                    } else {
                        break
                    }
                    if cursor < words.count, ["of", "and", "for"].contains(folded[cursor]), cursor + 1 < words.count { cursor += 1 }
                }
                guard cursor > objectStart else { return end }
                index = cursor
                end = cursor
            } else {
                break
            }
        }
        // An "and" or "of" the office does not go on after is the name's or the body's.
        while end > 0, connectors.contains(folded[end - 1]) { end -= 1 }
        return end
    }

    /// What an office is of, besides bodies and countries: "Head of Judiciary", "Minister of Foreign Affairs".
    private static let officeObjects: Set<String> = [
        "judiciary", "justice", "interior", "foreign", "affairs", "home", "defence", "defense", "state", "republic",
        "kingdom", "federation", "security", "prisons", "human", "rights", "internal", "public", "prosecutions",
    ]

    /// Whether the words ending at `index` name a country ("Russian Federation", "Belarus").
    private static func endsCountryName(_ words: [String], at index: Int) -> Bool {
        (0...min(3, index)).contains { back in
            NameFinder.country(named: words[(index - back)...index].joined(separator: " ").trimming(",."))
                != nil
        }
    }

    private static let connectors: Set<String> = ["of", "the", "for", "and", "to", "de", "du", "des", "la", "del", "der", "für"]
    private static let officeModifiers: Set<String> = ["public", "prime", "supreme", "attorney", "acting", "first"]
    private static let bodyModifiers: Set<String> = ["permanent", "national", "federal", "royal", "state", "central", "general"]

}

extension StringProtocol {
    /// Without the given characters at either end: `"President,".trimming(",")` → "President".
    fileprivate func trimming(_ characters: String) -> String {
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
