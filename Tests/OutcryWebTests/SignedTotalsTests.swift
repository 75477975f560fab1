import Crypto
import Foundation
import HummingbirdTesting
import OutcryCore
import OutcryStore
import OutcryTestSupport
import SQLKit
import Testing

@testable import OutcryWeb

/// Totals that can be checked: the report to an official and the CSV carry a statement signed with the
/// site's Ed25519 key; the verification page confirms a genuine one by its code or pasted, refuses a
/// changed one, and says when the action's hash-chained daily record no longer holds what it saw.
@Suite struct SignedTotalsTests {
    @Test func aSignedReportIsConfirmedByItsCodeAndByItsTextAndATamperedOneIsRefused() async throws {
        try await TestApp.withCoordinators { client, store in
            for letters in ["2", "5"] {
                let token = try await client.formToken(on: "/actions/30-24")
                _ = try await client.submit(
                    "/actions/30-24/report", [("token", token), ("count_letter", letters), ("target", "sadyr-japarov"), ("country", "DE")])
            }
            let report = try await client.execute(uri: "/actions/30-24/officials/sadyr-japarov", method: .get).text
            let link = try #require(Self.between(report, #"<p class="statement-code" translate="no"><a href=""#, "</a>"))
            let code = try #require(link.split(separator: ">").last.map(String.init))
            #expect(SignedTotalsStatement.normalisedCode(code) == code)
            #expect(link.hasPrefix("http://127.0.0.1:8080/verify?code=\(code.replacingOccurrences(of: "-", with: ""))\""))
            let printed = try #require(Self.between(report, #"<pre class="signed-statement" translate="no">"#, "</pre>"))
            let signed = try #require(SignedTotalsStatement(text: Self.unescaped(printed)))
            #expect(signed.statement.people == 2 && signed.statement.byChannel == [.letter: 7])
            #expect(signed.statement.official == "sadyr-japarov" && signed.statement.day == "2026-11-27")
            #expect(report.contains(#"<svg class="qr""#), "the QR code opens the verification page")

            // Anyone can check the signature with the published key, without the site.
            let pem = try await client.execute(uri: "/.well-known/outcry-signing-key", method: .get)
            #expect(pem.headers[.contentType] == "application/x-pem-file")
            let key = try Curve25519.Signing.PublicKey(pemRepresentation: pem.text)
            #expect(key.isValidSignature(try #require(Base64URL.decode(signed.signature)), for: Data(signed.statement.text.utf8)))

            for query in [
                "code=\(code)", "code=\(code.lowercased().replacingOccurrences(of: "-", with: " "))",
                "statement=\(Self.encoded(signed.text))",
            ] {
                let page = try await client.execute(uri: "/verify?\(query)", method: .get)
                #expect(page.status == .ok, "\(query)")
                #expect(page.text.contains("Genuine: signed by http://127.0.0.1:8080"))
                #expect(page.text.contains("Numbers for Sadyr Japarov, as they stood on 27 November 2026."))
                #expect(page.text.contains(#"<tr><th scope="row">People who reported</th><td>2</td></tr>"#))
                #expect(page.text.contains(#"<tr><th scope="row">Letters</th><td>7</td></tr>"#))
                #expect(page.text.contains("The action&#39;s daily record of totals up to 27 November 2026 is unchanged"))
            }

            var tampered = signed
            tampered.statement.byChannel[.letter] = 700
            let refused = try await client.execute(uri: "/verify?statement=\(Self.encoded(tampered.text))", method: .get)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("The signature does not match"))
            #expect(!refused.text.contains("Genuine"))

            // Someone with the database changes a past day's numbers: the chain no longer holds.
            try await store.engine.transaction { database in
                try await database.raw("UPDATE daily_totals SET numbers = REPLACE(numbers, 'letter=7', 'letter=9')").run()
            }
            let changed = try await client.execute(uri: "/verify?code=\(code)", method: .get).text
            #expect(changed.contains("Genuine"), "the statement itself is still the site's")
            #expect(changed.contains("has changed since this statement was signed"))
        }
    }

    @Test func theSameNumbersOnTheSameDayAreOneStatementAndTheCSVCarriesTheWholeActions() async throws {
        try await TestApp.withCoordinators { client, store in
            for _ in 0..<3 { _ = try await client.execute(uri: "/actions/30-24/officials/sadyr-japarov", method: .get) }
            let token = try await client.formToken(on: "/actions/30-24")
            _ = try await client.submit("/actions/30-24/report", [("token", token), ("count_call", "1")])
            let csv = try await client.execute(uri: "/actions/30-24/totals.csv", method: .get).text
            let kept = try await store.engine.read { database in
                try await database.raw("SELECT code FROM signed_statements").all().map { try $0.decode(column: "code", as: String.self) }
            }
            #expect(kept.count == 2, "one for the official's report, seen three times, and one for the CSV: \(kept)")
            let row = try #require(csv.components(separatedBy: "\r\n").first { $0.hasPrefix("30.24,signed_statement,") })
            let code = row.split(separator: ",")[2]
            let page = try await client.execute(uri: "/verify?code=\(code)", method: .get).text
            #expect(page.contains("Numbers for the whole action, as they stood on 27 November 2026."))
            #expect(page.contains(#"<tr><th scope="row">Calls</th><td>1</td></tr>"#))
            let entries = try await store.dailyTotals(of: "30-24")
            #expect(entries.map(\.day) == ["2026-11-27"], "one entry a day, whatever the numbers did later that day")
        }
    }

    @Test(arguments: [
        ("ZZZZ-ZZZZ-ZZZZ", "No statement has the code ZZZZ-ZZZZ-ZZZZ."),
        ("hello", "This is neither a code nor a whole statement."),
        (String(repeating: "x", count: 5_000), "This is longer than any statement this site signs."),
    ])
    func whatIsNoGenuineStatementSaysWhy(input: String, reason: String) async throws {
        try await TestApp.withDemo { client in
            let page = try await client.execute(uri: "/verify?statement=\(Self.encoded(input))", method: .get)
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains(reason))
            #expect(page.text.contains(#"<textarea id="statement" name="statement""#), "the form is there to try again")
        }
    }

    @Test func theVerificationPageSpeaksTheReadersLanguage() async throws {
        try await TestApp.withDemo { client in
            let empty = try await client.execute(uri: "/ru/verify", method: .get)
            #expect(empty.status == .ok)
            #expect(empty.text.contains(#"<html lang="ru""#))
            #expect(!empty.text.contains("Check signed totals"))
        }
    }

    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let from = text.range(of: start), let to = text[from.upperBound...].range(of: end) else { return nil }
        return String(text[from.upperBound..<to.lowerBound])
    }

    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
}
