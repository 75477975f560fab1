import Foundation
import OutcryCore

/// Every public page's address, built in one place so links and routes cannot drift apart.
public enum PublicPath {
    public static let home = "/"
    public static let health = "/healthz"
    public static let stylesheet = "/static/outcry.css"

    public static func urgentAction(_ id: Identifier<UrgentAction>) -> String { "/actions/\(id.rawValue)" }
    public static func `case`(_ id: Identifier<Case>) -> String { "/cases/\(id.rawValue)" }
    public static func person(_ id: Identifier<Person>) -> String { "/people/\(id.rawValue)" }
    public static func statement(_ id: Identifier<Statement>) -> String { "/statements/\(id.rawValue)" }

    public static func letter(_ action: Identifier<UrgentAction>, to target: Identifier<Target>) -> String {
        "/actions/\(action.rawValue)/letter/\(target.rawValue)"
    }
    public static func report(_ action: Identifier<UrgentAction>) -> String { "/actions/\(action.rawValue)/report" }
    public static func thanks(_ action: Identifier<UrgentAction>) -> String { "/actions/\(action.rawValue)/thanks" }
    public static func mastodonShare(_ action: Identifier<UrgentAction>) -> String { "/actions/\(action.rawValue)/share/mastodon" }
    public static func officialsReport(_ action: Identifier<UrgentAction>, for target: Identifier<Target>) -> String {
        "/actions/\(action.rawValue)/officials/\(target.rawValue)"
    }
    public static func totalsCSV(_ action: Identifier<UrgentAction>) -> String { "/actions/\(action.rawValue)/totals.csv" }

    public static let alerts = "/alerts"
    public static let alertsAccess = "/alerts/access"
    public static func confirmAlerts(_ token: String) -> String { "/alerts/confirm/\(token)" }
    public static func manageAlerts(_ token: String) -> String { "/alerts/manage/\(token)" }
    public static func unsubscribe(_ token: String) -> String { "/alerts/unsubscribe/\(token)" }
    public static func exportAlerts(_ token: String) -> String { "/alerts/manage/\(token)/export" }
    public static func eraseAlerts(_ token: String) -> String { "/alerts/manage/\(token)/erase" }
    public static let actionsFeed = "/feeds/actions.atom"
    public static let statementsFeed = "/feeds/statements.atom"
    public static func caseFeed(_ id: Identifier<Case>) -> String { "/feeds/cases/\(id.rawValue).atom" }

    /// The router's patterns for the same pages.
    enum Pattern {
        static let letter = "/actions/:id/letter/:target"
        static let report = "/actions/:id/report"
        static let thanks = "/actions/:id/thanks"
        static let mastodonShare = "/actions/:id/share/mastodon"
        static let officialsReport = "/actions/:id/officials/:target"
        static let totalsCSV = "/actions/:id/totals.csv"
        static let urgentAction = "/actions/:id"
        static let `case` = "/cases/:id"
        static let person = "/people/:id"
        static let statement = "/statements/:id"
        static let confirmAlerts = "/alerts/confirm/:token"
        static let manageAlerts = "/alerts/manage/:token"
        static let unsubscribe = "/alerts/unsubscribe/:token"
        static let exportAlerts = "/alerts/manage/:token/export"
        static let eraseAlerts = "/alerts/manage/:token/erase"
        static let caseFeed = "/feeds/cases/:file"
    }
}

/// The coordinator area's addresses. Everything under `/admin` needs a session, except signing in and
/// setting a password from a one-time link.
public enum AdminPath {
    public static let root = "/admin"
    public static let signIn = "/admin/sign-in"
    public static let secondFactor = "/admin/sign-in/code"
    public static let signOut = "/admin/sign-out"
    public static let signOutEverywhere = "/admin/sign-out-everywhere"
    public static let account = "/admin/account"
    public static let twoFactor = "/admin/account/two-factor"
    public static let twoFactorStart = "/admin/account/two-factor/start"
    public static let users = "/admin/users"
    public static let requireTwoFactor = "/admin/settings/two-factor"
    public static let audit = "/admin/audit"
    public static let actions = "/admin/actions"
    public static let newAction = "/admin/actions/new"
    public static let cases = "/admin/cases"
    public static let newCase = "/admin/cases/new"
    public static let targets = "/admin/targets"
    public static let newTarget = "/admin/targets/new"
    public static let people = "/admin/people"
    public static let organisations = "/admin/organisations"
    public static let events = "/admin/status-changes"
    public static let statements = "/admin/statements"
    public static let imports = "/admin/import"

    public static func setPassword(_ token: String) -> String { "/admin/set-password/\(token)" }
    public static func user(_ email: String, _ verb: String) -> String {
        "/admin/users/\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")/\(verb)"
    }
    public static func action(_ id: Identifier<UrgentAction>) -> String { "/admin/actions/\(id.rawValue)" }
    public static func action(_ id: Identifier<UrgentAction>, _ verb: String) -> String { "/admin/actions/\(id.rawValue)/\(verb)" }
    public static func review(_ id: Identifier<UrgentAction>, report: Int64) -> String { "/admin/actions/\(id.rawValue)/reports/\(report)" }
    public static func importDraft(_ id: String) -> String { "/admin/import/\(id)" }
    public static func importTargets(_ id: String) -> String { "/admin/import/\(id)/targets" }

    enum Pattern {
        static let setPassword = "/admin/set-password/:token"
        static let user = "/admin/users/:email/:verb"
        static let action = "/admin/actions/:id"
        static let actionVerb = "/admin/actions/:id/:verb"
        static let review = "/admin/actions/:id/reports/:report"
        static let importDraft = "/admin/import/:draft"
        static let importTargets = "/admin/import/:draft/targets"
    }
}
