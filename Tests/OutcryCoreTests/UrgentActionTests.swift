import Foundation
import Testing

@testable import OutcryCore

@Suite struct UrgentActionTests {
    @Test(arguments: [("30.24", "30-24"), ("106/23", "106-23"), ("FI 098/20-2", "fi-098-20-2"), ("UA-257-1/2014", "ua-257-1-2014")])
    func slugFromNumber(number: String, slug: String) {
        #expect(UrgentAction.slug(forNumber: number) == slug)
        #expect(Slug.isValid(slug))
    }

    @Test func letterForATargetPrefersOneWrittenForIt() throws {
        let general = SampleLetter(salutation: "Dear Mr. President,", paragraphs: ["General"], closing: "Yours sincerely,")
        let embassy = SampleLetter(target: "embassy", salutation: "Dear Ambassador,", paragraphs: ["Embassy"], closing: "Yours,")
        let german = SampleLetter(
            language: "de", salutation: "Sehr geehrter Herr Präsident,", paragraphs: ["De"], closing: "Hochachtungsvoll")
        let action = UrgentAction(
            id: "30-24", number: "30.24", caseID: "c", title: "t", summary: "s", issued: try HistoricalDate(iso: "2024-04-17"),
            letters: [general, embassy, german])
        #expect(action.letter(for: "embassy") == embassy)
        #expect(action.letter(for: "president") == general)
        #expect(action.letter(for: nil) == general)
        #expect(action.letter(for: nil, language: "de") == german)
    }

    @Test func postalAddressIsNameOfficeBodyThenTheLinesAsWritten() {
        let president = Target(
            id: "t", name: "Sadyr Japarov", title: "President of Kyrgyzstan", body: "Presidential Administration",
            addressLines: ["207 Abdumomunov Street", "720003, Bishkek", "Kyrgyz Republic"], country: Country(rawValue: "KG"))
        #expect(
            president.postalAddress == [
                "Sadyr Japarov", "President of Kyrgyzstan", "Presidential Administration",
                "207 Abdumomunov Street", "720003, Bishkek", "Kyrgyz Republic",
            ])
        let ambassador = Target(id: "a", honorific: "Ambassador", name: "Baktybek Amanbaev", addressLines: ["2360 Massachusetts Avenue"])
        #expect(ambassador.postalAddress == ["Ambassador Baktybek Amanbaev", "2360 Massachusetts Avenue"])
    }
}

@Suite struct DatasetTests {
    @Test func findsDanglingReferencesAndDuplicateIDs() throws {
        let dataset = Dataset(
            people: [Person(id: "a", name: "A"), Person(id: "a", name: "A again")],
            cases: [Case(id: "c", title: "C", country: Country(rawValue: "KG")!, summary: "", people: ["a", "ghost"])],
            events: [Event(id: "Bad ID", caseID: "nowhere", date: try EventDate(iso: "2024"), kind: .raid, summary: "")])
        let problems = dataset.problems()
        #expect(problems.contains("person “a” appears twice"))
        #expect(problems.contains("case “c” refers to unknown person “ghost”"))
        #expect(problems.contains("event “Bad ID” refers to unknown case “nowhere”"))
        #expect(problems.contains("event id “Bad ID” must be lower-case letters, digits and hyphens"))
    }

    @Test func onlyWebLinksAreAccepted() throws {
        let dataset = Dataset(
            targets: [Target(id: "t", name: "T", contactFormURL: "javascript:alert(1)")],
            events: [])
        #expect(dataset.problems() == ["target “t” has a contact form address that is not an http(s) link: “javascript:alert(1)”"])
        #expect(WebAddress.isSafe("https://president.kg/en/contact"))
        #expect(!WebAddress.isSafe("data:text/html,<b>"))
        #expect(!WebAddress.isSafe("https://x.org/\"onmouseover=\""))
    }

    @Test func countryCodesAreCheckedAndNamed() {
        #expect(Country(rawValue: "kg")?.name == "Kyrgyzstan")
        #expect(Country(rawValue: "XX") == nil)
        #expect(Country.all.count == 249)
    }
}

@Suite struct Base64URLTests {
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func matchesRFC4648Vectors(text: String, encoded: String) {
        #expect(Data(text.utf8).base64URL == encoded)
    }

    @Test func usesTheURLSafeAlphabet() {
        #expect(Data([0xfb, 0xff, 0xfe]).base64URL == "-__-")
    }

    @Test func agreesWithFoundationForEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<70 {
            let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let expected = data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(data.base64URL == expected, "length \(length)")
        }
    }
}
