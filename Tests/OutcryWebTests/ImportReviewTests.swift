import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

/// Pasting a published text into the coordinator area: a pre-filled draft form, with what is missing marked.
@Suite struct ImportReviewTests {
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/imports/\(name).txt")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func aPastedActionBecomesAPrefilledFormWithTheGapsMarked() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let pasted = try await client.post(
                "/admin/import", [("text", try Self.fixture("ua-41-25-prose-no-labels")), ("name", "ua-41-25.txt")], as: editor)
            #expect(pasted.status == .seeOther)
            let location = try #require(pasted.headers[.location])
            #expect(location.hasPrefix("/admin/import/"))

            let review = try await client.get(location, as: editor).text
            #expect(review.contains(#"name="number" type="text" value="41.25""#))
            #expect(review.contains(#"value="2025-06-30""#), "“before the end of June 2025” as a day")
            #expect(review.contains("Dear Attorney General,"))
            #expect(review.contains("<strong>Mr Babatunde Adeyemi</strong> (write to): not yet a target"))
            // The title and the issue date are not in this text: both are marked for the editor.
            for field in ["title", "issued"] {
                let start = try #require(review.range(of: #"<label for="field-\#(field)">"#))
                #expect(review[start.lowerBound...].prefix(600).contains("Not found in the text"), "\(field) is marked")
            }
            #expect(!(try await store.exists("41-25", in: .urgentActions)), "nothing is saved until the editor saves the form")

            let added = try await client.post(location + "/targets", as: editor)
            #expect(added.text.contains("Added as targets: Mr Babatunde Adeyemi."))
            let target = try #require(try await store.targets(["babatunde-adeyemi"]).first)
            #expect(target.addressLines == ["Plot 71B Shehu Shagari Way, Maitama", "Abuja", "Nigeria"])
            #expect(added.text.contains(#"<option value="primary" selected>Write to</option>"#), "now chosen on the form")
            #expect(try await store.auditLog(recordID: "babatunde-adeyemi").first?.summary.contains("from an imported text") == true)

            let list = try await client.get("/admin/import", as: editor).text
            #expect(list.contains("ua-41-25.txt"))
        }
    }

    @Test func aTextThatCannotBeReadComesBackWithTheReason() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let empty = try await client.post("/admin/import", [("text", "   ")], as: editor)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("field-problem"))
            #expect(try await store.importDrafts().isEmpty)
            let huge = try await client.post("/admin/import", [("text", String(repeating: "word ", count: 20_000))], as: editor)
            #expect(huge.status == .contentTooLarge)
            #expect(huge.text.contains("too long"))
        }
    }

    @Test func aPastedStatementPrefillsTheStatementForm() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let pasted = try await client.post("/admin/import", [("text", try Self.fixture("statement-tunisia"))], as: editor)
            let review = try await client.get(try #require(pasted.headers[.location]), as: editor).text
            #expect(review.contains(#"action="/admin/statements""#))
            #expect(review.contains(#"name="quote-0-speaker""#))
        }
    }
}
