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
    }
}
