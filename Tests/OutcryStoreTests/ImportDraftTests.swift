import Foundation
import OutcryCore
import OutcryStore
import OutcryTestSupport
import Testing

@Suite struct ImportDraftTests {
    @Test(arguments: ThrowawayDatabase.engines)
    func aDraftIsKeptOnceWithItsTextAndFields(engine: SQLEngineKind) async throws {
        try await ThrowawayDatabase.withStore(engine) { store in
            let text = "UA 12/24\n17 April 2024\n\nFreedonia: Jane Doe detained\n\nJournalist Jane Doe was arrested.\n"
            let document = try DocumentImporter().read(text: text)
            let draft = ImportDraft(
                sourceName: "ua-12-24.txt", sourceText: text, document: document, importedAt: Date(timeIntervalSince1970: 1_713_312_000))
            #expect(try await store.save(draft))
            // The same text again, even from another file, stays one draft.
            let again = ImportDraft(sourceName: "copy.txt", sourceText: text, document: document, importedAt: Date())
            #expect(try await store.save(again) == false)

            let drafts = try await store.importDrafts()
            #expect(drafts.count == 1)
            let stored = try #require(drafts.first)
            #expect(stored.sourceName == "ua-12-24.txt")
            #expect(stored.sourceText == text)
            #expect(stored.document == document)
            #expect(stored.document.action?.title.value == "Freedonia: Jane Doe detained")
            #expect(stored.document.action?.deadline.isFound == false)
            // A draft is never a published record.
            #expect(try await store.publicUrgentActions().isEmpty)
        }
    }
}

@Suite struct DemoDataTests {
    /// The demo's Urgent Action and statement are the importer's reading of the seed documents.
    @Test func theSeedDocumentsComeThroughTheImporter() throws {
        let dataset = try DemoData.dataset()
        #expect(dataset.problems().isEmpty)
        let action = try #require(dataset.urgentActions.first)
        #expect(action.number == "30.24")
        #expect(action.summary.hasPrefix("On January 16, police raided the homes of 11 journalists"))
        #expect(action.takeAction.last?.hasPrefix("Let us know the actions you took on Urgent Action 30.24.") == true)
        #expect(action.asks.first?.hasPrefix("Immediately release and drop all charges against Makhabat Tazhibekkyzy") == true)
        #expect(action.letters.first?.paragraphs.count == 4)
        #expect(action.letters.first?.salutation == "Dear Mr. President,")
        let names = dataset.targets.map(\.fullName)
        #expect(names == ["Sadyr Japarov", "Ambassador Baktybek Amanbaev"])
        #expect(dataset.targets[1].unusableContacts.count == 1)
        #expect(dataset.targets[1].emails.isEmpty)
        let statement = try #require(dataset.statements.first)
        #expect(statement.title == "Kyrgyzstan: Detention of Kloop media staff intensifies crackdown on independent journalism")
        #expect(statement.quotes.map(\.speaker) == ["Marie Struthers"])
        #expect(statement.quotes.first?.paragraphs.count == 3)
        #expect(statement.background.count == 3)
    }
}
