import Foundation

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 section 5). Tokens are made on every page
/// served, so this works straight on the bytes, without intermediate arrays.
public enum Base64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        let count = bytes.count
        let length = count / 3 * 4 + [0, 2, 3][count % 3]
        return alphabet.withUnsafeBufferPointer { alphabet in
            String(unsafeUninitializedCapacity: length) { output in
                var written = 0
                var index = 0
                func put(_ value: UInt32, _ shift: UInt32) {
                    output[written] = alphabet[Int((value >> shift) & 0x3F)]
                    written += 1
                }
                while index + 3 <= count {
                    let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                    put(value, 18)
                    put(value, 12)
                    put(value, 6)
                    put(value, 0)
                    index += 3
                }
                switch count - index {
                case 1:
                    let value = UInt32(bytes[index]) << 16
                    put(value, 18)
                    put(value, 12)
                case 2:
                    let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
                    put(value, 18)
                    put(value, 12)
                    put(value, 6)
                default:
                    break
                }
                return written
            }
        }
    }

    public static func encode(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { encode($0) }
    }

    /// The bytes of URL-safe base64 without padding; nil for anything else.
    public static func decode(_ text: String) -> Data? {
        guard !text.contains(where: { $0 == "+" || $0 == "/" || $0 == "=" }) else { return nil }
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return Data(base64Encoded: standard + String(repeating: "=", count: (4 - standard.count % 4) % 4))
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 section 5).
    public var base64URL: String { Base64URL.encode(self) }
}
