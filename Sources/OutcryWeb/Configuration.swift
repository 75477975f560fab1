import Foundation
import Logging
import OutcryCore
import OutcryMail
import OutcryStore

/// Everything an Outcry server needs to start, resolved once from the command line, then the
/// environment, then defaults, and checked before anything opens.
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
    }

    /// Command line over environment over defaults, then every check; all problems are reported together.
    public static func resolve(_ overrides: Overrides, environment: [String: String]) throws(ConfigurationError) -> Configuration {
        var problems: [String] = []
        func value(_ flag: String?, _ key: String) -> String? {
            if let flag { return flag }
            if let text = environment[key], !text.isEmpty { return text }
            return nil
        }
        var configuration = Configuration()
        if let host = value(overrides.host, "OUTCRY_HOST") {
            if host.isEmpty || host.contains(where: \.isWhitespace) {
                problems.append("host “\(host)” is not an address to listen on")
            } else {
                configuration.host = host
            }
        }
        if let port = value(overrides.port, "OUTCRY_PORT") {
            if let number = Int(port), (0...65535).contains(number) {
                configuration.port = number
            } else {
                problems.append("port “\(port)” must be a number from 0 (any free port) to 65535")
            }
        }
        if let directory = value(overrides.dataDirectory, "OUTCRY_DATA_DIR") { configuration.dataDirectory = directory }
        if let url = value(overrides.databaseURL, "DATABASE_URL") {
            let scheme = URLComponents(string: url)?.scheme?.lowercased()
            if scheme == "postgres" || scheme == "postgresql", URLComponents(string: url)?.host?.isEmpty == false {
                configuration.databaseURL = url
            } else {
                problems.append("DATABASE_URL must look like postgres://user:password@host:5432/database")
            }
        }
        if let demo = overrides.loadDemoData {
            configuration.loadDemoData = demo
        } else if let demo = environment["OUTCRY_DEMO"], !demo.isEmpty {
            switch demo.lowercased() {
            case "1", "true", "yes": configuration.loadDemoData = true
            case "0", "false", "no": configuration.loadDemoData = false
            default: problems.append("OUTCRY_DEMO “\(demo)” must be 1 or 0")
            }
        }
        if let theme = value(overrides.themeDirectory, "OUTCRY_THEME_DIR") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: theme, isDirectory: &isDirectory), isDirectory.boolValue {
                configuration.themeDirectory = theme
            } else {
                problems.append("theme folder “\(theme)” does not exist")
            }
        }
        if let level = value(overrides.logLevel, "LOG_LEVEL") {
            if let parsed = Logger.Level(rawValue: level.lowercased()) {
                configuration.logLevel = parsed
            } else {
                problems.append("log level “\(level)” must be one of trace, debug, info, notice, warning, error, critical")
            }
        }
        if let url = value(overrides.publicURL, "OUTCRY_PUBLIC_URL") {
            if WebAddress.isSafe(url), let host = URLComponents(string: url)?.host, !host.isEmpty {
                configuration.publicURL = String(url.reversed().drop { $0 == "/" }.reversed())
            } else {
                problems.append("public URL “\(url)” must be an http(s) address such as https://act.example.org")
            }
        }
        if let key = environment["OUTCRY_DATA_KEY"], !key.isEmpty {
            if let data = Data(base64Encoded: key), data.count == 32 {
                configuration.dataKey = data
            } else {
                problems.append("OUTCRY_DATA_KEY must be 32 random bytes in base64 (make one with: openssl rand -base64 32)")
            }
        }
        if let trust = environment["OUTCRY_TRUST_FORWARDED_FOR"], !trust.isEmpty {
            switch trust.lowercased() {
            case "1", "true", "yes": configuration.trustForwardedFor = true
            case "0", "false", "no": configuration.trustForwardedFor = false
            default: problems.append("OUTCRY_TRUST_FORWARDED_FOR “\(trust)” must be 1 or 0")
            }
        }
        if let url = environment["OUTCRY_SMTP_URL"], !url.isEmpty {
            if let smtp = Self.smtp(url, trustRoots: environment["OUTCRY_SMTP_CA_FILE"]) {
                configuration.smtp = smtp
            } else {
                problems.append(
                    "OUTCRY_SMTP_URL must look like smtp://host:25, smtp+starttls://user:password@host:587 or smtps://user:password@host:465")
            }
        }
        if let from = environment["OUTCRY_MAIL_FROM"], !from.isEmpty {
            if let address = Self.mailAddress(from) {
                configuration.mailFrom = address
            } else {
                problems.append("OUTCRY_MAIL_FROM “\(from)” must be an address, optionally with a name: Outcry Alerts <alerts@example.org>")
            }
        }
        if configuration.databaseURL == nil, let problem = Self.problemWithDataDirectory(configuration.dataDirectory) {
            problems.append(problem)
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
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
            username: components.percentEncodedUser?.removingPercentEncoding, password: components.percentEncodedPassword?.removingPercentEncoding,
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

    /// Creates the data folder if needed and proves a file can be written in it.
    static func problemWithDataDirectory(_ path: String) -> String? {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            return "data folder “\(path)” cannot be created: \((error as NSError).localizedDescription)"
        }
        let probe = URL(fileURLWithPath: path).appendingPathComponent(".outcry-write-check-\(getpid())").path
        guard manager.createFile(atPath: probe, contents: Data()) else {
            return "data folder “\(path)” is not writable"
        }
        try? manager.removeItem(atPath: probe)
        return nil
    }
}

public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "configuration: " + problems.joined(separator: "; ") }
}
