import ArgumentParser

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Discover domains, products, columns, owners and tags.",
        subcommands: [Search.self, List.self, Show.self]
    )

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ranked full-text search; filters: domain:, tag:, owner:, classification:.")
        @Argument(help: ArgumentHelp("Words to search for.", valueName: "text")) var text: [String]
        @OptionGroup var global: GlobalOptions
        func run() async throws { throw notBuiltYet("catalog search", comesWith: "the catalog") }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every domain and data product.")
        @OptionGroup var global: GlobalOptions
        func run() async throws { throw notBuiltYet("catalog list", comesWith: "the catalog") }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything a consumer needs to know about one domain, product or column.")
        @Argument(help: ArgumentHelp("What to show, e.g. sales.orders.", valueName: "name")) var name: String
        @OptionGroup var global: GlobalOptions
        func run() async throws { throw notBuiltYet("catalog show", comesWith: "the catalog") }
    }
}
