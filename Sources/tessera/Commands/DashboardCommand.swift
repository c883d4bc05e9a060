import ArgumentParser
import Foundation
import TesseraCore

/// `tessera dashboard list|render`: the domains' dashboards (domains/<d>/dashboards/*.yaml),
/// rendered as a viewer to PDF, PNG or SVG (docs/dashboards.md).
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "List dashboards, render one to PDF, PNG or SVG as a viewer, or deliver one.",
        subcommands: [
            DashboardListCommand.self, DashboardRenderCommand.self, DashboardDeliverCommand.self,
            DashboardDeliveriesCommand.self,
        ]
    )
}

/// `--as-domain`, shared by the dashboard commands: whose view of the data.
struct ViewerOption: ParsableArguments {
    @Option(
        name: .customLong("as-domain"),
        help: ArgumentHelp(
            "View as this domain: its own products in clear, others' masked, unreadable ones left out.",
            valueName: "domain"))
    var domain: String?

    var principal: Principal { domain.map { .domain($0) } ?? .meshOperator }
}

struct DashboardListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The dashboards a viewer may be shown.")
    @OptionGroup var viewer: ViewerOption
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    /// One dashboard in `--format json`.
    private struct Entry: Encodable {
        var name: String
        var title: String
        var charts: Int
        var shownTo: [String]
        /// When its `deliver:` schedules next fire (ISO 8601), and how its last delivery went.
        var nextDelivery: String?
        var lastDelivery: String?
    }

    func run() async throws {
        let console = global.console()
        let workspace = try global.workspace()
        let next = workspace.deliveries.nextTimes(after: Date())
        var last: [String: DeliveryRecord] = [:]
        for record in try await workspace.deliveries.list(limit: 1000) where last[record.draft.dashboard] == nil {
            last[record.draft.dashboard] = record
        }
        let entries = workspace.dashboards.list(as: viewer.principal).map {
            Entry(
                name: $0.name, title: $0.title, charts: $0.charts,
                shownTo: [String($0.name.prefix { $0 != "." })] + $0.readers,
                nextDelivery: next[$0.name].map(Timestamps.iso),
                lastDelivery: last[$0.name].map { "\(Timestamps.iso($0.draft.scheduledAt)) \($0.state.rawValue)" })
        }
        if output.chosen == .json {
            console.result(try JSONOutput.encode(entries))
            return
        }
        let rows = entries.map {
            [
                $0.name, $0.title, String($0.charts), $0.shownTo.joined(separator: ", "), $0.nextDelivery ?? "",
                $0.lastDelivery ?? "",
            ]
        }
        console.result(
            TableRenderer.render(
                columns: ["dashboard", "title", "charts", "shown to", "next delivery", "last delivery"], rows: rows))
    }
}

struct DashboardRenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract:
            "Render a dashboard as a viewer, e.g. tessera dashboard render sales.revenue --format pdf --out r.pdf.",
        usage: "tessera dashboard render <name> --format pdf|png|svg --out <file> [<options>]",
        discussion: """
            PNG writes one image per page: FILE, then FILE-2.png, FILE-3.png … for further pages. \
            A date range parameter takes last_<N>_days or <start>..<end>, e.g. --param period=2026-01-01..2026-03-31.
            """
    )
    @Argument(help: ArgumentHelp("The dashboard: domain.name, or name when it is unique.", valueName: "name"))
    var name: String
    @Option(name: .long, help: ArgumentHelp("pdf, png or svg.", valueName: "format")) var format: String
    @Option(name: .long, help: ArgumentHelp("The file to write.", valueName: "file")) var out: String
    @Option(name: .long, help: ArgumentHelp("a4 (default) or letter.", valueName: "paper")) var paper: String = "a4"
    @Option(
        name: .customLong("param"), help: ArgumentHelp("A parameter's value, repeatable: name=value.", valueName: "k=v")
    )
    var params: [String] = []
    @OptionGroup var viewer: ViewerOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard Dashboards.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be pdf, png or svg (found '\(format)').")
        }
        guard Paper(rawValue: paper) != nil else {
            throw ValidationError("--paper must be a4 or letter (found '\(paper)').")
        }
        for param in params where !param.contains("=") {
            throw ValidationError("--param takes name=value (found '\(param)').")
        }
    }

    func run() async throws {
        let console = global.console()
        var values: [String: String] = [:]
        for param in params {
            let parts = param.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = String(parts[1])
        }
        let rendered = try await global.workspace().dashboards.render(
            name, as: viewer.principal, parameters: values, format: Dashboards.Format(rawValue: format) ?? .pdf,
            paper: Paper(rawValue: paper) ?? .a4)
        let target = URL(fileURLWithPath: out)
        var written: [String] = []
        for (index, data) in rendered.files.enumerated() {
            let url = index == 0 ? target : Self.pageURL(target, page: index + 1)
            do { try data.write(to: url) } catch {
                throw CoreError(
                    .usage, "cannot write \(url.path): \(error.localizedDescription)",
                    hint: "check that the folder exists and is writable")
            }
            written.append(url.path)
        }
        console.info(
            "shown to \(rendered.viewer); snapshots: \(rendered.snapshots.isEmpty ? "none" : rendered.snapshots.joined(separator: ", "))"
        )
        console.result(
            "wrote \(written.joined(separator: ", ")) (\(rendered.pages) page\(rendered.pages == 1 ? "" : "s"))")
    }

    /// `report.png` → `report-2.png`.
    static func pageURL(_ url: URL, page: Int) -> URL {
        let ext = url.pathExtension
        let base = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(
            "\(base)-\(page)" + (ext.isEmpty ? "" : ".\(ext)"))
    }
}

struct DashboardDeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract:
            "Deliver a dashboard now to every destination of its `deliver:`, e.g. tessera dashboard deliver sales.overview.",
        discussion: """
            Each delivery is rendered as its `as:` domain, recorded and audited as a scheduled one is; \
            a failure that may pass is left pending for `tessera serve` to try again.
            """
    )
    @Argument(help: ArgumentHelp("The dashboard: domain.name, or name when it is unique.", valueName: "name"))
    var name: String
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console()
        let records = try await global.workspace().deliveries.deliverNow(name)
        if output.chosen == .json {
            console.result(try JSONOutput.encode(records.map(DeliveryLine.init)))
        } else {
            for record in records { console.result(DeliveryLine(record).text) }
        }
        if records.contains(where: { $0.state != .delivered }) { throw ExitCode(1) }
    }
}

struct DashboardDeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "The recorded dashboard deliveries, newest first.")
    @Argument(help: ArgumentHelp("Only this dashboard's (domain.name).", valueName: "name")) var name: String?
    @Option(name: .long, help: ArgumentHelp("How many (default 50).", valueName: "n")) var limit = 50
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = global.console()
        let records = try await global.workspace().deliveries.list(dashboard: name, limit: limit).map(DeliveryLine.init)
        if output.chosen == .json {
            console.result(try JSONOutput.encode(records))
            return
        }
        let rows = records.map {
            [
                $0.dashboard, $0.scheduledAt, $0.to, $0.viewer, $0.state, String($0.attempts), $0.file ?? "",
                $0.error ?? "",
            ]
        }
        console.result(
            TableRenderer.render(
                columns: ["dashboard", "scheduled", "to", "as", "state", "attempts", "file", "error"], rows: rows))
    }
}

/// One delivery as the commands show it; never a webhook's URL (the catalog has none).
struct DeliveryLine: Encodable {
    var dashboard: String
    var delivery: String
    var scheduledAt: String
    var trigger: String
    var to: String
    var viewer: String
    var state: String
    var attempts: Int
    var file: String?
    var snapshots: [String]
    var error: String?

    init(_ record: DeliveryRecord) {
        dashboard = record.draft.dashboard
        delivery = record.draft.delivery
        scheduledAt = Timestamps.iso(record.draft.scheduledAt)
        trigger = record.draft.trigger
        to = record.draft.destination
        viewer = record.draft.principal
        state = record.state.rawValue
        attempts = record.attempts
        file = record.fileName
        snapshots = record.snapshots
        error = record.lastError
    }

    /// `sales.overview → folder reports/: delivered (sales.overview-2026-12-07T0700Z.pdf)`.
    var text: String {
        let detail = state == "delivered" ? file.map { " (\($0))" } ?? "" : error.map { ": \($0)" } ?? ""
        return "\(dashboard) → \(to): \(state)\(detail)"
    }
}
