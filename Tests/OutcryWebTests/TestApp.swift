import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OutcryWeb

/// The real application on a fresh SQLite file (or on PostgreSQL when a test asks for it).
enum TestApp {
    static let logger: Logger = {
        var logger = Logger(label: "outcry-web-tests")
        logger.logLevel = .warning
        return logger
    }()

    static func withDemo<T: Sendable>(
        loadDemoData: Bool = true, themeDirectory: String? = nil,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-web-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = try Configuration.resolve(
            .init(dataDirectory: directory, loadDemoData: loadDemoData, themeDirectory: themeDirectory), environment: [:])
        let app = try await buildApplication(configuration: configuration, logger: logger)
        return try await app.test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
