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

    @Test(arguments: TestApp.engines)
    func aPastedActionBecomesAPrefilledFormWithTheGapsMarked(engine: SQLEngineKind) async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock, engine: engine) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            let pasted = try await client.post(
                "/admin/import", [("text", try Self.fixture("ua-41-25-prose-no-labels")), ("name", "ua-41-25.txt")], as: editor)
            #expect(pasted.status == .seeOther)
            let location = try #require(pasted.headers[.location])
            #expect(location.hasPrefix("/admin/import/"))

            let review = try await client.get(location, as: editor)
            #expect(review.text.contains(#"name="number" type="text" value="41.25""#))
            #expect(review.text.contains(#"value="2025-06-30""#), "“before the end of June 2025” as a day")
            #expect(review.text.contains("Dear Attorney General,"))
            #expect(review.text.contains("<li>Mr Babatunde Adeyemi (write to): not yet a target</li>"))
            #expect(review.text.contains("<li>Country: Nigeria. No case is recorded there yet: create one from this text.</li>"))
            #expect(review.text.contains("<li>People named: Chidi Okafor.</li>"))
            #expect(review.text.contains(#"<option value="" selected>Choose a case</option>"#), "never an unrelated case")
            // The title and the issue date are not in this text: both are marked for the editor.
            for field in ["title", "issued"] {
                let start = try #require(review.text.range(of: #"<label for="field-\#(field)">"#))
                #expect(review.text[start.lowerBound...].prefix(600).contains("Not found in the text"), "\(field) is marked")
            }
            #expect(!(try await store.exists("41-25", in: .urgentActions)), "nothing is saved until the editor saves the form")

            // The editor types a title, then creates what is missing, one button at a time: nothing typed is lost.
            var fields = review.formFields(action: location)
            fields.removeAll { $0.0 == "title" }
            fields.append(("title", "Nigeria: journalist held <incommunicado>"))
            var page = try await client.postFollowingRedirect(location, fields + [("step", "officials")], as: editor)
            #expect(page.text.contains("The officials named are recorded and chosen below with their roles."))
            let target = try #require(try await store.targets(["babatunde-adeyemi"]).first)
            #expect(target.addressLines == ["Plot 71B Shehu Shagari Way, Maitama", "Abuja", "Nigeria"])
            #expect(try await store.auditLog(recordID: "babatunde-adeyemi").first?.summary.contains("from an imported text") == true)
            #expect(page.text.contains(#"value="Nigeria: journalist held &lt;incommunicado&gt;""#), "the typed title is kept")
            page = try await client.postFollowingRedirect(location, page.formFields(action: location) + [("step", "case")], as: editor)
            #expect(page.text.contains("A case was created from the text and is chosen below."))
            let made = try #require(try await store.allCases().first { $0.country.code == "NG" })
            #expect(made.title == "Chidi Okafor")
            // Pressed again, the button finds the case it made rather than making another.
            page = try await client.postFollowingRedirect(location, page.formFields(action: location) + [("step", "case")], as: editor)
            #expect(try await store.allCases().filter { $0.country.code == "NG" }.count == 1)
            page = try await client.postFollowingRedirect(location, page.formFields(action: location) + [("step", "people")], as: editor)
            #expect(page.text.contains("The people named are recorded and ticked below."))
            #expect(try await store.allPeople().contains { $0.name == "Chidi Okafor" })
            // A reload or a new visit shows the work as it was left, from the server.
            let again = try await client.get(location, as: editor)
            #expect(again.text.contains(#"value="Nigeria: journalist held &lt;incommunicado&gt;""#))

            // A save that fails keeps everything too; one that succeeds makes the draft with all of it.
            var incomplete = again.formFields(action: location)
            incomplete.removeAll { $0.0 == "issued" }
            let failed = try await client.post(location, incomplete + [("issued", "17/04/2025")], as: editor)
            #expect(failed.status == .unprocessableContent)
            #expect(failed.text.contains(#"value="17/04/2025""#), "the date as typed, with the problem")
            incomplete.append(("issued", "2025-04-17"))
            let saved = try await client.post(location, incomplete, as: editor)
            #expect(saved.status == .seeOther)
            let action = try #require(try await store.urgentAction("41-25"))
            #expect(action.title == "Nigeria: journalist held <incommunicado>" && action.caseID == made.id && action.status == .draft)
            #expect(action.targets == [UrgentActionTarget(target: "babatunde-adeyemi", role: .primary)])
            #expect(try await store.people(action.people).map(\.name) == ["Chidi Okafor"])

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

    @Test func aSavedPageOrAPDFChosenOnThePageBecomesADraft() async throws {
        let clock = FixedClock()
        try await TestApp.withCoordinators(clock: clock) { client, store in
            let editor = try await store.signedIn(.editor, now: clock.now)
            func formats(_ name: String) throws -> [UInt8] {
                [UInt8](
                    try Data(
                        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                            .appendingPathComponent("Fixtures/formats/\(name)")))
            }
            #expect(try await client.get("/admin/import", as: editor).text.contains(#"enctype="multipart/form-data""#))
            for (file, number) in [("ua-44-25-saved-page.html", "44.25"), ("ua-71-25.pdf", "71/25")] {
                let sent = try await client.postMultipart(
                    "/admin/import", [("text", ""), ("name", "")], files: [("file", file, try formats(file))], as: editor)
                #expect(sent.status == .seeOther, "\(file)")
                let draft = try #require(try await store.importDrafts().first { $0.sourceName == file })
                #expect(draft.document.action?.number.value == number)
                #expect(!draft.sourceText.contains("<"), "the draft keeps the text read, not the file")
            }
            let scan = try await client.postMultipart(
                "/admin/import", [("text", "")], files: [("file", "scan.pdf", try formats("scan-without-text.pdf"))], as: editor)
            #expect(scan.status == .unprocessableContent)
            #expect(scan.text.contains("This PDF has only pictures of its pages (a scan), no text to read."))
            #expect(try await store.importDrafts().count == 2)
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
