import Foundation

/// What a file given to the importer is: plain text, a saved web page, or a PDF. Judged by its first bytes
/// (and, for a web page without a doctype, by its name), never by the name alone.
public enum DocumentFormat: Sendable, Equatable {
    case text
    case html
    case pdf

    public init(of bytes: some Collection<UInt8>, name: String? = nil) {
        if bytes.starts(with: Array("%PDF-".utf8)) {
            self = .pdf
            return
        }
        // The start of the file, without a byte-order mark or leading blank space, lower-cased.
        var head = Array(bytes.prefix(512))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        let start = String(decoding: head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }, as: UTF8.self).lowercased()
        let named = name.map { $0.lowercased().hasSuffix(".html") || $0.lowercased().hasSuffix(".htm") } ?? false
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || (named && start.hasPrefix("<")) {
            self = .html
        } else {
            self = .text
        }
    }
}

extension DocumentImporter {
    /// The most a saved web page or a PDF may weigh: pages carry their scripts and styles, PDFs their fonts.
    public static let maximumFileBytes = 20_000_000

    /// The text of a file in any format the importer reads: a saved web page is reduced to its text, a PDF
    /// is read by `pdftotext -layout` (Debian's poppler-utils) when it is installed.
    public static func text(of bytes: [UInt8], name: String?) async throws(ImportError) -> String {
        switch DocumentFormat(of: bytes, name: name) {
        case .text:
            return try text(of: bytes)
        case .html:
            guard bytes.count <= maximumFileBytes else { throw .tooLarge(bytes: bytes.count, limit: maximumFileBytes) }
            guard let page = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
            let text = HTMLText.text(of: page)
            guard text.utf8.count <= maximumBytes else { throw .tooLarge(bytes: text.utf8.count, limit: maximumBytes) }
            return text
        case .pdf:
            guard bytes.count <= maximumFileBytes else { throw .tooLarge(bytes: bytes.count, limit: maximumFileBytes) }
            let text = try await PDFText.text(of: bytes)
            guard text.utf8.count <= maximumBytes else { throw .tooLarge(bytes: text.utf8.count, limit: maximumBytes) }
            return text
        }
    }
}

/// A PDF's text, as Debian's `pdftotext -layout` lays it out: columns kept apart, lines as printed.
public enum PDFText {
    /// How long one PDF may take; a broken or hostile file must not hold an import for ever.
    static let timeout: TimeInterval = 30

    /// Where `pdftotext` is, if it is installed: on the `PATH` or in `/usr/bin`.
    public static var tool: URL? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        return folders.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent("pdftotext") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// On a thread of its own: waiting for pdftotext must not hold one of the few threads async code runs on.
    public static func text(of bytes: [UInt8]) async throws(ImportError) -> String {
        let result: Result<String, ImportError> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { () throws(ImportError) -> String in try waitingForText(of: bytes) })
            }
        }
        return try result.get()
    }

    private static func waitingForText(of bytes: [UInt8]) throws(ImportError) -> String {
        guard let tool else { throw .pdfNeedsPdftotext }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-pdf-\(UUID().uuidString)")
        let input = folder.appendingPathComponent("document.pdf")
        let output = folder.appendingPathComponent("document.txt")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(bytes).write(to: input)
        } catch {
            throw .pdfUnreadable
        }
        let arguments = ["-layout", "-enc", "UTF-8", "-q", input.path, output.path]
        guard let child = ChildProcess.launch(tool.path, arguments), child.succeeds(before: Date().addingTimeInterval(timeout)),
            let data = FileManager.default.contents(atPath: output.path)
        else { throw .pdfUnreadable }
        let text = String(decoding: data, as: UTF8.self)
        // A scan is pictures of pages: pdftotext finds nothing but page breaks and spaces.
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace && $0 != "\u{0C}" }) else { throw .pdfHasNoText }
        return text
    }
}

/// A saved web page reduced to the text a reader sees: scripts, styles and the page's head left out,
/// blocks on lines of their own, list items bulleted, character references decoded.
public enum HTMLText {
    /// Elements that start and end a line of their own.
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tr",
        "ul",
    ]
    /// Elements whose content is never text for a reader.
    /// Menus (`nav`) too: a site's navigation is no part of the document.
    static let hidden: Set<String> = [
        "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select", "button", "nav",
    ]

    public static func text(of html: String) -> String {
        var output = ""
        var skipping: String?
        var inPre = false
        var index = html.startIndex
        func newline() {
            while output.last == " " { output.removeLast() }
            if !output.isEmpty, !output.hasSuffix("\n") { output.append("\n") }
        }
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                // A comment, a doctype or a tag: up to its end.
                if html[index...].hasPrefix("<!--") {
                    index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
                    continue
                }
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close]
                index = html.index(after: close)
                let closing = tag.hasPrefix("/")
                let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
                if let hiddenName = skipping {
                    // A head whose end tag was left out (HTML allows it) ends where the body starts.
                    let bodyStarts = hiddenName == "head" && !closing && name == "body"
                    if closing && name == hiddenName || bodyStarts { skipping = nil }
                    continue
                }
                if !closing, hidden.contains(name), !tag.hasSuffix("/") {
                    skipping = name
                    continue
                }
                if name == "pre" { inPre = !closing }
                if blocks.contains(name) {
                    newline()
                    // Paragraphs, headings and tables stand apart from what is around them, by a blank line.
                    if name == "p" || name.hasPrefix("h") && name.count == 2 || name == "blockquote" || name == "table" {
                        if !output.isEmpty, !output.hasSuffix("\n\n") { output.append("\n") }
                    }
                    if name == "li" && !closing { output.append("• ") }
                } else if name == "td" || name == "th" {
                    output.append(" ")
                }
                continue
            }
            index = html.index(after: index)
            if skipping != nil { continue }
            if character == "&" {
                let (decoded, next) = reference(in: html, at: html.index(before: index))
                output.append(decoded)
                index = next
                continue
            }
            if character.isNewline || character == "\t" || character == " " {
                if inPre {
                    output.append(character.isNewline ? "\n" : character)
                } else if !(output.last.map { $0 == " " || $0 == "\n" } ?? true) {
                    output.append(" ")
                }
                continue
            }
            output.append(character)
        }
        // Each line trimmed, at most one blank line between blocks.
        var lines: [String] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// The character a reference at `start` (`&amp;`, `&#8217;`, `&#x2019;`) stands for, and where the text
    /// goes on; an ampersand that begins no known reference stays as it is.
    static func reference(in html: String, at start: String.Index) -> (String, String.Index) {
        let after = html.index(after: start)
        guard let semicolon = html[after...].prefix(12).firstIndex(of: ";") else { return ("&", after) }
        let body = html[after..<semicolon]
        let next = html.index(after: semicolon)
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.lowercased().hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return ("&", after) }
            return (String(Character(scalar)), next)
        }
        guard let named = entities[String(body)] else { return ("&", after) }
        return (named, next)
    }

    /// The named references web pages use for text.
    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "–", "mdash": "—", "hellip": "…",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "bull": "•", "middot": "·", "copy": "©",
        "reg": "®", "euro": "€", "pound": "£", "deg": "°", "shy": "", "zwnj": "\u{200C}", "zwj": "\u{200D}", "thinsp": "\u{2009}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "times": "×", "sect": "§", "para": "¶", "auml": "ä", "ouml": "ö", "uuml": "ü",
        "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "eacute": "é", "egrave": "è", "ecirc": "ê", "agrave": "à", "acirc": "â",
        "ccedil": "ç", "icirc": "î", "ocirc": "ô", "ucirc": "û", "Eacute": "É", "aacute": "á", "iacute": "í", "oacute": "ó",
        "uacute": "ú", "ntilde": "ñ", "Ntilde": "Ñ", "iexcl": "¡", "iquest": "¿",
    ]
}
