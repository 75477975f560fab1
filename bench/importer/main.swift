// Importer benchmark: documents parsed per second over the fixture documents, against the time
// to merely decode the same bytes as UTF-8 (the floor any parser pays), and the time taken by
// inputs shaped to make a careless parser slow. Built by bench/import with the OutcryCore sources.
import Foundation

@main
struct ImporterBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        let folder = arguments.count > 1 ? arguments[1] : "Tests/Fixtures/imports"
        let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        let documents = try names.map { try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent($0)) }
        let bytes = documents.reduce(0) { $0 + $1.count }
        let importer = DocumentImporter(today: try HistoricalDate(iso: "2024-04-20"))

        // Warm up the tables built on first use.
        for document in documents { _ = try importer.read(bytes: document) }

        var decoded = 0
        let decodeSeconds = measure {
            for _ in 0..<rounds {
                for document in documents { decoded &+= String(decoding: document, as: UTF8.self).utf8.count }
            }
        }
        var found = 0
        let parseSeconds = try measure {
            for _ in 0..<rounds {
                for document in documents { found &+= try importer.read(bytes: document).fieldStatuses.filter(\.found).count }
            }
        }
        // The importer shares nothing between documents, so a batch is read on every core at once.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parallelSeconds = measure {
            DispatchQueue.concurrentPerform(iterations: rounds) { _ in
                for document in documents { _ = try? importer.read(bytes: document) }
            }
        }
        let parsed = rounds * documents.count
        let rate = Double(parsed) / parseSeconds
        let machineRate = Double(parsed) / parallelSeconds
        print("Importer: \(documents.count) fixture documents (\(bytes / documents.count) bytes on average) × \(rounds) rounds")
        print(String(format: "  one core:  %8.0f documents/s  (%.1f MB/s)", rate, Double(bytes * rounds) / parseSeconds / 1e6))
        print(String(format: "  %d cores:   %8.0f documents/s  (%.1f MB/s)   target ≥ 1,000/s on this machine: %@", cores, machineRate,
                     Double(bytes * rounds) / parallelSeconds / 1e6, machineRate >= 1_000 ? "met" : "NOT MET"))
        print(String(format: "  baseline:  %8.0f documents/s  decoding the same bytes as UTF-8 only, one core; parsing costs %.0f× that", Double(parsed) / decodeSeconds, parseSeconds / decodeSeconds))
        print("  (checksums \(found) fields, \(decoded) bytes)")
        let perDocument = try zip(names, documents).map { name, document in
            (name, try measure { for _ in 0..<20 { _ = try importer.read(bytes: document) } } / 20)
        }
        let slowestDocuments = perDocument.sorted { $0.1 > $1.1 }.prefix(3)
        print("  slowest fixtures: " + slowestDocuments.map { String(format: "%@ %.2f ms", $0.0, $0.1 * 1_000) }.joined(separator: ", "))

        print("Worst cases, each close to the 1 MB limit:")
        var slowest = 0.0
        for (name, text) in pathologicalInputs() {
            var outcome = "a draft"
            let seconds = measure {
                do { _ = try importer.read(text: text) } catch { outcome = "refused: \(error)" }
            }
            slowest = max(slowest, seconds)
            print(String(format: "  %-14@ %7.0f KB  %8.3f s  ", name, Double(text.utf8.count) / 1_000, seconds) + outcome)
        }
        print(String(format: "  slowest: %.3f s", slowest))
    }

    static func measure(_ body: () throws -> Void) rethrows -> Double {
        setvbuf(stdout, nil, _IOLBF, 0)
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func pathologicalInputs() -> [(String, String)] {
        func repeated(_ unit: String) -> String { String(repeating: unit, count: 990_000 / unit.utf8.count) }
        return [
            ("one line", repeated("a. ")),
            ("short lines", repeated("x\n")),
            ("blank lines", repeated("\n")),
            ("labels", repeated("Write to:\nAnd copy:\nSalutation: Dear Sir\n")),
            ("names", repeated("journalists Jane Doe, John Roe and Ann Poe (JDP) of the Media Centre ")),
            ("dates", repeated("17 April 2024 before 12.05.2024 by May 2024 UA 12/34 ")),
            ("quotes", repeated("“Words,” said Jane Doe, director.\n\n“More words.”\n\n")),
            ("contacts", "Write to:\n" + repeated("Fax: +1 2 I Phone: +3 4 | Email: a@b.cd; X: @e Facebook: f ")),
            ("address lines", "Write to:\n" + repeated("Jane Roe\nMinister of Justice\n1 Main Street\n")),
            ("letter", "Dear Sir,\n" + repeated("I urge you to release them. ")),
            ("statement", "Title\n\n" + repeated("Jane Doe, director, said:\n\n“Words.”\n\n")),
            ("no spaces", repeated("abcdefghij")),
            ("capitals", repeated("Jane Doe Jane Doe ")),
            ("every script", repeated("Кыргызстан 中华人民共和国 العربية עברית हिन्दी ქართული Ελληνικά 한국어 ትግርኛ 🇰🇬 ")),
            ("combining", repeated("e\u{301}\u{302}\u{303} ")),
        ]
    }
}
