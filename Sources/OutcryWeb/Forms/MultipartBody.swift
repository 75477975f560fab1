import Hummingbird

/// A file sent with a form, as it arrived: judged by its content later, never by its name or type.
struct UploadedFile: Sendable {
    var filename: String
    var bytes: [UInt8]
}

/// `multipart/form-data` (RFC 7578), as browsers send a form with a file: text fields, read as the
/// URL-encoded ones are, and files. Anything malformed is refused whole; nothing of it is kept.
enum MultipartBody {
    /// At most this many parts: a form with a file has a handful.
    static let partLimit = 100

    /// The boundary a `Content-Type` names, if it is a `multipart/form-data` one with a usable boundary.
    static func boundary(in contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) && value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F || $0 == 0x20 }) ? value : nil
        }
        return nil
    }

    /// The fields and files of a body; nil when it is not well-formed multipart.
    static func parse(_ body: [UInt8], boundary: String) -> (fields: [String: [String]], files: [String: UploadedFile])? {
        let delimiter = Array(("--" + boundary).utf8)
        let separator = Array(("\r\n--" + boundary).utf8)
        guard var index = find(delimiter, in: body, from: 0) else { return nil }
        index += delimiter.count
        var fields: [String: [String]] = [:]
        var files: [String: UploadedFile] = [:]
        for _ in 0..<partLimit {
            if body[index...].starts(with: [0x2D, 0x2D]) { return (fields, files) }
            // Spaces may follow a delimiter before its line ends.
            while index < body.count, body[index] == 0x20 || body[index] == 0x09 { index += 1 }
            guard body[index...].starts(with: [0x0D, 0x0A]) else { return nil }
            index += 2
            guard let headEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: index),
                let end = find(separator, in: body, from: headEnd + 4)
            else { return nil }
            let head = String(decoding: body[index..<headEnd], as: UTF8.self)
            guard let disposition = Self.disposition(head), let name = disposition["name"] else { return nil }
            let content = Array(body[(headEnd + 4)..<end])
            if let filename = disposition["filename"] {
                // An empty file input sends a part with no name and no bytes: no file chosen.
                if !(filename.isEmpty && content.isEmpty) { files[name] = UploadedFile(filename: filename, bytes: content) }
            } else {
                fields[name, default: []].append(FormBody.cleaned(content[...]))
            }
            index = end + separator.count
            guard index + 2 <= body.count else { return nil }
        }
        return nil
    }

    /// The parameters of the part's `Content-Disposition: form-data` line, by lower-case name.
    private static func disposition(_ head: String) -> [String: String]? {
        for line in head.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "content-disposition" else { continue }
            var parameters: [String: String] = [:]
            var rest = Substring(pair[1])
            guard rest.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("form-data") else { return nil }
            while let semicolon = rest.firstIndex(of: ";") {
                rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let key = rest[..<equals].lowercased()
                rest = rest[rest.index(after: equals)...]
                if rest.first == "\"" {
                    guard let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
                    parameters[key] = String(rest[rest.index(after: rest.startIndex)..<close])
                    rest = rest[rest.index(after: close)...]
                } else {
                    let end = rest.firstIndex(of: ";") ?? rest.endIndex
                    parameters[key] = String(rest[..<end]).trimmingCharacters(in: .whitespaces)
                    rest = rest[end...]
                }
            }
            return parameters
        }
        return nil
    }

    /// Where `needle` first occurs in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
