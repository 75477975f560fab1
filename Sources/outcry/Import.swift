import ArgumentParser
import Foundation
import OutcryCore
import OutcryStore
import OutcryWeb

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Outcry.words("cli.import.abstract"), discussion: Outcry.words("cli.import.discussion"))

    @Argument(help: ArgumentHelp(Outcry.words("cli.import.paths")))
    var paths: [String]

    @Flag(name: .customLong("dry-run"), help: ArgumentHelp(Outcry.words("cli.import.dry-run")))
    var dryRun = false

    @Flag(help: ArgumentHelp(Outcry.words("cli.import.json")))
    var json = false

    @Option(help: ArgumentHelp(Outcry.words("cli.import.today")))
    var today: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let words = Outcry.words
        let files = collectFiles()
        guard !files.isEmpty else { fail(words("cli.import.no-files", ["paths": paths.joined(separator: ", ")])) }
        let importer = DocumentImporter(today: try resolveToday())
        let store = dryRun ? nil : await openStore()
        let progress = ProgressLine(total: files.count, enabled: !json)
        var saved = 0
        var repeated = 0
        var failed = 0
        var parseSeconds = 0.0
        var reports: [String] = []
        var jsonDrafts: [[String: Any]] = []
        for (number, file) in files.enumerated() {
            progress.show(number, file.lastPathComponent)
            let bytes: Data
            do { bytes = try Data(contentsOf: file) } catch {
                failed += 1
                reports.append("✗ \(file.path): " + words("cli.import.unreadable", ["reason": error.localizedDescription]))
                jsonDrafts.append(["file": file.path, "error": "cannot read it"])
                continue
            }
            let started = DispatchTime.now().uptimeNanoseconds
            let text: String
            let document: ImportedDocument
            do {
                text = try await DocumentImporter.text(of: [UInt8](bytes), name: file.lastPathComponent)
                document = try importer.read(text: text)
            } catch {
                failed += 1
                reports.append("✗ \(file.path): " + words.importError(error))
                jsonDrafts.append(["file": file.path, "error": error.description])
                continue
            }
            parseSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            var outcome = dryRun ? words("cli.import.dry-run-outcome") : ""
            if let store {
                do {
                    let draft = ImportDraft(sourceName: file.lastPathComponent, sourceText: text, document: document, importedAt: Date())
                    if try await store.save(draft) {
                        saved += 1
                        outcome = words("cli.import.saved", ["draft": draft.id])
                    } else {
                        repeated += 1
                        outcome = words("cli.import.repeated", ["draft": draft.id])
                    }
                } catch {
                    failed += 1
                    outcome = words("cli.import.not-saved", ["error": "\(error)"])
                }
            }
            if json {
                jsonDrafts.append([
                    "file": file.path, "draft": (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(document))) ?? [:],
                ])
            } else {
                reports.append(summary(of: document, file: file, outcome: outcome, words))
            }
        }
        progress.finish()
        await store?.shutdown()
        if json {
            let data = try JSONSerialization.data(
                withJSONObject: jsonDrafts, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            print(reports.joined(separator: "\n\n"))
            print("")
            let parsed = files.count - failed
            let rate = parseSeconds > 0 ? Int(Double(parsed) / parseSeconds) : 0
            var parts = [words("cli.import.read", ["parsed": words.number(parsed), "rate": words.number(rate)])]
            if !dryRun {
                parts.append(words.plural("cli.import.new-drafts", count: saved))
                parts.append(words("cli.import.already", ["count": words.number(repeated)]))
            }
            if failed > 0 { parts.append(words("cli.import.failed", ["count": words.number(failed)])) }
            print(words.plural("cli.import.total", count: files.count, ["parts": parts.joined(separator: ", ")]))
        }
        if failed > 0 { throw ExitCode(1) }
    }

    private func summary(of document: ImportedDocument, file: URL, outcome: String, _ words: CommandLineWords) -> String {
        let statuses = document.fieldStatuses
        let name = { (field: String) in words("cli.field." + field.replacingOccurrences(of: " ", with: "-")) }
        let found = statuses.filter(\.found).map { status in status.count.map { "\(name(status.name)) (\($0))" } ?? name(status.name) }
        let missing = statuses.filter { !$0.found }.map { name($0.name) }
        let nothing = words("cli.import.nothing")
        var lines = ["\(file.path)", "  \(document.headline)"]
        lines.append("  " + words("cli.import.found", ["fields": found.isEmpty ? nothing : found.joined(separator: ", ")]))
        lines.append("  " + words("cli.import.missing", ["fields": missing.isEmpty ? nothing : missing.joined(separator: ", ")]))
        for note in document.notes { lines.append("  " + words("cli.import.note", ["note": note])) }
        if !outcome.isEmpty { lines.append("  \(outcome)") }
        return lines.joined(separator: "\n")
    }

    private func collectFiles() -> [URL] {
        var files: [URL] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                fail(Outcry.words("cli.import.no-such-path", ["path": path]))
            }
            if isDirectory.boolValue {
                let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
                for name in entries.sorted() where !name.hasPrefix(".") {
                    let url = URL(fileURLWithPath: path).appendingPathComponent(name)
                    var childIsDirectory: ObjCBool = false
                    if manager.fileExists(atPath: url.path, isDirectory: &childIsDirectory), !childIsDirectory.boolValue,
                        !name.hasSuffix(".json"), !name.hasSuffix(".md")
                    {
                        files.append(url)
                    }
                }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        return files
    }

    private func resolveToday() throws -> HistoricalDate {
        if let today {
            do { return try HistoricalDate(iso: today) } catch { fail(Outcry.words("cli.import.bad-today", ["value": today])) }
        }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return try HistoricalDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    private func openStore() async -> Store {
        let store = await database.openStore(database.configuration(for: .import))
        do {
            _ = try await store.migrate { _, _, _ in }
        } catch {
            await store.shutdown()
            fail(Outcry.words("cli.import.migration-failed", ["error": "\(error)"]))
        }
        return store
    }
}

/// "[12/340] ua-106-23.txt" rewritten in place on a terminal; on a pipe, a line at every tenth.
struct ProgressLine {
    let total: Int
    let enabled: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    func show(_ index: Int, _ name: String) {
        guard enabled else { return }
        let done = index + 1
        if isTerminal {
            let text = "[\(done)/\(total)] \(name)"
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + String(text.prefix(100))).utf8))
        } else if done == 1 || done == total || done % max(1, total / 10) == 0 {
            FileHandle.standardError.write(Data("[\(done)/\(total)] \(name)\n".utf8))
        }
    }

    func finish() {
        guard enabled, isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
