import Foundation

/// An address with an optional display name: `Outcry Alerts <alerts@example.org>`.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    public var name: String?
    public var address: String

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// Whether the address needs SMTPUTF8 (RFC 6531) to be sent as it is.
    public var isASCII: Bool { address.allSatisfy(\.isASCII) }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

/// One e-mail: plain text always, HTML optionally as its alternative.
public struct MailMessage: Hashable, Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String?
    /// Without the angle brackets: `abc123@example.org`. Kept by the outbox, so a message sent again
    /// after a crash carries the same one and receiving systems can drop the copy.
    public var messageID: String
    public var date: Date
    /// Further headers, such as `List-Unsubscribe`; names and values must be ASCII.
    public var headers: [Header]

    public struct Header: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        from: MailAddress, to: MailAddress, subject: String, text: String, html: String? = nil, messageID: String, date: Date,
        headers: [Header] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.headers = headers
    }
}
