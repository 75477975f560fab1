import ArgumentParser
import Foundation
import OutcryCore
import OutcryStore
import OutcryWeb

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read Urgent Actions and statements from their published text into drafts for review (never published).",
        discussion: """
            Give text files or folders of them. Each document becomes a draft an editor reviews; the summary says, \
            per file, which fields were found and which are missing. Importing the same text again keeps one draft.
            """)

    @Argument(help: "Text files (UTF-8), or folders whose files are imported.")
    var paths: [String]

    @Flag(name: .customLong("dry-run"), help: "Read and report only; save nothing.")
    var dryRun = false

    @Flag(help: "Print each draft as JSON (every field, found or not, with where it was read) instead of the summary.")
    var json = false

    @Option(help: "The day “N days left” counts from, YYYY-MM-DD (default: today).")
    var today: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let files = collectFiles()
        guard !files.isEmpty else { fail("no files to import in \(paths.joined(separator: ", "))") }
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
                reports.append("✗ \(file.path): cannot read it (\(error.localizedDescription))")
                jsonDrafts.append(["file": file.path, "error": "cannot read it"])
                continue
            }
            let started = DispatchTime.now().uptimeNanoseconds
            let text: String
            let document: ImportedDocument
            do {
                text = try DocumentImporter.text(of: bytes)
                document = try importer.read(text: text)
            } catch {
                failed += 1
                reports.append("✗ \(file.path): \(error.description)")
                jsonDrafts.append(["file": file.path, "error": error.description])
                continue
            }
            parseSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            var outcome = dryRun ? "not saved (dry run)" : ""
            if let store {
                do {
                    let draft = ImportDraft(sourceName: file.lastPathComponent, sourceText: text, document: document, importedAt: Date())
                    if try await store.save(draft) {
                        saved += 1
                        outcome = "saved as draft \(draft.id)"
                    } else {
                        repeated += 1
                        outcome = "already imported as draft \(draft.id); kept as it was"
                    }
                } catch {
                    failed += 1
                    outcome = "NOT saved: \(error)"
                }
            }
            if json {
                jsonDrafts.append([
                    "file": file.path, "draft": (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(document))) ?? [:],
                ])
            } else {
                reports.append(summary(of: document, file: file, outcome: outcome))
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
            var line = "\(files.count) file\(files.count == 1 ? "" : "s"): \(parsed) read (\(rate) documents/s)"
            if !dryRun { line += ", \(saved) new draft\(saved == 1 ? "" : "s") saved, \(repeated) already imported" }
            if failed > 0 { line += ", \(failed) failed" }
            print(line + ".")
        }
        if failed > 0 { throw ExitCode(1) }
    }

    private func summary(of document: ImportedDocument, file: URL, outcome: String) -> String {
        let statuses = document.fieldStatuses
        let found = statuses.filter(\.found).map { status in status.count.map { "\(status.name) (\($0))" } ?? status.name }
        let missing = statuses.filter { !$0.found }.map(\.name)
        var lines = ["\(file.path)", "  \(document.headline)"]
        lines.append("  found:   " + (found.isEmpty ? "nothing" : found.joined(separator: ", ")))
        lines.append("  missing: " + (missing.isEmpty ? "nothing" : missing.joined(separator: ", ")))
        for note in document.notes { lines.append("  note:    \(note)") }
        if !outcome.isEmpty { lines.append("  \(outcome)") }
        return lines.joined(separator: "\n")
    }

    private func collectFiles() -> [URL] {
        var files: [URL] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { fail("\(path): no such file or folder") }
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
            do { return try HistoricalDate(iso: today) } catch { fail("--today: \(error.description)") }
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
            fail("the database could not be brought up to date: \(error)")
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
