/// A way of reaching an official that supporters can tell the organisation no longer works: an address
/// that bounced, a fax that does not answer, a number that is wrong.
public enum ContactChannel: String, Codable, Sendable, CaseIterable {
    case email, fax, phone
}

/// One contact of an official that a coordinator marked as not working: never offered again, until the
/// official's record holds another value for that channel.
public struct DeadContact: Hashable, Codable, Sendable {
    public var channel: ContactChannel
    /// The address or number as it was when marked.
    public var value: String

    public init(channel: ContactChannel, value: String) {
        self.channel = channel
        self.value = value
    }
}

extension Target {
    /// The official's contacts on `channel`, as offered to supporters.
    public func contacts(on channel: ContactChannel) -> [String] {
        switch channel {
        case .email: emails
        case .fax: fax.map { [$0] } ?? []
        case .phone: phone.map { [$0] } ?? []
        }
    }

    /// The official as supporters are offered them: without the contacts marked as not working.
    public func withoutDead(_ dead: some Sequence<DeadContact>) -> Target {
        var target = self
        for contact in dead {
            switch contact.channel {
            case .email: target.emails.removeAll { $0 == contact.value }
            case .fax: if target.fax == contact.value { target.fax = nil }
            case .phone: if target.phone == contact.value { target.phone = nil }
            }
        }
        return target
    }
}
