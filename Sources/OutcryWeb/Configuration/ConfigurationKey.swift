import Foundation

/// The commands that read settings; each key says which of them it applies to.
public enum OutcryCommand: String, CaseIterable, Sendable {
    case serve, migrate
    case `import`
    case user
    case sendAlerts = "send-alerts"
    case backup, restore
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
    public let commands: [OutcryCommand]
    /// Checks `value` and sets it; returns the problem when it is not acceptable.
    let apply: @Sendable (_ value: String, _ configuration: inout Configuration) -> ConfigurationProblem?

    init(
        option: String?, environment: String, defaultValue: String?, commands: [OutcryCommand],
        apply: @escaping @Sendable (_ value: String, _ configuration: inout Configuration) -> ConfigurationProblem?
    ) {
        self.option = option
        self.environment = environment
        self.defaultValue = defaultValue
        self.commands = commands
        self.apply = apply
    }

    /// What the setting does, in a sentence: the catalogs' `cli.setting.ENVIRONMENT`.
    public func summary(_ words: CommandLineWords) -> String {
        words("cli.setting." + environment, ["per-client": words.number(AlertMailLimits.perClient.count)])
    }

    /// The same in English, as the README has it.
    public var summary: String { summary(.english) }

    /// The line `--help` shows: the summary, the variable and the default.
    public func help(_ words: CommandLineWords) -> String {
        let summary = summary(words)
        guard let defaultValue else { return words("cli.settings.help", ["summary": summary, "environment": environment]) }
        return words("cli.settings.help-default", ["summary": summary, "environment": environment, "default": defaultValue])
    }

    public var help: String { help(.english) }

    /// For a command's `--help`: the settings it reads that only the environment gives (secrets, mail).
    public static func environmentOnly(for command: OutcryCommand, _ words: CommandLineWords) -> String {
        let keys = all.filter { $0.option == nil && $0.commands.contains(command) }
        guard !keys.isEmpty else { return "" }
        return words("cli.settings.environment-only") + "\n"
            + keys.map { key in
                "  \(key.environment): "
                    + (key.defaultValue.map { words("cli.settings.with-default", ["summary": key.summary(words), "default": $0]) }
                        ?? key.summary(words) + ".")
            }.joined(separator: "\n")
    }

    /// The README's table of every setting, from the same keys.
    public static func markdownTable(_ words: CommandLineWords) -> String {
        let headings = ["option", "environment", "default", "commands", "what"].map { words("cli.settings.column-" + $0) }
        var lines = ["| " + headings.joined(separator: " | ") + " |", "|---|---|---|---|---|"]
        for key in all {
            let commands =
                key.commands.count == OutcryCommand.allCases.count
                ? words("cli.settings.all-commands") : key.commands.map(\.rawValue).joined(separator: ", ")
            let option = key.option.map { "`--\($0)`" } ?? "—"
            let value = key.defaultValue.map { "`\($0)`" } ?? "—"
            let summary = key.summary(words).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
            lines.append("| \(option) | `\(key.environment)` | \(value) | \(commands) | \(summary) |")
        }
        return lines.joined(separator: "\n")
    }
}

/// Why a setting's value cannot be used: the catalogs' message `cli.problem.NAME`, with what was given.
public struct ConfigurationProblem: Equatable, Sendable {
    let name: String
    let values: [String: String]

    init(_ name: String, _ values: [String: String] = [:]) {
        self.name = name
        self.values = values
    }

    public func text(_ words: CommandLineWords) -> String {
        words.messages("cli.problem." + name, values: values)
    }
}
