/// Something that happened in a case, on a date of known precision, to named people, to a number of
/// people the source does not name ("six of the journalists"), or to organisations.
public struct Event: Hashable, Codable, Sendable, Identifiable {
    public var id: Identifier<Event>
    public var caseID: Identifier<Case>
    public var date: EventDate
    public var kind: EventKind
    /// One sentence in the organisation's words.
    public var summary: String
    public var place: String?
    public var people: [Identifier<Person>]
    /// People affected whom the source does not name.
    public var unnamedCount: Int?
    public var organisations: [Identifier<Organisation>]
    /// For sentences: the term as stated ("up to six years").
    public var term: String?
    public var source: SourceReference?

    public init(
        id: Identifier<Event>, caseID: Identifier<Case>, date: EventDate, kind: EventKind, summary: String, place: String? = nil,
        people: [Identifier<Person>] = [], unnamedCount: Int? = nil, organisations: [Identifier<Organisation>] = [],
        term: String? = nil, source: SourceReference? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.date = date
        self.kind = kind
        self.summary = summary
        self.place = place
        self.people = people
        self.unnamedCount = unnamedCount
        self.organisations = organisations
        self.term = term
        self.source = source
    }
}

/// Where a fact comes from: one of the organisation's own documents, or an outside one.
public enum SourceReference: Hashable, Codable, Sendable {
    case urgentAction(Identifier<UrgentAction>)
    case statement(Identifier<Statement>)
    case external(title: String, url: String?)

    private enum Key: String, CodingKey { case urgentAction, statement, external, title, url }

    /// Written as `{"urgentAction": "30-24"}`, `{"statement": "…"}` or `{"external": {"title": "…", "url": "…"}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let id = try container.decodeIfPresent(Identifier<UrgentAction>.self, forKey: .urgentAction) {
            self = .urgentAction(id)
        } else if let id = try container.decodeIfPresent(Identifier<Statement>.self, forKey: .statement) {
            self = .statement(id)
        } else {
            let external = try container.nestedContainer(keyedBy: Key.self, forKey: .external)
            self = .external(
                title: try external.decode(String.self, forKey: .title),
                url: try external.decodeIfPresent(String.self, forKey: .url))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .urgentAction(let id): try container.encode(id, forKey: .urgentAction)
        case .statement(let id): try container.encode(id, forKey: .statement)
        case .external(let title, let url):
            var external = container.nestedContainer(keyedBy: Key.self, forKey: .external)
            try external.encode(title, forKey: .title)
            try external.encodeIfPresent(url, forKey: .url)
        }
    }
}

public enum EventKind: String, Codable, Sendable, CaseIterable {
    case raid
    case detained
    case questioned
    case charged
    case pretrialDetention = "pretrial_detention"
    case houseArrest = "house_arrest"
    case releasedUnderSupervision = "released_under_supervision"
    case released
    case sentenced
    case acquitted
    case chargesDropped = "charges_dropped"
    case illTreatmentAlleged = "ill_treatment_alleged"
    case counselDenied = "counsel_denied"
    case outletLiquidated = "outlet_liquidated"
    case siteBlocked = "site_blocked"
    /// Moved to another place of detention, often further from family and lawyers.
    case transferred
    case diedInCustody = "died_in_custody"
    /// The person or their family asked the organisation to stop campaigning in public for now.
    case silenceRequested = "silence_requested"
    case other

    public var label: String {
        switch self {
        case .raid: "Raid"
        case .detained: "Detained"
        case .questioned: "Questioned"
        case .charged: "Charged"
        case .pretrialDetention: "Pre-trial detention"
        case .houseArrest: "House arrest"
        case .releasedUnderSupervision: "Released under supervision"
        case .released: "Released"
        case .sentenced: "Sentenced"
        case .acquitted: "Acquitted"
        case .chargesDropped: "Charges dropped"
        case .illTreatmentAlleged: "Ill-treatment alleged"
        case .counselDenied: "Access to a lawyer denied"
        case .outletLiquidated: "Outlet liquidated"
        case .siteBlocked: "Website blocked"
        case .transferred: "Transferred"
        case .diedInCustody: "Died in custody"
        case .silenceRequested: "Family asked for silence"
        case .other: "Other"
        }
    }

    /// The situation this event puts a person in, or nil when it leaves their situation as it was
    /// (a raid, an allegation, a charge brought against someone already held).
    public var resultingStatus: PersonStatus? {
        switch self {
        case .detained: .detained
        case .questioned: .questioned
        case .pretrialDetention: .pretrialDetention
        case .houseArrest: .houseArrest
        case .releasedUnderSupervision: .releasedUnderSupervision
        case .released: .released
        case .sentenced: .imprisoned
        case .acquitted: .acquitted
        case .chargesDropped: .chargesDropped
        case .charged: .charged
        case .diedInCustody: .diedInCustody
        case .raid, .illTreatmentAlleged, .counselDenied, .outletLiquidated, .siteBlocked, .transferred, .silenceRequested, .other: nil
        }
    }

    /// Whether the call to act may no longer fit: the person is free, moved, sentenced or dead, or the
    /// family asked for silence. Every open action of the case then waits for a coordinator to look, and
    /// its alerts and share prompts pause meanwhile.
    public var changesTheCall: Bool {
        switch self {
        case .released, .releasedUnderSupervision, .acquitted, .chargesDropped, .sentenced, .transferred, .diedInCustody,
            .silenceRequested:
            true
        case .raid, .detained, .questioned, .charged, .pretrialDetention, .houseArrest, .illTreatmentAlleged, .counselDenied,
            .outletLiquidated, .siteBlocked, .other:
            false
        }
    }
}
