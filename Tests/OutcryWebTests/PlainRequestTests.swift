import NIOCore
import Testing

@testable import OutcryWeb

/// The raw lane reads only requests it fully understands; everything else is left to the HTTP decoder.
@Suite struct PlainRequestTests {
    private func parse(_ text: String) -> PlainRequest? { PlainRequest.parse(ByteBuffer(string: text)) }

    @Test func readsAPlainGetWithItsValidatorAndConnection() throws {
        let head = "GET /actions/30-24?from=mail HTTP/1.1\r\nHost: example.org\r\nIf-None-Match:  W/\"abc\" \r\nConnection: Close\r\n\r\n"
        let request = try #require(parse(head + "GET /next"))
        #expect(
            request == PlainRequest(method: .get, path: "/actions/30-24", ifNoneMatch: "W/\"abc\"", closes: true, length: head.utf8.count))
        #expect(parse("GET / HTTP/1.1\r\n\r\n") == PlainRequest(method: .get, path: "/", length: 18))
    }

    @Test func readsAFormPostWithItsLengthTypeAndForwardedAddresses() throws {
        let head =
            "POST /actions/30-24/report HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
            + "Content-Length: 11\r\nX-Forwarded-For: 192.0.2.1\r\nx-forwarded-for: 2001:db8::1\r\n\r\n"
        let request = try #require(parse(head + "count_call="))
        #expect(
            request
                == PlainRequest(
                    method: .post, path: "/actions/30-24/report", contentLength: 11, isForm: true, forwardedFor: "192.0.2.1, 2001:db8::1",
                    length: head.utf8.count))
        #expect(parse("POST /a HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi")?.isForm == false)
        #expect(ReportPath.action("/actions/30-24/report").map { [$0.0.rawValue, $0.1.rawValue] } == ["30-24", "en"])
        #expect(ReportPath.action("/ky/actions/30-24/report").map { [$0.0.rawValue, $0.1.rawValue] } == ["30-24", "ky"])
        #expect(ReportPath.action("/xx/actions/30-24/report") == nil)
        #expect(ReportPath.action("/actions/30-24/thanks") == nil)
        #expect(ReportPath.action("/actions/../report") == nil)
    }

    @Test(arguments: [
        "GET /a HTTP/1.1\r\nHost: x\r\n",  // not complete yet
        "PUT /a HTTP/1.1\r\nHost: x\r\n\r\n",
        "HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /a HTTP/1.1\r\nHost: x\r\n\r\n",  // no length
        "POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
        "POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
        "GET /a HTTP/1.0\r\n\r\n",
        "GET http://example.org/a HTTP/1.1\r\n\r\n",
        "GET /a b HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        "GET /a HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET /a HTTP/1.1\r\nUpgrade: websocket\r\n\r\n",
        "GET /a HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: x\nX: y\r\n\r\n",  // bare LF
        "GET /a HTTP/1.1\r\nHost: x\rX: y\r\n\r\n",  // bare CR
        "GET /a HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
        "GET /a HTTP/1.1\r\nBad Name: y\r\n\r\n",
        "GET /a HTTP/1.1\r\n: no name\r\n\r\n",
        "GET /a HTTP/1.1\r\nno colon\r\n\r\n",
        "GET /\u{e9} HTTP/1.1\r\n\r\n",
        // What the decoder and router judge, so the answer never depends on the lane that took it.
        "GET /a HTTP/1.1\r\nX-Name: a\u{01}b\r\n\r\n",
        "GET /a HTTP/1.1\r\nX-Name: a\u{7F}b\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx",
        "GET /a HTTP/1.1\r\nConnection: keep-alive, x-closed\r\n\r\n",
        "GET /a HTTP/1.1\r\nConnection: upgrade\r\n\r\n",
    ])
    func leavesEverythingElseToTheDecoder(head: String) {
        #expect(parse(head) == nil)
    }

    @Test func aHeadLongerThanTheLimitIsLeftToTheDecoder() {
        let long = "GET /a HTTP/1.1\r\nX-Padding: \(String(repeating: "a", count: RawLaneHandler.maximumHead))\r\n\r\n"
        #expect(parse(long) == nil)
    }

    @Test func aTabInAValueAndEitherConnectionWordStayOnTheLane() throws {
        #expect(parse("GET /a HTTP/1.1\r\nX-Name: a\tb\r\nConnection: Keep-Alive\r\n\r\n")?.closes == false)
        #expect(parse("GET /a HTTP/1.1\r\nConnection: close\r\n\r\n")?.closes == true)
    }

    @Test func aFormSaysWhereItComesFrom() throws {
        let head =
            "POST /actions/30-24/report HTTP/1.1\r\nHost: act.example.org\r\nOrigin: https://evil.example\r\n"
            + "Sec-Fetch-Site: cross-site\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1\r\n\r\nx"
        let request = try #require(parse(head))
        #expect(request.origin == "https://evil.example")
        #expect(request.fetchSite == "cross-site")
        #expect(request.host == "act.example.org")
    }
}

/// Forms from another site are refused, by what the browser says of where they come from.
@Suite struct OriginCheckTests {
    let check = OriginCheck(publicURL: "https://act.example.org/")

    @Test func theBrowsersOwnWordDecidesWhenItGivesIt() {
        #expect(check.allows(origin: "https://evil.example", fetchSite: "same-origin", host: "10.0.0.5:8080"))
        #expect(check.allows(origin: nil, fetchSite: "none", host: nil))
        #expect(!check.allows(origin: "https://act.example.org", fetchSite: "cross-site", host: "act.example.org"))
        #expect(!check.allows(origin: nil, fetchSite: "same-site", host: nil))
    }

    @Test func otherwiseTheOriginMustBeThisSite() {
        #expect(check.allows(origin: "https://act.example.org", fetchSite: nil, host: "127.0.0.1:8080"), "the public URL")
        #expect(check.allows(origin: "http://127.0.0.1:8080", fetchSite: nil, host: "127.0.0.1:8080"), "the address the browser used")
        #expect(!check.allows(origin: "https://evil.example", fetchSite: nil, host: "act.example.org"))
        #expect(!check.allows(origin: "null", fetchSite: nil, host: "act.example.org"))
        #expect(check.allows(origin: nil, fetchSite: nil, host: nil), "no word either way: the form's own token decides")
    }
}
