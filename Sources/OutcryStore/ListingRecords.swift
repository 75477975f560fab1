import Foundation
import OutcryCore
import SQLKit

/// One line of the list of public Urgent Actions.
public struct ActionListing: Hashable, Sendable {
    public let id: Identifier<UrgentAction>
    public let number: String
    public let title: String
    public let issued: String
    public let status: UrgentAction.Status
    public let country: Country?
    /// The language the action is written in.
    public let language: String
    /// ISO, as stored; nil when the action has none.
    public let deadline: String?
}

/// What the list of actions can be narrowed to.
public struct ActionFilter: Hashable, Sendable {
    public var country: Country?
    /// `.published` (open) or `.closed`; nil for both.
    public var status: UrgentAction.Status?
    public var year: Int?
    /// With `.published`: only the actions still open on this day, their deadline, if any, not passed.
    public var openOn: HistoricalDate?

    public init(country: Country? = nil, status: UrgentAction.Status? = nil, year: Int? = nil, openOn: HistoricalDate? = nil) {
        self.country = country
        self.status = status
        self.year = year
        self.openOn = openOn
    }
}

/// A page of a long list, and how long the whole list is.
public struct Listing<Item: Sendable>: Sendable {
    public let items: [Item]
    public let total: Int
}

/// The public index pages, a page at a time: actions (newest first, narrowed by country, status and year),
/// cases and people (by name), read in SQL so that a long list costs one page of rows.
public protocol ListingRecords: Sendable {
    func publicActions(_ filter: ActionFilter, offset: Int, limit: Int) async throws -> Listing<ActionListing>
    /// The countries and years that public actions have, for the filters.
    func publicActionFacets() async throws -> (countries: [Country], years: [Int])
    func caseListing(offset: Int, limit: Int) async throws -> Listing<(id: Identifier<Case>, title: String, country: Country?)>
    /// People by name; only the members of `organisation` when one is given.
    func personListing(
        organisation: Identifier<Organisation>?, offset: Int, limit: Int
    ) async throws
        -> Listing<(id: Identifier<Person>, name: String)>
}

extension Store: ListingRecords {
    public func publicActions(_ filter: ActionFilter, offset: Int, limit: Int) async throws -> Listing<ActionListing> {
        try await engine.read { database in
            func narrowed(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
                let query = Self.publicActions(query, statuses: filter.status.map { [$0.rawValue] } ?? Self.publicStatuses)
                if let country = filter.country { query.where(SQLColumn("country", table: "c"), .equal, SQLBind(country.code)) }
                if let year = filter.year { query.where(SQLColumn("issued", table: "a"), .like, SQLBind("\(year)%")) }
                if filter.status == .published, let today = filter.openOn { query.where(Self.notPassed(on: today)) }
                return query
            }
            let total =
                try await narrowed(database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?
                .decode(column: "n", as: Int.self) ?? 0
            let rows = try await narrowed(
                database.select().column(SQLColumn("id", table: "a")).column(SQLColumn("number", table: "a"))
                    .column(SQLColumn("title", table: "a")).column(SQLColumn("issued", table: "a")).column(SQLColumn("status", table: "a"))
                    .column(SQLColumn("country", table: "c")).column(SQLColumn("language", table: "a"))
                    .column(SQLColumn("deadline", table: "a"))
            )
            .orderBy(SQLColumn("issued", table: "a"), SQLDirection.descending).orderBy(
                SQLColumn("number", table: "a"), SQLDirection.descending
            )
            .limit(limit).offset(offset).all()
            let items = try rows.map { row in
                ActionListing(
                    id: Identifier(try row.decode(column: "id", as: String.self)),
                    number: try row.decode(column: "number", as: String.self),
                    title: try row.decode(column: "title", as: String.self), issued: try row.decode(column: "issued", as: String.self),
                    status: UrgentAction.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .published,
                    country: Country(rawValue: try row.decode(column: "country", as: String.self)),
                    language: try row.decode(column: "language", as: String.self),
                    deadline: try row.decode(column: "deadline", as: String?.self))
            }
            return Listing(items: items, total: total)
        }
    }

    /// Two small answers, not a row per action: the distinct countries, then the distinct years.
    public func publicActionFacets() async throws -> (countries: [Country], years: [Int]) {
        try await engine.read { database in
            let countries = try await Self.publicActions(database.select(), statuses: Self.publicStatuses)
                .column(SQLColumn("country", table: "c")).distinct().all()
                .compactMap { Country(rawValue: try $0.decode(column: "country", as: String.self)) }
            let years = try await Self.publicActions(database.select(), statuses: Self.publicStatuses)
                .column(
                    SQLFunction("substr", args: SQLColumn("issued", table: "a"), SQLLiteral.numeric("1"), SQLLiteral.numeric("4")),
                    as: "year"
                )
                .distinct().all()
                .compactMap { Int(try $0.decode(column: "year", as: String.self)) }
            return (countries.sorted { $0.name < $1.name }, years.sorted(by: >))
        }
    }

    /// No deadline, or one not before `today`, compared at the deadline's own precision: `2024-05` is not
    /// passed until May is. (ISO dates compare as text.)
    private static func notPassed(on today: HistoricalDate) -> any SQLExpression {
        let deadline = SQLColumn("deadline", table: "a")
        let todayAsPrecise = SQLFunction("substr", args: SQLBind(today.iso), SQLLiteral.numeric("1"), SQLFunction("length", args: deadline))
        // In brackets: joined to the other conditions by AND, an OR left bare would let any status through.
        return SQLGroupExpression(
            SQLBinaryExpression(
                SQLBinaryExpression(deadline, .is, SQLLiteral.null), .or, SQLBinaryExpression(deadline, .greaterThanOrEqual, todayAsPrecise)
            ))
    }

    /// Public actions (`a`) with their cases (`c`), in `statuses`.
    private static func publicActions(_ query: SQLSelectBuilder, statuses: [String]) -> SQLSelectBuilder {
        query.from(SQLAlias(SQLIdentifier("urgent_actions"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), on: SQLColumn("case_id", table: "a"), .equal,
                SQLColumn("id", table: "c")
            )
            .where(SQLColumn("status", table: "a"), .in, SQLBind.group(statuses))
    }

    public func caseListing(offset: Int, limit: Int) async throws -> Listing<(id: Identifier<Case>, title: String, country: Country?)> {
        try await engine.read { database in
            let total =
                try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("cases").first()?
                .decode(column: "n", as: Int.self) ?? 0
            let items = try await database.select().columns("id", "title", "country").from("cases").orderBy("title").orderBy("id")
                .limit(limit).offset(offset).all()
                .map { row in
                    (
                        id: Identifier<Case>(try row.decode(column: "id", as: String.self)),
                        title: try row.decode(column: "title", as: String.self),
                        country: Country(rawValue: try row.decode(column: "country", as: String.self))
                    )
                }
            return Listing(items: items, total: total)
        }
    }

    public func personListing(
        organisation: Identifier<Organisation>?, offset: Int, limit: Int
    ) async throws -> Listing<(id: Identifier<Person>, name: String)> {
        try await engine.read { database in
            func narrowed(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
                let from = query.from("people")
                guard let organisation else { return from }
                return from.where(
                    "id", .in,
                    SQLSubquery.select {
                        $0.column("person_id").from("person_affiliations").where("organisation_id", .equal, organisation.rawValue)
                    })
            }
            let total =
                try await narrowed(database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?
                .decode(column: "n", as: Int.self) ?? 0
            let items = try await narrowed(database.select().columns("id", "name")).orderBy("name").orderBy("id").limit(limit).offset(
                offset
            )
            .all()
            .map { row in
                (
                    id: Identifier<Person>(try row.decode(column: "id", as: String.self)),
                    name: try row.decode(column: "name", as: String.self)
                )
            }
            return Listing(items: items, total: total)
        }
    }
}
