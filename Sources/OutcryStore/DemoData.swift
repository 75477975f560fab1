import Foundation
import OutcryCore

/// The seed case shipped with Outcry: UA 30.24 on the Temirov LIVE journalists and the statement on
/// the Kloop Media staff. Their text is read from the two seed documents by the importer, exactly as an
/// editor would import them; `demo-dataset.json` holds only what an editor adds to that — ids, links
/// between records, the people's status changes, a title and a date the texts do not give. Fields the
/// file leaves empty are the importer's.
public enum DemoData {
    public static func dataset() throws -> Dataset {
        var dataset = try JSONDecoder().decode(Dataset.self, from: Data(contentsOf: try resource("demo-dataset", "json")))
        let importer = DocumentImporter()
        guard let action = try importer.read(bytes: Data(contentsOf: try resource("seeds/ua-30-24", "txt"))).action,
            let statement = try importer.read(bytes: Data(contentsOf: try resource("seeds/statement-kloop", "txt"))).statement,
            !dataset.urgentActions.isEmpty, !dataset.statements.isEmpty
        else { throw StoreError.invalidDataset(["the demo seed documents did not read as an Urgent Action and a statement"]) }
        try fill(&dataset.urgentActions[0], targets: &dataset.targets, from: action)
        try fill(&dataset.statements[0], from: statement)
        // Written from the text just read, so current by construction: their fingerprint is that text's.
        let translations = try JSONDecoder().decode(
            [DemoTranslation].self, from: Data(contentsOf: try resource("demo-translations", "json")))
        for translation in translations {
            guard translation.kind == .urgentAction,
                let action = dataset.urgentActions.first(where: { $0.id.rawValue == translation.recordID })
            else { throw StoreError.invalidDataset(["the demo translation of “\(translation.recordID)” belongs to no demo action"]) }
            dataset.translations.append(
                Translation(
                    kind: translation.kind, recordID: translation.recordID, language: translation.language, fields: translation.fields,
                    sourceFingerprint: action.sourceFingerprint))
        }
        return dataset
    }

    /// A translation as the demo file holds it: the words only.
    private struct DemoTranslation: Decodable {
        var kind: Translation.Kind
        var recordID: String
        var language: String
        var fields: [String: [String]]
    }

    private static func resource(_ name: String, _ kind: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: kind) else {
            throw StoreError.cannotOpen("the demo file \(name).\(kind) (missing from the build)")
        }
        return url
    }

    private static func fill(_ record: inout UrgentAction, targets: inout [Target], from action: ImportedUrgentAction) throws {
        guard let number = action.number.value, let issued = action.issued.value, let summary = action.summary.value,
            let steps = action.takeAction.value, let asks = action.asks.value, let letter = action.letter.value,
            let salutation = letter.salutation.value, let closing = letter.closing.value, let officials = action.targets.value,
            officials.count == record.targets.count
        else { throw StoreError.invalidDataset(["the importer no longer reads everything the demo needs from UA 30.24"]) }
        guard issued == record.issued else {
            throw StoreError.invalidDataset(["the demo file dates UA 30.24 \(record.issued), its text \(issued)"])
        }
        record.number = number
        record.summary = summary.joined(separator: "\n\n")
        record.takeAction = steps.map(DraftText.step)
        record.asks = asks.map(DraftText.capitalisingFirst)
        record.letters = [SampleLetter(language: record.language, salutation: salutation, paragraphs: letter.paragraphs, closing: closing)]
        for (link, official) in zip(record.targets, officials) {
            guard let index = targets.firstIndex(where: { $0.id == link.target }), official.name.isFound else {
                throw StoreError.invalidDataset(["the demo official “\(link.target)” has no name in the text"])
            }
            official.fill(&targets[index])
        }
    }

    private static func fill(_ record: inout Statement, from statement: ImportedStatement) throws {
        guard let title = statement.title.value, let lead = statement.lead.value, let quotes = statement.quotes.value,
            let background = statement.background.value
        else { throw StoreError.invalidDataset(["the importer no longer reads everything the demo needs from the Kloop statement"]) }
        record.title = title
        record.lead = lead
        record.quotes = quotes.map { Quote(paragraphs: $0.paragraphs, speaker: $0.speaker, role: $0.role) }
        record.background = background
    }
}

extension Store {
    /// Loads the demo data unless it was loaded before; returns whether it loaded it now.
    /// The marker and the records commit together, so an interrupted load is simply redone.
    public func loadDemoData() async throws -> Bool {
        // Once loaded, a restart with --demo need not read the seed documents again.
        let present = try await engine.read { database in
            try await database.select().column("key").from("settings").where("key", .equal, "demo_data_loaded").first() != nil
        }
        if present { return false }
        let dataset = try DemoData.dataset()
        let problems = dataset.problems()
        guard problems.isEmpty else { throw StoreError.invalidDataset(problems) }
        let loaded = try await engine.transaction { database in
            guard try await Self.markDone("demo_data_loaded", on: database) else { return false }
            try await Self.write(dataset, on: database)
            return true
        }
        if loaded { noteLocalChange() }
        return loaded
    }
}
