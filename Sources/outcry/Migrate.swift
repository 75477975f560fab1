import ArgumentParser
import Foundation
import OutcryStore
import OutcryWeb

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Outcry.words("cli.migrate.abstract"))

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = database.configuration(for: .migrate)
        let store = await database.openStore(configuration)
        let words = Outcry.words
        print(words("cli.migrate.migrating", ["database": configuration.database.description]))
        let total = Migrations.all.count
        do {
            let applied = try await store.migrate { step, total, name in
                print("  [\(step)/\(total)] " + words("cli.migrate.applied", ["name": name]))
            }
            print(
                applied.isEmpty
                    ? words.plural("cli.migrate.up-to-date", count: total)
                    : words.plural("cli.migrate.done", count: total, ["applied": words.number(applied.count)]))
        } catch {
            await store.shutdown()
            fail(words("cli.migrate.failed", ["error": "\(error)"]))
        }
        await store.shutdown()
    }
}
