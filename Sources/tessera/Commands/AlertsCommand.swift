import ArgumentParser
import Foundation
import TesseraCore

/// `tessera alerts`: the environment's alerts outbox, newest first, with each alert's delivery
/// state (docs/automation.md#alerts). Webhooks are named by where they are declared, never by URL.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Recent alerts (run failed, publish blocked, drift, warn checks, SLA missed) and their delivery.",
        usage: "tessera alerts [<options>]"
    )
    @Option(name: .long, help: ArgumentHelp("How many alerts to list.", valueName: "n")) var limit = 50
    @OptionGroup var output: ReportFormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        let format = output.chosen
        let console = global.console()
        let workspace = try global.workspace()
        let alerts = try await workspace.alerts.list(limit: limit)
        switch format {
        case .json: console.result(try JSONOutput.encode(alerts))
        default: Self.table(alerts, environment: workspace.environment, console: console)
        }
    }

    static func table(_ alerts: [AlertInfo], environment: String, console: Console) {
        guard !alerts.isEmpty else {
            console.result("No alerts in '\(environment)' yet.")
            return
        }
        let rows =
            [["ID", "TIME (UTC)", "EVENT", "NODE", "WEBHOOK", "STATE", "NOTE"]]
            + alerts.map { alert in
                [
                    String(alert.id), Timestamps.text(alert.time), alert.event, alert.node ?? alert.domain,
                    alert.webhook, alert.state.rawValue, note(alert),
                ]
            }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            let line = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            console.result(index == 0 ? console.styled(line, .bold) : line)
        }
    }

    /// What happened to it: the last error, and for a pending alert when it is tried next.
    static func note(_ alert: AlertInfo) -> String {
        var parts: [String] = []
        if alert.attempts > 0 { parts.append("\(alert.attempts) attempt\(alert.attempts == 1 ? "" : "s")") }
        if let error = alert.lastError { parts.append(error) }
        if let next = alert.nextAttemptAt { parts.append("next at \(Timestamps.text(next))") }
        return parts.joined(separator: "; ")
    }
}
