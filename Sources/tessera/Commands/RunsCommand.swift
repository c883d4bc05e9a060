import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera runs`, `tessera runs show ID` and `tessera runs log ID [NODE]`: the run history kept
/// in the catalog.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Run history: per node status, timings, row counts, errors.",
        subcommands: [List.self, Show.self, Log.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The latest runs, newest first.", usage: "tessera runs list [<options>]")
        @Option(name: .long, help: ArgumentHelp("How many runs to list.", valueName: "n")) var limit = 20
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let workspace = try global.workspace()
            let runs = try await workspace.runs.history(limit: limit)
            switch format {
            case .json: console.result(try JSONOutput.encode(runs.map(RunHistory.SummaryJSON.init)))
            default:
                guard !runs.isEmpty else {
                    console.result("No runs yet in '\(workspace.environment)'. `tessera run` starts one.")
                    return
                }
                console.result(
                    console.styled("RUN ID                 STATUS       STARTED (UTC)        DURATION  NODES", .bold))
                for summary in runs {
                    let run = summary.run
                    let duration =
                        run.finishedAt.map { String(format: "%.2f s", $0.timeIntervalSince(run.startedAt)) } ?? "—"
                    console.result(
                        "\(run.id.padding(toLength: 22, withPad: " ", startingAt: 0)) \(RunHistory.styled(run.status, console).padding(toLength: 12 + RunHistory.styleWidth(console), withPad: " ", startingAt: 0)) \(Timestamps.text(run.startedAt))  \(duration.padding(toLength: 9, withPad: " ", startingAt: 0)) \(RunHistory.counts(summary.nodeCounts, of: run))"
                    )
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One run in detail: every node's status, reason, rows, time and error.",
            usage: "tessera runs show <id> [<options>]")
        @Argument(help: ArgumentHelp("The run id, or its first characters.", valueName: "id")) var id: String
        @OptionGroup var output: ReportFormatOption
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let format = output.chosen
            let console = global.console()
            let detail = try await global.workspace().runs.show(id)
            switch format {
            case .json: console.result(try JSONOutput.encode(RunHistory.DetailJSON(detail)))
            default: RunHistory.printDetail(detail, console)
            }
        }
    }
}

extension RunHistory {
    /// A run and its nodes as `runs show` prints them.
    static func printDetail(_ detail: RunDetail, _ console: Console) {
        let run = detail.run
        console.result("Run \(run.id) · \(RunHistory.styled(run.status, console)) · environment \(run.environment)")
        console.result("  started  \(Timestamps.text(run.startedAt)) UTC" + RunHistory.ending(run))
        console.result("  command  tessera \(run.arguments.joined(separator: " "))")
        let width = detail.nodes.map(\.node.count).max() ?? 10
        for node in detail.nodes {
            let rows = node.rows.map { " · " + counted($0, "row") } ?? ""
            let time = node.durationSeconds.map { String(format: " · %.2f s", $0) } ?? ""
            let unfinished = run.status == .interrupted && [.pending, .running].contains(node.status)
            console.result(
                Console.wrapped(
                    "  \(RunHistory.mark(node.status, console)) \(node.node.padding(toLength: width, withPad: " ", startingAt: 0))  \(unfinished ? "not recorded" : node.status.rawValue)\(rows)\(time)"
                        + (node.reason.map { "  (\($0))" } ?? ""), indent: "    "))
            if let error = node.error {
                console.result("      " + console.styled(error.replacingOccurrences(of: "\n", with: "\n      "), .red))
            }
        }
    }
}

/// The catalog of the chosen environment, read-only use.
enum RunHistory {
    /// A run that stopped without finishing left its other nodes `pending`: no outcome was recorded.
    static func counts(_ counts: [NodeStatus: Int], of run: RunRecord) -> String {
        let unfinished = run.status == .interrupted ? "not recorded" : "pending"
        let order: [(NodeStatus, String)] = [
            (.succeeded, "done"), (.unchanged, "up to date"), (.failed, "failed"), (.skipped, "skipped"),
            (.pending, unfinished),
        ]
        return order.compactMap { status, label in (counts[status] ?? 0) > 0 ? "\(counts[status] ?? 0) \(label)" : nil }
            .joined(separator: ", ")
    }

    static func styled(_ status: RunStatus, _ console: Console) -> String {
        switch status {
        case .succeeded: console.styled(status.rawValue, .green)
        case .failed, .interrupted: console.styled(status.rawValue, .red)
        case .running: console.styled(status.rawValue, .yellow)
        }
    }

    /// How the run ended, after its start time.
    static func ending(_ run: RunRecord) -> String {
        if let finished = run.finishedAt {
            return ", finished after \(String(format: "%.2f", finished.timeIntervalSince(run.startedAt))) s"
        }
        guard run.status == .interrupted else { return "" }
        return "; did not finish: its process was killed or crashed"
    }

    /// The width the color codes add to a styled word, so columns still line up.
    static func styleWidth(_ console: Console) -> Int { console.styled("", .green).count }

    static func mark(_ status: NodeStatus, _ console: Console) -> String {
        switch status {
        case .succeeded: console.styled("✓", .green)
        case .failed: console.styled("✗", .red)
        case .skipped: console.styled("-", .yellow)
        default: console.styled("=", .dim)
        }
    }

    struct SummaryJSON: Encodable {
        var id: String, environment: String, command: String, status: String
        var selector: String?
        var startedAt: String
        var finishedAt: String?
        /// How many of its nodes ended in each status, as `run` counts them.
        var counts: [String: Int]
        init(_ summary: RunSummary) {
            let run = summary.run
            id = run.id; environment = run.environment; command = run.command; status = run.status.rawValue
            selector = run.selector
            startedAt = Timestamps.iso(run.startedAt); finishedAt = run.finishedAt.map(Timestamps.iso)
            counts = Dictionary(uniqueKeysWithValues: summary.nodeCounts.map { ($0.key.rawValue, $0.value) })
        }
    }

    struct DetailJSON: Encodable {
        struct Node: Encodable {
            var id: String, kind: String, status: String
            var reason: String?, rows: Int64?, seconds: Double?, error: String?
        }
        var run: SummaryJSON
        var arguments: [String]
        var nodes: [Node]
        /// What the run published, from the audit log: also known for a run that never finished.
        var published: [RunPublish]
        init(_ detail: RunDetail) {
            let counts = Dictionary(grouping: detail.nodes, by: \.status).mapValues(\.count)
            run = SummaryJSON(RunSummary(run: detail.run, nodeCounts: counts))
            arguments = detail.run.arguments
            published = detail.published
            nodes = detail.nodes.map {
                Node(
                    id: $0.node, kind: $0.kind.rawValue, status: $0.status.rawValue, reason: $0.reason,
                    rows: $0.rows, seconds: $0.durationSeconds.map { ($0 * 1000).rounded() / 1000 }, error: $0.error)
            }
        }
    }
}
