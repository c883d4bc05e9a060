import ArgumentParser
import Foundation
import TesseraCore
import TesseraModel

/// `tessera ingest [SOURCE…]`: load sources into their domains' warehouses (docs/ingestion.md).
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load sources only (all of them, or the ones named): extract, land, standardize, validate, upsert.",
        usage: "tessera ingest [<source> ...] [<options>]"
    )

    @Argument(help: ArgumentHelp("Sources to load, as name or domain.name (default: all).", valueName: "source"))
    var sources: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("How many sources to load at once (default: the number of cores).", valueName: "n"))
    var threads: Int?

    @OptionGroup var output: ReportFormatOption

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
    }

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let workspace = try global.workspace()
        let runs = workspace.runs
        let selected = try runs.sources(named: sources)
        let parallelism = threads ?? ProcessInfo.processInfo.activeProcessorCount
        if format == .text, !selected.isEmpty {
            let many = selected.count == 1 ? "" : "s"
            console.info(
                "Ingesting \(selected.count) source\(many) into '\(workspace.environment)' (\(min(parallelism, selected.count)) at a time)"
            )
        }
        let printer = IngestPrinter(
            console: console, width: selected.map { "\($0.domain).\($0.name)".count }.max() ?? 10)
        let live = LiveStatusLine(
            enabled: format == .text && console.verbosity >= .normal && Console.stdoutIsTerminal())
        let request = Runs.IngestRequest(
            sources: sources, threads: parallelism, liveProgress: live.enabled,
            arguments: Array(CommandLine.arguments.dropFirst()))
        let result: Runs.IngestResult
        do {
            result = try await runs.ingest(request) { event in
                guard format == .text else { return }
                switch event {
                case .started(let source): console.detail("  … \(source)")
                case .progress(let p): live.update(p.source, stage: p.stage.rawValue, percentage: p.percentage)
                case .finished(let report, let failure): live.finish(report.source) { printer.print(report, failure) }
                }
            }
        } catch {
            live.close()
            throw error
        }
        live.close()
        let summary = IngestSummary(
            environment: workspace.environment, reports: result.loads.map(\.report),
            seconds: result.finishedAt.timeIntervalSince(result.startedAt))
        let alerts = await RunCommand.sendAlerts(ofRun: result.runID, workspace: workspace)
        switch format {
        case .json: console.result(try JSONOutput.encode(summary))
        default:
            console.result(summary.line(console: console))
            if let alerts { console.info("  alerts: \(alerts)") }
        }
        let failures = result.loads.compactMap(\.failure)
        if failures.contains(where: { $0.kind == .configuration }) { throw ExitAfterReport(status: .usage) }
        if !failures.isEmpty { throw ExitAfterReport(status: .dataFailed) }
    }
}

/// One status line per source, as it finishes.
struct IngestPrinter: Sendable {
    var console: Console
    var width: Int

    func print(_ report: LoadReport, _ failure: IngestError?) {
        let name = report.source.padding(toLength: width, withPad: " ", startingAt: 0)
        let time = String(format: "%.2f s", report.seconds)
        switch report.status {
        case .failed:
            console.result("  \(console.styled("✗", .red)) \(name)  \(console.styled("failed", .red))  \(time)")
            if let failure {
                // As a node failure is printed: the place and message, then the hint on its own line.
                let place = failure.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
                let text = place + failure.message + (failure.hint.map { "\n  hint: \($0)" } ?? "")
                Console.write("    " + text.replacingOccurrences(of: "\n", with: "\n    ") + "\n", to: .standardError)
            }
        case .upToDate where report.extractedRows == 0:
            console.info(
                "  \(console.styled("=", .dim)) \(name)  up to date (\(report.inputs) input\(report.inputs == 1 ? "" : "s") unchanged)  \(time)"
            )
        default:
            let rate = report.seconds > 0 ? Double(report.extractedRows) / report.seconds : 0
            var parts = ["\(Self.count(report.loadedRows)) loaded"]
            if report.rejectedRows > 0 {
                parts.append(console.styled("\(Self.count(report.rejectedRows)) rejected", .yellow))
            }
            if report.deduplicatedRows > 0 { parts.append("\(Self.count(report.deduplicatedRows)) deduplicated") }
            if report.staleRows > 0 { parts.append("\(Self.count(report.staleRows)) already loaded") }
            let size = report.landedBytes.map { " · " + Self.bytes($0) } ?? ""
            console.info(
                "  \(console.styled("✓", .green)) \(name)  \(Self.count(report.extractedRows)) \(noun(for: report.extractedRows, "row")): \(parts.joined(separator: ", "))  \(time) (\(Self.count(Int(rate))) rows/s\(size))"
            )
        }
    }

    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func bytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(n), unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}

/// The result of `tessera ingest`, as `--format json` prints it.
struct IngestSummary: Encodable {
    var environment: String
    var reports: [LoadReport]
    var seconds: Double

    enum CodingKeys: String, CodingKey { case environment, sources, totals, seconds }
    struct Totals: Encodable { var loaded = 0, upToDate = 0, failed = 0, rows = 0, rejected = 0, deduplicated = 0 }

    var totals: Totals {
        var t = Totals()
        for r in reports {
            switch r.status {
            case .committed: t.loaded += 1
            case .upToDate: t.upToDate += 1
            case .failed: t.failed += 1
            }
            t.rows += r.loadedRows
            t.rejected += r.rejectedRows
            t.deduplicated += r.deduplicatedRows
        }
        return t
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(environment, forKey: .environment)
        try c.encode(reports, forKey: .sources)
        try c.encode(totals, forKey: .totals)
        try c.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
    }

    func line(console: Console) -> String {
        let t = totals
        var parts = ["\(t.loaded) loaded"]
        if t.upToDate > 0 { parts.append("\(t.upToDate) up to date") }
        if t.failed > 0 { parts.append(console.styled("\(t.failed) failed", .red)) }
        let rows =
            "\(IngestPrinter.count(t.rows)) \(noun(for: t.rows, "row")) written, \(IngestPrinter.count(t.rejected)) rejected, \(IngestPrinter.count(t.deduplicated)) deduplicated"
        return "Done in \(String(format: "%.2f", seconds)) s: \(parts.joined(separator: ", ")) — \(rows)"
    }
}
