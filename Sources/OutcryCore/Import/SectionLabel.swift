/// The headings documents use for their parts, in the spellings and languages they come in.
enum Section: Equatable {
    case takeAction
    case contacts
    case copies
    case letter
    case background
    /// A labelled line whose value is the field itself: "Salutation:", "Preferred language…:", "Name:".
    case salutation
    case languages
    case names
    case deadline
}

struct SectionLabel {
    let section: Section
    let line: Int
    /// What follows the label on its own line ("Write to: Minister…"), if anything.
    let inline: String?
    /// Where `inline` starts in the line's text.
    let inlineStart: String.Index?

    /// The contact labels, folded, longest first: what may stand in capitals before an official run together on one
    /// line ("CONTACT INFORMATION Texas Governor Greg Abbott…").
    static let contactLabels = labels.filter { $0.value == .contacts }.keys.sorted { $0.count > $1.count }

    private static let labels: [String: Section] = {
        var labels: [(String, Section)] = []
        func add(_ section: Section, _ names: [String]) { labels += names.map { ($0, section) } }
        add(
            .takeAction,
            [
                "take action", "take action now", "here's what you can do", "here is what you can do", "what you can do",
                "recommended action", "recommended actions", "what to do", "how you can help", "please take action", "action",
                "actions", "was sie tun können", "werden sie aktiv", "empfohlene aktionen", "so können sie helfen",
                "så kan du agera", "vad du kan göra", "agera", "agera nu", "toimi", "toimi nyt", "mitä voit tehdä",
                "ce que vous pouvez faire", "agissez", "qué puedes hacer", "actúa", "actúe", "actúen", "actúa ya", "actúa ahora",
                "agissez maintenant", "jetzt handeln", "comment agir", "så här gör du",
                "bitte schreiben sie", "toimi näin", "näin voit toimia", "please write", "what you can do now", "amnesty fordert",
                "amnesty demands", "amnesty demande", "amnistía pide",
            ])
        add(
            .contacts,
            [
                "contact information", "contact info", "contact details", "contacts", "write to", "please write to",
                "send appeals to", "appeals to", "addresses", "address", "write to the following", "officials", "targets",
                "schreiben sie an", "appelle an", "adressen", "adresse", "skriv till", "adresser", "vädjanden till",
                "kirjoita", "osoitteet", "osoite", "écrivez à", "escriba a", "skicka till", "skicka dina vädjanden till",
                "lähetä vetoomukset", "officials to contact", "appell an", "escriban a", "direcciones", "destinatarios",
                "envoyez vos appels à", "écrire à",
            ])
        add(
            .copies,
            [
                "and copy", "and copies to", "copy to", "copies to", "send copies to", "also send copies to", "copy", "cc",
                "kopien an", "kopie an", "kopia till", "kopior till", "kopio", "kopiot", "copie à", "copias a", "sende eine kopie an",
                "senden sie eine kopie an", "copies à",
            ])
        add(
            .letter,
            [
                "sample letter", "model letter", "sample appeal", "suggested letter", "suggested message", "sample message",
                "letter", "draft letter", "sample email", "sample e-mail", "musterbrief", "briefvorschlag", "beispielbrief",
                "exempelbrev", "brevförslag", "förslag på brev", "mallikirje", "vetoomusmalli", "esimerkkikirje",
                "lettre type", "modèle de lettre", "carta modelo", "modelo de carta",
            ])
        add(
            .background,
            [
                "additional information", "background", "background information", "more information", "further background",
                "hintergrund", "hintergrundinformationen", "zusätzliche informationen", "taustaa",
                "bakgrund", "bakgrundsinformation", "tausta", "taustatietoa", "lisätietoa", "lisätiedot",
                "informations complémentaires", "contexte", "información adicional", "antecedentes",
            ])
        add(.salutation, ["salutation", "anrede", "hälsningsfras", "tervehdys", "formule d'appel", "saludo"])
        add(
            .languages,
            [
                "preferred language to address target", "preferred language to address targets", "preferred language",
                "preferred languages", "languages", "language", "write in", "sprache", "bevorzugte sprache", "språk",
                "kieli", "langue",
            ])
        add(.names, ["name", "names", "name and gender", "name and pronoun", "name and pronouns", "names and gender", "name(s)"])
        add(
            .deadline,
            [
                "deadline", "please take action as soon as possible until", "take action as soon as possible until",
                "please send appeals before", "send appeals before", "appelle bis", "appeals until", "sista dag",
                "vetoomukset viimeistään", "date limite",
            ])
        return Dictionary(labels, uniquingKeysWith: { first, _ in first })
    }()

    /// The sample letter's headings, longest first, each with the space a copied page leaves between it and the letter
    /// it runs into ("SAMPLE LETTER Dear…").
    static let letterHeadings = labels.filter { $0.value == .letter }.map { $0.key + " " }.sorted { $0.count > $1.count }

    /// The label that `line` is or begins with: the whole line ("Take action", "SAMPLE LETTER:")
    /// or a label, a colon and its value ("Write to: …", "Salutation: Dear Minister").
    static func label(of line: SourceText.Line, at index: Int) -> SectionLabel? {
        let folded = line.folded
        guard !folded.isEmpty, folded.utf8.count <= 120 || folded.has(":") else { return nil }
        var bare = Substring(folded)
        while let last = bare.last, last == ":" || last == " " || last == "!" || last == "." { bare = bare.dropLast() }
        // "Briefvorschlag (Englisch)", "Exempelbrev (på engelska):"
        if bare.endsWith(")"), let open = bare.lastIndex(of: "(") {
            bare = bare[..<open]
            while bare.last == " " { bare = bare.dropLast() }
        }
        if folded.utf8.count <= 60, let section = labels[String(bare)] {
            return SectionLabel(section: section, line: index, inline: nil, inlineStart: nil)
        }
        // "PLEASE SEND APPEALS BEFORE 2 JUNE 2016 TO:", "Write by 15 July 2020 to:", "Appelle bis 17. November 2014 an:"
        if folded.count <= 100, folded.endsWith(":"),
            [" to:", " an:", " à :", " à:", " till:", " osoitteeseen:", " a:"].contains(where: folded.endsWith),
            [
                "write", "send", "appeal", "schreiben", "appelle", "skicka", "skriv", "écrivez", "envoyez", "lähetä", "kirjoita", "escriba",
                "escriban", "envía", "envíe", "envíen", "llamamientos",
            ]
            .contains(where: folded.has),
            !folded.has(" call on "), !folded.has(" urge ")
        {
            return SectionLabel(section: .contacts, line: index, inline: nil, inlineStart: nil)
        }
        // A label, a colon and its value: "Write to: Minister…", "Salutation: Dear Minister".
        guard let colon = folded.firstIndex(of: ":"), folded.distance(from: folded.startIndex, to: colon) <= 60 else { return nil }
        var name = folded[..<colon]
        while name.last == " " { name = name.dropLast() }
        guard let section = labels[String(name)] else { return nil }
        // The folded line has as many characters as the text unless lower-casing changed a letter's width.
        guard folded.count == line.text.count else { return nil }
        let offset = folded.distance(from: folded.startIndex, to: colon) + 1
        var start = line.text.index(line.text.startIndex, offsetBy: offset)
        while start < line.text.endIndex, line.text[start] == " " { start = line.text.index(after: start) }
        let value = String(line.text[start...])
        return SectionLabel(section: section, line: index, inline: value.isEmpty ? nil : value, inlineStart: value.isEmpty ? nil : start)
    }
}
