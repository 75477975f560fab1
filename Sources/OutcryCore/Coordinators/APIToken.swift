import Foundation

/// A partner system's key to the API, made by an administrator for an account. Its secret is shown once and
/// only its digest is kept; it does what its scopes allow and no more than its account's role allows.
public struct APIToken: Hashable, Sendable, Identifiable {
    public enum Scope: String, Codable, Sendable, CaseIterable, Comparable {
        /// Drafts and everything coordinators can read, besides what is public.
        case read
        /// Creates and changes drafts.
        case write
        /// Records reports (offline events, outreaches) and reads supporters' contacts where they consented.
        case reports

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }

        /// `read,reports` → the scopes; nil when a word is not a scope or there is none.
        public static func list(_ text: String) -> Set<Scope>? {
            let words = text.split { $0 == "," || $0 == " " }.map { $0.lowercased() }
            let scopes = words.compactMap(Scope.init(rawValue:))
            guard !words.isEmpty, scopes.count == words.count else { return nil }
            return Set(scopes)
        }
    }

    public var id: Identifier<APIToken>
    public var account: Identifier<Account>
    /// The account's address, for the list of tokens and the audit log.
    public var accountEmail: String
    public var accountRole: Role
    public var name: String
    public var scopes: Set<Scope>
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: Identifier<APIToken>, account: Identifier<Account>, accountEmail: String, accountRole: Role, name: String,
        scopes: Set<Scope>, createdAt: Date, expiresAt: Date? = nil, lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.account = account
        self.accountEmail = accountEmail
        self.accountRole = accountRole
        self.name = name
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Whether the token opens the API at `now`: not revoked and not expired.
    public func isLive(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }

    /// Whether it may do what `scope` covers: the scope was given, and the account's role allows it
    /// (a viewer's token never writes).
    public func allows(_ scope: Scope) -> Bool {
        guard scopes.contains(scope) else { return false }
        switch scope {
        case .read: return true
        case .write, .reports: return accountRole >= .editor
        }
    }

    /// The scopes in a fixed order, comma-separated.
    public var scopeList: String { scopes.sorted().map(\.rawValue).joined(separator: ", ") }

    /// How the audit log names what the token did.
    public var actor: String { "token \"\(name)\" (\(accountEmail))" }
}
