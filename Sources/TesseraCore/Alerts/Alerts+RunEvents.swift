import Foundation
import TesseraAlerts
import TesseraModel
import TesseraQuality
import TesseraRuntime

extension Alerts {
    /// The events a finished run gives, from its report: per domain with failed nodes one
    /// `run_failed` (a blocked publish is its own event, not a failed run); per product tried,
    /// `publish_blocked` when it was not published, `drift` when drift passed a threshold,
    /// `warn_checks` when warn checks failed. Messages are one line, redacted.
    static func events(of report: RunReport, environment: String, redactor: SecretRedactor) -> [AlertEvent] {
        func event(_ kind: AlertRule.Event, _ node: NodeID, _ message: String) -> AlertEvent {
            AlertEvent(
                kind: kind, domain: node.domain, node: node.displayName, runID: report.runID,
                environment: environment, time: report.finishedAt, message: oneLine(redactor.redact(message)))
        }
        let failed = report.failed.compactMap { node -> Failure? in
            guard case .failed(let failure) = node.outcome,
                failure.kind != .quarantined || report.quality[node.step.node] == nil
            else { return nil }
            return (node.step.node, "\(failure.kind.rawValue)", failure.message)
        }
        var events = runFailed(
            failed, runID: report.runID, environment: environment, time: report.finishedAt, redactor: redactor)
        for (node, quality) in report.quality.sorted(by: { $0.key < $1.key }) {
            events += qualityEvents(quality).map { event($0.kind, node, $0.message) }
        }
        return events
    }

    /// A node that failed: which, the kind of failure (`build`, `load` …) and its message.
    typealias Failure = (node: NodeID, kind: String, message: String)

    /// One `run_failed` per domain with failures, naming the first and counting the others.
    static func runFailed(
        _ failures: [Failure], runID: String, environment: String, time: Date, redactor: SecretRedactor
    ) -> [AlertEvent] {
        let byDomain = Dictionary(grouping: failures, by: \.node.domain)
        return byDomain.keys.sorted().compactMap { domain in
            guard let nodes = byDomain[domain], let first = nodes.first else { return nil }
            var message = "\(first.node.displayName) failed (\(first.kind)): \(first.message)"
            if nodes.count > 1 {
                let others = nodes.dropFirst().map(\.node.displayName)
                message += "; \(others.count) more failed: \(others.joined(separator: ", "))"
            }
            return AlertEvent(
                kind: .runFailed, domain: domain, node: first.node.displayName, runID: runID,
                environment: environment, time: time, message: oneLine(redactor.redact(message)))
        }
    }

    /// A product's blocked publish, drift and failed warn checks, as (event, message).
    static func qualityEvents(_ quality: QualityReport) -> [(kind: AlertRule.Event, message: String)] {
        var events: [(kind: AlertRule.Event, message: String)] = []
        if quality.published == false, !quality.passed {
            events.append(
                (
                    .publishBlocked,
                    "not published: \(quality.blockedBy.joined(separator: "; ")); consumers keep the current snapshot"
                ))
        }
        if let drift = quality.drift, drift.exceeded {
            let findings = drift.exceededFindings.map(\.message)
            events.append(
                (.drift, "drift over its thresholds (\(drift.severity.rawValue)): \(summary(findings))"))
        }
        let warns = quality.checks.filter { $0.severity == "warn" && $0.status != .passed }
        if !warns.isEmpty {
            let count = warns.count
            events.append(
                (
                    .warnChecks,
                    "\(count) warn check\(count == 1 ? "" : "s") failed: \(summary(warns.map { "\($0.name): \($0.message)" }))"
                ))
        }
        return events
    }

    /// The first three items, and how many more.
    static func summary(_ items: [String]) -> String {
        let shown = items.prefix(3).joined(separator: "; ")
        return items.count > 3 ? "\(shown); and \(items.count - 3) more" : shown
    }

    /// One line of at most 500 characters.
    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return line.count > 500 ? String(line.prefix(499)) + "…" : line
    }
}
