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

    /// The router's patterns for the same pages.
    enum Pattern {
        static let urgentAction = "/actions/:id"
        static let `case` = "/cases/:id"
        static let person = "/people/:id"
        static let statement = "/statements/:id"
    }
}
