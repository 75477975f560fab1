import Foundation
import OutcryCore
import Testing

/// Pictures made by a real encoder (Pillow) with what a phone writes into them: GPS position, camera
/// make, model and serial, the owner's name, a comment, XMP with a city, PNG text chunks.
@Suite struct CleanImageTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/images")

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// What must never come out, as it is written in the fixtures.
    static let secrets = ["PhoneMaker", "Phone 12", "SERIAL-4711-0815", "Owner Name", "courthouse", "Bishkek", "42.875", "GPS"]

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test(arguments: [
        ("portrait-gps.jpg", CleanImage.Format.jpeg), ("portrait-progressive.jpg", .jpeg), ("portrait-text.png", .png),
        ("portrait-exif.webp", .webp), ("portrait-lossless.webp", .webp),
    ])
    func everythingButThePictureIsTakenOut(name: String, format: CleanImage.Format) throws {
        let original = try Self.fixture(name)
        #expect(Self.secrets.contains { Self.contains(original, $0) }, "the fixture carries what a phone writes")
        let image = try CleanImage(original)
        #expect(image.format == format)
        #expect(image.width == 48 && image.height == 32)
        for secret in Self.secrets { #expect(!Self.contains(image.bytes, secret), "\(secret) in \(name)") }
        #expect(image.bytes.count < original.count)
        #expect(try CleanImage(image.bytes) == image, "cleaning again changes nothing: nothing was left half-cut")
    }

    @Test func aPhotoTurnedSidewaysStillShowsUpright() throws {
        let image = try CleanImage(try Self.fixture("portrait-gps.jpg"))
        // The one EXIF entry kept: Orientation (0x0112), a SHORT, value 6.
        #expect(Self.contains(image.bytes, "Exif\0\0MM\0*"))
        let entry: [UInt8] = [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06]
        #expect(Self.contains(image.bytes, String(decoding: entry, as: UTF8.self)))
    }

    @Test func otherFilesAndBrokenPicturesAreRefused() throws {
        #expect(throws: CleanImage.Problem.notAPicture) { try CleanImage(try Self.fixture("not-a-picture.gif")) }
        #expect(throws: CleanImage.Problem.notAPicture) { try CleanImage(Array("%PDF-1.7".utf8)) }
        #expect(throws: CleanImage.Problem.notAPicture) { try CleanImage([]) }
        for name in ["portrait-gps.jpg", "portrait-text.png", "portrait-exif.webp"] {
            let whole = try Self.fixture(name)
            // Cut anywhere before its end, a picture is damaged, never half-stored.
            for length in stride(from: 3, to: whole.count - 2, by: 7) {
                #expect(throws: CleanImage.Problem.self) { try CleanImage(Array(whole.prefix(length))) }
            }
        }
        var png = try Self.fixture("portrait-text.png")
        png[20] ^= 0xFF
        #expect(throws: CleanImage.Problem.damaged, "a chunk whose checksum fails") { try CleanImage(png) }
    }

    @Test func aHugePictureIsRefusedByItsHeaderAlone() throws {
        var png = try Self.fixture("portrait-text.png")
        // IHDR width 20,000: the checksum follows the change, so only the size is wrong.
        png.replaceSubrange(16..<20, with: [0x00, 0x00, 0x4E, 0x20])
        let crc = CRC32.checksum(png[12..<29])
        png.replaceSubrange(29..<33, with: (0..<4).map { UInt8(crc >> (24 - $0 * 8) & 0xFF) })
        #expect(throws: CleanImage.Problem.tooLarge(width: 20_000, height: 32)) { try CleanImage(png) }
    }
}
