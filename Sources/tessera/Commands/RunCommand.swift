import ArgumentParser
import Foundation
import Synchronization
import TesseraCore
import TesseraModel

/// `tessera run [SELECTOR…]`: ingest, build and publish what is selected.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Ingest, build, check and publish what is selected, in dependency order, in parallel where possible.",
        usage: "tessera run [<selector> ...] [<options>]"
    )
    @OptionGroup var selection: SelectorOptions
    @Flag(
        name: .customLong("full-refresh"),
        help: "Rebuild tables and incremental models from scratch (snapshots keep their history).") var fullRefresh =
        false
    @OptionGroup var window: IntervalOptions
    @Flag(
        name: .customLong("from-failure"),
        help: "Resume what is still failed: rebuild only the nodes that recent runs left failed, skipped or unfinished."
    ) var fromFailure = false
    @Option(
        name: .long,
        help: ArgumentHelp("How many nodes to build at once (default: the number of cores).", valueName: "n"))
    var threads: Int?
    @Flag(name: .customLong("fail-fast"), help: "Start nothing new after the first failure.") var failFast = false
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
        if fromFailure, !selection.selectors.isEmpty || !selection.exclude.isEmpty {
            throw ValidationError("--from-failure resumes what earlier runs left failed; give no selector with it.")
        }
    }

    func run() async throws {
        let workspace = try global.workspace()
        if let service = Self.service(of: workspace) {
            try await handOff(to: service, workspace: workspace)
            return
        }
        let format = output.chosen
        let console = global.console()
        var options = RunOptions(
            selection: try selection.selection(), fullRefresh: fullRefresh, backfill: try window.interval(),
            fromFailure: fromFailure, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
            failFast: failFast, arguments: Array(CommandLine.arguments.dropFirst())
        )
        let printer = RunPrinter(
            console: console, enabled: format == .text,
            width: workspace.mesh.graph.allNodes.map(\.displayName.count).max() ?? 10)
        options.liveProgress = printer.live.enabled
        let result: RunResult
        do {
            let options = options
            result = try await Interrupt.cancellingOnCtrlC {
                try await workspace.runs.run(options) { event in printer.handle(event) }
            }
        } catch {
            printer.close()
            throw error
        }
        printer.close()
        let report = result.report
        let alerts = await Self.sendAlerts(ofRun: report.runID, workspace: workspace)
        switch format {
        case .json: console.result(try JSONOutput.encode(RunJSON(report: report)))
        default:
            console.result(printer.summary(report))
            if let file = result.log { console.info("  log: \(ProjectLocator.display(file))") }
            if let alerts { console.info("  alerts: \(alerts)") }
        }
        if !report.succeeded { throw ExitAfterReport(status: .dataFailed) }
    }
}

extension RunCommand {
    /// Without a service, the run's alerts are sent once, right away, with a short timeout; what
    /// is not delivered stays pending for `tessera serve`. A failure here is a warning: alerts
    /// never fail a run. Returns what to say, or nil when the run raised no alert.
    static func sendAlerts(ofRun runID: String, workspace: Workspace) async -> String? {
        do {
            let sent = try await workspace.alerts.deliverPending(runID: runID, timeout: .seconds(5))
            guard !sent.isEmpty else { return nil }
            var parts: [String] = []
            if sent.delivered > 0 { parts.append("\(sent.delivered) delivered") }
            if sent.pending > 0 { parts.append("\(sent.pending) pending (sent again by `tessera serve`)") }
            if sent.failed > 0 { parts.append("\(sent.failed) failed") }
            return parts.joined(separator: ", ") + "; `tessera alerts` lists them"
        } catch {
            workspace.warn("the run's alerts were not sent: \(error.message)")
            return nil
        }
    }
}

/// One status line per node as it finishes; sources as `tessera ingest` prints them.
final class RunPrinter: Sendable {
    let console: Console
    let enabled: Bool
    let width: Int
    let ingest: IngestPrinter
    let live: LiveStatusLine
    /// A product's quality arrives just before its node finishes; it is printed under its line.
    let quality = Mutex<[NodeID: QualityReport]>([:])

    init(console: Console, enabled: Bool, width: Int) {
        self.console = console
        self.enabled = enabled
        self.width = width
        ingest = IngestPrinter(console: console, width: width)
        live = LiveStatusLine(enabled: enabled && console.verbosity >= .normal && Console.stdoutIsTerminal())
    }

    func handle(_ event: RunEvent) {
        guard enabled else { return }
        switch event {
        case .ingest(.started(let source)): console.detail("  … \(source)")
        case .ingest(.progress(let p)): live.update(p.source, stage: p.stage.rawValue, percentage: p.percentage)
        case .ingest(.finished(let report, let failure)):
            live.finish(report.source) { self.ingest.print(report, failure) }
        case .started(let runID, let plan):
            let work = plan?.work.filter { $0.node.kind != .source }.count ?? 0
            console.info("Run \(runID): \(work) node\(work == 1 ? "" : "s") to build or publish")
        case .node(.started(let step)):
            console.detail("  … \(step.node.displayName)")
        case .node(.finished(let step, let outcome, let seconds)):
            guard step.node.kind != .source else { return }  // printed by the ingest lines
            line(step, outcome, seconds)
            if let report = quality.withLock({ $0.removeValue(forKey: step.node) }) {
                for text in console.qualityText().lines(report) { console.info(Console.wrapped(text, indent: "  ")) }
            }
        case .quality(let node, let report):
            quality.withLock { $0[node] = report }
        }
    }

    private func line(_ step: PlanStep, _ outcome: NodeOutcome, _ seconds: Double) {
        let name = step.node.displayName.padding(toLength: width, withPad: " ", startingAt: 0)
        let time = String(format: "%.2f s", seconds)
        switch outcome {
        case .succeeded(_, let detail):
            console.info(
                Console.wrapped(
                    "  \(console.styled("✓", .green)) \(name)  \(step.action.rawValue == "publish" ? "published" : "built"): \(detail)  \(time)",
                    indent: "    "))
        case .unchanged(let reason):
            console.detail("  \(console.styled("=", .dim)) \(name)  \(reason)")
        case .failed(let failure):
            console.result("  \(console.styled("✗", .red)) \(name)  \(console.styled("failed", .red))  \(time)")
            Console.write(
                "    " + failure.description.replacingOccurrences(of: "\n", with: "\n    ") + "\n", to: .standardError)
        case .skipped(let reason):
            console.info(
                Console.wrapped("  \(console.styled("-", .yellow)) \(name)  skipped: \(reason)", indent: "    "))
        }
    }

    func close() { live.close() }

    func summary(_ report: RunReport) -> String {
        let seconds = report.finishedAt.timeIntervalSince(report.startedAt)
        var parts: [String] = []
        for (status, label) in [
            ("succeeded", "done"), ("unchanged", "up to date"), ("failed", "failed"), ("skipped", "skipped"),
        ] {
            let n = report.count(status)
            guard n > 0 || status == "succeeded" else { continue }
            parts.append(status == "failed" ? console.styled("\(n) \(label)", .red) : "\(n) \(label)")
        }
        let mark = report.succeeded ? console.styled("✓", .green) : console.styled("✗", .red)
        var text =
            "\(mark) run \(report.runID) finished in \(String(format: "%.2f", seconds)) s: \(parts.joined(separator: ", "))"
        if !report.succeeded {
            text +=
                "\n  hint: fix the failures above, then `tessera run --from-failure` resumes with only what failed or was skipped"
        }
        for warning in report.warnings { text += "\n  " + console.styled("warning:", .yellow) + " \(warning)" }
        return Console.wrapped(text, indent: "    ")
    }
}

/// A run as `--format json` prints it.
struct RunJSON: Encodable {
    struct Node: Encodable {
        var id: String
        var name: String
        var kind: String
        var action: String
        var status: String
        /// As `plan` gives them: a stable code and the text.
        var reasons: [PlanReport.Reason]
        var rows: Int64?
        var seconds: Double
        var detail: String?
        var error: String?
        /// The failure as data: its kind, place and hint (`error` is its text).
        var failure: Failure?
    }
    /// As `validate` writes a diagnostic: the place is a `location` `{file, line, column}`.
    struct Failure: Encodable {
        var kind: String
        var message: String
        var location: SourceLocation?
        var hint: String?

        init(_ failure: NodeFailure) {
            kind = failure.kind.rawValue
            message = failure.message
            location = failure.location
            hint = failure.hint
        }
    }
    /// The run's id (`runId` where another document refers to it).
    var id: String
    var environment: String
    var status: String
    var startedAt: String
    var finishedAt: String
    var seconds: Double
    var counts: [String: Int]
    var nodes: [Node]
    /// The contract, checks and drift of each product the run tried to publish.
    var quality: [QualityReport]
    /// What went wrong without failing the run (e.g. OpenLineage events not sent).
    var warnings: [String]

    init(report: RunReport) {
        id = report.runID
        environment = report.environment
        status = report.succeeded ? "succeeded" : "failed"
        startedAt = Timestamps.iso(report.startedAt)
        finishedAt = Timestamps.iso(report.finishedAt)
        seconds = (report.finishedAt.timeIntervalSince(report.startedAt) * 1000).rounded() / 1000
        nodes = report.nodes.map { node in
            var rows: Int64?, detail: String?, error: String?, failure: Failure?
            switch node.outcome {
            case .succeeded(let r, let d): rows = r; detail = d
            case .unchanged(let reason), .skipped(let reason): detail = reason
            case .failed(let why): error = why.description; failure = Failure(why)
            }
            return Node(
                id: node.step.node.id, name: node.step.node.displayName, kind: node.step.node.kind.rawValue,
                action: node.step.action.rawValue, status: node.outcome.status,
                reasons: node.step.reasons.map { PlanReport.Reason(code: $0.code, text: $0.description) }, rows: rows,
                seconds: (node.seconds * 1000).rounded() / 1000, detail: detail, error: error, failure: failure)
        }
        counts = Dictionary(grouping: nodes, by: \.status).mapValues(\.count)
        quality = report.quality.sorted { $0.key < $1.key }.map(\.value)
        warnings = report.warnings
    }
}
