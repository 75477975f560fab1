import Testing

@testable import OutcryWeb

/// The QR encoder against the standard's own figures; a real reader (`zbarimg`) decodes what Chromium
/// draws of it in the browser tests.
@Suite struct QRCodeTests {
    /// ISO/IEC 18004's table of format information for level M, masks 0 to 7.
    @Test func formatBitsAreTheStandardsForLevelM() {
        let table = [
            0b101_0100_0001_0010, 0b101_0001_0010_0101, 0b101_1110_0111_1100, 0b101_1011_0100_1011,
            0b100_0101_1111_1001, 0b100_0000_1100_1110, 0b100_1111_1001_0111, 0b100_1010_1010_0000,
        ]
        #expect((0..<8).map(QRCode.formatBits(mask:)) == table)
    }

    @Test func versionBitsAndCapacitiesAreTheStandards() {
        #expect([7, 8, 9, 10].map(QRCode.versionBits) == [0x07C94, 0x085BC, 0x09A99, 0x0A4D3])
        #expect([1, 2, 7, 10].map { QRCode.dataCodewords(version: $0) } == [16, 28, 124, 216])
        #expect(QRCode.alignmentPositions(version: 7, size: 45) == [6, 22, 38])
    }

    /// The worked example of the standard's tutorials: "HELLO WORLD" at 1-M.
    @Test func reedSolomonGivesTheKnownErrorCorrection() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(of: data, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func aSetupAddressBecomesASymbolWithBothCopiesOfItsFormat() throws {
        let address = "otpauth://totp/Outcry:editor%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Outcry"
        let code = try #require(QRCode(address))
        #expect(code.size == code.version * 4 + 17)
        let format = QRCode.formatBits(mask: code.mask)
        let first =
            (0...5).map { code.modules[$0][8] } + [code.modules[7][8], code.modules[8][8], code.modules[8][7]]
            + (9..<15).map { code.modules[8][14 - $0] }
        let second = (0..<8).map { code.modules[8][code.size - 1 - $0] } + (8..<15).map { code.modules[code.size - 15 + $0][8] }
        let expected = (0..<15).map { (format >> $0) & 1 == 1 }
        #expect(first == expected && second == expected)
        #expect(code.modules[code.size - 8][8], "the dark module")
        // The finder patterns' rings: dark, light, then the 3×3 dark centre.
        #expect(code.modules[0][0] && !code.modules[1][1] && code.modules[3][3] && !code.modules[7][7])
        let svg = code.svg(label: "QR <code>")
        #expect(
            svg.hasPrefix(#"<svg class="qr" viewBox="0 0 \#(code.size + 8) \#(code.size + 8)" role="img" aria-label="QR &lt;code&gt;""#))
        #expect(QRCode(String(repeating: "x", count: 300)) == nil, "longer than version 10 holds")
    }
}
