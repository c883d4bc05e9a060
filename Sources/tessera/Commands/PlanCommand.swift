import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera plan [SELECTOR…]`: what `run` would do now, node by node, and why.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `run` would do and why: new nodes, changed SQL, changed upstream data, missing intervals.",
        usage: "tessera plan [<selector> ...] [<options>]"
    )
    @OptionGroup var selection: SelectorOptions
    @Flag(name: .customLong("full-refresh"), help: "Plan as `run --full-refresh` would.") var fullRefresh = false
    @OptionGroup var window: IntervalOptions
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let workspace = try global.workspace()
        let options = RunOptions(
            selection: try selection.selection(), fullRefresh: fullRefresh, backfill: try window.interval())
        let result = try await workspace.runs.plan(options)
        let report = PlanReport(
            plan: result.plan, environment: workspace.environment, workspace: workspace,
            contracts: result.contracts)
        switch format {
        case .json: console.result(try JSONOutput.encode(report))
        default: report.print(console: console)
        }
    }
}

/// A plan as `--format json` prints it, and as text.
struct PlanReport: Encodable {
    struct Node: Encodable {
        var id: String
        var name: String
        var kind: String
        var domain: String
        var action: String
        var materialization: String?
        var reasons: [Reason]
        var upstream: [String]
    }
    struct Reason: Encodable { var code: String; var text: String }

    var environment: String
    var nodes: [Node]
    /// Products whose contract or version changed since they were last published in this environment.
    var contracts: [ContractPlan]
    /// How many nodes get each action.
    var counts: [String: Int]

    init(plan: Plan, environment: String, workspace: Workspace, contracts: [ContractReview] = []) {
        self.environment = environment
        self.contracts = contracts.map(ContractPlan.init)
        nodes = plan.steps.map { step in
            Node(
                id: step.node.id, name: step.node.displayName, kind: step.node.kind.rawValue, domain: step.node.domain,
                action: step.action.rawValue, materialization: workspace.materialization(of: step.node),
                reasons: step.reasons.map { Reason(code: $0.code, text: $0.description) },
                upstream: step.upstream.map(\.id))
        }
        counts = Dictionary(grouping: plan.steps, by: \.action.rawValue).mapValues(\.count)
    }

    /// Whether the node is work: a file source whose files are those of its last load is loaded
    /// by `run` only to find nothing, so it counts (and is listed) as up to date.
    static func isWork(_ node: Node) -> Bool {
        node.action != "skip" && node.reasons.map(\.code) != ["no_new_data"]
    }

    func print(console: Console) {
        let work = nodes.filter(Self.isWork)
        console.info(
            "Plan for '\(environment)': \(work.count) of \(nodes.count) selected node\(nodes.count == 1 ? "" : "s") to do"
        )
        let width = nodes.map(\.name.count).max() ?? 10
        for node in nodes where Self.isWork(node) || console.verbosity >= .verbose {
            let action = node.action.padding(toLength: 8, withPad: " ", startingAt: 0)
            let what = node.materialization.map { "\($0) · " } ?? (node.kind == "model" ? "" : "\(node.kind) · ")
            let line =
                "  \(styled(action, console)) \(node.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(what)\(node.reasons.map(\.text).joined(separator: "; "))"
            console.result(Console.wrapped(line, indent: "           "))
        }
        let skipped = nodes.count - work.count
        if skipped > 0, console.verbosity < .verbose {
            console.result("  \(console.styled("\(skipped) up to date", .dim)) (--verbose lists them)")
        }
        guard !contracts.isEmpty else { return }
        console.result("")
        console.result("Contract changes against what '\(environment)' last published:")
        for contract in contracts { contract.print(console: console) }
    }

    private func styled(_ action: String, _ console: Console) -> String {
        switch action.trimmingCharacters(in: .whitespaces) {
        case "build", "publish": console.styled(action, .green)
        case "ingest": console.styled(action, .cyan)
        default: console.styled(action, .dim)
        }
    }
}

/// `--start/--end`: the interval to backfill.
struct IntervalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Start of the interval to backfill (inclusive), e.g. 2026-11-01 or 2026-11-01T06:00:00Z.", valueName: "time"
        )) var start: String?
    @Option(name: .long, help: ArgumentHelp("End of the interval to backfill (exclusive).", valueName: "time")) var end:
        String?

    func interval() throws -> BuildInterval? {
        guard start != nil || end != nil else { return nil }
        guard let start, let end else {
            throw CLIError(
                .usage, "--start and --end go together: give both.", hint: "e.g. --start 2026-11-01 --end 2026-11-08")
        }
        let from = try Self.parse(start, option: "--start"), to = try Self.parse(end, option: "--end")
        guard from < to else { throw CLIError(.usage, "--start \(start) is not before --end \(end).") }
        return BuildInterval(start: from, end: to)
    }

    /// A UTC date (`2026-11-01`) or date and time (`2026-11-01T06:00:00Z`, `2026-11-01 06:00:00`).
    static func parse(_ text: String, option: String) throws -> Date {
        let formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        throw CLIError(
            .usage, "\(option) \(text): not a date or time.", hint: "write 2026-11-01 or 2026-11-01T06:00:00Z (UTC).")
    }
}
