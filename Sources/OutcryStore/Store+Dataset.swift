import OutcryCore
import SQLKit

extension Store {
    /// Inserts or replaces every record of `dataset` in one transaction: all of it lands, or none.
    public func save(_ dataset: Dataset) async throws {
        let problems = dataset.problems()
        guard problems.isEmpty else { throw StoreError.invalidDataset(problems) }
        try await engine.transaction { database in
            try await Self.write(dataset, on: database)
        }
        noteLocalChange()
    }

    static func write(_ dataset: Dataset, on database: any SQLDatabase) async throws {
        for organisation in dataset.organisations {
            try await write(organisation, on: database)
        }
        for person in dataset.people {
            try await write(person, on: database)
        }
        for item in dataset.cases {
            try await write(item, on: database)
        }
        for target in dataset.targets {
            try await write(target, on: database)
        }
        // An action may update one saved later in the same set: link them once all exist.
        for action in dataset.urgentActions {
            try await write(action, updates: nil, on: database)
        }
        for action in dataset.urgentActions where action.updates != nil {
            try await database.update("urgent_actions").set("updates_id", to: action.updates?.rawValue)
                .where("id", .equal, action.id.rawValue).run()
        }
        for statement in dataset.statements {
            try await write(statement, on: database)
        }
        for (position, event) in dataset.events.enumerated() {
            try await write(event, position: position, on: database)
        }
        for translation in dataset.translations {
            try await write(translation, on: database)
        }
        try await bumpContentVersion(on: database)
    }
}
