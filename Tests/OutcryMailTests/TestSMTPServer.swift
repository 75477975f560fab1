import Foundation
import NIOCore
import OutcryCore
import OutcryMail

/// A real SMTP server (aiosmtpd, through `scripts/smtp-test-server`) for one test, stopped afterwards.
final class TestSMTPServer: @unchecked Sendable {
    enum Mode: String { case plain, starttls, tls }

    let port: Int
    let certificate: String
    let out: URL
    private let process: ChildProcess

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/smtp-test-server").path

    /// `delay`: seconds the server waits before accepting each message.
    init(_ mode: Mode, auth: Bool = false, loginOnly: Bool = false, delay: Double = 0) throws {
        out = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-smtp-\(UUID().uuidString).jsonl")
        let arguments =
            ["python3", Self.script, "--mode", mode.rawValue, "--out", out.path] + (auth ? ["--auth"] : [])
            + (loginOnly ? ["--login-only"] : []) + (delay > 0 ? ["--delay", String(delay)] : [])
        // Not Foundation's Process: see ChildProcess. The server's errors (no aiosmtpd) go to the test's output.
        guard let process = ChildProcess.launch("/usr/bin/env", arguments, readingOutput: true, keepingErrors: true),
            let output = process.output
        else { throw ServerDidNotStart(output: "") }
        self.process = process
        let handle = FileHandle(fileDescriptor: output, closeOnDealloc: true)
        var text = ""
        while !(text.contains("PORT ") && text.contains("CERT ") && text.hasSuffix("\n")) {
            let data = handle.availableData
            guard !data.isEmpty else {
                process.stop()
                throw ServerDidNotStart(output: text)
            }
            text += String(decoding: data, as: UTF8.self)
        }
        let lines = text.split(separator: "\n")
        port = Int(lines.first { $0.hasPrefix("PORT ") }!.dropFirst(5))!
        certificate = String(lines.first { $0.hasPrefix("CERT ") }!.dropFirst(5))
    }

    struct ServerDidNotStart: Error { let output: String }

    /// What the server accepted so far, oldest first.
    func received() throws -> [(from: String, to: [String], data: String)] {
        guard let text = try? String(contentsOf: out, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (object["from"] as! String, object["to"] as! [String], object["data"] as! String)
        }
    }

    /// A busy test run can keep this server from answering for seconds, so only the tests of the timeout itself
    /// set a short one.
    func configuration(
        _ security: SMTPConfiguration.Security, username: String? = nil, password: String? = nil, timeout: TimeAmount = .seconds(60)
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: "localhost", port: port, security: security, username: username, password: password,
            trustRootsFile: FileManager.default.fileExists(atPath: certificate) ? certificate : nil,
            timeout: timeout)
    }

    deinit {
        process.stop()
        try? FileManager.default.removeItem(at: out)
    }
}
