import Foundation

/// Writes a message as RFC 5322 text with MIME (RFC 2045–2047): CRLF line ends, non-ASCII header
/// words encoded, bodies in base64 so no line is too long and no byte is altered on the way.
public enum MIMEWriter {
    public static func render(_ message: MailMessage, boundary: String = "outcry-" + UUID().uuidString) -> String {
        var lines = [
            "From: " + address(message.from),
            "To: " + address(message.to),
            "Subject: " + encodedWords(message.subject, prefixLength: "Subject: ".count),
            "Date: " + date(message.date),
            "Message-ID: <\(message.messageID)>",
            "MIME-Version: 1.0",
        ]
        for header in message.headers { lines.append("\(header.name): \(header.value)") }
        if let html = message.html {
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a message in plain text and HTML.")
            lines.append("--\(boundary)")
            lines += part(message.text, type: "text/plain")
            lines.append("--\(boundary)")
            lines += part(html, type: "text/html")
            lines.append("--\(boundary)--")
        } else {
            lines += part(message.text, type: "text/plain")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func part(_ body: String, type: String) -> [String] {
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalised.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""] + encoded.components(separatedBy: "\r\n")
    }

    /// `"Name" <address>`, the name quoted or encoded as it needs.
    static func address(_ address: MailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.address)>" }
        if name.allSatisfy({ $0.isASCII && !$0.isNewline }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address.address)>"
        }
        return encodedWords(name, prefixLength: 6) + " <\(address.address)>"
    }

    /// The text as it is when plain ASCII on one line, otherwise as RFC 2047 encoded words of at most 75
    /// characters, folded onto continuation lines; a word never splits a character.
    static func encodedWords(_ text: String, prefixLength: Int) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.allSatisfy(\.isASCII), clean.count + prefixLength <= 78 { return clean }
        // 75 - "=?UTF-8?B?".count - "?=".count = 63 characters of base64: 45 bytes.
        var words: [String] = []
        var chunk = [UInt8]()
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// RFC 5322: `Fri, 27 Nov 2026 11:02:06 +0000`.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// SMTP's DATA section (RFC 5321 §4.5.2): a line starting with a dot gets another, and the end is a lone dot.
    public static func dataSection(_ rendered: String) -> String {
        var output = ""
        output.reserveCapacity(rendered.utf8.count + 64)
        for line in rendered.components(separatedBy: "\r\n").dropLast() {
            if line.hasPrefix(".") { output += "." }
            output += line + "\r\n"
        }
        return output + ".\r\n"
    }
}
