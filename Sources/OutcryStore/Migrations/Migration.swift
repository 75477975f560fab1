import SQLKit

/// One change to the schema. Migrations are append-only: a landed one is never edited, a later one amends it.
public protocol Migration: Sendable {
    /// Unique and stable: recorded in `schema_migrations` once applied.
    var name: String { get }
    /// Applies the change inside the transaction the runner opened.
    func prepare(on database: any SQLDatabase) async throws
}

extension Migration {
    public var name: String { String(describing: Self.self) }
}

/// Every migration, in the order they are applied.
public enum Migrations {
    public static let all: [any Migration] = [
        M0001_CreateDocumentation(),
        M0002_CreateUrgentActions(),
        M0003_CreateStatements(),
        M0004_CreateActionReports(),
        M0005_CreateSettings(),
        M0006_CreateReportSafeguards(),
        M0007_CreateSupporterContacts(),
        M0008_CreateImportDrafts(),
        M0009_CreateAccounts(),
        M0010_AddReportReview(),
        M0011_CreateAlerts(),
        M0012_ForgetStoredSecrets(),
        M0013_AddPendingTwoFactorExpiry(),
        M0014_CreateSearchTerms(),
        M0015_CreateTranslations(),
        M0016_AddAccountLanguage(),
        M0017_AddCampaignPage(),
        M0018_CreateReportTargets(),
        M0019_CreateSitePages(),
        M0020_AddImportWork(),
        M0021_AddCasePictures(),
        M0022_ShardCounters(),
        M0023_CreateAPITokens(),
        M0024_CreateWebhooks(),
        M0025_CreateSignedTotals(),
        M0026_CreateActionAttention(),
        M0027_CreateContactProblems(),
        M0028_AddReporterNews(),
        M0029_CreateOfficialReplies(),
        M0030_CreateCampaigns(),
        M0031_CreateWritingGroups(),
        M0032_AddReplyScans(),
    ]
}

extension SQLCreateTableBuilder {
    /// A link table row's position among its siblings, so ordered lists come back in order.
    @discardableResult
    func position() -> Self { column("position", type: .int, .notNull) }
}

extension SQLDatabase {
    /// Creates an ordered link table between two records, with both foreign keys and a primary key over the pair.
    func createLinkTable(
        _ table: String, owner: (column: String, table: String), other: (column: String, table: String)
    ) async throws {
        try await create(table: table)
            .column(owner.column, type: .text, .notNull, .references(owner.table, "id", onDelete: .cascade))
            .column(other.column, type: .text, .notNull, .references(other.table, "id"))
            .position()
            .primaryKey(owner.column, other.column)
            .run()
    }
}
