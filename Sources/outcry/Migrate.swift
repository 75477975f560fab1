import ArgumentParser
import Foundation
import OutcryStore
import OutcryWeb

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the database schema up to date (serve does this too), printing each step.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = database.configuration(for: .migrate)
        let store = await database.openStore(configuration)
        print("Migrating \(configuration.database)")
        let total = Migrations.all.count
        do {
            let applied = try await store.migrate { step, total, name in
                print("  [\(step)/\(total)] applied \(name)")
            }
            print(applied.isEmpty ? "Already up to date (\(total) migrations)." : "Done: applied \(applied.count) of \(total) migrations.")
        } catch {
            await store.shutdown()
            fail("migration failed, nothing of the failed step was kept: \(error)")
        }
        await store.shutdown()
    }
}
