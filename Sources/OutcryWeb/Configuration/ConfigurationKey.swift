import Foundation

/// The commands that read settings; each key says which of them it applies to.
public enum OutcryCommand: String, CaseIterable, Sendable {
    case serve, migrate
    case `import`
    case user
    case sendAlerts = "send-alerts"
}

/// One setting, written once: its option on the command line, its environment variable, its default,
/// what it means, which commands read it, and how a value is checked and applied. The table of keys
/// (`ConfigurationKey.all`) drives parsing, validation, the commands' `--help` and the README's table.
public struct ConfigurationKey: Sendable {
    /// The long option without its dashes (`data-dir`); nil for settings only the environment gives (secrets).
    public let option: String?
    /// The environment variable (`OUTCRY_DATA_DIR`).
    public let environment: String
    /// The default, as people read it; nil when there is none.
    public let defaultValue: String?
    /// What the setting does, in a sentence.
    public let summary: String
    public let commands: [OutcryCommand]
    /// Checks `value` and sets it; returns the problem when it is not acceptable.
    let apply: @Sendable (_ value: String, _ configuration: inout Configuration) -> String?

    /// The line `--help` shows: the summary, the variable and the default.
    public var help: String {
        summary + " (env \(environment)" + (defaultValue.map { "; default \($0)" } ?? "") + ")."
    }

    /// For a command's `--help`: the settings it reads that only the environment gives (secrets, mail).
    public static func environmentOnly(for command: OutcryCommand) -> String {
        let keys = all.filter { $0.option == nil && $0.commands.contains(command) }
        guard !keys.isEmpty else { return "" }
        return "Also read from the environment:\n"
            + keys.map { "  \($0.environment): \($0.summary)" + ($0.defaultValue.map { " (default \($0))." } ?? ".") }.joined(
                separator: "\n")
    }

    /// The README's table of every setting, from the same keys.
    public static var markdownTable: String {
        var lines = ["| Option | Environment | Default | Commands | What it does |", "|---|---|---|---|---|"]
        for key in all {
            let commands = key.commands.count == OutcryCommand.allCases.count ? "all" : key.commands.map(\.rawValue).joined(separator: ", ")
            let option = key.option.map { "`--\($0)`" } ?? "—"
            let value = key.defaultValue.map { "`\($0)`" } ?? "—"
            let summary = key.summary.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
            lines.append("| \(option) | `\(key.environment)` | \(value) | \(commands) | \(summary) |")
        }
        return lines.joined(separator: "\n")
    }
}
