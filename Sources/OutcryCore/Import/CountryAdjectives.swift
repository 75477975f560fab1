/// Countries named only by what comes from them: "Syrian woman human rights defender", "die iranischen Behörden",
/// "les autorités iraniennes", "las autoridades iraníes". A weaker sign than the country's name, read only when no
/// name is found. The sections' own countries (the USA, the UK, Germany, France…) are left out: their adjectives
/// describe the publisher as often as the case.
enum CountryAdjectives {
    /// The countries the words of `text` describe, most described first (ties: first described).
    static func countries(in text: String) -> [(Country, Range<String.Index>)] {
        var tally = CountryTally()
        for (position, word) in Phrase.words(in: text).enumerated() {
            // Most words are no adjective of a country: their first letters say so before they are folded.
            guard word.word.utf8.count >= 4, let first = word.word.utf8.first, openings.contains(first | 0x20),
                let country = forms[Phrase.fold(word.word)]
            else { continue }
            tally.add(country, at: position, word.range)
        }
        return tally.ranked
    }

    /// The first bytes of the forms, lower-cased ASCII or a UTF-8 lead byte ("ä", "é").
    private static let openings = Set(forms.keys.compactMap { $0.utf8.first.map { $0 | 0x20 } })

    /// Each form, folded, and its country. An entry gives the English adjective, the German stem (declined with
    /// -e, -en, -er, -es, -em), the French masculine and feminine, and the Spanish masculine (declined by its ending).
    private static let forms: [String: Country] = {
        var forms: [String: Country] = [:]
        for (code, english, german, french, spanish) in entries {
            guard let country = Country(rawValue: code) else { continue }
            var words = [english, english + "s"]
            words += ["", "e", "en", "er", "es", "em"].map { german + $0 }
            for form in french.split(separator: "/").map(String.init) {
                words += [form, form.endsWith("s") ? form : form + "s"]
            }
            if spanish.isEmpty {
            } else if spanish.endsWith("o") {
                let stem = String(spanish.dropLast())
                words += ["o", "a", "os", "as"].map { stem + $0 }
            } else if spanish.endsWith("í") {
                words += [spanish, spanish + "es"]
            } else {
                words += [spanish, spanish + "s", spanish + "es"]
            }
            for word in words where !word.isEmpty { forms[Phrase.fold(word)] = country }
        }
        return forms
    }()

    private static let entries: [(String, String, String, String, String)] = [
        ("IR", "Iranian", "iranisch", "iranien/iranienne", "iraní"), ("EG", "Egyptian", "ägyptisch", "égyptien/égyptienne", "egipcio"),
        ("SA", "Saudi", "saudi-arabisch", "saoudien/saoudienne", "saudí"), ("CN", "Chinese", "chinesisch", "chinois/chinoise", "chino"),
        ("RU", "Russian", "russisch", "russe", "ruso"), ("BY", "Belarusian", "belarussisch", "bélarussien/bélarussienne", "bielorruso"),
        ("TR", "Turkish", "türkisch", "turc/turque", "turco"), ("SY", "Syrian", "syrisch", "syrien/syrienne", "sirio"),
        ("BH", "Bahraini", "bahrainisch", "bahreïni/bahreïnie", "bareiní"),
        ("AZ", "Azerbaijani", "aserbaidschanisch", "azerbaïdjanais/azerbaïdjanaise", "azerbaiyano"),
        ("VN", "Vietnamese", "vietnamesisch", "vietnamien/vietnamienne", "vietnamita"),
        ("IQ", "Iraqi", "irakisch", "irakien/irakienne", "iraquí"), ("IL", "Israeli", "israelisch", "israélien/israélienne", "israelí"),
        ("PS", "Palestinian", "palästinensisch", "palestinien/palestinienne", "palestino"),
        ("AE", "Emirati", "emiratisch", "émirien/émirienne", "emiratí"), ("YE", "Yemeni", "jemenitisch", "yéménite", "yemení"),
        ("LB", "Lebanese", "libanesisch", "libanais/libanaise", "libanés"),
        ("MA", "Moroccan", "marokkanisch", "marocain/marocaine", "marroquí"),
        ("DZ", "Algerian", "algerisch", "algérien/algérienne", "argelino"),
        ("TN", "Tunisian", "tunesisch", "tunisien/tunisienne", "tunecino"),
        ("LY", "Libyan", "libysch", "libyen/libyenne", "libio"), ("SD", "Sudanese", "sudanesisch", "soudanais/soudanaise", "sudanés"),
        ("ER", "Eritrean", "eritreisch", "érythréen/érythréenne", "eritreo"),
        ("ET", "Ethiopian", "äthiopisch", "éthiopien/éthiopienne", "etíope"),
        ("KE", "Kenyan", "kenianisch", "kényan/kényane", "keniano"), ("UG", "Ugandan", "ugandisch", "ougandais/ougandaise", "ugandés"),
        ("NG", "Nigerian", "nigerianisch", "nigérian/nigériane", "nigeriano"),
        ("CM", "Cameroonian", "kamerunisch", "camerounais/camerounaise", "camerunés"),
        ("ZW", "Zimbabwean", "simbabwisch", "zimbabwéen/zimbabwéenne", "zimbabuense"),
        ("BI", "Burundian", "burundisch", "burundais/burundaise", "burundés"),
        ("RW", "Rwandan", "ruandisch", "rwandais/rwandaise", "ruandés"),
        ("CU", "Cuban", "kubanisch", "cubain/cubaine", "cubano"),
        ("VE", "Venezuelan", "venezolanisch", "vénézuélien/vénézuélienne", "venezolano"),
        ("NI", "Nicaraguan", "nicaraguanisch", "nicaraguayen/nicaraguayenne", "nicaragüense"),
        ("HN", "Honduran", "honduranisch", "hondurien/hondurienne", "hondureño"),
        ("GT", "Guatemalan", "guatemaltekisch", "guatémaltèque", "guatemalteco"),
        ("CO", "Colombian", "kolumbianisch", "colombien/colombienne", "colombiano"),
        ("PE", "Peruvian", "peruanisch", "péruvien/péruvienne", "peruano"),
        ("BR", "Brazilian", "brasilianisch", "brésilien/brésilienne", "brasileño"),
        ("BO", "Bolivian", "bolivianisch", "bolivien/bolivienne", "boliviano"),
        ("PK", "Pakistani", "pakistanisch", "pakistanais/pakistanaise", "pakistaní"),
        ("AF", "Afghan", "afghanisch", "afghan/afghane", "afgano"),
        ("BD", "Bangladeshi", "bangladeschisch", "bangladais/bangladaise", "bangladesí"),
        ("LK", "Lankan", "sri-lankisch", "sri-lankais/sri-lankaise", "ceilanés"),
        ("KZ", "Kazakh", "kasachisch", "kazakh/kazakhe", "kazajo"), ("UZ", "Uzbek", "usbekisch", "ouzbek/ouzbèke", "uzbeko"),
        ("TJ", "Tajik", "tadschikisch", "tadjik/tadjike", "tayiko"), ("TM", "Turkmen", "turkmenisch", "turkmène", "turcomano"),
        ("KG", "Kyrgyz", "kirgisisch", "kirghiz/kirghize", "kirguís"),
        ("UA", "Ukrainian", "ukrainisch", "ukrainien/ukrainienne", "ucraniano"),
        ("PH", "Filipino", "philippinisch", "philippin/philippine", "filipino"),
        ("ID", "Indonesian", "indonesisch", "indonésien/indonésienne", "indonesio"),
        ("MY", "Malaysian", "malaysisch", "malaisien/malaisienne", "malasio"),
        ("TH", "Thai", "thailändisch", "thaïlandais/thaïlandaise", "tailandés"),
        ("KH", "Cambodian", "kambodschanisch", "cambodgien/cambodgienne", "camboyano"),
        ("MM", "Burmese", "myanmarisch", "birman/birmane", "birmano"), ("IN", "Indian", "indisch", "", ""),
        ("TL", "Timorese", "osttimoresisch", "timorais/timoraise", "timorense"),
        ("QA", "Qatari", "katarisch", "qatari/qatarie", "catarí"), ("KW", "Kuwaiti", "kuwaitisch", "koweïtien/koweïtienne", "kuwaití"),
        ("OM", "Omani", "omanisch", "omanais/omanaise", "omaní"), ("JO", "Jordanian", "jordanisch", "jordanien/jordanienne", "jordano"),
        ("GE", "Georgian", "georgisch", "géorgien/géorgienne", "georgiano"),
        ("AM", "Armenian", "armenisch", "arménien/arménienne", "armenio"),
        ("HK", "Hongkonger", "hongkongisch", "hongkongais/hongkongaise", "hongkonés"),
    ]
}
