/// The CRC-32 of gzip and PNG (ISO 3309, reflected, polynomial 0xEDB88320).
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    public static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        var crc = ~crc
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }

    /// The same over bytes in memory, without the generic path: a form's token is checked on every page served.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var crc = ~crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return ~crc
    }

    /// The CRC of two byte strings one after the other, from each one's CRC and the second's length: zlib's
    /// `crc32_combine`, by multiplying by x^(8·length) modulo the polynomial.
    public static func combine(_ first: UInt32, _ second: UInt32, length: Int) -> UInt32 {
        multiply(powerOfX(bytes: length), first) ^ second
    }

    /// The same with the second's `shift(length:)` worked out beforehand.
    public static func combine(_ first: UInt32, _ second: UInt32, shift: UInt32) -> UInt32 {
        multiply(shift, first) ^ second
    }

    /// What combining with `length` bytes multiplies by: x^(8·length) modulo the polynomial.
    public static func shift(length: Int) -> UInt32 { length < smallShifts.count ? smallShifts[length] : powerOfX(bytes: length) }

    /// The shifts of short runs (a form's token), worked out once.
    private static let smallShifts: [UInt32] = (0..<256).map { powerOfX(bytes: $0) }

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
