import Foundation
import OutcryCore
import SQLKit

/// What the public pages read of campaigns.
public protocol CampaignRecords: Sendable {
    func campaign(_ id: Identifier<Campaign>) async throws -> Campaign?
}

/// Campaigns of several actions; public once saved, as their actions' pages are.
extension Store: CampaignRecords {
    public func save(_ campaign: Campaign, audit: AuditEntry) async throws {
        try await saveRecord(audit) { database in
            try await database.upsert(into: "campaigns", CampaignRow(campaign))
            try await database.replaceLinks(
                "campaign_actions", owner: ("campaign_id", campaign.id), others: ("urgent_action_id", campaign.actions))
        }
    }

    public func campaign(_ id: Identifier<Campaign>) async throws -> Campaign? {
        try await campaigns { $0.where("id", .equal, id.rawValue) }.first
    }

    /// Every campaign, by title.
    public func allCampaigns() async throws -> [Campaign] {
        try await campaigns { $0 }
    }

    private func campaigns(matching filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Campaign] {
        try await engine.read { database in
            let rows = try await filter(database.select().columns("id", "title", "summary", "goal").from("campaigns"))
                .orderBy("title").orderBy("id").all(decoding: CampaignRow.self)
            let actions: [String: [Identifier<UrgentAction>]] = try await database.links(
                "campaign_actions", owners: ("campaign_id", rows.map(\.id)), other: "urgent_action_id")
            return rows.map {
                Campaign(id: Identifier($0.id), title: $0.title, summary: $0.summary, goal: $0.goal, actions: actions[$0.id] ?? [])
            }
        }
    }
}

struct CampaignRow: Codable, Sendable {
    var id: String
    var title: String
    var summary: String
    var goal: Int?

    init(_ campaign: Campaign) {
        id = campaign.id.rawValue
        title = campaign.title
        summary = campaign.summary
        goal = campaign.goal
    }
}
