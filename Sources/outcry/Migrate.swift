import ArgumentParser
import Foundation
import OutcryStore
import OutcryWeb

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the database schema up to date (serve does this too), printing each step.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration: OutcryWeb.Configuration
        do {
            configuration = try .resolve(
                .init(dataDirectory: database.dataDirectory, databaseURL: database.databaseURL, logLevel: database.logLevel),
                environment: ProcessInfo.processInfo.environment)
        } catch {
            fail(error.description)
        }
        let logger = makeLogger(level: configuration.logLevel)
        let store: Store
        do {
            store = try await Store.open(configuration.database, logger: logger)
        } catch {
            fail("\(error)")
        }
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
