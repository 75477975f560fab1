import OutcryCore
import SQLKit

/// The site pages as the public pages read them.
public protocol SitePageRecords: Sendable {
    /// The page as written in `language`; nil when it was not.
    func sitePage(_ kind: SitePage.Kind, language: String) async throws -> SitePage?
}

extension Store: SitePageRecords {
    /// Every site page the coordinators wrote, in every language.
    public func sitePages() async throws -> [SitePage] {
        try await engine.read { database in
            try await database.select().columns("kind", "language", "title", "body").from("site_pages").orderBy("kind").orderBy("language")
                .all(decoding: SitePageRow.self).map { try $0.page() }
        }
    }

    /// The page as written in `language`; nil when it was not.
    public func sitePage(_ kind: SitePage.Kind, language: String) async throws -> SitePage? {
        try await engine.read { database in
            try await database.select().columns("kind", "language", "title", "body").from("site_pages")
                .where("kind", .equal, kind.rawValue).where("language", .equal, language)
                .first(decoding: SitePageRow.self).map { try $0.page() }
        }
    }

    public func save(_ page: SitePage, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            try await database.insert(into: "site_pages").columns("kind", "language", "title", "body")
                .values(SQLBind(page.kind.rawValue), SQLBind(page.language), SQLBind(page.title), SQLBind(page.body))
                .onConflict(with: ["kind", "language"]) {
                    $0.set(excludedValueOf: "title").set(excludedValueOf: "body")
                }
                .run()
        }
    }

    /// Takes the coordinators' text away: the default text shows again.
    public func deleteSitePage(_ kind: SitePage.Kind, language: String, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            try await database.delete(from: "site_pages").where("kind", .equal, kind.rawValue).where("language", .equal, language).run()
        }
    }
}

private struct SitePageRow: Decodable {
    var kind: String
    var language: String
    var title: String
    var body: String

    func page() throws -> SitePage {
        SitePage(
            kind: try RowReader(table: "site_pages", id: "\(kind)/\(language)").value(kind), language: language, title: title, body: body)
    }
}
