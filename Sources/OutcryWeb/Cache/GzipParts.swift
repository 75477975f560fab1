import CompressNIO
import NIOCore

/// A gzip body made of parts compressed apart: a cached page's fixed segments are compressed once, when
/// the page is rendered, and what fills its holes per request is added between them as its own deflate
/// blocks, so a compressed page costs no compression per request.
///
/// Each part is a run of raw deflate blocks that ends on a byte boundary without a final block
/// (`Z_SYNC_FLUSH`) and refers to nothing before it, so parts can follow each other in any order (RFC 1951).
/// The gzip header, one empty final block and the trailer make them one member (RFC 1952); the trailer's
/// CRC is combined from the parts' own.
enum Gzip {
    /// One compressed part, with what the trailer needs of its uncompressed bytes.
    struct Part: Sendable {
        let blocks: ByteBuffer
        let checksum: UInt32
        let length: Int
    }

    /// The 10-byte member header: deflate, no name, no time, from "unknown" system.
    static let header = ByteBuffer(bytes: [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF])

    /// `bytes` compressed at the best level into blocks that end on a byte boundary.
    static func compressed(_ bytes: ByteBuffer) -> Part {
        var input = bytes
        let compressor = CompressionAlgorithm.deflate(configuration: .init(windowSize: 15, compressionLevel: 9)).compressor
        do {
            try compressor.startStream()
            defer { try? compressor.finishStream() }
            var output = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: input) + 64)
            try compressor.streamDeflate(from: &input, to: &output, flush: .sync)
            if input.readableBytes == 0 { return Part(blocks: output, checksum: CRC32.checksum(bytes), length: bytes.readableBytes) }
        } catch {}
        // zlib never fails on memory it was given enough of; should it, the bytes go as they are.
        return stored(bytes)
    }

    /// `bytes` as stored (uncompressed) blocks: for what differs on every response, such as a form's token.
    static func stored(_ bytes: ByteBuffer) -> Part {
        var output = ByteBufferAllocator().buffer(capacity: bytes.readableBytes + 5 * (bytes.readableBytes / 65_535 + 1))
        var rest = bytes
        repeat {
            let count = min(rest.readableBytes, 65_535)
            var chunk = rest.readSlice(length: count)!
            // BFINAL 0, BTYPE 00, then LEN and its complement, little-endian.
            output.writeInteger(UInt8(0))
            output.writeInteger(UInt16(count), endianness: .little)
            output.writeInteger(~UInt16(count), endianness: .little)
            output.writeBuffer(&chunk)
        } while rest.readableBytes > 0
        return Part(blocks: output, checksum: CRC32.checksum(bytes), length: bytes.readableBytes)
    }

    /// The end of the member: an empty final block, then the CRC and the length of everything before it.
    static func trailer(checksum: UInt32, length: Int) -> ByteBuffer {
        var trailer = ByteBuffer(bytes: [0x03, 0x00])
        trailer.writeInteger(checksum, endianness: .little)
        trailer.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .little)
        return trailer
    }

    /// The whole body for parts in order: header, their blocks, trailer.
    static func member(_ parts: [Part]) -> [ByteBuffer] {
        var checksum: UInt32 = 0
        var length = 0
        var buffers = [header]
        buffers.reserveCapacity(parts.count + 2)
        for part in parts {
            checksum = CRC32.combine(checksum, part.checksum, length: part.length)
            length += part.length
            buffers.append(part.blocks)
        }
        buffers.append(trailer(checksum: checksum, length: length))
        return buffers
    }

    /// Whether an `Accept-Encoding` value allows gzip: `gzip` (or `x-gzip`, or `*`) listed without `q=0`.
    static func isAccepted(by acceptEncoding: String) -> Bool {
        var accepted = false
        for item in acceptEncoding.lowercased().split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.filter { $0 != " " && $0 != "\t" } }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.map { Double($0.dropFirst(2)) ?? 0 } ?? 1
            switch parts.first {
            case "gzip", "x-gzip": return quality > 0
            case "*": accepted = quality > 0
            default: continue
            }
        }
        return accepted
    }
}

/// The CRC-32 of gzip and PNG (ISO 3309, reflected, polynomial 0xEDB88320).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    static func checksum(_ bytes: ByteBuffer, continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeReadableBytes { checksum($0, continuing: crc) }
    }

    static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        var crc = ~crc
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    /// The CRC of two byte strings one after the other, from each one's CRC and the second's length: zlib's
    /// `crc32_combine`, by multiplying by x^(8·length) modulo the polynomial.
    static func combine(_ first: UInt32, _ second: UInt32, length: Int) -> UInt32 {
        multiply(powerOfX(bytes: length), first) ^ second
    }

    /// a·b modulo the polynomial, both in the reflected bit order (bit 31 is x⁰).
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var (mask, product, b) = (UInt32(1) << 31, UInt32(0), b)
        while true {
            if a & mask != 0 {
                product ^= b
                if a & (mask - 1) == 0 { return product }
            }
            mask >>= 1
            b = b & 1 == 1 ? (b >> 1) ^ 0xEDB8_8320 : b >> 1
        }
    }

    /// x^(2^k) for k = 0…31, each the square of the one before.
    private static let powersOfTwo: [UInt32] = {
        var powers = [UInt32(1) << 30]
        for _ in 1..<32 { powers.append(multiply(powers.last!, powers.last!)) }
        return powers
    }()

    /// x^(8·bytes) modulo the polynomial.
    private static func powerOfX(bytes: Int) -> UInt32 {
        var (power, n, k) = (UInt32(1) << 31, bytes, 3)
        while n > 0 {
            if n & 1 == 1 { power = multiply(powersOfTwo[k & 31], power) }
            n >>= 1
            k += 1
        }
        return power
    }
}
