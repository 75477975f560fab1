import Foundation
import Logging
import NIOCore
import OutcryCore

extension ConfigurationKey {
    /// Every setting, in the order problems are reported.
    public static let all: [ConfigurationKey] = [
        host, port, dataDirectory, databaseURL, demo, themeDirectory, logLevel, publicURL, dataKey, trustForwardedFor, smtpURL,
        smtpCAFile, mailFrom, alertMailsPerHour, headTimeout, bodyTimeout, idleTimeout, pseudoLocale,
    ]

    public static let host = ConfigurationKey(
        option: "host", environment: "OUTCRY_HOST", defaultValue: "127.0.0.1",
        summary: "Address to listen on; without a public URL, the links user and send-alerts print or mail start with it and the port",
        commands: [.serve, .user, .sendAlerts]
    ) { value, configuration in
        guard !value.isEmpty, !value.contains(where: \.isWhitespace) else { return "host “\(value)” is not an address to listen on" }
        configuration.host = value
        return nil
    }

    public static let port = ConfigurationKey(
        option: "port", environment: "OUTCRY_PORT", defaultValue: "8080",
        summary: "Port to listen on; 0 means any free port, printed at start", commands: [.serve, .user, .sendAlerts]
    ) { value, configuration in
        guard let number = Int(value), (0...65535).contains(number) else {
            return "port “\(value)” must be a number from 0 (any free port) to 65535"
        }
        configuration.port = number
        return nil
    }

    public static let dataDirectory = ConfigurationKey(
        option: "data-dir", environment: "OUTCRY_DATA_DIR", defaultValue: "./data",
        summary: "Folder for the SQLite database (outcry.sqlite) and its data key, created on first start",
        commands: OutcryCommand.allCases
    ) { value, configuration in
        guard !value.isEmpty else { return "data folder must not be empty" }
        configuration.dataDirectory = value
        return nil
    }

    public static let databaseURL = ConfigurationKey(
        option: "database-url", environment: "DATABASE_URL", defaultValue: nil,
        summary: "postgres://user:password@host:5432/database[?sslmode=disable|prefer|require] to use PostgreSQL instead of SQLite",
        commands: OutcryCommand.allCases
    ) { value, configuration in
        let components = URLComponents(string: value)
        guard ["postgres", "postgresql"].contains(components?.scheme?.lowercased()), components?.host?.isEmpty == false else {
            return "DATABASE_URL must look like postgres://user:password@host:5432/database"
        }
        configuration.databaseURL = value
        return nil
    }

    public static let demo = ConfigurationKey(
        option: "demo", environment: "OUTCRY_DEMO", defaultValue: "off",
        summary: "Load the demo case (Urgent Action 30.24 and a statement) unless it is already there", commands: [.serve]
    ) { value, configuration in
        guard let on = flag(value) else { return "OUTCRY_DEMO “\(value)” must be 1 or 0" }
        configuration.loadDemoData = on
        return nil
    }

    public static let themeDirectory = ConfigurationKey(
        option: "theme-dir", environment: "OUTCRY_THEME_DIR", defaultValue: nil,
        summary: "Folder of .mustache files that replace the built-in templates of the same name (Sources/OutcryWeb/Resources/templates)",
        commands: [.serve]
    ) { value, configuration in
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "theme folder “\(value)” does not exist"
        }
        configuration.themeDirectory = value
        return nil
    }

    public static let logLevel = ConfigurationKey(
        option: "log-level", environment: "LOG_LEVEL", defaultValue: "info",
        summary: "trace, debug, info, notice, warning, error or critical", commands: OutcryCommand.allCases
    ) { value, configuration in
        guard let level = Logger.Level(rawValue: value.lowercased()) else {
            return "log level “\(value)” must be one of trace, debug, info, notice, warning, error, critical"
        }
        configuration.logLevel = level
        return nil
    }

    public static let publicURL = ConfigurationKey(
        option: "public-url", environment: "OUTCRY_PUBLIC_URL", defaultValue: "http://HOST:PORT",
        summary:
            "The site's address as supporters see it, used in share posts, in the links of alert messages, in feeds and in printed links; "
            + "set it whenever alerts are sent",
        commands: [.serve, .user, .sendAlerts]
    ) { value, configuration in
        guard WebAddress.isSafe(value), let host = URLComponents(string: value)?.host, !host.isEmpty else {
            return "public URL “\(value)” must be an http(s) address such as https://act.example.org"
        }
        configuration.publicURL = String(value.reversed().drop { $0 == "/" }.reversed())
        return nil
    }

    public static let dataKey = ConfigurationKey(
        option: nil, environment: "OUTCRY_DATA_KEY", defaultValue: "key file",
        summary:
            "32 random bytes in base64 (openssl rand -base64 32) that seal supporters' e-mail addresses and authenticator secrets "
            + "(AES-GCM) and sign forms and alert links. With SQLite and no key, one is created in DATA_DIR/outcry-data.key (mode "
            + "600); with PostgreSQL it is required, the same on every instance",
        commands: [.serve, .sendAlerts]
    ) { value, configuration in
        guard let data = Data(base64Encoded: value), data.count == 32 else {
            return "OUTCRY_DATA_KEY must be 32 random bytes in base64 (make one with: openssl rand -base64 32)"
        }
        configuration.dataKey = data
        return nil
    }

    public static let trustForwardedFor = ConfigurationKey(
        option: nil, environment: "OUTCRY_TRUST_FORWARDED_FOR", defaultValue: "off",
        summary:
            "1 behind a reverse proxy: take the client address from the last X-Forwarded-For entry (for the per-client caps; addresses "
            + "are only ever stored as a hash with a daily salt)",
        commands: [.serve]
    ) { value, configuration in
        guard let on = flag(value) else { return "OUTCRY_TRUST_FORWARDED_FOR “\(value)” must be 1 or 0" }
        configuration.trustForwardedFor = on
        return nil
    }

    public static let pseudoLocale = ConfigurationKey(
        option: nil, environment: "OUTCRY_PSEUDO_LOCALE", defaultValue: "off",
        summary:
            "1 to write every word of the public pages accented and bracketed ([!! Ŝéåŕçĥ !!]), so that any word not taken from the "
            + "message catalogs stands out; for translators and developers, never for a site in use",
        commands: [.serve]
    ) { value, configuration in
        guard let on = flag(value) else { return "OUTCRY_PSEUDO_LOCALE “\(value)” must be 1 or 0" }
        configuration.pseudoLocale = on
        return nil
    }

    public static let smtpURL = ConfigurationKey(
        option: nil, environment: "OUTCRY_SMTP_URL", defaultValue: nil,
        summary:
            "The SMTP server alerts go through: smtp://host:25 (no TLS: same host only), smtp+starttls://user:password@host:587 (refuses "
            + "to send if STARTTLS is not offered) or smtps://user:password@host:465; without it, alerts wait in the outbox",
        commands: [.serve, .sendAlerts]
    ) { value, configuration in
        guard let smtp = Configuration.smtp(value, trustRoots: nil) else {
            return "OUTCRY_SMTP_URL must look like smtp://host:25, smtp+starttls://user:password@host:587 or smtps://user:password@host:465"
        }
        configuration.smtp = smtp
        return nil
    }

    public static let smtpCAFile = ConfigurationKey(
        option: nil, environment: "OUTCRY_SMTP_CA_FILE", defaultValue: "system roots",
        summary: "A PEM file of certificates to trust for the SMTP server instead of the system's", commands: [.serve, .sendAlerts]
    ) { value, configuration in
        configuration.smtp?.trustRootsFile = value
        return nil
    }

    public static let mailFrom = ConfigurationKey(
        option: nil, environment: "OUTCRY_MAIL_FROM", defaultValue: "Outcry <alerts@localhost>",
        summary: "The sender of alerts, Name <address>; its domain ends every Message-ID", commands: [.serve, .sendAlerts]
    ) { value, configuration in
        guard let address = Configuration.mailAddress(value) else {
            return "OUTCRY_MAIL_FROM “\(value)” must be an address, optionally with a name: Outcry Alerts <alerts@example.org>"
        }
        configuration.mailFrom = address
        return nil
    }

    public static let alertMailsPerHour = ConfigurationKey(
        option: nil, environment: "OUTCRY_ALERT_MAILS_PER_HOUR", defaultValue: "500",
        summary:
            "How many confirmation and lost-link messages the alert forms may send in an hour, per instance; one connection may "
            + "ask for \(AlertMailLimits.perClient.count) an hour",
        commands: [.serve]
    ) { value, configuration in
        guard let number = Int(value), (1...1_000_000).contains(number) else {
            return "OUTCRY_ALERT_MAILS_PER_HOUR “\(value)” must be a number from 1 to 1000000"
        }
        configuration.alertMailsPerHour = number
        return nil
    }

    public static let headTimeout = timeout(
        "OUTCRY_HEAD_TIMEOUT", default: ConnectionTimeouts().head,
        summary: "Seconds from a request's first byte to the end of its head; a connection slower than that is closed (with a 408)",
        \.head)

    public static let bodyTimeout = timeout(
        "OUTCRY_BODY_TIMEOUT", default: ConnectionTimeouts().body,
        summary: "Seconds from the end of a request's head to the end of its body (a form, a document to import)", \.body)

    public static let idleTimeout = timeout(
        "OUTCRY_IDLE_TIMEOUT", default: ConnectionTimeouts().idle,
        summary: "Seconds a connection may wait between requests (keep-alive) before it is closed", \.idle)

    /// A connection deadline in seconds, 0.1 to 3600.
    private static func timeout(
        _ environment: String, default value: TimeAmount, summary: String,
        _ field: WritableKeyPath<ConnectionTimeouts, TimeAmount> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(
            option: nil, environment: environment, defaultValue: String(value.nanoseconds / 1_000_000_000), summary: summary,
            commands: [.serve]
        ) { value, configuration in
            guard let seconds = Double(value), seconds >= 0.1, seconds <= 3600 else {
                return "\(environment) “\(value)” must be a number of seconds from 0.1 to 3600"
            }
            configuration.timeouts[keyPath: field] = .nanoseconds(Int64(seconds * 1_000_000_000))
            return nil
        }
    }

    private static func flag(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "1", "true", "yes": true
        case "0", "false", "no": false
        default: nil
        }
    }
}
