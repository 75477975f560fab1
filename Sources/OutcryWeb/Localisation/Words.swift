import Mustache

/// The catalog as templates read it: `{{t.action.take-action}}` prints the message `action.take-action` in the
/// page's language, escaped like any value. Each dotted part narrows the key; a name no message has prints
/// as `[missing KEY]`, which the pseudo-locale test looks for on every page.
struct Words: MustacheParent, Sendable {
    let messages: Messages
    private let prefix: String

    init(_ messages: Messages) {
        self.messages = messages
        prefix = ""
    }

    private init(_ messages: Messages, prefix: String) {
        self.messages = messages
        self.prefix = prefix
    }

    func child(named name: String) -> Any? {
        let key = prefix + name
        if messages.has(key) { return messages(key) }
        if messages.hasKeys(under: key + ".") { return Words(messages, prefix: key + ".") }
        return Self.missing(key)
    }

    static func missing(_ key: String) -> String { "[missing \(key)]" }
}
