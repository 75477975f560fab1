import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// What a form may bring in: no control characters anywhere, no line breaks in one-line fields, links
/// only where they are safe, each made by the same encoders as the action links.
@Suite struct FormBoundaryTests {
    @Test func controlCharactersAreDroppedAndOneLineFieldsStayOnOneLine() {
        let form = FormBody(lists: FormBody.parse("name=Ana%00Bob%0D%0ASecond%07&note=a%00b%0D%0Ac%C2%85d%7F%09e&tab=%09x"))
        #expect(form.text("name") == "AnaBob Second")
        #expect(form.block("note") == "ab\ncd\te")
        #expect(form["note"]?.unicodeScalars.contains { $0.value < 0x09 || (0x80...0x9F).contains($0.value) } == false)
        #expect(form.text("tab") == "x")
        #expect(form.text("missing") == nil && form.block("missing") == nil)
    }

    /// A NUL cut a saved field short when read back, so an edit lost the rest; a line break reached names.
    @Test func aRecordKeepsAllItsTextAndNamesStayOnOneLine() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let saved = try await client.post(
                "/admin/people",
                [("name", "Aruna\u{0} Tashkentova\r\nInjected: header"), ("note", "First part\u{0} and the rest\r\nSecond line\u{1B}[2J")],
                as: editor)
            let location = try #require(saved.headers[.location])
            let person = try #require(
                try await store.person(Identifier(String(location.split(separator: "?")[0].split(separator: "/").last!))))
            #expect(person.name == "Aruna Tashkentova Injected: header")
            #expect(person.note == "First part and the rest\nSecond line[2J")
        }
    }

    @Test func aContactFormAddressMustBeAPlainWebAddress() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            for unsafe in ["javascript:alert(1)", "https://example.org/\" onmouseover=\"x", "example.org/contact"] {
                let refused = try await client.post(
                    "/admin/targets", [("name", "Ulukbek Maripov"), ("contact_form", unsafe)], as: editor)
                #expect(refused.status == .unprocessableContent, "\(unsafe)")
                #expect(refused.text.contains("Give the whole address, starting with https://, with no spaces or quotes."))
            }
            let kept = try await client.post(
                "/admin/targets", [("name", "Ulukbek Maripov"), ("contact_form", "https://gov.kg/contact?to=pm")], as: editor)
            #expect(kept.status == .seeOther)
        }
    }

    /// Per-address links in a contact block: an e-mail only when it is an address, a call only to a number
    /// written internationally (a national one dialled from abroad reaches someone else).
    @Test func contactLinksAreMadeOnlyWhereTheyAreSafe() {
        let national = Target(
            id: "ulukbek-maripov", name: "Ulukbek Maripov", emails: ["pm@gov.kg", "see the website"], phone: "0312 62 56 56",
            contactFormURL: "javascript:alert(1)")
        let block = UrgentActionPage.TargetBlock(
            national, role: .primary, action: .readyToPublish(), peopleNames: [], .english)
        #expect(block.emails.map(\.href) == ["mailto:pm@gov.kg", nil])
        #expect(block.emails.map(\.text) == ["pm@gov.kg", "see the website"])
        #expect(block.tel == nil)
        #expect(block.contactForm?.href == nil && block.contactForm?.text == "javascript:alert(1)")
        let international = Target(id: "sadyr-japarov", name: "Sadyr Japarov", phone: "+996 312 62 56 56")
        #expect(
            UrgentActionPage.TargetBlock(
                international, role: .primary, action: .readyToPublish(), peopleNames: [], .english
            ).tel
                == "tel:+996312625656")
    }
}
