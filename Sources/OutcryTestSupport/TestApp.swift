import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OutcryCore
import OutcryStore
import OutcryWeb

/// The real application, built by the one composition root, on a throw-away database.
public enum TestApp {
    public static let logger = ThrowawayDatabase.logger

    /// The data key every test application is given, so tests can open what it sealed.
    public static let dataKey = Data(repeating: 7, count: 32)
    public static var vault: ContactVault { try! ContactVault(key: dataKey) }
    static let environment = ["OUTCRY_DATA_KEY": dataKey.base64EncodedString()]

    /// SQLite always; PostgreSQL too when `DATABASE_URL` names a server the tests may create databases on.
    public static var engines: [SQLEngineKind] { ThrowawayDatabase.engines }

    /// The application on a new SQLite file; `prepare` may change the data first, through its own connection.
    public static func withDemo<T: Sendable>(
        loadDemoData: Bool = true, themeDirectory: String? = nil, clock: any WallClock = FixedClock(), pseudoLocale: Bool = false,
        prepare: (Store) async throws -> Void = { _ in },
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = try Configuration.resolve(
            .init(dataDirectory: directory, loadDemoData: loadDemoData, themeDirectory: themeDirectory), environment: environment)
        configuration.pseudoLocale = pseudoLocale
        let app = try await buildApplication(configuration: configuration, logger: logger, clock: clock)
        let store = try await Store.open(configuration.database, logger: logger)
        try await prepare(store)
        await store.shutdown()
        return try await app.test(.router, body)
    }

    /// The demo site with cheap password hashing, and a store handle for setting up accounts and sessions.
    /// On SQLite, or on a new database of the PostgreSQL server `DATABASE_URL` names.
    public static func withCoordinators<T: Sendable>(
        clock: FixedClock = FixedClock(), engine: SQLEngineKind = .sqlite, pseudoLocale: Bool = false,
        _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> T
    ) async throws -> T {
        try await withDemoAndOtherInstance(clock: clock, engine: engine, passwordCost: 4, pseudoLocale: pseudoLocale, body)
    }

    /// As `withDemo`, with a second connection to the same database that stands for another instance.
    public static func withDemoAndOtherInstance<T: Sendable>(
        clock: FixedClock, engine: SQLEngineKind = .sqlite, passwordCost: UInt8 = 12, pseudoLocale: Bool = false,
        configure: (inout Configuration) -> Void = { _ in }, _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await ThrowawayDatabase.withLocation(engine, directory: directory) { location in
            var databaseURL: String?
            if case .postgres(let url) = location { databaseURL = url }
            var configuration = try Configuration.resolve(
                .init(dataDirectory: directory, databaseURL: databaseURL, loadDemoData: true), environment: environment)
            configuration.passwordCost = passwordCost
            configuration.pseudoLocale = pseudoLocale
            configure(&configuration)
            let app = try await buildApplication(configuration: configuration, logger: logger, clock: clock)
            let other = try await Store.open(configuration.database, logger: logger)
            do {
                let result = try await app.test(.router) { client in try await body(client, other) }
                await other.shutdown()
                return result
            } catch {
                await other.shutdown()
                throw error
            }
        }
    }
}

extension TestResponse {
    public var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    /// Posts a form as a browser does.
    public func submit(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    /// The signed token of the first form on a page.
    public func formToken(on uri: String) async throws -> String {
        let html = try await execute(uri: uri, method: .get).text
        guard let start = html.range(of: #"name="token" value=""#) else { throw TokenMissing() }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }
}

public struct TokenMissing: Error {}
