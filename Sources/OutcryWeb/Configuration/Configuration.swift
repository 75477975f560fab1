import Foundation
import Logging
import OutcryAPI
import OutcryCore
import OutcryMail
import OutcryStore

/// Everything an Outcry command needs to start, resolved once from the command line, then the
/// environment, then defaults (the keys in `ConfigurationKey.all`), and checked before anything opens.
public struct Configuration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Holds the SQLite database when no `DATABASE_URL` is given.
    public var dataDirectory: String
    /// `postgres://…` to use PostgreSQL instead of SQLite.
    public var databaseURL: String?
    /// Load the seed case on start (once: a database that has it keeps it).
    public var loadDemoData: Bool
    /// A folder whose `*.mustache` files replace the built-in templates of the same name.
    public var themeDirectory: String?
    public var logLevel: Logger.Level
    /// Lines for people, or one JSON object per line for a log collector.
    public var logFormat: LogFormat = .text
    /// The address supporters reach the site at, for links that leave it (share posts); nil means this server's own.
    public var publicURL: String?
    /// Behind a reverse proxy, take the client address from the last `X-Forwarded-For` entry.
    public var trustForwardedFor: Bool
    /// 32 bytes that seal supporters' e-mail addresses; nil means a key file in the data folder (SQLite),
    /// or no e-mail collection at all (PostgreSQL, where every instance must share the key).
    public var dataKey: Data?
    /// bcrypt's work factor for coordinators' passwords: 12 in use (about a quarter of a second per
    /// check); tests lower it to keep them fast.
    public var passwordCost: UInt8 = 12
    /// The SMTP server alerts go through; nil means messages wait in the outbox until one is configured.
    public var smtp: SMTPConfiguration?
    /// The sender of alerts.
    public var mailFrom = MailAddress("alerts@localhost", name: "Outcry")
    /// How many messages the alert forms may send in an hour on this instance.
    public var alertMailsPerHour = 500
    /// How many connections to the mail server send alerts at once, each with one message in flight.
    public var smtpConnections = 4
    /// The token Prometheus shows to read `/metrics`; without one, the metrics are not served.
    public var metricsToken: String?
    /// API requests allowed a minute for each token (and half as many for each client without one), per instance.
    public var apiRateLimits = APIRateLimits()
    /// How often each instance looks for new reports to tell webhooks of (`reports.received`); tests shorten it.
    public var webhookReportInterval: Duration = .seconds(60)
    /// How long a connection may take over a request head, a body, or between requests.
    public var timeouts = ConnectionTimeouts()
    /// Every word of the public pages written in the pseudo-locale, to find any that is not in a catalog.
    public var pseudoLocale = false

    public init(
        host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./data", databaseURL: String? = nil,
        loadDemoData: Bool = false, themeDirectory: String? = nil, logLevel: Logger.Level = .info,
        publicURL: String? = nil, trustForwardedFor: Bool = false
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.loadDemoData = loadDemoData
        self.themeDirectory = themeDirectory
        self.logLevel = logLevel
        self.publicURL = publicURL
        self.trustForwardedFor = trustForwardedFor
    }

    /// The domain of the sender address, which Message-IDs end with.
    public var mailHost: String { mailFrom.address.split(separator: "@").last.map(String.init) ?? "localhost" }

    /// The site's own address without a trailing slash.
    public var siteURL: String { publicURL ?? "http://\(host):\(port)" }

    public var database: DatabaseLocation {
        if let databaseURL { return .postgres(url: databaseURL) }
        return .sqlite(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent("outcry.sqlite").path)
    }

    /// Values given on the command line; nil means "not given", so the environment or the default applies.
    public struct Overrides: Sendable {
        public var host: String?
        public var port: String?
        public var dataDirectory: String?
        public var databaseURL: String?
        public var loadDemoData: Bool?
        public var themeDirectory: String?
        public var logLevel: String?
        public var publicURL: String?

        public init(
            host: String? = nil, port: String? = nil, dataDirectory: String? = nil, databaseURL: String? = nil,
            loadDemoData: Bool? = nil, themeDirectory: String? = nil, logLevel: String? = nil, publicURL: String? = nil
        ) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.databaseURL = databaseURL
            self.loadDemoData = loadDemoData
            self.themeDirectory = themeDirectory
            self.logLevel = logLevel
            self.publicURL = publicURL
        }

        /// The values given, by the option of their key.
        var values: [String: String] {
            let pairs: [(ConfigurationKey, String?)] = [
                (.host, host), (.port, port), (.dataDirectory, dataDirectory), (.databaseURL, databaseURL),
                (.demo, loadDemoData.map { $0 ? "1" : "0" }), (.themeDirectory, themeDirectory), (.logLevel, logLevel),
                (.publicURL, publicURL),
            ]
            return Dictionary(pairs.compactMap { key, value in key.option.flatMap { option in value.map { (option, $0) } } }) { $1 }
        }
    }

    /// Command line over environment over defaults, for the keys `command` reads, then every check; all
    /// problems are reported together. Nothing is written: `prepareDataDirectory()` does that at start.
    public static func resolve(
        _ overrides: Overrides, environment: [String: String], for command: OutcryCommand = .serve
    ) throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        var problems: [ConfigurationProblem] = []
        let given = overrides.values
        for key in ConfigurationKey.all where key.commands.contains(command) {
            let fromEnvironment = environment[key.environment].flatMap { $0.isEmpty ? nil : $0 }
            guard let value = key.option.flatMap({ given[$0] }) ?? fromEnvironment else { continue }
            if let problem = key.apply(value, &configuration) { problems.append(problem) }
        }
        if [.serve, .sendAlerts].contains(command), configuration.databaseURL != nil, configuration.dataKey == nil {
            problems.append(ConfigurationProblem("postgres-needs-key"))
        }
        guard problems.isEmpty else { throw ConfigurationError(reasons: problems) }
        return configuration
    }

    /// Creates the SQLite data folder if needed and proves a file can be written in it: the step of
    /// starting that writes to disk, taken after the configuration is checked and before the store opens.
    /// The folder and the database are its owner's alone (0700 and 0600, tightened if they were wider):
    /// SQLite gives its journal files the database's mode.
    public func prepareDataDirectory() throws(ConfigurationError) {
        guard databaseURL == nil else { return }
        let manager = FileManager.default
        do {
            try manager.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError(reasons: [
                ConfigurationProblem(
                    "data-dir-create", ["folder": dataDirectory, "reason": (error as NSError).localizedDescription])
            ])
        }
        let probe = URL(fileURLWithPath: dataDirectory).appendingPathComponent(".outcry-write-check-\(getpid())").path
        guard manager.createFile(atPath: probe, contents: Data()) else {
            throw ConfigurationError(reasons: [ConfigurationProblem("data-dir-write", ["folder": dataDirectory])])
        }
        try? manager.removeItem(atPath: probe)
        // A folder or database that an administrator set up is tightened where this user may.
        try? manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory)
        if case .sqlite(let path) = database {
            if manager.fileExists(atPath: path) {
                try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            } else {
                _ = manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
        }
    }

    /// `smtp://`, `smtp+starttls://` or `smtps://`, with optional user and password (percent-encoded).
    static func smtp(_ url: String, trustRoots: String?) -> SMTPConfiguration? {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return nil }
        let security: SMTPConfiguration.Security
        let port: Int
        switch components.scheme?.lowercased() {
        case "smtp": (security, port) = (.none, 25)
        case "smtp+starttls": (security, port) = (.startTLS, 587)
        case "smtps": (security, port) = (.tls, 465)
        default: return nil
        }
        return SMTPConfiguration(
            host: host, port: components.port ?? port, security: security,
            username: components.percentEncodedUser?.removingPercentEncoding,
            password: components.percentEncodedPassword?.removingPercentEncoding,
            trustRootsFile: trustRoots?.isEmpty == false ? trustRoots : nil)
    }

    /// `alerts@example.org` or `Outcry Alerts <alerts@example.org>`.
    static func mailAddress(_ text: String) -> MailAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            return EmailAddress(address) == nil ? nil : MailAddress(address, name: name.isEmpty ? nil : name)
        }
        return EmailAddress(trimmed) == nil ? nil : MailAddress(trimmed)
    }
}

public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let reasons: [ConfigurationProblem]

    /// The problems in English.
    public var problems: [String] { reasons.map { $0.text(.english) } }

    /// Every problem, on one line, in the terminal's language.
    public func text(_ words: CommandLineWords) -> String {
        words("cli.problem.configuration", ["problems": reasons.map { $0.text(words) }.joined(separator: "; ")])
    }

    public var description: String { text(.english) }
}

/// How log lines are written on standard error.
public enum LogFormat: String, Sendable {
    case text, json
}
