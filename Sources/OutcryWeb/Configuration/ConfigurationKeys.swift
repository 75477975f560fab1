import Foundation
import Logging
import NIOCore
import OutcryAPI
import OutcryCore

extension ConfigurationKey {
    /// Every setting, in the order problems are reported.
    public static let all: [ConfigurationKey] = [
        host, port, dataDirectory, databaseURL, demo, themeDirectory, logLevel, logFormat, publicURL, dataKey, trustForwardedFor, smtpURL,
        smtpCAFile, smtpConnections, mailFrom, alertMailsPerHour, metricsToken, apiRequestsPerMinute, headTimeout, bodyTimeout, idleTimeout,
        pseudoLocale,
    ]

    public static let host = ConfigurationKey(
        option: "host", environment: "OUTCRY_HOST", defaultValue: "127.0.0.1",
        commands: [.serve, .user, .sendAlerts]
    ) { value, configuration in
        guard !value.isEmpty, !value.contains(where: \.isWhitespace) else { return problem("host", value) }
        configuration.host = value
        return nil
    }

    public static let port = ConfigurationKey(
        option: "port", environment: "OUTCRY_PORT", defaultValue: "8080", commands: [.serve, .user, .sendAlerts]
    ) { value, configuration in
        guard let number = Int(value), (0...65535).contains(number) else {
            return problem("port", value)
        }
        configuration.port = number
        return nil
    }

    public static let dataDirectory = ConfigurationKey(
        option: "data-dir", environment: "OUTCRY_DATA_DIR", defaultValue: "./data",
        commands: OutcryCommand.allCases
    ) { value, configuration in
        guard !value.isEmpty else { return problem("data-dir-empty", value) }
        configuration.dataDirectory = value
        return nil
    }

    public static let databaseURL = ConfigurationKey(
        option: "database-url", environment: "DATABASE_URL", defaultValue: nil,
        commands: OutcryCommand.allCases
    ) { value, configuration in
        let components = URLComponents(string: value)
        guard ["postgres", "postgresql"].contains(components?.scheme?.lowercased()), components?.host?.isEmpty == false else {
            return problem("database-url", value)
        }
        configuration.databaseURL = value
        return nil
    }

    public static let demo = ConfigurationKey(
        option: "demo", environment: "OUTCRY_DEMO", defaultValue: "off", commands: [.serve]
    ) { value, configuration in
        guard let on = flag(value) else { return flagProblem("OUTCRY_DEMO", value) }
        configuration.loadDemoData = on
        return nil
    }

    public static let themeDirectory = ConfigurationKey(
        option: "theme-dir", environment: "OUTCRY_THEME_DIR", defaultValue: nil,
        commands: [.serve]
    ) { value, configuration in
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue else {
            return problem("theme-dir", value)
        }
        configuration.themeDirectory = value
        return nil
    }

    public static let logLevel = ConfigurationKey(
        option: "log-level", environment: "LOG_LEVEL", defaultValue: "info", commands: OutcryCommand.allCases
    ) { value, configuration in
        guard let level = Logger.Level(rawValue: value.lowercased()) else {
            return problem("log-level", value)
        }
        configuration.logLevel = level
        return nil
    }

    public static let logFormat = ConfigurationKey(
        option: nil, environment: "OUTCRY_LOG_FORMAT", defaultValue: "text", commands: OutcryCommand.allCases
    ) { value, configuration in
        guard let format = LogFormat(rawValue: value.lowercased()) else { return problem("log-format", value) }
        configuration.logFormat = format
        return nil
    }

    public static let publicURL = ConfigurationKey(
        option: "public-url", environment: "OUTCRY_PUBLIC_URL", defaultValue: "http://HOST:PORT",
        commands: [.serve, .user, .sendAlerts]
    ) { value, configuration in
        guard WebAddress.isSafe(value), let host = URLComponents(string: value)?.host, !host.isEmpty else {
            return problem("public-url", value)
        }
        configuration.publicURL = String(value.reversed().drop { $0 == "/" }.reversed())
        return nil
    }

    public static let dataKey = ConfigurationKey(
        option: nil, environment: "OUTCRY_DATA_KEY", defaultValue: "key file",
        commands: [.serve, .sendAlerts]
    ) { value, configuration in
        guard let data = Data(base64Encoded: value), data.count == 32 else {
            return problem("data-key", value)
        }
        configuration.dataKey = data
        return nil
    }

    public static let trustForwardedFor = ConfigurationKey(
        option: nil, environment: "OUTCRY_TRUST_FORWARDED_FOR", defaultValue: "off",
        commands: [.serve]
    ) { value, configuration in
        guard let on = flag(value) else { return flagProblem("OUTCRY_TRUST_FORWARDED_FOR", value) }
        configuration.trustForwardedFor = on
        return nil
    }

    public static let pseudoLocale = ConfigurationKey(
        option: nil, environment: "OUTCRY_PSEUDO_LOCALE", defaultValue: "off",
        commands: [.serve]
    ) { value, configuration in
        guard let on = flag(value) else { return flagProblem("OUTCRY_PSEUDO_LOCALE", value) }
        configuration.pseudoLocale = on
        return nil
    }

    public static let smtpURL = ConfigurationKey(
        option: nil, environment: "OUTCRY_SMTP_URL", defaultValue: nil,
        commands: [.serve, .sendAlerts]
    ) { value, configuration in
        guard let smtp = Configuration.smtp(value, trustRoots: nil) else {
            return problem("smtp-url", value)
        }
        configuration.smtp = smtp
        return nil
    }

    public static let smtpCAFile = ConfigurationKey(
        option: nil, environment: "OUTCRY_SMTP_CA_FILE", defaultValue: "system roots", commands: [.serve, .sendAlerts]
    ) { value, configuration in
        configuration.smtp?.trustRootsFile = value
        return nil
    }

    public static let smtpConnections = ConfigurationKey(
        option: nil, environment: "OUTCRY_SMTP_CONNECTIONS", defaultValue: "4", commands: [.serve, .sendAlerts]
    ) { value, configuration in
        guard let number = Int(value), (1...32).contains(number) else { return problem("smtp-connections", value) }
        configuration.smtpConnections = number
        return nil
    }

    public static let mailFrom = ConfigurationKey(
        option: nil, environment: "OUTCRY_MAIL_FROM", defaultValue: "Outcry <alerts@localhost>", commands: [.serve, .sendAlerts]
    ) { value, configuration in
        guard let address = Configuration.mailAddress(value) else {
            return problem("mail-from", value)
        }
        configuration.mailFrom = address
        return nil
    }

    public static let alertMailsPerHour = ConfigurationKey(
        option: nil, environment: "OUTCRY_ALERT_MAILS_PER_HOUR", defaultValue: "500",
        commands: [.serve]
    ) { value, configuration in
        guard let number = Int(value), (1...1_000_000).contains(number) else {
            return problem("alert-mails", value)
        }
        configuration.alertMailsPerHour = number
        return nil
    }

    public static let metricsToken = ConfigurationKey(
        option: nil, environment: "OUTCRY_METRICS_TOKEN", defaultValue: nil, commands: [.serve]
    ) { value, configuration in
        // A secret: the problem never repeats it.
        guard value.count >= 16, value.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
            return ConfigurationProblem("metrics-token")
        }
        configuration.metricsToken = value
        return nil
    }

    public static let apiRequestsPerMinute = ConfigurationKey(
        option: nil, environment: "OUTCRY_API_REQUESTS_PER_MINUTE", defaultValue: "600", commands: [.serve]
    ) { value, configuration in
        guard let number = Int(value), (2...1_000_000).contains(number) else { return problem("api-requests", value) }
        configuration.apiRateLimits = APIRateLimits(perToken: number, perClient: max(1, number / 2))
        return nil
    }

    public static let headTimeout = timeout(
        "OUTCRY_HEAD_TIMEOUT", default: ConnectionTimeouts().head,
        \.head)

    public static let bodyTimeout = timeout(
        "OUTCRY_BODY_TIMEOUT", default: ConnectionTimeouts().body, \.body)

    public static let idleTimeout = timeout(
        "OUTCRY_IDLE_TIMEOUT", default: ConnectionTimeouts().idle, \.idle)

    /// A connection deadline in seconds, 0.1 to 3600.
    private static func timeout(
        _ environment: String, default value: TimeAmount,
        _ field: WritableKeyPath<ConnectionTimeouts, TimeAmount> & Sendable
    ) -> ConfigurationKey {
        ConfigurationKey(
            option: nil, environment: environment, defaultValue: String(value.nanoseconds / 1_000_000_000),
            commands: [.serve]
        ) { value, configuration in
            guard let seconds = Double(value), seconds >= 0.1, seconds <= 3600 else {
                return ConfigurationProblem("timeout", ["setting": environment, "value": value])
            }
            configuration.timeouts[keyPath: field] = .nanoseconds(Int64(seconds * 1_000_000_000))
            return nil
        }
    }

    /// The problem `cli.problem.NAME`, about the value given.
    private static func problem(_ name: String, _ value: String) -> ConfigurationProblem {
        ConfigurationProblem(name, ["value": value])
    }

    private static func flagProblem(_ environment: String, _ value: String) -> ConfigurationProblem {
        ConfigurationProblem("flag", ["setting": environment, "value": value])
    }

    private static func flag(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "1", "true", "yes": true
        case "0", "false", "no": false
        default: nil
        }
    }
}
