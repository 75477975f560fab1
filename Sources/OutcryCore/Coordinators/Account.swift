import Foundation

/// What a coordinator may do. Each role includes everything the ones below it may do.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Reads drafts, totals and reports; changes nothing.
    case viewer
    /// Writes and publishes content; accepts or rejects flagged reports.
    case editor
    /// Everything, plus accounts, settings and the audit log.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .editor: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// A coordinator's account. The password hash and the second-factor secret never leave the store's
/// sign-in functions, so a page cannot show them by mistake.
public struct Account: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<Account>
    /// Lower-cased, as typed at sign-in.
    public var email: String
    public var role: Role
    public var isDisabled: Bool
    public var hasPassword: Bool
    public var hasTwoFactor: Bool
    public var createdAt: Date
    /// The language code the coordinator area speaks to this account in; nil for the browser's choice.
    public var language: String?

    public init(
        id: Identifier<Account>, email: String, role: Role, isDisabled: Bool = false, hasPassword: Bool = false,
        hasTwoFactor: Bool = false, createdAt: Date, language: String? = nil
    ) {
        self.id = id
        self.email = email
        self.role = role
        self.isDisabled = isDisabled
        self.hasPassword = hasPassword
        self.hasTwoFactor = hasTwoFactor
        self.createdAt = createdAt
        self.language = language
    }

    /// Folds an address as typed so that "Ana@Example.org " and "ana@example.org" are one account.
    public static func normalised(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// One change anyone made: who, when, to which record, and what in a sentence.
public struct AuditEntry: Hashable, Codable, Sendable {
    public var at: Date
    /// The account's address at the time (it stays readable after the account is disabled);
    /// "command line" for changes made with `outcry user`.
    public var actor: String
    /// "created", "published", "signed in"…
    public var action: String
    /// "urgent action", "target", "account"…
    public var recordKind: String
    public var recordID: String
    public var summary: String

    public init(at: Date, actor: String, action: String, recordKind: String, recordID: String, summary: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.recordKind = recordKind
        self.recordID = recordID
        self.summary = summary
    }
}

/// Password rules shown beside the field and checked on submission.
public enum PasswordRules {
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; a longer password would be silently cut.
    public static let maximumBytes = 72

    /// Why a new password cannot be used; the pages say it in the coordinator's language.
    public enum Problem: Hashable, Sendable {
        case tooShort
        case tooLong
        case notTheSame
        case containsEmail
        case tooFewCharacters
    }

    /// Why a new password cannot be used, or nil when it can.
    public static func problem(with password: String, confirmation: String, email: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > maximumBytes { return .tooLong }
        if password != confirmation { return .notTheSame }
        // The name before the @ counts once it is long enough to say something: "a" or "jo" is in most words.
        let lowered = password.lowercased()
        let local = email.split(separator: "@").first.map { $0.lowercased() } ?? ""
        if (local.count >= 4 && lowered.contains(local)) || (!email.isEmpty && lowered.contains(email.lowercased())) {
            return .containsEmail
        }
        if Set(password).count < 5 { return .tooFewCharacters }
        return nil
    }
}
