import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import OutcryWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Outcry.words("cli.serve.abstract"), discussion: ConfigurationKey.environmentOnly(for: .serve, Outcry.words))

    @Option(name: .customLong(ConfigurationKey.host.option!), help: ArgumentHelp(ConfigurationKey.host.help(Outcry.words)))
    var host: String?

    @Option(name: .customLong(ConfigurationKey.port.option!), help: ArgumentHelp(ConfigurationKey.port.help(Outcry.words)))
    var port: String?

    @Flag(name: .customLong(ConfigurationKey.demo.option!), help: ArgumentHelp(ConfigurationKey.demo.help(Outcry.words)))
    var demo = false

    @Option(
        name: .customLong(ConfigurationKey.themeDirectory.option!), help: ArgumentHelp(ConfigurationKey.themeDirectory.help(Outcry.words)))
    var themeDirectory: String?

    @Option(name: .customLong(ConfigurationKey.publicURL.option!), help: ArgumentHelp(ConfigurationKey.publicURL.help(Outcry.words)))
    var publicURL: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration: OutcryWeb.Configuration
        do {
            configuration = try .resolve(
                .init(
                    host: host, port: port, dataDirectory: database.dataDirectory, databaseURL: database.databaseURL,
                    loadDemoData: demo ? true : nil, themeDirectory: themeDirectory, logLevel: database.logLevel,
                    publicURL: publicURL),
                environment: ProcessInfo.processInfo.environment, for: .serve)
        } catch {
            fail(error.text(Outcry.words))
        }
        let words = Outcry.words
        let logger = makeLogger(level: configuration.logLevel, format: configuration.logFormat)
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration: configuration, logger: logger) { port in
                let line =
                    words(
                        "cli.serve.running",
                        ["address": "http://\(configuration.host):\(port)/", "database": configuration.database.description]) + "\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            fail(words("cli.serve.cannot-start", ["error": "\(error)"]))
        }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            fail(words("cli.serve.port-in-use", ["address": "\(configuration.host):\(configuration.port)"]))
        } catch let error as IOError where error.errnoCode == EACCES {
            fail(words("cli.serve.permission", ["address": "\(configuration.host):\(configuration.port)"]))
        } catch {
            fail(words("cli.serve.stopped", ["error": "\(error)"]))
        }
    }
}
