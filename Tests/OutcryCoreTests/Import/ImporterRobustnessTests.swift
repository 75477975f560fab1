import Foundation
import Testing

@testable import OutcryCore

/// Whatever it is given, the importer answers with a draft or a clear error.
@Suite struct ImporterRobustnessTests {
    let importer = DocumentImporter(today: try! HistoricalDate(iso: "2024-04-20"))

    @Test func emptyAndBlankTextsAreRefusedClearly() {
        #expect(throws: ImportError.empty) { try importer.read(bytes: [UInt8]()) }
        #expect(throws: ImportError.empty) { try importer.read(text: " \n\t\r\n\u{FEFF}") }
        #expect(ImportError.empty.description == "the document is empty")
    }

    @Test func binaryAndOtherEncodingsAreRefusedClearly() {
        let pdf = Array("%PDF-1.7\n".utf8) + [0, 1, 2, 3, 0xFF, 0xFE] + Array("stream".utf8)
        #expect(throws: ImportError.notText) { try importer.read(bytes: pdf) }
        let latin1 = Array("Appelle bis 17. M".utf8) + [0xE4] + Array("rz 2024".utf8)
        #expect(throws: ImportError.notUTF8) { try importer.read(bytes: latin1) }
        #expect(ImportError.notUTF8.description.contains("UTF-8"))
    }

    @Test func textsBeyondTheLimitAreRefusedWithTheirSize() throws {
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
        #expect(throws: ImportError.tooLarge(bytes: 10_000_000, limit: DocumentImporter.maximumBytes)) { try importer.read(bytes: huge) }
        #expect(ImportError.tooLarge(bytes: 10_000_000, limit: 1_000_000).description.contains("10000 KB"))
    }

    /// Inputs shaped to make a careless parser slow: one endless line, endless short lines, endless
    /// sentences, labels, names, dates, quotes and contact lines — each of 100 KB (bench/import runs them at
    /// the 1 MB limit and prints their times).
    static func pathological(_ name: String) -> String {
        func repeated(_ unit: String) -> String { String(repeating: unit, count: 100_000 / unit.utf8.count) }
        switch name {
        case "one line": return repeated("a. ")
        case "lines": return repeated("x\n")
        case "labels": return repeated("Write to:\nAnd copy:\nSalutation: Dear Sir\n")
        case "names": return repeated("journalists Jane Doe, John Roe and Ann Poe (JDP) of the Media Centre ")
        case "dates": return repeated("17 April 2024 before 12.05.2024 by May 2024 UA 12/34 ")
        case "quotes": return repeated("“Words,” said Jane Doe, director.\n\n“More words.”\n\n")
        case "contacts": return "Write to:\n" + repeated("Fax: +1 2 I Phone: +3 4 | Email: a@b.cd; X: @e Facebook: f ")
        case "address lines": return "Write to:\n" + repeated("Jane Roe\nMinister of Justice\n1 Main Street\n")
        case "letter": return "Dear Sir,\n" + repeated("I urge you to release them. ")
        case "statement": return "Title\n\n" + repeated("Jane Doe, director, said:\n\n“Words.”\n\n")
        default: return ""
        }
    }

    @Test(arguments: ["one line", "lines", "labels", "names", "dates", "quotes", "contacts", "address lines", "letter", "statement"])
    func pathologicalInputsGiveADraft(name: String) throws {
        let text = Self.pathological(name)
        #expect(text.utf8.count <= DocumentImporter.maximumBytes)
        let document = try importer.read(text: text)
        #expect(document.action != nil || document.statement != nil)
    }

    @Test func everyScriptIsReadWithoutLosingCharacters() throws {
        let scripts = "Кыргызстан 中华人民共和国 العربية עברית हिन्दी ქართული Ελληνικά 한국어 ትግርኛ 🇰🇬 👩🏽‍⚖️ e\u{301}"
        let text = "UA 1.24\n17 April 2024\n\n\(scripts): title\n\n\(scripts) was arrested.\n"
        let document = try importer.read(text: text)
        #expect(document.action?.number.value == "1.24")
        #expect(document.action?.title.value == "\(scripts): title")
        // Spans are UTF-8 offsets: the bytes they cover are exactly the title.
        let span = try #require(document.action?.title.span)
        let bytes = Array(text.utf8)[span.start..<span.end]
        #expect(String(decoding: bytes, as: UTF8.self) == "\(scripts): title")
        #expect(span.line == 4)
    }

    @Test func hiddenAddressesAreNotedAndNeverKeptAsAddresses() throws {
        let text = """
            UA 5/24
            Write to:
            Minister of Justice
            Jane Roe
            Ministry of Justice
            1 Main Street
            Email: [email\u{00A0}protected]
            """
        let document = try importer.read(text: text)
        let target = try #require(document.action?.targets.value?.first)
        #expect(!target.emails.isFound)
        #expect(target.unusableContacts.count == 1)
        #expect(document.notes.contains { $0.contains("protected]") })
    }

    @Test func nothingIsInventedForADocumentWithoutFields() throws {
        let document = try importer.read(text: "Hello world, this is a note about nothing in particular.\n")
        let found = Set(document.fieldStatuses.filter(\.found).map(\.name))
        #expect(found == ["summary"])
        #expect(!document.kind.isFound)
    }
}
