import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OutcryCore
import OutcryStore
import OutcryWeb
import SQLKit
import Synchronization

/// The real application on a fresh SQLite file (or on PostgreSQL when a test asks for it).
enum TestApp {
    static let logger: Logger = {
        var logger = Logger(label: "outcry-web-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// The application on a new SQLite file; `prepare` may change the data first, through its own connection.
    static func withDemo<T: Sendable>(
        loadDemoData: Bool = true, themeDirectory: String? = nil, clock: any WallClock = FixedClock(),
        prepare: (Store) async throws -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = try Configuration.resolve(
            .init(dataDirectory: directory, loadDemoData: loadDemoData, themeDirectory: themeDirectory), environment: [:])
        let app = try await buildApplication(configuration: configuration, logger: logger, clock: clock)
        let store = try await Store.open(configuration.database, logger: logger)
        try await prepare(store)
        await store.shutdown()
        return try await app.test(.router, body)
    }

    /// The demo site with cheap password hashing, and a store handle for setting up accounts and sessions.
    /// On SQLite, or on a new database of the PostgreSQL server `DATABASE_URL` names.
    static func withCoordinators<T: Sendable>(
        clock: FixedClock = FixedClock(), engine: SQLEngineKind = .sqlite,
        _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> T
    ) async throws -> T {
        try await withDemoAndOtherInstance(clock: clock, engine: engine, passwordCost: 4, body)
    }

    /// SQLite always; PostgreSQL too when `DATABASE_URL` names a server the tests may create databases on.
    static var engines: [SQLEngineKind] {
        ProcessInfo.processInfo.environment["DATABASE_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// As `withDemo`, with a second connection to the same database that stands for another instance.
    static func withDemoAndOtherInstance<T: Sendable>(
        clock: FixedClock, engine: SQLEngineKind = .sqlite, passwordCost: UInt8 = 12,
        _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var databaseURL: String?
        var dropDatabase: () async throws -> Void = {}
        if engine == .postgres, let server = ProcessInfo.processInfo.environment["DATABASE_URL"] {
            let name = "outcry_web_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
            try await serverQuery(server, "CREATE DATABASE \(name)")
            var components = URLComponents(string: server)!
            components.path = "/\(name)"
            databaseURL = components.string
            dropDatabase = { try await serverQuery(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        var configuration = try Configuration.resolve(
            .init(dataDirectory: directory, databaseURL: databaseURL, loadDemoData: true), environment: [:])
        configuration.passwordCost = passwordCost
        let app = try await buildApplication(configuration: configuration, logger: logger, clock: clock)
        let other = try await Store.open(configuration.database, logger: logger)
        do {
            let result = try await app.test(.router) { client in try await body(client, other) }
            await other.shutdown()
            try await dropDatabase()
            return result
        } catch {
            await other.shutdown()
            try? await dropDatabase()
            throw error
        }
    }

    /// One statement on the server's own database: creating and dropping test databases.
    private static func serverQuery(_ url: String, _ sql: String) async throws {
        let server = try await Store.open(.postgres(url: url), logger: logger)
        do {
            try await server.engine.read { database in try await database.raw("\(unsafeRaw: sql)").run() }
            await server.shutdown()
        } catch {
            await server.shutdown()
            throw error
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// Always the same moment (27 November 2026, 11:02 UTC) until a test moves it on.
final class FixedClock: WallClock {
    private let moment = Mutex(Date(timeIntervalSince1970: 1_795_777_326))
    var now: Date { moment.withLock { $0 } }
    func advance(seconds: TimeInterval) { moment.withLock { $0 += seconds } }
}

extension TestClientProtocol {
    /// Posts a form as a browser does.
    func submit(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    /// The signed token of the first form on a page.
    func formToken(on uri: String) async throws -> String {
        let html = try await execute(uri: uri, method: .get).text
        guard let start = html.range(of: #"name="token" value=""#) else { throw TokenMissing() }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }
}

struct TokenMissing: Error {}
