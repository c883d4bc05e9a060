import ArgumentParser
import Foundation
import TesseraCore

/// `tessera lineage NAME[.COLUMN]`: what a node or a column is built from and what is built from
/// it, across domains, as a tree, JSON, Graphviz or Mermaid (docs/lineage.md).
struct LineageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Upstream and downstream of a node or a column, across domains.",
        usage: "tessera lineage <name> [<options>]",
        discussion: """
            NAME is domain.name (the product, else the model of that name), domain.src.source, or a node id \
            such as model.sales.orders; add .column for column-level lineage, e.g. sales.orders.amount.
            """
    )
    @Argument(
        help: ArgumentHelp("A node or a column: NAME or NAME.COLUMN, e.g. sales.orders.amount.", valueName: "name"))
    var name: String
    @Option(name: .long, help: ArgumentHelp("How many levels to follow each way.", valueName: "n")) var depth: Int?
    @Flag(name: .long, help: "Only what it is built from.") var upstream = false
    @Flag(name: .long, help: "Only what is built from it.") var downstream = false
    @Flag(
        name: .customLong("direct-only"),
        help: "Column level: leave out join, filter, group by and other indirect edges.")
    var directOnly = false
    @OptionGroup var output: LineageFormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let depth, depth < 1 {
            throw ValidationError("--depth must be at least 1 (leave it out to follow every level).")
        }
    }

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        // Both flags, or neither: both ways.
        let direction: LineageDirection = upstream == downstream ? .both : (upstream ? .upstream : .downstream)
        let answer = try global.workspace().lineage.trace(
            .init(name: name, direction: direction, depth: depth, directOnly: directOnly))
        let (result, note) = (answer.result, answer.note)
        switch format {
        case .json: console.result(try JSONOutput.encode(LineageDocument(result, note: note)))
        case .dot: Console.write(LineageDotRenderer.render(result), to: .standardOutput)
        case .mermaid: Console.write(LineageMermaidRenderer.render(result), to: .standardOutput)
        default: Console.write(Console.wrapped(LineageTextRenderer.render(result, note: note)), to: .standardOutput)
        }
    }
}
