extension DocumentReading {
    /// The country the action is about: named by the headline, coded in its index number, named by a heading line, the
    /// account, or an official's address.
    func findCountry(
        title: Found<String>, header: Range<Int>, summary: [Paragraph], account: [Paragraph], officials: [ImportedTarget]
    ) -> Found<Country> {
        let account = account.filter { !(7...120).contains($0.text.utf8.count) || !Self.isSectionLetterhead(Phrase.fold($0.text)) }
        if let span = title.span, let title = title.value {
            // "Kyrgyzstan: Detention of…" names the country first.
            if let colon = title.firstIndex(of: ":"), let country = NameFinder.country(named: String(title[..<colon])) {
                return Found(country, at: span)
            }
            if let (country, _) = NameFinder.countries(in: title).first { return Found(country, at: span) }
        }
        // The publisher's own code for the country, on an Amnesty document: surer than a line that names one.
        if let found = indexCountry { return found }
        // A heading line naming the country: "UA 44/24 – République démocratique du Congo", "RUSSISCHE FÖDERATION".
        for index in header where !lines[index].isBlank && !Self.isSectionLetterhead(lines[index].folded) {
            if let (country, range) = NameFinder.countries(in: lines[index].text).first {
                return Found(country, at: source.span(line: index, range))
            }
        }
        if let span = source.span(covering: summary.map(\.lines)) {
            let text = summary.map(\.text).joined(separator: "\n")
            if let (country, _) = NameFinder.countries(in: text).first {
                return Found(country, at: span)
            }
        }
        // Not an embassy's: "c/o Ambassade de l'Iran…, 1050 Bruxelles, Belgique" is where the letter is posted.
        for official in officials where !Self.isEmbassy(official) {
            // "Riyadh / Saudi Arabia" on lines of their own, or "Madinat al-Rehab, Cairo, Arab Republic of Egypt" on one.
            for line in (official.addressLines.value ?? []).reversed() {
                if let country = NameFinder.country(named: line) ?? NameFinder.countries(in: line).first?.0 {
                    return Found(country, at: official.addressLines.span)
                }
            }
        }
        // Else the country the whole account names most: an excerpt may stop before its summary is found.
        let accountText = account.map(\.text).joined(separator: "\n")
        if let found = mostNamed(in: account, text: accountText, by: NameFinder.countries) { return found }
        // Else the country the headline or the account describes: "Syrian woman human rights defender".
        if let span = title.span, let title = title.value, let (country, _) = CountryAdjectives.countries(in: title).first {
            return Found(country, at: span)
        }
        if let found = mostNamed(in: account, text: accountText, by: CountryAdjectives.countries) { return found }
        // Else the country of the places the headline or the account names: "executed in Texas", "held in Colombo".
        if let span = title.span, let title = title.value, let (country, _) = CountryPlaces.countries(in: title).first {
            return Found(country, at: span)
        }
        return mostNamed(in: account, text: accountText, by: CountryPlaces.countries) ?? .missing
    }

    /// The country the document's Amnesty index number names ("ASA 37/015/2007" is Sri Lanka's), at the number.
    private var indexCountry: Found<Country>? {
        for index in lines.indices {
            if let (country, bytes) = IndexCountries.country(in: lines[index].text) {
                return Found(country, at: source.span(line: index, bytes: bytes))
            }
        }
        return nil
    }

    /// The country `countries` finds most in the account, at the first paragraph it is found in.
    private func mostNamed(
        in account: [Paragraph], text: String, by countries: (String) -> [(Country, Range<String.Index>)]
    ) -> Found<Country>? {
        guard let (country, _) = countries(text).first,
            let paragraph = account.first(where: { countries($0.text).contains { $0.0 == country } })
        else { return nil }
        return Found(country, at: source.span(lines: paragraph.lines))
    }

    /// "Sektion der Bundesrepublik Deutschland", "Schweizer Sektion . Section Suisse": the publisher's country.
    private static func isSectionLetterhead(_ folded: String) -> Bool {
        sectionWords.contains { DocumentReading.hasWord($0, in: folded) }
    }

    private static func isEmbassy(_ official: ImportedTarget) -> Bool {
        let organisation = Phrase.fold(official.organisation.value ?? "")
        let address = Phrase.fold((official.addressLines.value ?? []).joined(separator: " "))
        return address.startsWith("c/o") || address.has(" c/o ")
            || ["embassy", "ambassade", "embajada", "botschaft", "mission", "mission permanente"].contains { organisation.has($0) }
    }
}
