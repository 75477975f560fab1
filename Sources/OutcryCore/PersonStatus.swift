/// Where a person stands: held, restricted or free, as far as the organisation knows.
public enum PersonStatus: String, Codable, Sendable, CaseIterable {
    case questioned
    case charged
    case detained
    case pretrialDetention = "pretrial_detention"
    case houseArrest = "house_arrest"
    case imprisoned
    case releasedUnderSupervision = "released_under_supervision"
    case chargesDropped = "charges_dropped"
    case acquitted
    case released
    case diedInCustody = "died_in_custody"

    public var label: String {
        switch self {
        case .questioned: "Questioned"
        case .charged: "Charged"
        case .detained: "Detained"
        case .pretrialDetention: "In pre-trial detention"
        case .houseArrest: "Under house arrest"
        case .imprisoned: "Imprisoned"
        case .releasedUnderSupervision: "Released under supervision"
        case .chargesDropped: "Charges dropped"
        case .acquitted: "Acquitted"
        case .released: "Released"
        case .diedInCustody: "Died in custody"
        }
    }

    /// Held by the authorities, so that "in custody since" means something.
    public var isInCustody: Bool {
        switch self {
        case .detained, .pretrialDetention, .imprisoned: true
        default: false
        }
    }

    /// Questioning or charging someone already held or restricted does not free them: those statuses
    /// describe a person at liberty, and only replace one that does too.
    var keepsCustody: Bool { self == .questioned || self == .charged }

    var isRestricted: Bool { isInCustody || self == .houseArrest }
}

/// A person's situation derived from the timeline, with the event that set it.
public struct CurrentStatus: Hashable, Sendable {
    public let status: PersonStatus
    public let since: EventDate
    /// When the person's unbroken time in custody began, if they are held and it began earlier.
    public let inCustodySince: EventDate?
    public let event: Identifier<Event>

    /// "In pre-trial detention since some time between 16 January and 12 March 2024".
    public var sentence: String { "\(status.label) since \(DateWording.since(since))" }
}

public enum Timeline {
    /// Events in the order they happened; events on the same date keep the order they were recorded in.
    public static func ordered(_ events: [Event]) -> [Event] {
        events.enumerated().sorted { a, b in
            a.element.date == b.element.date ? a.offset < b.offset : a.element.date < b.element.date
        }.map(\.element)
    }

    /// The person's situation after every event that names them, or nil when no event changed it.
    public static func currentStatus(of person: Identifier<Person>, in events: [Event]) -> CurrentStatus? {
        var current: CurrentStatus?
        var custodyStart: EventDate?
        for event in ordered(events) where event.people.contains(person) {
            guard let status = event.kind.resultingStatus else { continue }
            if status.keepsCustody, let held = current?.status, held.isRestricted { continue }
            if status.isInCustody {
                custodyStart = custodyStart ?? event.date
            } else {
                custodyStart = nil
            }
            current = CurrentStatus(
                status: status, since: event.date,
                inCustodySince: custodyStart == event.date ? nil : custodyStart, event: event.id)
        }
        return current
    }
}
