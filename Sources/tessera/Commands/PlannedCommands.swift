import ArgumentParser

// The commands of SPEC §7 whose work is not built yet. Their options are already the real ones,
// so `--help` documents the contract and scripts can be written against it; running one says
// so plainly and exits 2 (the command cannot do what was asked), as the foundation issue asks.

/// The error every not-yet-built command throws.
func notBuiltYet(_ command: String, comesWith capability: String) -> CLIError {
    CLIError(.usage, "`tessera \(command)` is not built yet; it arrives with \(capability).",
             hint: "see docs/roadmap.md for what works today.")
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic sample mesh (several domains, generated data), run it end to end, and say what to look at next."
    )
    @Argument(help: ArgumentHelp("Where to write the demo mesh.", valueName: "dir")) var directory: String = "tessera-demo"
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw notBuiltYet("demo", comesWith: "the first-run experience (until then, `make demo` scaffolds and validates a project)") }
}

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

struct LineageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Upstream and downstream of a node or a column, across domains."
    )
    @Argument(help: ArgumentHelp("A node or a column: NAME or NAME.COLUMN, e.g. sales.orders.amount.", valueName: "name")) var name: String
    @Option(name: .long, help: ArgumentHelp("How many levels to follow each way.", valueName: "n")) var depth: Int?
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw notBuiltYet("lineage", comesWith: "the catalog") }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The long-running service: scheduler, HTTP API and web UI."
    )
    @OptionGroup var global: GlobalOptions
    func run() async throws { throw notBuiltYet("serve", comesWith: "the service") }
}
