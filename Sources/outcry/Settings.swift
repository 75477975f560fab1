import ArgumentParser
import OutcryWeb

struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every setting: its option, environment variable, default and the commands that read it.")

    @Flag(help: "Print the table as Markdown, as the README has it.")
    var markdown = false

    func run() {
        if markdown {
            print(ConfigurationKey.markdownTable)
            return
        }
        for key in ConfigurationKey.all {
            print(key.option.map { "--\($0), \(key.environment)" } ?? key.environment)
            print("    \(key.summary).")
            print("    Default: \(key.defaultValue ?? "none"). Read by: \(key.commands.map(\.rawValue).joined(separator: ", ")).")
        }
    }
}
