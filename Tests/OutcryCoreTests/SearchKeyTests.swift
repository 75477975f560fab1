import OutcryCore
import Testing

@Suite struct SearchKeyTests {
    /// Every spelling supporters type finds the name, whatever its script.
    @Test(arguments: [
        ("Makhabat", "Махабат Тажибек кызы"), ("Mahabat", "Махабат Тажибек кызы"), ("Махабат", "Makhabat Tazhibek-kyzy"),
        ("tazhibekkyzy", "Makhabat Tazhibek-kyzy"), ("Tazhibek kyzy", "Махабат Тажибек кызы"), ("Айке", "Aike Beishekeeva"),
        ("Beishekeeva", "Айке Бейшекеева"), ("Yulia", "Юлия"), ("ÖMÜRBEK", "Омурбек"), ("Mohamadi", "Narges Mohammadi"),
        ("30.24", "UA 30/24"),
    ])
    func aSpellingFindsTheName(query: String, name: String) {
        let terms = SearchKey.terms(name)
        for word in SearchKey.words(query) {
            #expect(terms.contains { $0.hasPrefix(word) }, "“\(word)” from “\(query)” in \(terms)")
        }
    }

    @Test func keysAreLowerCaseLatinLettersAndDigitsOnly() {
        for text in ["Ақыркы Ңаа", "Zoë Čapek", "نرگس محمدی", "Temirov Live (Темиров Лайв)", "“Quoted” — 2024"] {
            for term in SearchKey.terms(text) {
                #expect(!term.isEmpty && term.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }, "\(term) from \(text)")
            }
        }
    }

    @Test func differentNamesStayApart() {
        #expect(!SearchKey.terms("Aike Beishekeeva").contains { $0.hasPrefix(SearchKey.words("Makhabat")[0]) })
        #expect(SearchKey.words("Temirov") != SearchKey.words("Tashiev"))
    }
}
