/// What the lead of a contact line is: a name with an honorific, an office, a body or an address.
extension ContactReader {
    func classify(_ text: String) -> LineRole {
        let folded = Phrase.fold(text)
        let words = Phrase.words(in: folded).map { String($0.word) }
        guard let first = words.first else { return .other }
        if Self.honorific(of: text, folded: folded).0 != nil { return .honorificName }
        if text.contains(where: \.isNumber) || words.contains(where: { Self.addressWords.contains($0) })
            || NameFinder.country(namedBy: words) != nil || Self.cjkAddress(text)
        {
            return .address
        }
        if let last = words.last, Self.organisationWords.contains(last) { return .organisation }
        if Self.titleWords.contains(first) || (words.count > 1 && Self.titleWords.contains(words[0] + " " + words[1])) {
            return .title
        }
        if words.contains(where: { Self.organisationWords.contains($0) }) { return .organisation }
        if words.contains(where: { Self.titleWords.contains($0) }) { return .title }
        return .other
    }

    private static func cjkAddress(_ text: String) -> Bool {
        ["路", "街", "号", "號", "市", "省", "区", "區", "улица", "ул.", "проспект", "пр."].contains { text.has($0) }
    }

    private static let addressWords: Set<String> = [
        "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "square", "box", "p.o", "po", "building",
        "floor", "str", "straße", "strasse", "gatan", "katu", "rue", "calle", "avenida", "plaza", "district", "province",
        "city", "town", "village", "block", "house", "road", "highway", "nw", "ne", "sw", "se", "dc",
    ]

    private static let organisationWords: Set<String> = [
        "ministry", "embassy", "office", "administration", "presidency", "council", "committee", "court", "department",
        "parliament", "government", "service", "commission", "bureau", "agency", "mission", "procuracy",
        "directorate", "secretariat", "consulate", "cabinet", "police", "headquarters", "prison", "ministerium",
        "botschaft", "büro", "regierung", "departementet", "ministeriet", "ambassad", "ambassaden", "ministeriö",
        "suurlähetystö", "министерство", "администрация", "посольство", "аппарат", "прокуратура", "suprema",
        "ministère", "ambassade", "ministerio", "embajada", "institution", "chancellery", "kremlin", "diwan", "court",
        "centre", "center", "bakanlığı", "fiscalía", "procuraduría", "secretaría", "prosecution",
        "staatsanwaltschaft", "generalstaatsanwaltschaft", "kansliet", "virasto",
    ]

    private static let titleWords: Set<String> = [
        "president", "minister", "prime minister", "ambassador", "attorney", "prosecutor", "procurator", "governor", "mayor",
        "chief", "director", "head", "chair", "chairman", "chairperson", "commissioner", "secretary", "king", "queen",
        "emir", "sultan", "speaker", "judge", "justice", "ombudsman", "commander", "chancellor", "premier", "präsident",
        "präsidentin", "ministerin", "botschafter", "botschafterin", "president", "presidentti", "ministeri",
        "suurlähettiläs", "президент", "министр", "посол", "генеральный", "主席", "总理", "部长", "ombudsperson",
        "inspector", "general", "deputy", "vice", "high", "special", "rapporteur", "generalstaatsanwalt", "ministre",
        "procureur", "fiscal", "bakanı", "kung", "kuningas", "pääministeri", "oikeusministeri",
    ]

    /// Honorifics as they go on an envelope, longest first.
    private static let honorifics: [String] = [
        "his royal highness", "her royal highness", "his excellency", "her excellency", "his majesty", "her majesty",
        "his highness", "her highness", "the honourable", "the honorable", "his holiness", "h.e.", "h.e", "mr.", "mr", "mrs.",
        "mrs", "ms.", "ms", "miss", "dr.", "dr", "prof.", "prof", "professor", "ambassador", "sheikh", "shaikh", "hon.",
        "excmo. sr.", "excma. sra.", "sr.", "sra.", "herrn botschafter", "frau botschafterin", "herrn", "herr", "frau",
        "mme", "m.", "s.e.", "s.e", "judge",
    ].sorted { $0.count > $1.count }

    /// The first words of every honorific, to rule most lines out at once.
    private static let honorificStarts = Set(honorifics.map { Substring($0.split(separator: " ")[0]) })

    /// "H.E. Sadyr Japarov" → ("H.E.", "Sadyr Japarov").
    static func honorific(of text: String, folded: String? = nil) -> (String?, String) {
        let folded = folded ?? Phrase.fold(text)
        guard let firstSpace = folded.firstIndex(of: " "), honorificStarts.contains(folded[..<firstSpace]) else { return (nil, text) }
        for honorific in honorifics where folded.hasPrefix(honorific + " ") {
            let printed = String(text.prefix(honorific.count))
            let rest = String(text.dropFirst(honorific.count)).trimmingWhitespace
            guard let first = rest.first, first.isUppercase || !first.isCased else { continue }
            return (printed, rest)
        }
        return (nil, text)
    }

    /// "Sadyr Japarov, President of Kyrgyzstan" → ("Sadyr Japarov", "President of Kyrgyzstan").
    static func nameAndOffice(_ text: String) -> (String, String?) {
        guard let comma = text.firstIndex(of: ",") else { return (text, nil) }
        let office = text[text.index(after: comma)...].trimmingWhitespace
        return (String(text[..<comma]).trimmingWhitespace, office.isEmpty ? nil : office)
    }

    /// "Minister Jane Roe" → ("Minister", "Jane Roe"); nil unless the words after the office are a name.
    static func officeThenName(_ text: String) -> (String, String)? {
        let words = text.split(separator: " ")
        for length in [2, 1] where words.count > length {
            let office = words.prefix(length).joined(separator: " ")
            let name = words.dropFirst(length)
            guard titleWords.contains(Phrase.fold(office)), (2...4).contains(name.count),
                name.allSatisfy({ $0.first?.isUppercase == true && !$0.contains(where: \.isNumber) }),
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
