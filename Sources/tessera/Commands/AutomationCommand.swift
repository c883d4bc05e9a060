import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera automation status [NAME]`: what the service decided for each node, and why.
struct AutomationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automation",
        abstract: "What the automation of `tessera serve` decided for each node, and why.",
        subcommands: [Status.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each node's latest decision: run, wait, retry or skip, with its reason.",
            discussion: """
                Read from the catalog, where `tessera serve` records every evaluation; works whether or \
                not the service is running. A node the service never evaluated says so.
                """)
        @Argument(
            help: ArgumentHelp("One node: domain.name (model and product) or domain.src.name.", valueName: "name"))
        var name: String?
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let console = global.console()
            let statuses = try await global.workspace().automation.status(name)
            switch output.chosen {
            case .json: console.result(try JSONOutput.encode(statuses.map(AutomationStatusDocument.init)))
            default:
                let shown = name == nil ? statuses.filter(\.runsByItself) : statuses
                guard !shown.isEmpty else {
                    console.result("No source, model or product runs by itself (no `schedule:` or `automation:`).")
                    return
                }
                for status in shown { console.result(Self.line(status)) }
            }
        }

        static func line(_ status: AutomationNodeStatus) -> String {
            let name = status.node.displayName + (status.node.kind == .product ? " (product)" : "")
            guard let decision = status.decision else {
                return "\(name)  not evaluated yet: `tessera serve` has not looked at it"
            }
            var text = "\(name)  \(decision.verdict.rawValue): \(decision.reason)"
            if let at = status.decidedAt { text += "\n    since \(TimeText.format(at))" }
            if let next = decision.nextTick, decision.verdict != .skip || !decision.reason.contains("next at") {
                text += "; next tick \(TimeText.format(next))"
            }
            if let freshness = decision.freshness {
                let deadline = freshness.deadline.map { TimeText.format($0) } ?? "never had data"
                text += freshness.isStale ? "; stale (SLA deadline \(deadline))" : "; fresh until \(deadline)"
            }
            return Console.wrapped(text, indent: "    ")
        }
    }
}
