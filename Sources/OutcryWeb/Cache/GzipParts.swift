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
            if input.readableBytes == 0 {
                return Part(blocks: output, checksum: bytes.withUnsafeReadableBytes { CRC32.checksum($0) }, length: bytes.readableBytes)
            }
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
        return Part(blocks: output, checksum: bytes.withUnsafeReadableBytes { CRC32.checksum($0) }, length: bytes.readableBytes)
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
