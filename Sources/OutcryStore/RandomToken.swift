import Foundation
import OutcryCore
import Synchronization

/// Random bytes from the system's generator, as URL-safe base64 without padding.
public func randomToken(bytes count: Int) -> String {
    RandomPool.shared.withBytes(count) { Base64URL.encode($0) }
}

/// The system's cryptographic random bytes, drawn 4 KiB at a time: a page with a form asks for a nonce on
/// every view, and one system call per view would cost more than the rest of the token.
final class RandomPool: Sendable {
    static let shared = RandomPool()
    private static let size = 4096
    private let pool = Mutex<(bytes: [UInt8], used: Int)>(([], RandomPool.size))

    /// Calls `body` with `count` fresh random bytes, never handed out before.
    func withBytes<T>(_ count: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        guard count <= Self.size / 4 else {
            return Self.fresh(count).withUnsafeBytes(body)
        }
        let bytes: [UInt8] = pool.withLock { pool in
            if pool.used + count > pool.bytes.count {
                pool = (Self.fresh(Self.size), 0)
            }
            defer {
                // Spent bytes are overwritten so that no later reader of this memory sees them.
                for index in pool.used..<(pool.used + count) { pool.bytes[index] = 0 }
                pool.used += count
            }
            return Array(pool.bytes[pool.used..<(pool.used + count)])
        }
        return bytes.withUnsafeBytes(body)
    }

    /// From /dev/urandom in one read where there is one; otherwise eight bytes per draw from the generator.
    private static func fresh(_ count: Int) -> [UInt8] {
        if let device = FileHandle(forReadingAtPath: "/dev/urandom") {
            defer { try? device.close() }
            if let data = try? device.read(upToCount: count), data.count == count { return Array(data) }
        }
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in generator.next() }
    }
}
