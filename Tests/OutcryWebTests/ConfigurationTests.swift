import Foundation
import Testing

@testable import OutcryWeb

@Suite struct ConfigurationTests {
    @Test func commandLineBeatsEnvironmentBeatsDefaults() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-config-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = ["OUTCRY_PORT": "9000", "OUTCRY_HOST": "0.0.0.0", "OUTCRY_DATA_DIR": directory]
        let fromEnvironment = try Configuration.resolve(.init(), environment: environment)
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.database == .sqlite(path: directory + "/outcry.sqlite"))
        let fromFlags = try Configuration.resolve(.init(port: "9100"), environment: environment)
        #expect(fromFlags.port == 9100)
        #expect(fromFlags.host == "0.0.0.0")
    }

    @Test func everyProblemIsListedAtOnce() {
        let environment = [
            "OUTCRY_PORT": "eighty", "DATABASE_URL": "mysql://localhost/outcry", "LOG_LEVEL": "loud", "OUTCRY_DEMO": "maybe",
        ]
        #expect {
            try Configuration.resolve(.init(themeDirectory: "/no/such/theme"), environment: environment)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.problems == [
                "port “eighty” must be a number from 0 (any free port) to 65535",
                "DATABASE_URL must look like postgres://user:password@host:5432/database",
                "OUTCRY_DEMO “maybe” must be 1 or 0",
                "theme folder “/no/such/theme” does not exist",
                "log level “loud” must be one of trace, debug, info, notice, warning, error, critical",
            ]
        }
    }

    @Test func aDataFolderThatCannotBeCreatedIsNamed() {
        #expect {
            try Configuration.resolve(.init(dataDirectory: "/dev/null/outcry"), environment: [:]).prepareDataDirectory()
        } throws: { error in
            (error as? ConfigurationError)?.problems.first?.hasPrefix("data folder “/dev/null/outcry” cannot be created") == true
        }
    }

    @Test func postgresURLSkipsTheDataFolderAndNeedsTheDataKey() throws {
        let overrides = Configuration.Overrides(dataDirectory: "/dev/null/unused", databaseURL: "postgres://u:secret@127.0.0.1:5432/outcry")
        #expect {
            try Configuration.resolve(overrides, environment: [:])
        } throws: { error in
            (error as? ConfigurationError)?.problems == [
                "with PostgreSQL, set OUTCRY_DATA_KEY (the same on every instance; make one with: openssl rand -base64 32): "
                    + "it seals supporters' addresses and signs forms and links"
            ]
        }
        let configuration = try Configuration.resolve(overrides, environment: ["OUTCRY_DATA_KEY": Data(count: 32).base64EncodedString()])
        #expect(configuration.database == .postgres(url: "postgres://u:secret@127.0.0.1:5432/outcry"))
        #expect(!configuration.database.description.contains("secret"))
    }

    @Test func checkingTheConfigurationWritesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcry-config-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = try Configuration.resolve(.init(dataDirectory: directory), environment: [:])
        #expect(!FileManager.default.fileExists(atPath: directory))
        try configuration.prepareDataDirectory()
        #expect(FileManager.default.fileExists(atPath: directory))
    }

    @Test func eachCommandChecksOnlyTheSettingsItReads() throws {
        let environment = ["OUTCRY_SMTP_URL": "mail.example.org", "OUTCRY_DEMO": "maybe"]
        let migrate = try Configuration.resolve(.init(), environment: environment, for: .migrate)
        #expect(migrate.smtp == nil)
        #expect {
            try Configuration.resolve(.init(), environment: environment, for: .sendAlerts)
        } throws: { error in
            (error as? ConfigurationError)?.problems.map { $0.prefix(15) } == ["OUTCRY_SMTP_URL"]
        }
        for key in ConfigurationKey.all {
            #expect(!key.commands.isEmpty && key.summary.count > 10, "\(key.environment)")
            #expect(key.help.contains("env \(key.environment)"))
        }
    }

    /// The README's table of settings is the one the keys print: a key added without it fails here.
    @Test func theReadmeListsEverySettingAsTheKeysDo() throws {
        let readme = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/README.md", encoding: .utf8)
        #expect(readme.contains(ConfigurationKey.markdownTable(.english)))
    }
}
