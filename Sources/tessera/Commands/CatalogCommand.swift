import ArgumentParser
import Foundation
import TesseraCore

/// `tessera catalog search|list|show`: discovery over the catalog's metadata (see docs/catalog.md).
/// All three read the catalog only; see `CatalogBrowser` for when they read the project.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Discover domains, products, columns, owners and tags.",
        subcommands: [Search.self, List.self, Show.self]
    )

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ranked full-text search; filters: domain:, tag:, owner:, classification:, kind:.",
            usage: "tessera catalog search [<text> ...] [<options>]",
            discussion: """
                Words are matched in names, descriptions, tags and owners (names rank first); the last \
                word also matches as a prefix; "quoted words" match as a phrase. Filters narrow the \
                results and may be given alone: `tessera catalog search classification:pii domain:sales`.
                """)
        @Argument(help: ArgumentHelp("Words and filters to search for.", valueName: "text")) var text: [String] = []
        @Option(name: .long, help: ArgumentHelp("How many results to show.", valueName: "n")) var limit = 20
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let query: CatalogQuery
            do { query = try CatalogQuery(parsing: text.joined(separator: " ")) } catch {
                throw CLIError(.usage, "catalog search: \(error.message).", hint: error.hint)
            }
            guard !query.isEmpty else {
                throw CLIError(
                    .usage, "catalog search: nothing to search for.",
                    hint: "give words, filters or both, e.g. `tessera catalog search revenue tag:gold`.")
            }
            guard limit > 0 else { throw CLIError(.usage, "--limit \(limit): give a number above 0.") }
            let catalog = try await global.catalog(console: console)
            let hits = try await catalog.search(query, limit: limit)
            let report = CatalogSearchReport(
                text: text.joined(separator: " "), environment: catalog.environment, hits: hits)
            switch format {
            case .json: console.result(try JSONOutput.encode(report))
            default: report.render(console)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every domain with its owner, products, models and sources.",
            usage: "tessera catalog list [<options>]")
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let catalog = try await global.catalog(console: console)
            let domains = try await catalog.domains()
            let assets = try await catalog.assets()
            let report = CatalogListReport(
                environment: catalog.environment, state: catalog.state, domains: domains, assets: assets)
            switch format {
            case .json: console.result(try JSONOutput.encode(report))
            default: report.render(console)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Everything a consumer needs to know about one domain, product, model, source or column.",
            usage: "tessera catalog show <name> [<options>]",
            discussion:
                "NAME is a domain (sales), a product or model (sales.orders), a source (sales.src.orders) or a column (sales.orders.amount)."
        )
        @Argument(help: ArgumentHelp("What to show, e.g. sales.orders.", valueName: "name")) var name: String
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let report = try await global.catalog(console: console).show(name)
            switch format {
            case .json: console.result(try JSONOutput.encode(report))
            default: report.render(console)
            }
        }
    }
}
