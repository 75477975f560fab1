import Foundation
import NIOCore
import Testing

@testable import OutcryMail

/// The SMTP client against a real server: plain, STARTTLS and implicit TLS, AUTH, refusals, SMTPUTF8.
@Suite(.serialized) struct SMTPClientTests {
    static func message(to: String = "ana@example.org", subject: String = "Urgent Action 30.24: Kyrgyzstan") -> MailMessage {
        MailMessage(
            from: MailAddress("alerts@outcry.example", name: "Outcry Alerts"), to: MailAddress(to, name: "Ана Иванова"),
            subject: subject, text: "Write to the President today.\n.A line that starts with a dot.\n.\nEnd.",
            html: "<p>Write to the <b>President</b> today.</p>", messageID: "ua-30-24.\(UUID().uuidString)@outcry.example",
            date: Date(timeIntervalSince1970: 1_795_777_326),
            headers: [
                .init("List-Unsubscribe", "<https://outcry.example/alerts/unsubscribe/x>"),
                .init("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ])
    }

    @Test func aMessageArrivesWholeOverAPlainConnection() async throws {
        let server = try TestSMTPServer(.plain)
        let message = Self.message(subject: "Кыргызстан: журналисты под арестом — write today")
        try await SMTPClient(configuration: server.configuration(.none)).withSession { try await $0.send(message) }
        let received = try server.received()
        #expect(received.count == 1)
        #expect(received[0].from == "alerts@outcry.example")
        #expect(received[0].to == ["ana@example.org"])
        let data = received[0].data
        #expect(data.contains("Message-ID: <\(message.messageID)>"))
        #expect(data.contains("Date: Fri, 27 Nov 2026 11:02:06 +0000"))
        #expect(data.contains("Subject: =?UTF-8?B?"))
        #expect(data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(data.contains("Content-Type: multipart/alternative;"))
        // The server undoes the dot-stuffing: the body is exactly what was written.
        let body = try #require(
            data.components(separatedBy: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n").last?
                .components(separatedBy: "\r\n--").first)
        let decoded = String(decoding: Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
        #expect(decoded == "Write to the President today.\r\n.A line that starts with a dot.\r\n.\r\nEnd.")
    }

    @Test func startTLSWithAuthenticationAndAClearErrorForAWrongPassword() async throws {
        let server = try TestSMTPServer(.starttls, auth: true)
        try await SMTPClient(configuration: server.configuration(.startTLS, username: "outcry", password: "secret")).withSession {
            try await $0.send(Self.message())
        }
        #expect(try server.received().count == 1)
        await #expect {
            try await SMTPClient(configuration: server.configuration(.startTLS, username: "outcry", password: "wrong")).withSession { _ in }
        } throws: { error in
            guard case SMTPError.authenticationFailed(let code, _) = error else { return false }
            return code == 535 && !"\(error)".contains("wrong")
        }
    }

    @Test func authLoginWhenTheServerOffersNoPlain() async throws {
        let server = try TestSMTPServer(.starttls, auth: true, loginOnly: true)
        try await SMTPClient(configuration: server.configuration(.startTLS, username: "outcry", password: "secret")).withSession {
            #expect($0.authMechanisms == ["LOGIN"], "so signing in went through AUTH LOGIN")
            try await $0.send(Self.message())
        }
        #expect(try server.received().count == 1)
        await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: server.configuration(.startTLS, username: "outcry", password: "nope")).withSession { _ in }
        }
    }

    @Test func implicitTLSWithAuthentication() async throws {
        let server = try TestSMTPServer(.tls, auth: true)
        try await SMTPClient(configuration: server.configuration(.tls, username: "outcry", password: "secret")).withSession {
            try await $0.send(Self.message())
            try await $0.send(Self.message(to: "bo@example.org"))
        }
        #expect(try server.received().map(\.to) == [["ana@example.org"], ["bo@example.org"]])
    }

    @Test func aRefusedRecipientIsNamedAndTheSessionGoesOn() async throws {
        let server = try TestSMTPServer(.plain)
        try await SMTPClient(configuration: server.configuration(.none)).withSession { session in
            await #expect(throws: SMTPError.recipientRefused(address: "refuse@example.org", code: 550, text: "5.1.1 No such mailbox here"))
            {
                try await session.send(Self.message(to: "refuse@example.org"))
            }
            try await session.send(Self.message(to: "ok@example.org"))
        }
        #expect(try server.received().map(\.to) == [["ok@example.org"]])
    }

    @Test func nothingIsSentInClearWhenTheServerCannotStartTLS() async throws {
        let server = try TestSMTPServer(.plain)
        await #expect(throws: SMTPError.tlsUnavailable) {
            try await SMTPClient(configuration: server.configuration(.startTLS)).withSession { try await $0.send(Self.message()) }
        }
        #expect(try server.received().isEmpty)
    }

    @Test func anInternationalisedAddressGoesOutWithSMTPUTF8() async throws {
        let server = try TestSMTPServer(.plain)
        try await SMTPClient(configuration: server.configuration(.none)).withSession {
            try await $0.send(Self.message(to: "айгуль@пример.рф"))
        }
        #expect(try server.received().first?.to == ["айгуль@пример.рф"])
    }

    /// The clock runs only while the server owes an answer: a client whose own machine is busy between two
    /// commands keeps its connection, and a server that does not answer in time is a clear, temporary error.
    @Test func onlyTheServersSilenceRunsOutTheTimeout() async throws {
        let server = try TestSMTPServer(.plain, delay: 2)
        let configuration = server.configuration(.none, timeout: .seconds(1))
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration).withSession { session in
                try await Task.sleep(for: .milliseconds(1500))
                try await session.send(Self.message())
            }
        }
        #expect(error == .connectionClosed)
        #expect(error?.isTemporary == true)
        // The server did take the message after its delay; the client rightly could not know.
        let patient = server.configuration(.none, timeout: .seconds(4))
        try await SMTPClient(configuration: patient).withSession { session in
            try await Task.sleep(for: .seconds(5))
            try await session.send(Self.message(to: "ben@example.org"))
        }
        #expect(try server.received().map(\.to).contains(["ben@example.org"]))
    }

    @Test func noServerListeningIsAClearError() async throws {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: 1, security: .none, timeout: .seconds(2))
        await #expect {
            try await SMTPClient(configuration: configuration).withSession { _ in }
        } throws: { error in
            (error as? SMTPError).map { if case .cannotConnect = $0 { true } else { false } } ?? false
        }
    }
}

@Suite struct MIMEWriterTests {
    @Test func longNonASCIISubjectsBecomeFoldedEncodedWordsThatDecodeBack() {
        let subject = String(repeating: "Журналисты Temirov LIVE — ", count: 6)
        let encoded = MIMEWriter.encodedWords(subject, prefixLength: 9)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        let decoded = words.map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }.joined()
        #expect(decoded == subject)
        #expect(MIMEWriter.encodedWords("Plain ASCII subject", prefixLength: 9) == "Plain ASCII subject")
    }

    @Test func displayNamesAreQuotedOrEncoded() {
        #expect(MIMEWriter.address(MailAddress("a@example.org", name: #"Say "hi""#)) == #""Say \"hi\"" <a@example.org>"#)
        #expect(MIMEWriter.address(MailAddress("a@example.org", name: "Ана")).hasPrefix("=?UTF-8?B?"))
        #expect(MIMEWriter.address(MailAddress("a@example.org")) == "<a@example.org>")
    }

    @Test func theDataSectionStuffsDotsAndEnds() {
        #expect(MIMEWriter.dataSection("a\r\n.b\r\n.\r\n") == "a\r\n..b\r\n..\r\n.\r\n")
        #expect(MIMEWriter.dataSection(".a\r\nb.\r\n.c") == "..a\r\nb.\r\n..c\r\n.\r\n", "the first line, and a last one without its end")
        #expect(MIMEWriter.dataSection("a\n.b\r\n") == "a\n.b\r\n.\r\n", "only CRLF ends a line")
    }

    @Test func datesAreInEnglishAndUTC() {
        #expect(MIMEWriter.date(Date(timeIntervalSince1970: 1_795_777_326)) == "Fri, 27 Nov 2026 11:02:06 +0000")
        #expect(MIMEWriter.date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    /// Whatever ends the text's lines, the part decodes back to it with CRLF ends, every byte kept.
    @Test func bodiesKeepTheirBytesWithCRLFLineEnds() {
        var message = SMTPClientTests.message()
        message.text = "Первая строка\nsecond\r\n.third\n\nlast"
        let rendered = MIMEWriter.render(message)
        let base64 = rendered.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n")[1]
            .components(separatedBy: "\r\n--")[0].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(decoding: Data(base64Encoded: base64)!, as: UTF8.self) == "Первая строка\r\nsecond\r\n.third\r\n\r\nlast")
    }

    @Test func everyLineEndsWithCRLFAndStaysShort() {
        let rendered = MIMEWriter.render(SMTPClientTests.message())
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    }
}
