import Foundation
import Testing

@testable import OutcryCore

@Suite struct ActionLinksTests {
    @Test func mailtoEncodesEverythingButUnreservedCharacters() throws {
        let link = try #require(
            ActionLinks.mailto(
                to: ["office@president.kg"], subject: "Concern for Махабат & Aike",
                body: "Dear Mr. President,\n\nRelease them #now + 100%."))
        #expect(!link.isShortened)
        #expect(link.url.hasPrefix("mailto:office@president.kg?subject=Concern%20for%20"))
        #expect(link.url.contains("%D0%9C%D0%B0%D1%85%D0%B0%D0%B1%D0%B0%D1%82%20%26%20Aike"))
        #expect(link.url.contains("&body=Dear%20Mr.%20President%2C%0D%0A%0D%0ARelease%20them%20%23now%20%2B%20100%25."))
        #expect(ActionLinks.mailto(to: [], subject: "s", body: "b") == nil)
    }

    @Test func aLongLetterIsCutAtAParagraphAndSaysSo() throws {
        let paragraphs = (1...12).map { "Paragraph \($0): " + String(repeating: "я", count: 40) }
        let link = try #require(ActionLinks.mailto(to: ["a@b.org"], subject: "s", body: paragraphs.joined(separator: "\n\n")))
        #expect(link.isShortened)
        #expect(link.url.utf8.count <= ActionLinks.mailtoLimit)
        let body = try #require(link.url.components(separatedBy: "&body=").last?.removingPercentEncoding)
        #expect(body.hasPrefix("Paragraph 1: "))
        #expect(body.hasSuffix("[The letter continues: copy the full text from the action page.]"))
        #expect(!body.contains("Paragraph 12"))
        #expect(body.components(separatedBy: "\r\n\r\n").dropLast().allSatisfy { paragraphs.contains($0) }, "no paragraph is cut in half")
    }

    @Test(arguments: [
        ("+996 (312) 62-50-10", "tel:+996312625010"),
        ("00996 312 625010", "tel:+996312625010"),
        ("+1 202 449 9822", "tel:+12024499822"),
    ])
    func telLinksAreInternational(phone: String, link: String) {
        #expect(ActionLinks.tel(phone) == link)
    }

    @Test(arguments: ["0312 62 50 10", "+12", "call the embassy"])
    func nationalOrBrokenNumbersGetNoLink(phone: String) {
        #expect(ActionLinks.tel(phone) == nil)
    }

    @Test(arguments: [
        ("mastodon.social", "mastodon.social"), ("https://Chaos.Social/", "chaos.social"), ("@me@eupolicy.social", "eupolicy.social"),
    ])
    func mastodonAcceptsServerNames(instance: String, host: String) throws {
        let link = try #require(ActionLinks.mastodonPost(instance: instance, text: "Free them https://x.org/a"))
        #expect(link == "https://\(host)/share?text=Free%20them%20https%3A%2F%2Fx.org%2Fa")
    }

    @Test(arguments: ["evil.com/phish", "javascript:alert(1)", "localhost", "a b.org", "", "-bad.org", "x..org"])
    func mastodonRefusesAnythingElse(instance: String) {
        #expect(ActionLinks.mastodonPost(instance: instance, text: "t") == nil)
    }

    @Test func shareIntentsCarryTheEncodedText() {
        #expect(ActionLinks.xPost(text: "@sadyrjaparov Free them") == "https://x.com/intent/post?text=%40sadyrjaparov%20Free%20them")
        #expect(ActionLinks.blueskyPost(text: "a&b") == "https://bsky.app/intent/compose?text=a%26b")
    }
}

@Suite struct LetterTests {
    let president = Target(
        id: "sadyr-japarov", name: "Sadyr Japarov", title: "President of Kyrgyzstan",
        body: "Presidential Administration of the Kyrgyz Republic",
        addressLines: ["207 Abdumomunov Street", "720003, Bishkek", "Kyrgyz Republic"], phone: "+996 312 625010",
        salutation: "Dear Mr. President,")
    let ambassador = Target(
        id: "baktybek-amanbaev", honorific: "Ambassador", name: "Baktybek Amanbaev",
        body: "Embassy of Kyrgyzstan in the United States", addressLines: ["2360 Massachusetts Avenue,", "NW, Washington DC 20008"])

    func action() throws -> UrgentAction {
        UrgentAction(
            id: "30-24", number: "30.24", caseID: "c", title: "t", summary: "s", issued: try HistoricalDate(iso: "2024-04-17"),
            asks: ["Immediately release and drop all charges."], targets: [.init(target: president.id), .init(target: ambassador.id)],
            letters: [SampleLetter(salutation: "Dear Mr. President,", paragraphs: ["One.", "Two."], closing: "Yours sincerely,")],
            status: .published)
    }

    @Test func theSampleGoesToEachOfficialWithTheRightGreeting() throws {
        let today = try HistoricalDate(iso: "2026-11-27")
        let toPresident = try action().letter(to: president, on: today)
        #expect(toPresident.salutation == "Dear Mr. President,")
        #expect(toPresident.recipientLines.first == "Sadyr Japarov")
        #expect(toPresident.recipientLines.last == "Kyrgyz Republic")
        #expect(toPresident.paragraphs == ["One.", "Two."])
        #expect(toPresident.senderLines.isEmpty)
        #expect(toPresident.signature == nil)
        #expect(try action().letter(to: ambassador, on: today).salutation == "Dear Ambassador Amanbaev,")
    }

    @Test func theSupportersWordsReplaceTheSample() throws {
        let draft = LetterDraft(name: "  Ana Souza ", town: "Porto, Portugal", body: "First line\nsame paragraph.\r\n\r\n\n  Second.  \n")
        let letter = try action().letter(to: president, draft: draft, on: try HistoricalDate(iso: "2026-11-27"))
        #expect(letter.paragraphs == ["First line same paragraph.", "Second."])
        #expect(letter.senderLines == ["Ana Souza", "Porto, Portugal"])
        #expect(letter.signature == "Ana Souza")
    }

    @Test func aLetterInOnesOwnWordsHasOneGreeting() throws {
        let today = try HistoricalDate(iso: "2026-11-27")
        let sample = try action().letter(to: president, on: today).salutation
        // Their own greeting at the top of their text replaces the sample's instead of doubling it.
        let own = try action().letter(to: president, draft: LetterDraft(body: "Dear Mr President,\n\nRelease them."), on: today)
        #expect(own.salutation == "Dear Mr President,")
        #expect(own.paragraphs == ["Release them."])
        // The greeting field as they left it: changed, or emptied because the text has its own.
        let changed = try action().letter(
            to: president, draft: LetterDraft(body: "Release them.", salutation: "Your Excellency,"), on: today)
        #expect(changed.salutation == "Your Excellency," && changed.paragraphs == ["Release them."])
        let none = try action().letter(to: president, draft: LetterDraft(body: "Release them.", salutation: " "), on: today)
        #expect(none.salutation.isEmpty)
        // A first paragraph that is no greeting stays where it is.
        let text = try action().letter(
            to: president, draft: LetterDraft(body: "Dear to all of us is freedom of the press, and so I write."), on: today)
        #expect(text.salutation == sample && text.paragraphs.count == 1)
    }

    @Test func oversizedOrEmptyDraftsAreRefusedWithAReason() throws {
        let today = try HistoricalDate(iso: "2026-11-27")
        #expect(throws: LetterError.tooLong(field: "name", limit: 200)) {
            try action().letter(to: president, draft: LetterDraft(name: String(repeating: "x", count: 201)), on: today)
        }
        #expect(throws: LetterError.tooLong(field: "letter", limit: 20_000)) {
            try action().letter(to: president, draft: LetterDraft(body: String(repeating: "x", count: 20_001)), on: today)
        }
        #expect(throws: LetterError.emptyBody) { try action().letter(to: president, draft: LetterDraft(body: " \n\n "), on: today) }
    }

    @Test func todayIsTheUTCCalendarDay() {
        #expect(HistoricalDate(day: Date(timeIntervalSince1970: 1_795_779_726)).iso == "2026-11-27")
        #expect(HistoricalDate(day: Date(timeIntervalSince1970: 951_782_400)).iso == "2000-02-29")
    }
}

@Suite struct ReportRulesTests {
    func action(_ status: UrgentAction.Status = .published) throws -> UrgentAction {
        UrgentAction(
            id: "30-24", number: "30.24", caseID: "c", title: "t", summary: "s", issued: try HistoricalDate(iso: "2024-04-17"),
            targets: [.init(target: "sadyr-japarov")], status: status)
    }

    @Test func zeroCountsAreDroppedAndTheRestKept() throws {
        let cleaned = try ReportRules.validate(
            ReportInput(counts: [.letter: 2, .email: 1, .fax: 0], target: "sadyr-japarov"), for: action())
        #expect(cleaned.counts == [.letter: 2, .email: 1])
        #expect(cleaned.total == 3)
    }

    @Test(arguments: [
        (ReportInput(counts: [:]), ReportError.nothingReported),
        (ReportInput(counts: [.letter: 0, .call: 0]), .nothingReported),
        (ReportInput(counts: [.letter: -1]), .negative(.letter)),
        (ReportInput(counts: [.social: 501]), .tooMany(.social, limit: 500)),
        (ReportInput(counts: [.letter: 1], target: "someone-else"), .unknownTarget),
    ])
    func badReportsAreRefused(input: ReportInput, error: ReportError) throws {
        #expect(throws: error) { try ReportRules.validate(input, for: action()) }
    }

    @Test func closedAndDraftActionsTakeNoReports() throws {
        #expect(throws: ReportError.actionClosed) { try ReportRules.validate(ReportInput(counts: [.letter: 1]), for: action(.closed)) }
        #expect(throws: ReportError.actionNotFound) { try ReportRules.validate(ReportInput(counts: [.letter: 1]), for: action(.draft)) }
    }

    @Test func messengersGetTheTextAndTheAddressEncoded() {
        #expect(
            ActionLinks.whatsAppMessage(text: "Free them & now https://a.org/x?y=1")
                == "https://wa.me/?text=Free%20them%20%26%20now%20https%3A%2F%2Fa.org%2Fx%3Fy%3D1")
        #expect(
            ActionLinks.telegramShare(url: "https://a.org/ru/actions/30-24", text: "Свобода")
                == "https://t.me/share/url?url=https%3A%2F%2Fa.org%2Fru%2Factions%2F30-24&text=%D0%A1%D0%B2%D0%BE%D0%B1%D0%BE%D0%B4%D0%B0")
    }
}
