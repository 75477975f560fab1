extension DocumentReading {
    /// The country the action is about: named by the headline, a heading line, the account, or an official's address.
    func findCountry(
        title: Found<String>, header: Range<Int>, summary: [Paragraph], account: [Paragraph], officials: [ImportedTarget]
    ) -> Found<Country> {
        if let span = title.span, let title = title.value {
            // "Kyrgyzstan: Detention of…" names the country first.
            if let colon = title.firstIndex(of: ":"), let country = NameFinder.country(named: String(title[..<colon])) {
                return Found(country, at: span)
            }
            if let (country, _) = NameFinder.countries(in: title).first { return Found(country, at: span) }
        }
        // A heading line naming the country: "UA 44/24 – République démocratique du Congo", "RUSSISCHE FÖDERATION".
        for index in header where !lines[index].isBlank {
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
        for official in officials {
            // "Riyadh / Saudi Arabia" on lines of their own, or "Madinat al-Rehab, Cairo, Arab Republic of Egypt" on one.
            for line in (official.addressLines.value ?? []).reversed() {
                if let country = NameFinder.country(named: line) ?? NameFinder.countries(in: line).first?.0 {
                    return Found(country, at: official.addressLines.span)
                }
            }
        }
        // Else the country the whole account names most: an excerpt may stop before its summary is found.
        guard let (country, _) = NameFinder.countries(in: account.map(\.text).joined(separator: "\n")).first,
            let paragraph = account.first(where: { NameFinder.countries(in: $0.text).contains { $0.0 == country } })
        else { return .missing }
        return Found(country, at: source.span(lines: paragraph.lines))
    }
}
