import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

extension RunsCommand {
    /// `tessera runs log ID [NODE]`: the lines each node logged in a run, as the catalog keeps them
    /// (also while the run goes). The command line acts as the operator, so sample rows show.
    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The log lines of a run's nodes, or of one node: times, levels, what happened.",
            usage: "tessera runs log <id> [<node>] [<options>]")
        @Argument(help: ArgumentHelp("The run id, or its first characters.", valueName: "id")) var id: String
        @Argument(
            help: ArgumentHelp(
                "One node: its id (product.sales.orders) or name (sales.orders, sales.src.orders).", valueName: "node"))
        var node: String?
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let log = try await global.workspace().catalogView(as: .meshOperator).nodeLog(run: id, node: node)
            switch format {
            case .json: console.result(try JSONOutput.encode(log))
            default: Self.print(log, console)
            }
        }

        static func print(_ log: NodeLog, _ console: Console) {
            guard !log.lines.isEmpty else {
                console.result("Run \(log.runId) has no log lines" + (log.node.map { " for \($0)" } ?? "") + ".")
                return
            }
            for line in log.lines {
                let level = String(line.level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))
                let styled =
                    switch line.level {
                    case .info: console.styled(level, .dim)
                    case .warning: console.styled(level, .yellow)
                    case .error: console.styled(level, .red)
                    }
                let head = log.node == nil ? "\(line.node)  " : ""
                let body =
                    ([line.text] + (line.samples ?? []) + [line.hiddenNote.map { "    (\($0))" }].compactMap { $0 })
                    .joined(separator: "\n")
                console.result(
                    "\(Timestamps.text(line.at))  \(styled) \(head)\(body.replacingOccurrences(of: "\n", with: "\n    "))"
                )
            }
        }
    }
}
