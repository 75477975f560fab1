import OutcryCore
import SQLKit

// An action's totals are counters kept beside its reports, moved in the same transaction; reading them
// costs a handful of rows per action whatever the number of reports.
extension Store {
    /// Adds counted reports to the counters, in `shard`: one row per action × breakdown × key × channel.
    static func addToTotals(_ rows: [ActionReportRow], shard: Int, on database: any SQLDatabase) async throws {
        var counters: [TotalsKey: Int] = [:]
        for row in rows {
            for (dimension, key) in row.breakdownKeys {
                func counter(_ channel: String) -> TotalsKey {
                    TotalsKey(action: row.urgentActionId, dimension: dimension, key: key, channel: channel)
                }
                counters[counter(TotalsKey.reportsChannel), default: 0] += 1
                guard dimension != .targetCountry else { continue }
                for (channel, count) in row.counts where count > 0 {
                    counters[counter(channel.rawValue), default: 0] += count
                }
            }
        }
        try await addToCounters(counters, shard: shard, on: database)
    }

    /// A group's counted report in the counters: per group (so that groups are counted, not reports) and per
    /// official and group, one row per kind.
    static func addToTotals(
        _ report: GroupReportInput, group: Identifier<WritingGroup>, shard: Int, on database: any SQLDatabase
    )
        async throws
    {
        var counters: [TotalsKey: Int] = [:]
        for (kind, count) in report.counts where count > 0 {
            counters[TotalsKey(action: report.action.rawValue, dimension: .group, key: group.rawValue, channel: kind.rawValue)] = count
            if let target = report.target {
                counters[
                    TotalsKey(
                        action: report.action.rawValue, dimension: .groupTarget, key: "\(target.rawValue)/\(group.rawValue)",
                        channel: kind.rawValue)] = count
            }
        }
        try await addToCounters(counters, shard: shard, on: database)
    }

    private static func addToCounters(_ counters: [TotalsKey: Int], shard: Int, on database: any SQLDatabase) async throws {
        guard !counters.isEmpty else { return }
        let insert = database.insert(into: "action_counters").columns("urgent_action_id", "dimension", "key", "channel", "shard", "count")
        for (key, count) in counters.sorted(by: { $0.key < $1.key }) {
            insert.values(
                SQLBind(key.action), SQLBind(key.dimension.rawValue), SQLBind(key.key), SQLBind(key.channel), SQLBind(shard), SQLBind(count)
            )
        }
        try await insert
            .onConflict(with: ["urgent_action_id", "dimension", "key", "channel", "shard"]) {
                $0.set(SQLIdentifier("count"), to: SQLRaw("action_counters.count + excluded.count"))
            }
            .run()
    }

    static func totals(from rows: [TotalsRow]) -> Totals {
        var totals = Totals()
        var groups = Set<String>()
        var groupsByTarget: [Identifier<Target>: Set<String>] = [:]
        for row in rows {
            let isReports = row.channel == TotalsKey.reportsChannel
            let channel = Channel(rawValue: row.channel)
            switch TotalsDimension(rawValue: row.dimension) {
            case .all:
                if isReports { totals.reports = row.count } else if let channel { totals.byChannel[channel] = row.count }
            case .country:
                if isReports { totals.peopleByCountry[Country(rawValue: row.key)] = row.count }
            case .target where !row.key.isEmpty:
                let target = Identifier<Target>(row.key)
                if isReports {
                    totals.byTarget[target, default: TargetTotals()].reports = row.count
                } else if let channel {
                    totals.byTarget[target, default: TargetTotals()].byChannel[channel] = row.count
                }
            case .targetCountry:
                let parts = row.key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty else { continue }
                totals.byTarget[Identifier(String(parts[0])), default: TargetTotals()]
                    .peopleByCountry[Country(rawValue: String(parts[1]))] = row.count
            case .group:
                guard let kind = GroupActionKind(rawValue: row.channel), row.count > 0 else { continue }
                groups.insert(row.key)
                totals.groups.byKind[kind, default: 0] += row.count
            case .groupTarget:
                let parts = row.key.split(separator: "/", maxSplits: 1)
                guard parts.count == 2, let kind = GroupActionKind(rawValue: row.channel), row.count > 0 else { continue }
                let target = Identifier<Target>(String(parts[0]))
                groupsByTarget[target, default: []].insert(String(parts[1]))
                totals.byTarget[target, default: TargetTotals()].groups.byKind[kind, default: 0] += row.count
            case .target, nil:
                continue
            }
        }
        totals.groups.groups = groups.count
        for (target, members) in groupsByTarget { totals.byTarget[target]?.groups.groups = members.count }
        return totals
    }
}

/// The breakdowns kept as counters.
enum TotalsDimension: String, Sendable {
    case all
    case target
    case country
    /// Reports per target and country, so a target's report can say "in M countries".
    case targetCountry = "target_country"
    /// What each group wrote, by kind (key: the group), so that groups are counted once however often they report.
    case group
    /// The same per official (key: `target/group`).
    case groupTarget = "group_target"
}

struct TotalsKey: Hashable, Comparable {
    /// The pseudo-channel counting reports, that is people who acted.
    static let reportsChannel = "reports"

    let action: String
    let dimension: TotalsDimension
    let key: String
    let channel: String

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.action, lhs.dimension.rawValue, lhs.key, lhs.channel) < (rhs.action, rhs.dimension.rawValue, rhs.key, rhs.channel)
    }
}

struct TotalsRow: Codable, Sendable {
    var urgentActionId: String
    var dimension: String
    var key: String
    var channel: String
    var count: Int
}
