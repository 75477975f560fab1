import ArgumentParser
import Foundation
import OutcryStore
import OutcryWeb

/// `outcry backup FILE`: a consistent copy of the database while the server runs — SQLite's `VACUUM INTO`,
/// or `pg_dump` for PostgreSQL. The data key is never in it.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: Outcry.words("cli.backup.abstract"))

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Outcry.words("cli.backup.file-help")))
    var file: String

    func run() async throws {
        let words = Outcry.words
        let configuration = database.configuration(for: .backup)
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: path) { fail(words("cli.backup.exists", ["file": path])) }
        print(words("cli.backup.starting", ["database": configuration.database.description, "file": path]))
        switch configuration.database {
        case .sqlite:
            let store = await database.openStore(configuration)
            do {
                try await store.backUpSQLite(into: path)
            } catch {
                await store.shutdown()
                try? FileManager.default.removeItem(atPath: path)
                fail(words("cli.backup.failed", ["error": "\(error)"]))
            }
            await store.shutdown()
        case .postgres(let url):
            do {
                try PostgresTools.run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", path], database: url)
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                fail("\(error)")
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(words("cli.backup.done", ["file": path, "size": words.number(max(1, size / 1024))]))
        print(words("cli.backup.key-apart"))
    }
}

/// `outcry restore FILE`: a backup into a new data folder or an empty database, then its migrations.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: Outcry.words("cli.restore.abstract"))

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Outcry.words("cli.restore.file-help")))
    var file: String

    func run() async throws {
        let words = Outcry.words
        let configuration = database.configuration(for: .restore)
        let source = URL(fileURLWithPath: file).standardizedFileURL.path
        guard FileManager.default.isReadableFile(atPath: source) else { fail(words("cli.restore.missing", ["file": source])) }
        print(words("cli.restore.starting", ["file": source, "database": configuration.database.description]))
        switch configuration.database {
        case .sqlite(let target):
            // Never over data: a restore goes into a new folder, and a mistake cannot erase what is there.
            if FileManager.default.fileExists(atPath: target) { fail(words("cli.restore.not-empty", ["database": target])) }
            do {
                let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: source, toPath: target)
            } catch {
                fail(words("cli.restore.failed", ["error": error.localizedDescription]))
            }
            await check(configuration, removingOnFailure: target)
        case .postgres(let url):
            let store = await database.openStore(configuration)
            let empty = (try? await store.isEmpty()) ?? false
            await store.shutdown()
            guard empty else { fail(words("cli.restore.not-empty", ["database": configuration.database.description])) }
            do {
                try PostgresTools.run(
                    "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", source, "--dbname"], database: url)
            } catch {
                fail("\(error)")
            }
            await check(configuration, removingOnFailure: nil)
        }
    }

    /// Opens what was restored, checks that it is an Outcry database and sound, and brings it up to date.
    private func check(_ configuration: OutcryWeb.Configuration, removingOnFailure copy: String?) async {
        let words = Outcry.words
        let failed = { (message: String) -> Never in
            if let copy { try? FileManager.default.removeItem(atPath: copy) }
            fail(message)
        }
        guard
            let store = try? await Store.open(
                configuration.database, logger: makeLogger(level: configuration.logLevel, format: configuration.logFormat))
        else {
            failed(words("cli.restore.not-a-backup", ["file": file]))
        }
        let state = try? await store.checkRestored()
        guard let state, state.isOutcry else {
            await store.shutdown()
            failed(words("cli.restore.not-a-backup", ["file": file]))
        }
        guard state.isSound else {
            await store.shutdown()
            failed(words("cli.restore.damaged", ["file": file]))
        }
        do {
            let applied = try await store.migrate()
            await store.shutdown()
            print(words.plural("cli.restore.done", count: applied.count))
            print(words("cli.restore.key"))
        } catch {
            await store.shutdown()
            failed(words("cli.restore.failed", ["error": "\(error)"]))
        }
    }
}

/// PostgreSQL's own client programs, found on the PATH or where Debian installs them.
enum PostgresTools {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `program` with `arguments`; a database URL among them (`database:`) goes without its password,
    /// which is given in the environment instead: other users of the machine can read a process's arguments.
    static func run(_ program: String, _ arguments: [String], database url: String) throws {
        guard let path = find(program) else {
            throw Failure(description: Outcry.words("cli.backup.tool-missing", ["program": program]))
        }
        var components = URLComponents(string: url)
        let password = components?.password
        components?.password = nil
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments + [components?.string ?? url]
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password.removingPercentEncoding ?? password }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            // The database URL may hold a password: it is never echoed, only the tool's own message.
            let message = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: Outcry.words("cli.backup.tool-failed", ["program": program, "message": message]))
        }
    }

    private static func find(_ program: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let debian = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }.map { "/usr/lib/postgresql/\($0)/bin" }
        return (paths + debian).map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
