import Foundation
import TesseraQuality
import TesseraRuntime

/// How the contract, the checks and drift of one product snapshot read as text: the same under a
/// product's line in a run, in `tessera check`, and in the run log. Passing checks fold into one
/// count; each failure gets its own line with the rows that broke it. `style` colours a word for
/// a terminal (the log passes it through unchanged).
public struct QualityText: Sendable {
    public enum Tone: Sendable { case good, bad, warning }

    public var style: @Sendable (String, Tone) -> String
    public var indent = "    "

    public init(style: @escaping @Sendable (String, Tone) -> String = { text, _ in text }) {
        self.style = style
    }

    /// One part of the text: a line (possibly several, such as a failing check and where it is
    /// declared), how it reads, and the sample rows it quotes, kept apart because they are data.
    public struct Entry: Sendable {
        public var lines: [String]
        public var tone: Tone
        public var samples: [String] = []
        /// How many sample rows the check found (`samples` shows at most three).
        public var sampleRows = 0
    }

    public func lines(_ report: QualityReport) -> [String] {
        entries(report).flatMap { $0.lines + $0.samples }.map { indent + $0 }
    }

    /// The same text as `lines`, in parts, without the indent: what a node's log records.
    public func entries(_ report: QualityReport) -> [Entry] {
        contractEntries(report) + checkEntries(report) + driftLines(report) + publishedLines(report)
    }

    private func contractEntries(_ report: QualityReport) -> [Entry] {
        guard let contract = report.contract else { return [] }
        if contract.passed { return [Entry(lines: ["\(style("✓", .good)) contract holds"], tone: .good)] }
        return [
            Entry(
                lines: ["\(style("✗", .bad)) contract broken:"] + contract.violations.map { "    - \($0.message)" },
                tone: .bad)
        ]
    }

    private func checkEntries(_ report: QualityReport) -> [Entry] {
        guard !report.checks.isEmpty else { return [] }
        let passed = report.checks.filter { $0.status == .passed }.count
        let failed = report.checks.count - passed
        let tone: Tone = failed == 0 ? .good : (report.checks.contains(where: \.isBlocking) ? .bad : .warning)
        var entries = [
            Entry(
                lines: [
                    "\(style(failed == 0 ? "✓" : "✗", tone)) checks: \(passed) passed"
                        + (failed > 0 ? ", \(failed) failed" : "")
                ],
                tone: tone)
        ]
        for check in report.checks where check.status != .passed {
            let severity = style(check.severity, check.isBlocking ? .bad : .warning)
            var entry = Entry(
                lines: ["    \(check.status == .error ? "!" : "✗") \(check.name) [\(severity)]: \(check.message)"],
                tone: check.isBlocking ? .bad : .warning)
            if !check.location.isEmpty { entry.lines.append("      at \(check.location)") }
            if !check.samples.isEmpty {
                entry.samples = ["      e.g. " + check.sampleColumns.joined(separator: " | ")]
                for row in check.samples.prefix(3) {
                    entry.samples.append("           " + row.map { $0 ?? "NULL" }.joined(separator: " | "))
                }
                if check.samples.count > 3 {
                    entry.samples.append("           … \(check.samples.count - 3) more sample rows in --format json")
                }
                entry.sampleRows = check.samples.count
            }
            entries.append(entry)
        }
        return entries
    }

    private func driftLines(_ report: QualityReport) -> [Entry] {
        guard let drift = report.drift else { return [] }
        let beyond = drift.findings.filter(\.exceeded)
        if beyond.isEmpty { return [Entry(lines: ["\(style("✓", .good)) no drift beyond thresholds"], tone: .good)] }
        let tone: Tone = drift.severity == .error ? .bad : .warning
        let count = "\(beyond.count) finding" + (beyond.count == 1 ? "" : "s")
        return [
            Entry(
                lines: ["\(style("~", tone)) drift (\(drift.severity.rawValue)): \(count)"]
                    + beyond.map { "    - \($0.message)" }, tone: tone)
        ]
    }

    private func publishedLines(_ report: QualityReport) -> [Entry] {
        guard report.published == false else { return [] }
        return [
            Entry(
                lines: [
                    style("not published", .bad)
                        + ": the candidate \(report.snapshot) is quarantined; the previous snapshot stays current"
                ], tone: .bad)
        ]
    }
}
