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

    /// A body part in base64, its lines ended with CRLF whatever the text used. Worked on bytes, not through
    /// Foundation's string search: the outbox renders every alert, and that cost was most of its time.
    private static func part(_ body: String, type: String) -> [String] {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(body.utf8.count + body.utf8.count / 32)
        var previous: UInt8 = 0
        for byte in body.utf8 {
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { normalised.append(UInt8(ascii: "\r")) }
            normalised.append(byte)
            previous = byte
        }
        let encoded = Data(normalised).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        // Its lines are already CRLF-separated: joined with the others, they read as they are.
        return ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "", encoded]
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

    /// RFC 5322: `Fri, 27 Nov 2026 11:02:06 +0000`, always in UTC and English.
    static func date(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    /// SMTP's DATA section (RFC 5321 §4.5.2): a line starting with a dot gets another, and the end is a lone dot.
    public static func dataSection(_ rendered: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(rendered.utf8.count + 64)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in rendered.utf8 {
            if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r")
            previous = byte
        }
        if !atLineStart { output += Array("\r\n".utf8) }
        output += Array(".\r\n".utf8)
        return String(decoding: output, as: UTF8.self)
    }
}
