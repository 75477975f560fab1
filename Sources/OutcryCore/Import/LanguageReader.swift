/// Languages supporters are told to write in: "Write in English, Kyrgyz or Russian",
/// "Preferred language to address target: Arabic, English", "Schreiben Sie auf Englisch".
enum LanguageReader {
    static func languages(in text: String) -> [String] {
        var tags: [String] = []
        for (word, _) in Phrase.words(in: text) {
            if let tag = tagsByName[Phrase.fold(word)], !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    /// Whether a line speaks about the language to write in.
    static func mentionsLanguageChoice(_ folded: String) -> Bool {
        [
            "language", "write", "schreiben", "skriv", "kirjoita", "sprache", "språk", "écrivez", "escriba", "appeals in",
            "appeal in", "langue", "kieli",
        ].contains { folded.has($0) }
            && !languages(in: folded).isEmpty
    }

    private static let tagsByName: [String: String] = {
        let table: [(String, [String])] = [
            (
                "en",
                [
                    "english", "englisch", "engelska", "englanniksi", "englanti", "anglais", "inglés", "ingles", "английском", "английский",
                ]
            ),
            ("fr", ["french", "französisch", "franska", "ranskaksi", "français", "francés"]),
            ("es", ["spanish", "spanisch", "spanska", "espanjaksi", "espagnol", "español"]),
            ("de", ["german", "deutsch", "tyska", "saksaksi", "allemand", "alemán"]),
            ("ru", ["russian", "russisch", "ryska", "venäjäksi", "russe", "ruso", "русском", "русский"]),
            ("ky", ["kyrgyz", "kirgisisch", "kirgiziska", "kirgiisiksi", "кыргызском", "кыргызский"]),
            ("ar", ["arabic", "arabisch", "arabiska", "arabiaksi", "arabe", "árabe"]),
            ("zh", ["chinese", "mandarin", "chinesisch", "kinesiska", "kiinaksi", "chinois", "chino"]),
            ("fa", ["persian", "farsi", "persisch", "persiska", "persiaksi"]),
            ("tr", ["turkish", "türkisch", "turkiska", "turkiksi", "turc"]),
            ("pt", ["portuguese", "portugiesisch", "portugisiska", "portugaliksi", "portugais", "portugués"]),
            ("sv", ["swedish", "schwedisch", "svenska", "ruotsiksi", "suédois"]),
            ("fi", ["finnish", "finnisch", "finska", "suomeksi", "finnois"]),
            ("uz", ["uzbek", "usbekisch", "uzbekiska"]),
            ("kk", ["kazakh", "kasachisch", "kazakiska"]),
            ("tg", ["tajik", "tadschikisch"]),
            ("be", ["belarusian", "belarussisch", "belarusiska", "valkovenäjäksi"]),
            ("uk", ["ukrainian", "ukrainisch", "ukrainska", "ukrainaksi"]),
            ("az", ["azerbaijani", "azeri", "aserbaidschanisch"]),
            ("he", ["hebrew", "hebräisch", "hebreiska"]),
            ("vi", ["vietnamese", "vietnamesisch", "vietnamesiska"]),
            ("my", ["burmese"]),
            ("th", ["thai"]),
            ("ja", ["japanese", "japanisch", "japanska"]),
            ("ko", ["korean", "koreanisch", "koreanska"]),
            ("hi", ["hindi"]),
            ("ur", ["urdu"]),
            ("bn", ["bengali", "bangla"]),
            ("it", ["italian", "italienisch", "italienska"]),
            ("nl", ["dutch", "niederländisch", "nederländska"]),
            ("pl", ["polish", "polnisch", "polska"]),
            ("am", ["amharic"]),
            ("sw", ["swahili", "kiswahili"]),
            ("ti", ["tigrinya"]),
            ("id", ["indonesian", "bahasa"]),
            ("km", ["khmer"]),
            ("ne", ["nepali"]),
            ("ta", ["tamil"]),
            ("si", ["sinhala", "sinhalese"]),
            ("ln", ["lingala"]),
        ]
        var tags: [String: String] = [:]
        for (tag, names) in table { for name in names { tags[name] = tag } }
        return tags
    }()
}

extension DocumentReading {
    /// The languages to write in: from a "Preferred language" label, else from a line outside the letter
    /// that speaks of the language to write in.
    func findLanguages(labels: [SectionLabel], skipping letter: Range<Int>?) -> Found<[String]> {
        for label in labels where label.section == .languages {
            var text = label.inline ?? ""
            var line = label.line
            if text.isEmpty, let next = lines.indices.first(where: { $0 > label.line && !lines[$0].isBlank }) {
                text = lines[next].text
                line = next
            }
            let tags = LanguageReader.languages(in: text)
            if !tags.isEmpty { return Found(tags, at: source.span(line: line)) }
        }
        for index in lines.indices where !(letter?.contains(index) ?? false) {
            let folded = lines[index].folded
            guard folded.utf8.count < 300, LanguageReader.mentionsLanguageChoice(folded) else { continue }
            return Found(LanguageReader.languages(in: folded), at: source.span(line: index))
        }
        return .missing
    }
}
