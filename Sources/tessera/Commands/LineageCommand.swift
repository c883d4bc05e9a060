import ArgumentParser

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
