import Foundation
import OutcryCore
import OutcryStore
import Synchronization

/// Published records held in memory, answering as the SQL store does (the same orders, drafts kept out of
/// public reads), so page builders can be tested without a database.
public final class InMemoryRecords: Sendable {
    private let data: Mutex<Dataset>

    public init(_ dataset: Dataset) {
        data = Mutex(dataset)
    }

    private func read<T>(_ body: (Dataset) -> T) -> T { data.withLock { body($0) } }

    private func upsert<T: Identifiable>(_ value: T, in keyPath: WritableKeyPath<Dataset, [T]>) {
        data.withLock { dataset in
            if let index = dataset[keyPath: keyPath].firstIndex(where: { $0.id == value.id }) {
                dataset[keyPath: keyPath][index] = value
            } else {
                dataset[keyPath: keyPath].append(value)
            }
        }
    }

    private static func some<T: Identifiable>(_ all: [T], _ ids: [T.ID]) -> [T] {
        ids.compactMap { id in all.first { $0.id == id } }
    }

    private static func newestFirst(_ actions: [UrgentAction]) -> [UrgentAction] {
        actions.sorted { ($0.issued, $1.number) > ($1.issued, $0.number) }
    }
}

extension InMemoryRecords: UrgentActionRecords {
    public func publicUrgentActions() async throws -> [UrgentAction] {
        read { Self.newestFirst($0.urgentActions.filter { $0.status != .draft }) }
    }

    public func publicUrgentActions(inCase id: Identifier<Case>) async throws -> [UrgentAction] {
        try await publicUrgentActions().filter { $0.caseID == id }
    }

    public func urgentAction(_ id: Identifier<UrgentAction>) async throws -> UrgentAction? {
        read { $0.urgentActions.first { $0.id == id } }
    }

    public func urgentActions(_ ids: [Identifier<UrgentAction>]) async throws -> [UrgentAction] {
        read { Self.some($0.urgentActions, ids) }
    }

    public func allUrgentActions() async throws -> [UrgentAction] { read { Self.newestFirst($0.urgentActions) } }

    public func save(_ action: UrgentAction, audit: AuditEntry) async throws { upsert(action, in: \.urgentActions) }
}

extension InMemoryRecords: CaseRecords {
    public func cases(_ ids: [Identifier<Case>]) async throws -> [Case] { read { Self.some($0.cases, ids) } }

    public func `case`(_ id: Identifier<Case>) async throws -> Case? { try await cases([id]).first }

    public func allCases() async throws -> [Case] { read { $0.cases.sorted { $0.title < $1.title } } }

    public func save(_ item: Case, audit: AuditEntry) async throws { upsert(item, in: \.cases) }
}

extension InMemoryRecords: PersonRecords {
    public func people(_ ids: [Identifier<Person>]) async throws -> [Person] { read { Self.some($0.people, ids) } }

    public func person(_ id: Identifier<Person>) async throws -> Person? { try await people([id]).first }

    public func allPeople() async throws -> [Person] { read { $0.people.sorted { $0.name < $1.name } } }

    public func organisations(_ ids: [Identifier<Organisation>]) async throws -> [Organisation] {
        read { Self.some($0.organisations, ids) }
    }

    public func allOrganisations() async throws -> [Organisation] { read { $0.organisations.sorted { $0.name < $1.name } } }

    public func save(_ person: Person, audit: AuditEntry) async throws { upsert(person, in: \.people) }

    public func save(_ organisation: Organisation, audit: AuditEntry) async throws { upsert(organisation, in: \.organisations) }
}

extension InMemoryRecords: EventRecords {
    public func events(inCase id: Identifier<Case>) async throws -> [Event] { try await allEvents().filter { $0.caseID == id } }

    public func events(affecting id: Identifier<Person>) async throws -> [Event] {
        try await allEvents().filter { $0.people.contains(id) }
    }

    /// In the order of their dates, as a timeline reads.
    public func allEvents() async throws -> [Event] { read { $0.events.sorted { $0.date < $1.date } } }

    public func event(_ id: Identifier<Event>) async throws -> Event? { read { $0.events.first { $0.id == id } } }

    public func save(_ event: Event, audit: AuditEntry) async throws { upsert(event, in: \.events) }
}

extension InMemoryRecords: TargetRecords {
    public func targets(_ ids: [Identifier<Target>]) async throws -> [Target] { read { Self.some($0.targets, ids) } }

    public func allTargets() async throws -> [Target] { read { $0.targets.sorted { $0.name < $1.name } } }

    public func save(_ target: Target, audit: AuditEntry) async throws { upsert(target, in: \.targets) }
}

extension InMemoryRecords: StatementRecords {
    public func statements(limit: Int) async throws -> [Statement] { Array(try await allStatements().prefix(limit)) }

    public func statement(_ id: Identifier<Statement>) async throws -> Statement? { read { $0.statements.first { $0.id == id } } }

    public func statements(aboutCase id: Identifier<Case>) async throws -> [Statement] {
        try await allStatements().filter { $0.cases.contains(id) }
    }

    public func allStatements() async throws -> [Statement] { read { $0.statements.sorted { $0.published > $1.published } } }

    public func save(_ statement: Statement, audit: AuditEntry) async throws { upsert(statement, in: \.statements) }
}

extension InMemoryRecords: TranslationRecords {
    public func translations(of kind: Translation.Kind, _ id: String) async throws -> [Translation] {
        read { $0.translations.filter { $0.kind == kind && $0.recordID == id }.sorted { $0.language < $1.language } }
    }

    public func translations(of kind: Translation.Kind, _ ids: [String], in language: String) async throws -> [String: Translation] {
        read { dataset in
            Dictionary(
                dataset.translations.filter { $0.kind == kind && $0.language == language && ids.contains($0.recordID) }
                    .map { ($0.recordID, $0) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    public func save(_ translation: Translation, audit: AuditEntry) async throws {
        data.withLock { dataset in
            dataset.translations.removeAll {
                $0.kind == translation.kind && $0.recordID == translation.recordID && $0.language == translation.language
            }
            dataset.translations.append(translation)
        }
    }

    public func deleteTranslation(of kind: Translation.Kind, _ id: String, in language: String, audit: AuditEntry) async throws -> Bool {
        data.withLock { dataset in
            let before = dataset.translations.count
            dataset.translations.removeAll { $0.kind == kind && $0.recordID == id && $0.language == language }
            return dataset.translations.count < before
        }
    }
}

extension InMemoryRecords: SitePageRecords {
    /// A dataset holds no site pages: every one shows its default text.
    public func sitePage(_ kind: SitePage.Kind, language: String) async throws -> SitePage? { nil }
}

extension InMemoryRecords: AttentionRecords {
    /// Nothing is recorded after the dataset was read, so nothing waits.
    public func attention(of action: Identifier<UrgentAction>) async throws -> ActionAttention? { nil }
}

extension InMemoryRecords: ReplyRecords {
    /// A dataset holds no replies.
    public func replies(inCase id: Identifier<Case>) async throws -> [OfficialReply] { [] }
}
