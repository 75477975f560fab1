import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form, read with a size limit.
struct FormBody: Sendable {
    static let sizeLimit = 64 * 1024
    private let values: [String: String]

    init(values: [String: String]) { self.values = values }

    static func read(_ request: Request) async throws -> FormBody {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "This form must be sent by a browser as a normal form.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: sizeLimit)
        } catch {
            throw HTTPError(.contentTooLarge, message: "What you sent is too long. Please shorten it and try again.")
        }
        return FormBody(values: parse(String(buffer: buffer)))
    }

    /// The first value of each name; later repeats are ignored. Malformed escapes are kept as typed.
    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            guard values[name] == nil else { continue }
            values[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte; invalid UTF-8 is repaired.
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
                output.append(high << 4 | low)
                index = bytes.index(index, offsetBy: 2)
            } else {
                output.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// The value with surrounding spaces removed, or nil when it is missing or blank.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
