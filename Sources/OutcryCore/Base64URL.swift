import Foundation

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 section 5).
    public var base64URL: String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output = [UInt8]()
        output.reserveCapacity((count * 4 + 2) / 3)
        var index = startIndex
        while index < endIndex {
            let chunk = self[index..<Swift.min(index + 3, endIndex)]
            let bytes = Array(chunk) + [UInt8](repeating: 0, count: 3 - chunk.count)
            let value = UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
            for position in 0..<(chunk.count + 1) { output.append(alphabet[Int((value >> UInt32(18 - 6 * position)) & 0x3F)]) }
            index += chunk.count
        }
        return String(decoding: output, as: UTF8.self)
    }
}
