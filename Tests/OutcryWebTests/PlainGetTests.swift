import NIOCore
import Testing

@testable import OutcryWeb

/// The fast lane reads only requests it fully understands; everything else is left to the HTTP decoder.
@Suite struct PlainGetTests {
    private func parse(_ text: String) -> PlainGet? { PlainGet.parse(ByteBuffer(string: text)) }

    @Test func readsAPlainGetWithItsValidatorAndConnection() throws {
        let head = "GET /actions/30-24?from=mail HTTP/1.1\r\nHost: example.org\r\nIf-None-Match:  W/\"abc\" \r\nConnection: Close\r\n\r\n"
        let request = try #require(parse(head + "GET /next"))
        #expect(request == PlainGet(path: "/actions/30-24", ifNoneMatch: "W/\"abc\"", closes: true, length: head.utf8.count))
        #expect(parse("GET / HTTP/1.1\r\n\r\n") == PlainGet(path: "/", ifNoneMatch: nil, closes: false, length: 18))
    }

    @Test(arguments: [
        "GET /a HTTP/1.1\r\nHost: x\r\n",  // not complete yet
        "POST /a HTTP/1.1\r\nHost: x\r\n\r\n",
        "HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /a HTTP/1.0\r\n\r\n",
        "GET http://example.org/a HTTP/1.1\r\n\r\n",
        "GET /a b HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        "GET /a HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n",
        "GET /a HTTP/1.1\r\nUpgrade: websocket\r\n\r\n",
        "GET /a HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: x\nX: y\r\n\r\n",  // bare LF
        "GET /a HTTP/1.1\r\nHost: x\rX: y\r\n\r\n",  // bare CR
        "GET /a HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
        "GET /a HTTP/1.1\r\nBad Name: y\r\n\r\n",
        "GET /a HTTP/1.1\r\n: no name\r\n\r\n",
        "GET /a HTTP/1.1\r\nno colon\r\n\r\n",
        "GET /\u{e9} HTTP/1.1\r\n\r\n",
    ])
    func leavesEverythingElseToTheDecoder(head: String) {
        #expect(parse(head) == nil)
    }

    @Test func aHeadLongerThanTheLimitIsLeftToTheDecoder() {
        let long = "GET /a HTTP/1.1\r\nX-Padding: \(String(repeating: "a", count: RawPageHandler.maximumHead))\r\n\r\n"
        #expect(parse(long) == nil)
    }
}
