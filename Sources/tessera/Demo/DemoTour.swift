import Foundation
import TesseraCore
import TesseraModel

/// What `tessera demo` says at the end: what was built — domains, products and their rows, the
/// warn check that fired, the drift of day 2, the snapshot and interval builds — and five commands
/// to try next. Everything comes from the two runs' reports, so the tour never claims something
/// the runs did not do.
struct DemoTour {
    let root: URL
    /// The folder as the user typed it (shown in the headline); commands use the absolute path.
    let displayDirectory: String
    let context: Workspace
    let runs: [RunReport]
    let seconds: Double

    /// The latest quality report of every product the runs published or tried to publish.
    var products: [QualityReport] {
        var latest: [NodeID: QualityReport] = [:]
        for run in runs { latest.merge(run.quality) { _, new in new } }
        return latest.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Warn checks that failed on the current snapshots: published anyway, but worth a look.
    var warnings: [(product: String, check: CheckResult)] {
        products.flatMap { report in
            report.checks.filter { $0.status != .passed && !$0.isBlocking }.map { (product: report.product, check: $0) }
        }
    }

    /// Drift beyond thresholds reported by the last run (day 2 against day 1).
    var drift: [(product: String, message: String)] {
        guard let last = runs.last, runs.count > 1 else { return [] }
        return last.quality.sorted { $0.key < $1.key }.flatMap { _, report in
            (report.drift?.exceededFindings ?? []).map { (product: report.product, message: $0.message) }
        }
    }

    /// What the last run did to a model, e.g. "snapshot: 250 versions opened, 250 closed".
    func lastBuild(_ domain: String, _ model: String) -> String? {
        let id = NodeID(.model, domain, model)
        for run in runs.reversed() {
            if let node = run.nodes.first(where: { $0.step.node == id }), case .succeeded(_, let detail) = node.outcome
            {
                return detail
            }
        }
        return nil
    }

    /// The commands the tour suggests, each with what it shows. `--project` makes them work from
    /// any folder.
    var nextSteps: [(title: String, command: String)] {
        let project = "--project " + Self.shellQuoted(root.path)
        return [
            (
                "Search the catalog for everything about revenue:",
                "tessera catalog search revenue \(project)"
            ),
            (
                "Trace a column across domains (finance ← sales ← the orders CSV):",
                "tessera lineage finance.revenue.amount \(project)"
            ),
            (
                "Query a product as another domain reads it — name and email come back masked (add --as-domain sales to read as the owner):",
                "tessera query \"select customer_id, name, email, segment from sales.customers limit 5\" \(project)"
            ),
            (
                "Run every product's contract and checks against its current snapshot (support.tickets warns):",
                "tessera check \(project)"
            ),
            (
                "Edit a model — e.g. drop `and status <> 'returned'` from \(root.appendingPathComponent("domains/sales/models/daily_sales.sql").path) — then see what a run would rebuild, and why:",
                "tessera plan \(project)"
            ),
        ]
    }

    func lines(_ console: Console) -> [String] {
        [""] + headline(console) + [""] + built(console) + notices(console) + [""] + tryNext(console)
    }

    /// Whether the mesh built, where, how long it took, and how big it is.
    private func headline(_ console: Console) -> [String] {
        var lines: [String] = []
        let project = context.project
        let failed = runs.contains { !$0.succeeded }
        let counts =
            "\(project.domains.count) domains · \(project.domains.map(\.sources.count).reduce(0, +)) sources · "
            + "\(project.domains.map(\.models.count).reduce(0, +)) models · \(project.domains.map(\.products.count).reduce(0, +)) products"
        if failed {
            lines.append(
                console.styled("✗", .red)
                    + " the demo mesh did not build completely in \(displayDirectory) — see the failures above (a bug in tessera demo: please report it)"
            )
        } else {
            lines.append(
                console.styled("✓", .green) + " "
                    + console.styled("The '\(project.mesh.name)' mesh is built in \(displayDirectory)", .bold)
                    + String(format: " — %d runs, %.1f s", runs.count, seconds))
        }
        lines.append("  \(counts)")
        return lines
    }

    /// Each product with its rows and masked columns, and what day 2 changed in the models that
    /// keep history.
    private func built(_ console: Console) -> [String] {
        var lines: [String] = []
        let project = context.project
        lines.append(console.styled("What was built", .bold))
        let width = products.map(\.product.count).max() ?? 10
        for report in products {
            let name = report.product.padding(toLength: width, withPad: " ", startingAt: 0)
            var note = ""
            if let product = Self.product(report.product, in: project), !ReadPolicy.masks(of: product).isEmpty {
                note =
                    "  " + ReadPolicy.masks(of: product).map(\.column).joined(separator: ", ")
                    + " masked for other domains"
            }
            lines.append("  \(name)  \(Self.grouped(report.rows).leftPadded(to: 11)) rows\(note)")
        }
        if let history = lastBuild("sales", "customer_history") {
            lines.append("  sales.customer_history (SCD2 snapshot model) — day 2: \(history)")
        }
        if let interval = lastBuild("sales", "daily_sales") {
            lines.append("  sales.daily_sales (interval-incremental model) — day 2: \(interval)")
        }
        return lines
    }

    /// Warn checks that failed and drift between the two days.
    private func notices(_ console: Console) -> [String] {
        var lines: [String] = []
        for (product, check) in warnings {
            lines.append(
                "  \(console.styled("!", .yellow)) \(product): warn check \(check.name) failed (\(Self.grouped(check.failingRows)) \(noun(for: check.failingRows, "row"))) — published anyway: \(check.message)"
            )
        }
        if !drift.isEmpty {
            let byProduct = Dictionary(grouping: drift, by: \.product)
            for product in byProduct.keys.sorted() {
                let messages = byProduct[product, default: []].map(\.message)
                lines.append(
                    "  \(console.styled("~", .yellow)) \(product): drift from day 1 to day 2 — "
                        + messages.prefix(3).joined(separator: "; ")
                        + (messages.count > 3 ? "; … \(messages.count - 3) more (tessera check)" : ""))
            }
        }
        return lines
    }

    private func tryNext(_ console: Console) -> [String] {
        var lines: [String] = []
        lines.append(
            console.styled("Try next", .bold)
                + (Self.onPath ? "" : " (tessera is \(Self.executable); e.g. alias tessera=\(Self.executable))"))
        for (index, step) in nextSteps.enumerated() {
            lines.append("  \(index + 1). \(step.title)")
            lines.append("     " + console.styled(step.command, .cyan))
        }
        lines.append("")
        lines.append(
            "Every file is in \(root.path) — start with domains/finance/models/revenue.sql. Runs are logged under .tessera/dev/runs/."
        )
        return lines
    }

    var json: DemoJSON {
        DemoJSON(
            mesh: context.project.mesh.name, directory: root.path, seconds: (seconds * 1000).rounded() / 1000,
            succeeded: !runs.contains { !$0.succeeded },
            runs: runs.map(RunJSON.init(report:)),
            products: products.map {
                DemoJSON.Product(
                    product: $0.product, rows: $0.rows, snapshot: $0.snapshot, published: $0.published ?? false)
            },
            warnings: warnings.map {
                DemoJSON.Warning(
                    product: $0.product, check: $0.check.name, failingRows: $0.check.failingRows,
                    message: $0.check.message)
            },
            drift: drift.map { DemoJSON.Drift(product: $0.product, message: $0.message) },
            next: nextSteps.map(\.command))
    }

    static func product(_ qualified: String, in project: Project) -> Product? {
        let parts = qualified.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return project.domain(named: parts[0])?.product(named: parts[1])
    }

    static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(char)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The running binary's path: shown when `tessera` is not on the PATH (as after `make demo`).
    static var executable: String {
        URL(
            fileURLWithPath: CommandLine.arguments[0],
            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL.path
    }

    static var onPath: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { folder in
            URL(fileURLWithPath: String(folder)).appendingPathComponent("tessera").resolvingSymlinksInPath().path
                == URL(fileURLWithPath: executable).resolvingSymlinksInPath().path
        }
    }
}

/// `tessera demo --format json`: the two runs as `tessera run` prints them, then the tour.
struct DemoJSON: Encodable {
    struct Product: Encodable { var product: String; var rows: Int64; var snapshot: String; var published: Bool }
    struct Warning: Encodable { var product: String; var check: String; var failingRows: Int64; var message: String }
    struct Drift: Encodable { var product: String; var message: String }
    var mesh: String
    var directory: String
    var seconds: Double
    var succeeded: Bool
    var runs: [RunJSON]
    var products: [Product]
    var warnings: [Warning]
    var drift: [Drift]
    var next: [String]
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
