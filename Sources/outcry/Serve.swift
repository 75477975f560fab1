import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import OutcryWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (migrating the database first).")

    @Option(help: "Address to listen on (env OUTCRY_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on, 0 for any free port (env OUTCRY_PORT; default 8080).")
    var port: String?

    @Flag(help: "Load the demo case (Urgent Action 30.24 and a statement) unless it is already there (env OUTCRY_DEMO=1).")
    var demo = false

    @Option(name: .customLong("theme-dir"), help: "Folder of .mustache templates that replace the built-in ones (env OUTCRY_THEME_DIR).")
    var themeDirectory: String?

    @Option(name: .customLong("public-url"), help: "The site's address as supporters see it, for share posts (env OUTCRY_PUBLIC_URL).")
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
                environment: ProcessInfo.processInfo.environment)
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
            fail("cannot listen on \(configuration.host):\(configuration.port): the port is already in use. Stop the other program or choose another with --port.")
        } catch let error as IOError where error.errnoCode == EACCES {
            fail("cannot listen on \(configuration.host):\(configuration.port): permission denied. Choose a port above 1023 with --port.")
        } catch {
            fail("server stopped: \(error)")
        }
    }
}
