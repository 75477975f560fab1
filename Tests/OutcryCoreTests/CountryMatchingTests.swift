import OutcryCore
import Testing

/// A supporter's country as they type it, in their language or another, with or without accents.
@Suite struct CountryMatchingTests {
    @Test(arguments: [
        ("Portugal", "PT"), ("  portugal ", "PT"), ("PT", "PT"), ("pt", "PT"), ("Kirghizistan", "KG"), ("Кыргызстан", "KG"),
        ("Киргизия", "KG"), ("Deutschland", "DE"), ("Allemagne", "DE"), ("Alemania", "DE"), ("Германия", "DE"),
        ("Côte d’Ivoire", "CI"), ("cote d'ivoire", "CI"), ("Ivory Coast", "CI"), ("USA", "US"), ("United States", "US"),
        ("UK", "GB"), ("United Kingdom", "GB"), ("Türkiye", "TR"), ("Turkey", "TR"), ("México", "MX"), ("mexico", "MX"),
        ("Österreich", "AT"), ("Қазақстан", "KZ"), ("Brasil", "BR"), ("Україна", "UA"),
    ])
    func aCountryIsFoundByAnyOfItsNames(typed: String, code: String) {
        #expect(Country.named(typed)?.code == code)
    }

    @Test(arguments: ["", "   ", "Atlantis", "Europe", "XX", String(repeating: "a", count: 200), "<script>"])
    func anythingElseIsNoCountry(typed: String) {
        #expect(Country.named(typed) == nil)
    }
}
