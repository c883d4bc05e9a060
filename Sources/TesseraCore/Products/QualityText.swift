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

    public func lines(_ report: QualityReport) -> [String] {
        (contractLines(report) + checkLines(report) + driftLines(report) + publishedLines(report)).map { indent + $0 }
    }

    private func contractLines(_ report: QualityReport) -> [String] {
        guard let contract = report.contract else { return [] }
        if contract.passed { return ["\(style("✓", .good)) contract holds"] }
        return ["\(style("✗", .bad)) contract broken:"] + contract.violations.map { "    - \($0.message)" }
    }

    private func checkLines(_ report: QualityReport) -> [String] {
        guard !report.checks.isEmpty else { return [] }
        let passed = report.checks.filter { $0.status == .passed }.count
        let failed = report.checks.count - passed
        let mark =
            failed == 0 ? style("✓", .good) : style("✗", report.checks.contains(where: \.isBlocking) ? .bad : .warning)
        var lines = ["\(mark) checks: \(passed) passed" + (failed > 0 ? ", \(failed) failed" : "")]
        for check in report.checks where check.status != .passed {
            let severity = style(check.severity, check.isBlocking ? .bad : .warning)
            lines.append("    \(check.status == .error ? "!" : "✗") \(check.name) [\(severity)]: \(check.message)")
            if !check.location.isEmpty { lines.append("      at \(check.location)") }
            guard !check.samples.isEmpty else { continue }
            lines.append("      e.g. " + check.sampleColumns.joined(separator: " | "))
            for row in check.samples.prefix(3) {
                lines.append("           " + row.map { $0 ?? "NULL" }.joined(separator: " | "))
            }
            if check.samples.count > 3 {
                lines.append("           … \(check.samples.count - 3) more sample rows in --format json")
            }
        }
        return lines
    }

    private func driftLines(_ report: QualityReport) -> [String] {
        guard let drift = report.drift else { return [] }
        let beyond = drift.findings.filter(\.exceeded)
        if beyond.isEmpty { return ["\(style("✓", .good)) no drift beyond thresholds"] }
        let tone: Tone = drift.severity == .error ? .bad : .warning
        let count = "\(beyond.count) finding" + (beyond.count == 1 ? "" : "s")
        return ["\(style("~", tone)) drift (\(drift.severity.rawValue)): \(count)"]
            + beyond.map { "    - \($0.message)" }
    }

    private func publishedLines(_ report: QualityReport) -> [String] {
        guard report.published == false else { return [] }
        return [
            style("not published", .bad)
                + ": the candidate \(report.snapshot) is quarantined; the previous snapshot stays current"
        ]
    }
}
