/// A picture as it may be stored and shown: a JPEG, PNG or WebP judged by its content, never by its
/// name, with everything but the picture taken out. A phone's photo carries where it was taken (EXIF
/// GPS), the camera's serial number, the owner's name, the editing software and a thumbnail that may
/// show what was cropped away; for a portrait of someone at risk, any of these can endanger them or
/// whoever took it. Only what draws the picture is kept, and an orientation, so it still shows upright.
public struct CleanImage: Hashable, Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case jpeg, png, webp

        public var mediaType: String { "image/\(rawValue)" }
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// Neither JPEG, PNG nor WebP (a GIF, a PDF, a renamed file).
        case notAPicture
        /// It starts as one but its structure is broken or cut short.
        case damaged
        /// Larger than `maximumSide` pixels on a side.
        case tooLarge(width: Int, height: Int)
    }

    public static let maximumSide = 8_000

    public let format: Format
    public let bytes: [UInt8]
    public let width: Int
    public let height: Int

    /// The picture in `bytes`, cleaned.
    public init(_ bytes: [UInt8]) throws(Problem) {
        let cleaned: (bytes: [UInt8], width: Int, height: Int)
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            format = .jpeg
            cleaned = try Self.cleanJPEG(bytes)
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            format = .png
            cleaned = try Self.cleanPNG(bytes)
        } else if bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) {
            format = .webp
            cleaned = try Self.cleanWebP(bytes)
        } else {
            throw .notAPicture
        }
        guard cleaned.width > 0, cleaned.height > 0 else { throw .damaged }
        guard cleaned.width <= Self.maximumSide, cleaned.height <= Self.maximumSide else {
            throw .tooLarge(width: cleaned.width, height: cleaned.height)
        }
        (self.bytes, width, height) = cleaned
    }

    // MARK: JPEG

    /// Keeps the markers that draw the picture (tables, frame, scans, restart intervals) and JFIF's; drops
    /// every other application segment (EXIF, XMP, IPTC, ICC, makers' notes) and comments, and writes the
    /// EXIF orientation back alone.
    private static func cleanJPEG(_ bytes: [UInt8]) throws(Problem) -> ([UInt8], Int, Int) {
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        var size: (Int, Int)?
        var orientation: UInt16?
        var wroteOrientation = false
        while true {
            // Fill bytes (0xFF) may come before a marker.
            guard index < bytes.count, bytes[index] == 0xFF else { throw .damaged }
            while index < bytes.count, bytes[index] == 0xFF { index += 1 }
            guard index < bytes.count else { throw .damaged }
            let marker = bytes[index]
            index += 1
            if marker == 0xD9 {
                output += [0xFF, 0xD9]
                break
            }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                output += [0xFF, marker]
                continue
            }
            guard index + 2 <= bytes.count else { throw .damaged }
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            guard length >= 2, index + length <= bytes.count else { throw .damaged }
            let segment = bytes[index..<(index + length)]
            let payload = bytes[(index + 2)..<(index + length)]
            index += length
            switch marker {
            case 0xE1:
                orientation = orientation ?? exifOrientation(payload)
                continue
            case 0xE0:
                // JFIF (or JFXX) alone; its optional thumbnail is cut off.
                guard payload.starts(with: Array("JFIF\0".utf8)), payload.count >= 14 else { continue }
                output += [0xFF, 0xE0, 0x00, 0x10] + payload.prefix(12) + [0, 0]
                continue
            case 0xE2...0xEF, 0xFE:
                continue
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                guard payload.count >= 5 else { throw .damaged }
                let base = payload.startIndex
                size = (Int(payload[base + 3]) << 8 | Int(payload[base + 4]), Int(payload[base + 1]) << 8 | Int(payload[base + 2]))
            default:
                break
            }
            if !wroteOrientation, let orientation, orientation != 1 {
                output += orientationSegment(orientation)
                wroteOrientation = true
            }
            output += [0xFF, marker]
            output += segment
            if marker == 0xDA {
                // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
                let start = index
                while index + 1 < bytes.count {
                    if bytes[index] == 0xFF, bytes[index + 1] != 0x00, !(0xD0...0xD7).contains(bytes[index + 1]) { break }
                    index += 1
                }
                guard index + 1 < bytes.count else { throw .damaged }
                output += bytes[start..<index]
            }
        }
        guard let (width, height) = size else { throw .damaged }
        return (output, width, height)
    }

    /// The Orientation tag (0x0112) of an EXIF segment's first directory, if it has one.
    private static func exifOrientation(_ payload: ArraySlice<UInt8>) -> UInt16? {
        let exif = Array(payload)
        guard exif.count >= 14, exif.starts(with: Array("Exif\0\0".utf8)) else { return nil }
        let tiff = 6
        let big = exif[tiff] == 0x4D
        func integer(_ at: Int, _ size: Int) -> Int? {
            guard at >= 0, at + size <= exif.count else { return nil }
            let bytes = exif[at..<(at + size)]
            return (big ? bytes.reduce(0) { $0 << 8 | Int($1) } : bytes.reversed().reduce(0) { $0 << 8 | Int($1) })
        }
        guard let first = integer(tiff + 4, 4), let count = integer(tiff + first, 2) else { return nil }
        for entry in 0..<min(count, 200) {
            let at = tiff + first + 2 + entry * 12
            guard let tag = integer(at, 2) else { return nil }
            if tag == 0x0112, let value = integer(at + 8, 2), (1...8).contains(value) { return UInt16(value) }
        }
        return nil
    }

    /// An EXIF segment that says only how to turn the picture: one directory of one entry.
    private static func orientationSegment(_ orientation: UInt16) -> [UInt8] {
        let tiff: [UInt8] =
            [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8] + [0, 1] + [0x01, 0x12, 0, 3, 0, 0, 0, 1]
            + [UInt8(orientation >> 8), UInt8(orientation & 0xFF), 0, 0] + [0, 0, 0, 0]
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    // MARK: PNG

    /// The chunks that draw the picture and its colours; text, time, EXIF and unknown chunks go.
    private static let keptPNGChunks: Set<String> = [
        "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT",
    ]

    private static func cleanPNG(_ bytes: [UInt8]) throws(Problem) -> ([UInt8], Int, Int) {
        var output = Array(bytes[0..<8])
        var index = 8
        var size: (Int, Int)?
        while true {
            guard index + 12 <= bytes.count else { throw .damaged }
            let length = bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard length < 1 << 31, index + 12 + length <= bytes.count else { throw .damaged }
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            let data = bytes[(index + 8)..<(index + 8 + length)]
            let stored = UInt32(bytes[(index + 8 + length)..<(index + 12 + length)].reduce(0) { $0 << 8 | Int($1) })
            guard CRC32.checksum(bytes[(index + 4)..<(index + 8 + length)]) == stored else { throw .damaged }
            if type == "IHDR" {
                guard length == 13 else { throw .damaged }
                let base = data.startIndex
                size = (
                    data[base..<(base + 4)].reduce(0) { $0 << 8 | Int($1) }, data[(base + 4)..<(base + 8)].reduce(0) { $0 << 8 | Int($1) }
                )
            }
            if keptPNGChunks.contains(type) { output += bytes[index..<(index + 12 + length)] }
            index += 12 + length
            if type == "IEND" { break }
        }
        guard let (width, height) = size else { throw .damaged }
        return (output, width, height)
    }

    // MARK: WebP

    /// The chunks that draw a still or animated WebP and its colours; EXIF, XMP and unknown chunks go.
    private static let keptWebPChunks: Set<String> = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]

    private static func cleanWebP(_ bytes: [UInt8]) throws(Problem) -> ([UInt8], Int, Int) {
        func little(_ at: Int, _ size: Int) -> Int { bytes[at..<(at + size)].reversed().reduce(0) { $0 << 8 | Int($1) } }
        let end = little(4, 4) + 8
        guard end <= bytes.count, end >= 12 else { throw .damaged }
        var chunks: [UInt8] = []
        var index = 12
        var size: (Int, Int)?
        while index < end {
            guard index + 8 <= end else { throw .damaged }
            let type = String(decoding: bytes[index..<(index + 4)], as: UTF8.self)
            let length = little(index + 4, 4)
            let padded = length + length % 2
            guard index + 8 + padded <= end else { throw .damaged }
            let data = index + 8
            switch type {
            case "VP8X" where length >= 10:
                size = (little(data + 4, 3) + 1, little(data + 7, 3) + 1)
            case "VP8 " where size == nil && length >= 10:
                guard bytes[(data + 3)..<(data + 6)].elementsEqual([0x9D, 0x01, 0x2A]) else { throw .damaged }
                size = (little(data + 6, 2) & 0x3FFF, little(data + 8, 2) & 0x3FFF)
            case "VP8L" where size == nil && length >= 5:
                guard bytes[data] == 0x2F else { throw .damaged }
                let bits = little(data + 1, 4)
                size = ((bits & 0x3FFF) + 1, (bits >> 14 & 0x3FFF) + 1)
            default:
                break
            }
            if keptWebPChunks.contains(type) {
                var chunk = Array(bytes[index..<(data + padded)])
                // VP8X says which chunks follow: no longer EXIF (bit 3) nor XMP (bit 2).
                if type == "VP8X" { chunk[8] &= ~0x0C }
                chunks += chunk
            }
            index = data + padded
        }
        guard let (width, height) = size else { throw .damaged }
        let total = UInt32(chunks.count + 4)
        let header = Array("RIFF".utf8) + (0..<4).map { UInt8(total >> ($0 * 8) & 0xFF) } + Array("WEBP".utf8)
        return (header + chunks, width, height)
    }
}
