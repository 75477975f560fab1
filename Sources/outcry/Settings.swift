import ArgumentParser
import OutcryWeb

struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Outcry.words("cli.settings.abstract"))

    @Flag(help: ArgumentHelp(Outcry.words("cli.settings.markdown")))
    var markdown = false

    func run() {
        let words = Outcry.words
        if markdown {
            print(ConfigurationKey.markdownTable(words))
            return
        }
        for key in ConfigurationKey.all {
            print(key.option.map { "--\($0), \(key.environment)" } ?? key.environment)
            print("    \(key.summary(words)).")
            print(
                "    "
                    + words(
                        "cli.settings.default",
                        [
                            "default": key.defaultValue ?? words("cli.settings.none"),
                            "commands": key.commands.map(\.rawValue).joined(separator: ", "),
                        ]))
        }
    }
}
