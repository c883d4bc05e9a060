import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera token create|list|revoke`: the sign-in tokens of the environment (docs/access.md).
/// A token's text is printed once, by `create`; the catalog keeps only a hash of its secret.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Sign-in tokens for people and services: create (shown once), list, revoke.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a declared person or service; its text is printed once.",
            discussion: """
                The principal is a mesh admin (`admins:` in tessera.yaml), a member of a domain \
                (`members:`) or a domain's service identity (`services:`). Keep the printed token \
                secret: Tessera stores only a hash of it and cannot show it again.
                """)
        @Option(
            name: .long, help: ArgumentHelp("The person or service the token signs in.", valueName: "principal"))
        var principal: String
        @Option(
            name: .long,
            help: ArgumentHelp(
                "How long the token is valid, e.g. 90d, 12h, 1w (default: until revoked).", valueName: "span"))
        var expires: String?
        @Option(name: .long, help: ArgumentHelp("A label to tell tokens apart in `token list`.", valueName: "name"))
        var name: String?
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            var span: TimeSpan?
            if let expires {
                do { span = try TimeSpan(parsing: expires) } catch {
                    throw CLIError(.usage, "--expires \(expires): \(error.reason).", hint: "e.g. --expires 90d")
                }
                if span?.seconds == 0 { throw CLIError(.usage, "--expires 0s: a token must live a while.") }
            }
            let tokens = try global.workspace().tokens
            let created = try await tokens.create(
                principal: try tokens.principal(named: principal), expires: span, name: name)
            switch format {
            case .json:
                console.result(try JSONOutput.encode(TokenRendering.CreatedJSON(created)))
            default:
                console.result(created.text)
                console.info(TokenRendering.createdLine(created.info))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens: id, principal, name, created, expires, last used, status (never secrets).")
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let workspace = try global.workspace()
            let tokens = try await workspace.tokens.list()
            switch format {
            case .json: console.result(try JSONOutput.encode(tokens))
            default: TokenRendering.table(tokens, environment: workspace.environment, console: console)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by its id: it signs no one in from now on.")
        @Argument(help: ArgumentHelp("The token's id, as `token list` shows it.", valueName: "id")) var id: String
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let revoked = try await global.workspace().tokens.revoke(id: id)
            switch format {
            case .json: console.result(try JSONOutput.encode(revoked))
            default:
                let at = revoked.revokedAt.map(Timestamps.text) ?? ""
                console.result(
                    "\(console.styled("✓", .green)) token \(revoked.id) of \(revoked.principal) is revoked (since \(at) UTC)"
                )
            }
        }
    }
}
