import ArgumentParser
import Foundation
import OutcryCore
import OutcryStore
import OutcryWeb

/// Coordinator accounts from the command line: how the first administrator comes to exist, and how
/// someone locked out gets back in. No command takes or prints a password.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Outcry.words("cli.user.abstract"),
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    static let actor = "command line"

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Outcry.words("cli.user.add.abstract"))

        @Option(help: ArgumentHelp(Outcry.words("cli.user.add.email")))
        var email: String

        @Option(help: ArgumentHelp(Outcry.words("cli.user.add.role")))
        var role: Role = .viewer

        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, configuration in
                let (account, token) = try await User.explained(email) {
                    try await store.createAccount(email: email, role: role, actor: User.actor, now: Date())
                }
                let words = Outcry.words
                print(words("cli.user.created-" + account.role.rawValue, ["email": account.email]))
                print(words.plural("cli.user.send-link", count: Int(Store.passwordLinkLifetime / 3600)))
                print("  \(configuration.siteURL)\(AdminRoute.setPassword(token).path)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Outcry.words("cli.user.list.abstract"))

        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, _ in
                let words = Outcry.words
                let accounts = try await store.accounts()
                guard !accounts.isEmpty else {
                    print(words("cli.user.none"))
                    return
                }
                let rows =
                    [["email", "role", "password", "two-factor", "state"].map { words("cli.user.column-" + $0) }]
                    + accounts.map { account in
                        [
                            account.email, account.role.rawValue, words(account.hasPassword ? "cli.user.set" : "cli.user.not-set"),
                            words(account.hasTwoFactor ? "cli.user.on" : "cli.user.off"),
                            words(account.isDisabled ? "cli.user.disabled" : "cli.user.active"),
                        ]
                    }
                for line in TextTable.lines(rows) { print(line) }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Outcry.words("cli.user.disable.abstract"))
        @Option(help: ArgumentHelp(Outcry.words("cli.user.email"))) var email: String
        @OptionGroup var options: PublicOptions

        func run() async throws { try await User.set(disabled: true, email: email, options) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Outcry.words("cli.user.enable.abstract"))
        @Option(help: ArgumentHelp(Outcry.words("cli.user.email"))) var email: String
        @OptionGroup var options: PublicOptions

        func run() async throws { try await User.set(disabled: false, email: email, options) }
    }

    static func set(disabled: Bool, email: String, _ options: PublicOptions) async throws {
        try await options.withStore(for: .user) { store, _ in
            try await User.explained(email) { try await store.setDisabled(disabled, account: email, actor: User.actor, now: Date()) }
            print(Outcry.words(disabled ? "cli.user.disabled-done" : "cli.user.enabled-done", ["email": Account.normalised(email: email)]))
        }
    }

    /// What the store refuses about an account, said in the terminal's language.
    static func explained<T>(_ email: String, _ body: () async throws -> T) async throws -> T {
        let words = Outcry.words
        let address: KeyValuePairs<String, String> = ["email": Account.normalised(email: email)]
        do {
            return try await body()
        } catch StoreError.duplicate {
            throw CommandLineProblem(words("cli.user.exists", address))
        } catch StoreError.invalid {
            throw CommandLineProblem(words("cli.user.not-an-address", address))
        } catch StoreError.notFound {
            throw CommandLineProblem(words("cli.user.no-account", address))
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: Outcry.words("cli.user.reset.abstract"))
        @Option(help: ArgumentHelp(Outcry.words("cli.user.email"))) var email: String
        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, configuration in
                let token = try await User.explained(email) {
                    try await store.resetPassword(account: email, actor: User.actor, now: Date())
                }
                let words = Outcry.words
                print(words("cli.user.reset-done", ["email": Account.normalised(email: email)]))
                print(words.plural("cli.user.send-new-link", count: Int(Store.passwordLinkLifetime / 3600)))
                print("  \(configuration.siteURL)\(AdminRoute.setPassword(token).path)")
            }
        }
    }
}

/// The database options, plus the site's public address that printed links start with.
struct PublicOptions: ParsableArguments {
    @Option(name: .customLong(ConfigurationKey.publicURL.option!), help: ArgumentHelp(ConfigurationKey.publicURL.help(Outcry.words)))
    var publicURL: String?

    @OptionGroup var database: DatabaseOptions

    /// Opens the store (migrated), runs `body`, closes the store; a failure becomes one clear line and exit 1.
    func withStore(for command: OutcryCommand, _ body: (Store, OutcryWeb.Configuration) async throws -> Void) async throws {
        let configuration = database.configuration(for: command, publicURL: publicURL)
        let store = await database.openStore(configuration)
        do {
            _ = try await store.migrate()
            try await body(store, configuration)
            await store.shutdown()
        } catch let problem as CommandLineProblem {
            await store.shutdown()
            fail(problem.message)
        } catch {
            await store.shutdown()
            fail("\(error)")
        }
    }
}

extension Role: ExpressibleByArgument {}
