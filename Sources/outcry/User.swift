import ArgumentParser
import Foundation
import OutcryCore
import OutcryStore
import OutcryWeb

/// Coordinator accounts from the command line: how the first administrator comes to exist, and how
/// someone locked out gets back in. No command takes or prints a password.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, list, disable or reset coordinator accounts.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    static let actor = "command line"

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account and print a one-time link (valid 72 hours) where its owner sets a password.")

        @Option(help: "The person's e-mail address; they sign in with it.")
        var email: String

        @Option(help: "admin, editor or viewer.")
        var role: Role = .viewer

        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, configuration in
                let (account, token) = try await store.createAccount(email: email, role: role, actor: User.actor, now: Date())
                print("Created \(account.role.label.lowercased()) account \(account.email).")
                print("Send this link to its owner, by a channel only they read; it sets the password once and expires in 72 hours:")
                print("  \(configuration.siteURL)\(AdminRoute.setPassword(token).path)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every account with its role and state.")

        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, _ in
                let accounts = try await store.accounts()
                guard !accounts.isEmpty else {
                    print("No accounts yet. Create the first administrator with: outcry user add --email you@example.org --role admin")
                    return
                }
                let width = accounts.map(\.email.count).max() ?? 5
                print("email".padding(toLength: width, withPad: " ", startingAt: 0) + "  role    password  two-factor  state")
                for account in accounts {
                    print(
                        account.email.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                            + account.role.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
                            + (account.hasPassword ? "set     " : "not set ") + "  "
                            + (account.hasTwoFactor ? "on        " : "off       ") + "  "
                            + (account.isDisabled ? "disabled" : "active"))
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and sign it out everywhere.")
        @Option(help: "The account's e-mail address.") var email: String
        @OptionGroup var options: PublicOptions

        func run() async throws { try await User.set(disabled: true, email: email, options) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Option(help: "The account's e-mail address.") var email: String
        @OptionGroup var options: PublicOptions

        func run() async throws { try await User.set(disabled: false, email: email, options) }
    }

    static func set(disabled: Bool, email: String, _ options: PublicOptions) async throws {
        try await options.withStore(for: .user) { store, _ in
            try await store.setDisabled(disabled, account: email, actor: User.actor, now: Date())
            print(
                disabled
                    ? "Disabled \(Account.normalised(email: email)) and ended all its sessions."
                    : "Enabled \(Account.normalised(email: email)).")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Remove an account's password and second factor, sign it out everywhere, and print a new one-time link.")
        @Option(help: "The account's e-mail address.") var email: String
        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, configuration in
                let token = try await store.resetPassword(account: email, actor: User.actor, now: Date())
                print("Reset \(Account.normalised(email: email)): its password and two-factor sign-in are removed and every session ended.")
                print("Send this link to its owner; it sets a new password once and expires in 72 hours:")
                print("  \(configuration.siteURL)\(AdminRoute.setPassword(token).path)")
            }
        }
    }
}

/// The database options, plus the site's public address that printed links start with.
struct PublicOptions: ParsableArguments {
    @Option(name: .customLong(ConfigurationKey.publicURL.option!), help: ArgumentHelp(ConfigurationKey.publicURL.help))
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
        } catch {
            await store.shutdown()
            fail("\(error)")
        }
    }
}

extension Role: ExpressibleByArgument {}
