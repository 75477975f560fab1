import Foundation
import Testing

@testable import OutcryCore

/// Saved web pages and PDFs reach the importer as the text a reader sees: scripts, styles and menus left
/// out, blocks on their own lines, references decoded; a PDF read by pdftotext, or a clear reason.
@Suite struct DocumentFormatTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/formats")
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    @Test func formatsAreKnownByTheirFirstBytes() {
        #expect(DocumentFormat(of: Array("%PDF-1.7\n".utf8)) == .pdf)
        #expect(DocumentFormat(of: Array("\u{FEFF}\n  <!DOCTYPE html><html>".utf8)) == .html)
        #expect(DocumentFormat(of: Array("<HTML><body>".utf8)) == .html)
        #expect(DocumentFormat(of: Array("<p>Hello</p>".utf8), name: "page.htm") == .html)
        #expect(DocumentFormat(of: Array("<p>Hello</p>".utf8), name: "notes.txt") == .text, "a text may begin with a bracket")
        #expect(DocumentFormat(of: Array("UA 30.24 <urgent>".utf8), name: "ua.html") == .text)
    }

    @Test func aSavedPageBecomesTheTextAReaderSees() async throws {
        let text = try await DocumentImporter.text(of: try Self.fixture("ua-44-25-saved-page.html"), name: "ua.html")
        for gone in ["dataLayer", "font-family", "Home", "main content starts", "Subscribe", "Example Section</title>"] {
            #expect(!text.contains(gone), "\(gone)")
        }
        #expect(text.hasPrefix("• Urgent Action\n\nFree Nasrin Karimova\n\nUrgent Action 44.25\n\nMarch 18, 2025 · Uzbekistan\n"))
        #expect(text.contains("a 34\u{2011}year\u{2011}old lawyer, was detained on 9\u{A0}March 2025"))
        #expect(text.contains("• Share this action & tell your friends."))
        #expect(text.contains("Prosecutor General\nOffice of the Prosecutor General\n12 Independence Avenue\n"))
        #expect(text.contains("Email: info@prosecutor.example.uz"))
        #expect(text.contains("Index:   EUR 62/0001/2025\nStatus:  open"), "preformatted text keeps its lines and spaces")
        #expect(text.contains("© 2025 Example Section"))

        let document = try DocumentImporter(today: try HistoricalDate(iso: "2025-03-20")).read(text: text)
        #expect(document.action?.number.value == "44.25")
        #expect(document.action?.title.value == "Free Nasrin Karimova")
        #expect(document.action?.issued.value?.iso == "2025-03-18")
        #expect(document.action?.targets.value?.first?.emails.value?.contains("info@prosecutor.example.uz") == true)
    }

    @Test func referencesAreDecodedAndBrokenOnesKept() {
        #expect(
            HTMLText.text(of: "<p>A &amp; B &#x2019; &#8217; &lt;b&gt; &unknown; & alone &#0; &#xZZ;</p>")
                == "A & B ’ ’ <b> &unknown; & alone &#0; &#xZZ;\n")
        #expect(
            HTMLText.text(of: "<html><head><title>t</title><body><p>Text without an end to its head</p>")
                == "Text without an end to its head\n")
        #expect(HTMLText.text(of: "") == "")
        #expect(HTMLText.text(of: "<p>unclosed <b") == "unclosed\n")
    }

    @Test func aPDFIsReadThroughPdftotext() async throws {
        guard PDFText.tool != nil else {
            // Without the tool, the reason names it (scripts/test installs it, so this branch is for other machines).
            await #expect(throws: ImportError.pdfNeedsPdftotext) {
                try await DocumentImporter.text(of: try Self.fixture("ua-71-25.pdf"), name: nil)
            }
            return
        }
        let text = try await DocumentImporter.text(of: try Self.fixture("ua-71-25.pdf"), name: "ua.pdf")
        let document = try DocumentImporter(today: try HistoricalDate(iso: "2025-03-20")).read(text: text)
        #expect(document.action?.number.value == "71/25")
        #expect(document.action?.issued.value?.iso == "2025-03-14")
        #expect(document.action?.deadline.value?.iso == "2025-04-25")
        #expect(document.action?.targets.value?.first?.fax.value == "+86 755 8446 3999")

        await #expect(throws: ImportError.pdfHasNoText) {
            try await DocumentImporter.text(of: try Self.fixture("scan-without-text.pdf"), name: nil)
        }
        await #expect(throws: ImportError.pdfUnreadable) {
            try await DocumentImporter.text(of: Array("%PDF-1.4\nnot really a PDF".utf8), name: nil)
        }
    }
}
