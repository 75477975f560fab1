import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import OutcryWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (migrating the database first).",
        discussion: ConfigurationKey.environmentOnly(for: .serve))

    @Option(name: .customLong(ConfigurationKey.host.option!), help: ArgumentHelp(ConfigurationKey.host.help))
    var host: String?

    @Option(name: .customLong(ConfigurationKey.port.option!), help: ArgumentHelp(ConfigurationKey.port.help))
    var port: String?

    @Flag(name: .customLong(ConfigurationKey.demo.option!), help: ArgumentHelp(ConfigurationKey.demo.help))
    var demo = false

    @Option(name: .customLong(ConfigurationKey.themeDirectory.option!), help: ArgumentHelp(ConfigurationKey.themeDirectory.help))
    var themeDirectory: String?

    @Option(name: .customLong(ConfigurationKey.publicURL.option!), help: ArgumentHelp(ConfigurationKey.publicURL.help))
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
            fail(error.description)
        }
        let logger = makeLogger(level: configuration.logLevel)
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration: configuration, logger: logger) { port in
                let line = "Outcry is running at http://\(configuration.host):\(port)/ (\(configuration.database)). Press Ctrl-C to stop.\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            fail("cannot start: \(error)")
        }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            fail(
                "cannot listen on \(configuration.host):\(configuration.port): the port is already in use. Stop the other program or "
                    + "choose another with --port."
            )
        } catch let error as IOError where error.errnoCode == EACCES {
            fail("cannot listen on \(configuration.host):\(configuration.port): permission denied. Choose a port above 1023 with --port.")
        } catch {
            fail("server stopped: \(error)")
        }
    }
}
