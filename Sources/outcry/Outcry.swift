import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import OutcryStore
import OutcryWeb
import Synchronization

private let loggingBootstrap = Mutex(false)

@main
struct Outcry: AsyncParsableCommand {
    /// The terminal's language, read once at start: the commands' help is static.
    static let words = CommandLineWords(environment: ProcessInfo.processInfo.environment)

    static let configuration = CommandConfiguration(
        commandName: "outcry", abstract: words("cli.outcry.abstract"),
        subcommands: [
            Serve.self, Migrate.self, Import.self, User.self, Token.self, SendAlerts.self, Backup.self, Restore.self, Settings.self,
        ],
        defaultSubcommand: Serve.self)

    /// Runs Swift concurrency's tasks on the same threads as the network event loops, so a request's
    /// handler does not hop between two thread pools on its way in and out. Blocking work (bcrypt, SQLite)
    /// has thread pools of its own.
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that opens the database shares; names and help from the configuration's keys.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong(ConfigurationKey.dataDirectory.option!), help: ArgumentHelp(ConfigurationKey.dataDirectory.help(Outcry.words)))
    var dataDirectory: String?

    @Option(name: .customLong(ConfigurationKey.databaseURL.option!), help: ArgumentHelp(ConfigurationKey.databaseURL.help(Outcry.words)))
    var databaseURL: String?

    @Option(name: .customLong(ConfigurationKey.logLevel.option!), help: ArgumentHelp(ConfigurationKey.logLevel.help(Outcry.words)))
    var logLevel: String?
}

extension DatabaseOptions {
    /// The configuration these options and the environment give `command`, or a one-line error and exit.
    func configuration(for command: OutcryCommand, publicURL: String? = nil) -> OutcryWeb.Configuration {
        do {
            return try .resolve(
                .init(dataDirectory: dataDirectory, databaseURL: databaseURL, logLevel: logLevel, publicURL: publicURL),
                environment: ProcessInfo.processInfo.environment, for: command)
        } catch {
            fail(error.text(Outcry.words))
        }
    }

    /// The store the configuration names, its data folder prepared, opened; or a one-line error and exit.
    func openStore(_ configuration: OutcryWeb.Configuration) async -> Store {
        do {
            try configuration.prepareDataDirectory()
            return try await Store.open(
                configuration.database, logger: makeLogger(level: configuration.logLevel, format: configuration.logFormat))
        } catch let error as ConfigurationError {
            fail(error.text(Outcry.words))
        } catch {
            fail("\(error)")
        }
    }
}

/// A refusal already worded for the person at the terminal.
struct CommandLineProblem: Error {
    let message: String

    init(_ message: String) { self.message = message }
}

/// Prints one clear line on standard error and exits non-zero: what a person running a command needs.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("outcry: \(message)\n".utf8))
    exit(1)
}

/// Standard error at `level`, as text or JSON lines. The logging system is set up once per process, by the first call.
func makeLogger(level: Logger.Level, format: LogFormat = .text) -> Logger {
    loggingBootstrap.withLock { done in
        guard !done else { return }
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                return JSONLogHandler(label: label, logLevel: level)
            }
        }
        done = true
    }
    var logger = Logger(label: "outcry")
    logger.logLevel = level
    return logger
}
