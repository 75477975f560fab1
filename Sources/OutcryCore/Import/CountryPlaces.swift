/// Countries named only by a place in them: "detained in the capital, Colombo", "executed in Texas", "in Teheran
/// festgenommen". The weakest sign of a case's country, read only when no country's name or adjective is found. Places
/// that publishers write from (London, Geneva, Paris, New York, Washington, Brussels, Berlin…) are left out, and so are
/// places that share their name with a country, a person or a common word (Georgia, Virginia, Tripoli, Santiago).
enum CountryPlaces {
    /// The countries the places in `text` are in, most named first (ties: first named).
    static func countries(in text: String) -> [(Country, Range<String.Index>)] {
        let words = Phrase.words(in: text)
        var tally = CountryTally()
        var position = 0
        while position < words.count {
            defer { position += 1 }
            // Places begin with a capital, and most words begin no place: their first two bytes say so before they are
            // folded.
            let word = words[position].word
            guard word.utf8.count >= 4, openings.contains(opening(word.utf8)), word.unicodeScalars.first?.properties.isUppercase == true,
                let candidates = places[Phrase.fold(word)], let found = CountryPhrases.match(candidates, in: words, at: position)
            else { continue }
            tally.add(found.country, at: position, found.range)
            position = found.last
        }
        return tally.ranked
    }

    /// A word's first two bytes, ASCII letters lower-cased.
    private static func opening(_ bytes: some Collection<UInt8>) -> UInt16 {
        var iterator = bytes.makeIterator()
        let first = iterator.next() ?? 0
        let second = iterator.next() ?? 0
        return UInt16(first | 0x20) << 8 | UInt16(second | 0x20)
    }

    /// The openings of the places.
    private static let openings = Set(entries.flatMap { $0.1.split(separator: "/").map { opening($0.utf8) } })

    /// Each place, folded and keyed by its first word, and its country.
    private static let places: CountryPhrases.Table = {
        var places: CountryPhrases.Table = [:]
        for (code, names) in entries {
            guard let country = Country(rawValue: code) else { continue }
            for name in names.split(separator: "/") { CountryPhrases.add(String(name), country, to: &places) }
        }
        return places
    }()

    /// Capitals and large cities in the spellings of English, German, French and Spanish texts; the states of the USA,
    /// whose death-penalty cases name the state and not the country.
    private static let entries: [(String, String)] = [
        ("AF", "Kabul/Kaboul"), ("BD", "Dhaka/Dacca"), ("BH", "Manama"), ("BI", "Bujumbura"), ("BY", "Minsk"),
        ("CD", "Kinshasa/Lubumbashi/Goma/Bukavu"), ("CG", "Brazzaville"), ("CM", "Yaoundé/Yaounde/Douala"),
        ("CN", "Beijing/Peking/Pékin/Pekín/Shanghai/Lhasa/Urumqi/Ürümqi/Guangzhou/Chengdu/Wuhan"), ("CO", "Bogotá/Bogota/Medellín/Cali"),
        ("CU", "Havana/Havanna/Habana"), ("DZ", "Algiers/Algier"), ("EG", "Cairo/Kairo/Alexandria"), ("ER", "Asmara"),
        ("ET", "Addis Ababa/Addis Abeba"), ("GN", "Conakry"), ("HN", "Tegucigalpa"), ("HT", "Port-au-Prince"),
        ("ID", "Jakarta/Djakarta/Jayapura"), ("IQ", "Baghdad/Bagdad/Basra/Erbil"),
        ("IR", "Tehran/Teheran/Téhéran/Teherán/Mashhad/Isfahan/Tabriz/Shiraz/Ahvaz/Evin"),
        ("JO", "Amman"), ("KE", "Nairobi/Mombasa"), ("KG", "Bishkek/Bischkek/Bichkek"), ("KH", "Phnom Penh"),
        ("KZ", "Astana/Almaty"), ("LB", "Beirut/Beyrouth"), ("LK", "Colombo/Jaffna"), ("LR", "Monrovia"), ("MA", "Rabat/Casablanca"),
        ("MM", "Yangon/Rangoon/Naypyidaw/Mandalay"), ("MX", "Guadalajara/Oaxaca/Chiapas/Guerrero/Chihuahua/Ciudad Juárez"),
        ("MY", "Kuala Lumpur"), ("NG", "Lagos/Abuja/Port Harcourt"), ("NI", "Managua"), ("NP", "Kathmandu/Katmandu"),
        ("PE", "Lima"), ("PH", "Manila/Manille"), ("PK", "Islamabad/Karachi/Lahore/Peshawar"), ("PS", "Gaza/Ramallah"),
        ("RU", "Moscow/Moskau/Moscou/Moscú/Grozny/Petersburg/Pétersbourg"), ("RW", "Kigali"), ("SA", "Riyadh/Riad/Riyad/Jeddah/Dschidda"),
        ("SD", "Khartoum/Khartum/Jartum/Darfur"), ("SO", "Mogadishu/Mogadischu"), ("SV", "San Salvador"),
        ("SY", "Damascus/Damaskus/Damas/Aleppo/Alep/Homs"),
        ("TH", "Bangkok"), ("TJ", "Dushanbe/Duschanbe/Douchanbé"), ("TM", "Ashgabat/Aschgabat"), ("TN", "Tunis"),
        ("TR", "Ankara/Istanbul/Diyarbakır/Diyarbakir"),
        ("TZ", "Dodoma"), ("UG", "Kampala"), ("UZ", "Tashkent/Taschkent/Tachkent"), ("VE", "Caracas"),
        ("VN", "Hanoi"), ("YE", "Sanaa/Sana'a/Aden"), ("ZW", "Harare/Bulawayo"),
        ("GE", "Tbilisi/Tiflis"), ("AM", "Yerevan/Eriwan/Erevan"), ("AZ", "Baku/Bakou"), ("UA", "Kyiv/Kiev/Kiew/Kharkiv/Odesa"),
        (
            "US",
            "Alabama/Alaska/Arizona/Arkansas/California/Kalifornien/Californie/Colorado/Connecticut/Delaware/Florida/Floride/"
                + "Hawaii/Idaho/Illinois/Indiana/Iowa/Kansas/Kentucky/Louisiana/Louisiane/Maryland/Massachusetts/Michigan/Minnesota/"
                + "Mississippi/Missouri/Nebraska/Nevada/New Hampshire/New Jersey/New Mexico/North Carolina/North Dakota/Ohio/Oklahoma/"
                + "Oregon/Pennsylvania/Rhode Island/South Carolina/South Dakota/Tennessee/Texas/Utah/Vermont/West Virginia/Wisconsin/"
                + "Wyoming/Guantánamo/Guantanamo"
        ),
    ]
}
