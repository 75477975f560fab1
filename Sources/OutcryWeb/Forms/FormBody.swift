import Foundation
import Hummingbird

/// A submitted form, URL-encoded or (where a route takes files) multipart, read with a size limit.
struct FormBody: Sendable {
    static let sizeLimit = 64 * 1024
    /// Every value of each name, in the order sent (a list of checkboxes sends one name many times).
    private let lists: [String: [String]]
    /// Files sent with a `multipart/form-data` form, by field name.
    let files: [String: UploadedFile]

    /// Every value of each name as sent, to keep a form's work in progress.
    var fields: [String: [String]] { lists }

    init(lists: [String: [String]], files: [String: UploadedFile] = [:]) {
        self.lists = lists
        self.files = files
    }

    /// The form a request sends: URL-encoded, or multipart with files when the route takes uploads of up
    /// to `uploadLimit` bytes in all.
    static func read(_ request: Request, uploadLimit: Int? = nil) async throws -> FormBody {
        let contentType = request.headers[.contentType] ?? ""
        if let uploadLimit, let boundary = MultipartBody.boundary(in: contentType) {
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: uploadLimit)
            } catch {
                throw RefusalError(status: .contentTooLarge, key: "error.upload-too-large")
            }
            guard let (fields, files) = MultipartBody.parse(Array(buffer.readableBytesView), boundary: boundary) else {
                throw RefusalError(status: .badRequest, key: "error.not-a-form")
            }
            return FormBody(lists: fields, files: files)
        }
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw RefusalError(status: .unsupportedMediaType, key: "error.not-a-form")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: sizeLimit)
        } catch {
            throw RefusalError(status: .contentTooLarge, key: "error.too-large")
        }
        return FormBody(lists: parse(String(buffer: buffer)))
    }

    /// Every value of each name. Malformed escapes are kept as typed.
    static func parse(_ text: String) -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            lists[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return lists
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; invalid UTF-8 is repaired.
    /// Control characters other than tab and line breaks are dropped here, at the boundary, so none is ever
    /// stored: a NUL cut text short when read back, and others have no business in a page or a letter.
    private static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), bytes.distance(from: index, to: bytes.endIndex) > 2,
                let high = hexValue(bytes[bytes.index(after: index)]),
                let low = hexValue(bytes[bytes.index(index, offsetBy: 2)])
            {
                let decoded = high << 4 | low
                if !isDropped(decoded) { output.append(decoded) }
                index = bytes.index(index, offsetBy: 2)
            } else if !isDropped(byte) {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        let text = String(decoding: output, as: UTF8.self)
        // C1 controls (U+0080 to U+009F) take two bytes, so they are looked for once the text is whole.
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !(0x80...0x9F).contains($0.value) }))
    }

    /// A multipart text field's bytes as text, cleaned as URL-encoded values are.
    static func cleaned(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.filter { !isDropped($0) }, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !(0x80...0x9F).contains($0.value) }))
    }

    /// C0 controls but tab, LF and CR, and DEL.
    private static func isDropped(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The first value of a name; later repeats are ignored.
    subscript(_ name: String) -> String? { lists[name]?.first }

    /// Every non-blank value of a name, trimmed.
    func all(_ name: String) -> [String] {
        (lists[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A one-line value with surrounding spaces removed, or nil when it is missing or blank. Line breaks (which
    /// a browser never sends in a one-line field) become spaces, so none reaches a name, a header or a letter's line.
    func text(_ name: String) -> String? {
        guard let value = self[name] else { return nil }
        let line = value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
        return line.isEmpty ? nil : line
    }

    /// A text area's value, its line breaks kept as LF, surrounding blank space removed; nil when blank.
    func block(_ name: String) -> String? {
        guard
            let value = self[name]?.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// The value's non-blank lines, trimmed: how lists (asks, address lines, e-mails) are typed.
    func lines(_ name: String) -> [String] {
        (self[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Paragraphs separated by blank lines, each with its hard line breaks joined by spaces.
    func paragraphs(_ name: String) -> [String] {
        (self[name] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
