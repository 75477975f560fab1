import CompressNIO
import NIOCore
import OutcryCore

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
        /// x^(8·length) modulo the CRC's polynomial, worked out once: combining this part's CRC with what
        /// came before costs one multiplication per response.
        let shift: UInt32

        init(blocks: ByteBuffer, of bytes: ByteBuffer) {
            self.blocks = blocks
            checksum = bytes.withUnsafeReadableBytes { CRC32.checksum($0) }
            length = bytes.readableBytes
            shift = CRC32.shift(length: length)
        }

        /// The same part with the member's header before its blocks: one buffer fewer to write per response.
        func withHeader() -> Part {
            var blocks = Gzip.header
            var own = self.blocks
            blocks.writeBuffer(&own)
            return Part(blocks: blocks, checksum: checksum, length: length, shift: shift)
        }

        private init(blocks: ByteBuffer, checksum: UInt32, length: Int, shift: UInt32) {
            (self.blocks, self.checksum, self.length, self.shift) = (blocks, checksum, length, shift)
        }
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
            if input.readableBytes == 0 { return Part(blocks: output, of: bytes) }
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
        return Part(blocks: output, of: bytes)
    }

    /// The end of the member: an empty final block, then the CRC and the length of everything before it.
    static func trailer(checksum: UInt32, length: Int) -> ByteBuffer {
        var trailer = ByteBuffer(bytes: [0x03, 0x00])
        trailer.writeInteger(checksum, endianness: .little)
        trailer.writeInteger(UInt32(truncatingIfNeeded: length), endianness: .little)
        return trailer
    }

    /// The whole body for parts in order: header (unless the first part carries it), their blocks, trailer.
    static func member(_ parts: [Part], firstHasHeader: Bool = false) -> [ByteBuffer] {
        var checksum: UInt32 = 0
        var length = 0
        var buffers = firstHasHeader ? [] : [header]
        buffers.reserveCapacity(parts.count + 2)
        for part in parts {
            checksum = CRC32.combine(checksum, part.checksum, shift: part.shift)
            length += part.length
            buffers.append(part.blocks)
        }
        buffers.append(trailer(checksum: checksum, length: length))
        return buffers
    }

    /// Whether an `Accept-Encoding` value allows gzip: `gzip` (or `x-gzip`, or `*`) listed without `q=0`.
    /// Read on the bytes without allocating: it runs for every page served.
    static func isAccepted(by acceptEncoding: String) -> Bool {
        var value = acceptEncoding
        return value.withUTF8 { isAccepted(by: $0) }
    }

    static func isAccepted(by bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var wildcard = false
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
            // One item: a coding, then parameters after semicolons.
            var tokenEnd = start
            while tokenEnd < end, bytes[tokenEnd] != UInt8(ascii: ";") { tokenEnd += 1 }
            let token = trimmed(bytes, start, tokenEnd)
            let isGzip = equalsIgnoringCase(bytes, token, "gzip") || equalsIgnoringCase(bytes, token, "x-gzip")
            if isGzip || equalsIgnoringCase(bytes, token, "*") {
                let allowed = !hasZeroQuality(bytes, tokenEnd, end)
                if isGzip { return allowed }
                wildcard = allowed
            }
            start = end + 1
        }
        return wildcard
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var (low, high) = (start, end)
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
        return low..<high
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in
            expected.indices.allSatisfy { (bytes[range.lowerBound + $0] | 0x20) == (expected[$0] | 0x20) }
        }
    }

    /// Whether the parameters between `start` and `end` (`;q=0`, `; q=0.000`) set the quality to zero.
    private static func hasZeroQuality(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end {
            guard bytes[index] == UInt8(ascii: ";") else {
                index += 1
                continue
            }
            var next = index + 1
            while next < end, bytes[next] != UInt8(ascii: ";") { next += 1 }
            let parameter = trimmed(bytes, index + 1, next)
            if parameter.count >= 2, bytes[parameter.lowerBound] | 0x20 == UInt8(ascii: "q"),
                bytes[parameter.lowerBound + 1] == UInt8(ascii: "=")
            {
                // q=0, q=0., q=0.0… is zero; anything else with a digit other than 0 is not.
                let digits = bytes[(parameter.lowerBound + 2)..<parameter.upperBound]
                return !digits.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
            }
            index = next
        }
        return false
    }
}
