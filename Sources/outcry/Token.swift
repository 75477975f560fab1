import ArgumentParser
import Foundation
import OutcryCore
import OutcryStore
import OutcryWeb

/// Partner systems' API tokens from the command line: made for an account with scopes and an expiry, the
/// secret printed once; listed without secrets; revoked at once.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Outcry.words("cli.token.abstract"), subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Outcry.words("cli.token.create.abstract"))

        @Option(help: ArgumentHelp(Outcry.words("cli.token.email"))) var email: String
        @Option(help: ArgumentHelp(Outcry.words("cli.token.name"))) var name: String
        @Option(help: ArgumentHelp(Outcry.words("cli.token.scopes"))) var scopes: String = "read"
        @Option(name: .customLong("expires-in-days"), help: ArgumentHelp(Outcry.words("cli.token.expires")))
        var expiresInDays: Int = 365
        @OptionGroup var options: PublicOptions

        func run() async throws {
            let words = Outcry.words
            guard let scopes = APIToken.Scope.list(scopes) else {
                fail(words("cli.token.bad-scopes", ["scopes": scopes]))
            }
            guard (1...3650).contains(expiresInDays) else { fail(words("cli.token.bad-expiry")) }
            let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...100).contains(name.count) else { fail(words("cli.token.bad-name")) }
            try await options.withStore(for: .user) { store, configuration in
                let now = Date()
                let (token, secret) = try await Token.explained(email) {
                    try await store.createAPIToken(
                        account: email, name: name, scopes: scopes, expiresAt: now.addingTimeInterval(TimeInterval(expiresInDays) * 86_400),
                        actor: User.actor, now: now)
                }
                print(
                    words(
                        "cli.token.created",
                        [
                            "name": token.name, "email": token.accountEmail, "scopes": token.scopeList,
                            "date": Token.day(token.expiresAt ?? now), "id": token.id.rawValue,
                        ]))
                if scopes.contains(where: { !token.allows($0) }) {
                    print(words("cli.token.role-limits", ["role": token.accountRole.rawValue]))
                }
                print(words("cli.token.copy-now"))
                print("  \(secret)")
                print(words("cli.token.example"))
                print("  curl -H 'Authorization: Bearer \(secret)' \(configuration.siteURL)/api/v1/actions")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Outcry.words("cli.token.list.abstract"))
        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, _ in
                let words = Outcry.words
                let tokens = try await store.apiTokens()
                guard !tokens.isEmpty else {
                    print(words("cli.token.none"))
                    return
                }
                let now = Date()
                let rows =
                    [["id", "name", "account", "scopes", "expires", "last-used", "state"].map { words("cli.token.column-" + $0) }]
                    + tokens.map { token in
                        [
                            token.id.rawValue, token.name, token.accountEmail, token.scopeList, token.expiresAt.map(Token.day) ?? "—",
                            token.lastUsedAt.map(Token.day) ?? words("cli.token.never"),
                            words(
                                token.revokedAt != nil
                                    ? "cli.token.revoked" : token.isLive(at: now) ? "cli.token.live" : "cli.token.expired"),
                        ]
                    }
                for line in TextTable.lines(rows) { print(line) }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Outcry.words("cli.token.revoke.abstract"))
        @Option(help: ArgumentHelp(Outcry.words("cli.token.id"))) var id: String
        @OptionGroup var options: PublicOptions

        func run() async throws {
            try await options.withStore(for: .user) { store, _ in
                let words = Outcry.words
                guard try await store.revokeAPIToken(Identifier(id), actor: User.actor, now: Date()) else {
                    throw CommandLineProblem(words("cli.token.no-token", ["id": id]))
                }
                print(words("cli.token.revoked-done", ["id": id]))
            }
        }
    }

    static func day(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(10)) }

    /// What the store refuses about a token, said in the terminal's language.
    static func explained<T>(_ email: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.notFound {
            throw CommandLineProblem(Outcry.words("cli.user.no-account", ["email": Account.normalised(email: email)]))
        } catch StoreError.invalid {
            throw CommandLineProblem(Outcry.words("cli.token.bad-name"))
        }
    }
}
