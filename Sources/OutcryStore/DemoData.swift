import Foundation
import OutcryCore

/// The seed case shipped with Outcry: UA 30.24 on the Temirov LIVE journalists and the statement on
/// the Kloop Media staff, as structured records.
public enum DemoData {
    public static func dataset() throws -> Dataset {
        guard let url = Bundle.module.url(forResource: "demo-dataset", withExtension: "json") else {
            throw StoreError.cannotOpen("the demo data file demo-dataset.json (missing from the build)")
        }
        return try JSONDecoder().decode(Dataset.self, from: Data(contentsOf: url))
    }
}

extension Store {
    /// Loads the demo data unless it was loaded before; returns whether it loaded it now.
    /// The marker and the records commit together, so an interrupted load is simply redone.
    public func loadDemoData() async throws -> Bool {
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
