import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OutcryCore
import OutcryTestSupport
import Testing

@testable import OutcryWeb

/// Pages go out compressed to browsers that accept gzip, assembled from parts compressed apart, and
/// decompress to exactly the page sent to those that do not.
@Suite struct CompressedPagesTests {
    @Test func theChecksumIsGzipsAndCombinesAsIfComputedWhole() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        let first = Array("<!doctype html><title>Urgent Action</title>".utf8)
        let second = Array(String(repeating: "Release them now. ", count: 500).utf8)
        #expect(
            CRC32.combine(CRC32.checksum(first), CRC32.checksum(second), length: second.count) == CRC32.checksum(first + second))
        #expect(CRC32.combine(CRC32.checksum(first), CRC32.checksum([UInt8]()), length: 0) == CRC32.checksum(first))
    }

    @Test func partsCompressedApartMakeOneMemberThatZlibReadsBack() throws {
        let texts = ["<p>A page ", String(repeating: "with a long middle, ", count: 3000), "", "and a token ", "at the end.</p>"]
        let parts = texts.enumerated().map { index, text in
            index == 3 ? Gzip.stored(ByteBuffer(string: text)) : Gzip.compressed(ByteBuffer(string: text))
        }
        var body = Gzip.member(parts).reduce(into: ByteBuffer()) { whole, part in
            var part = part
            whole.writeBuffer(&part)
        }
        #expect(body.readableBytes < texts.joined().utf8.count / 10)
        #expect(String(buffer: try body.decompress(with: .gzip)) == texts.joined())
    }

    @Test(arguments: [
        ("gzip, deflate, br", true), ("br;q=1.0, gzip;q=0.8, *;q=0.1", true), ("GZIP", true), ("x-gzip", true),
        ("gzip;q=0", false), ("identity", false), ("", false), ("*", true), ("*;q=0", false), ("br, *;q=0.5", true),
        ("gzip; q=0.000", false), ("deflate", false), ("gzip;q=0.5", true), ("GZip ; Q=0", false), ("identity, gzip;q=1.0", true),
        ("deflate, gzip;q=0, *", false), ("br;q=0.9,gzip;q=0.8", true), ("gzipped", false), (",,gzip,,", true),
    ])
    func acceptEncodingIsReadAsHTTPSaysSo(value: String, accepted: Bool) {
        #expect(Gzip.isAccepted(by: value) == accepted)
    }

    @Test func theActionPageIsCompressedWithItsLiveHolesAndSaysItVaries() async throws {
        try await TestApp.withDemo { client in
            let token = try await client.formToken(on: "/actions/30-24")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_letter", "2")])
            let plain = try await client.execute(uri: "/actions/30-24", method: .get)
            let compressed = try await client.execute(uri: "/actions/30-24", method: .get, headers: [.acceptEncoding: "gzip, br"])
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(compressed.headers[.contentEncoding] == "gzip")
            #expect(plain.headers[.vary] == "Accept-Encoding")
            #expect(compressed.headers[.vary] == "Accept-Encoding")
            #expect(compressed.headers[.eTag] == plain.headers[.eTag])
            var body = compressed.body
            let page = String(buffer: try body.decompress(with: .gzip))
            #expect(page.contains("<strong>1 person</strong> has reported <strong>2 actions</strong>."), "the totals hole is filled")
            #expect(Self.withoutTokens(page) == Self.withoutTokens(plain.text))
            #expect(!page.contains("<!--outcry:"))
            #expect(compressed.body.readableBytes * 5 < plain.body.readableBytes * 2, "at most 40% of the bytes")
            let refused = try await client.execute(uri: "/actions/30-24", method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test func theStylesheetIsCompressedOnce() async throws {
        try await TestApp.withDemo { client in
            let plain = try await client.execute(uri: "/static/outcry.css", method: .get)
            let compressed = try await client.execute(uri: "/static/outcry.css", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(compressed.headers[.contentEncoding] == "gzip")
            #expect(compressed.headers[.vary] == "Accept-Encoding")
            var body = compressed.body
            #expect(try body.decompress(with: .gzip) == plain.body)
        }
    }

    /// The page with every form token's value taken out: they differ on every response.
    static func withoutTokens(_ page: String) -> String {
        page.replacing(/name="token" value="[^"]*"/, with: #"name="token" value="""#)
    }
}
