import Foundation
import TesseraQuality
import TesseraRuntime

/// How the contract, the checks and drift of one product snapshot read in a terminal: the same
/// for `tessera run` (under the product's line) and `tessera check`. Passing checks fold into one
/// count; each failure gets its own line with the rows that broke it.
struct QualityPrinter {
    let console: Console
    var indent = "    "

    func lines(_ report: QualityReport) -> [String] {
        var lines: [String] = []
        if let contract = report.contract {
            if contract.passed {
                lines.append("\(console.styled("✓", .green)) contract holds")
            } else {
                lines.append("\(console.styled("✗", .red)) contract broken:")
                lines += contract.violations.map { "    - \($0.message)" }
            }
        }
        let passed = report.checks.filter { $0.status == .passed }.count
        if !report.checks.isEmpty {
            let failed = report.checks.count - passed
            let mark = failed == 0 ? console.styled("✓", .green) : console.styled("✗", report.checks.contains(where: \.isBlocking) ? .red : .yellow)
            lines.append("\(mark) checks: \(passed) passed" + (failed > 0 ? ", \(failed) failed" : ""))
        }
        for check in report.checks where check.status != .passed {
            let severity = check.isBlocking ? console.styled(check.severity, .red) : console.styled(check.severity, .yellow)
            lines.append("    \(check.status == .error ? "!" : "✗") \(check.name) [\(severity)]: \(check.message)")
            if !check.location.isEmpty { lines.append("      at \(check.location)") }
            if !check.samples.isEmpty {
                lines.append("      e.g. " + check.sampleColumns.joined(separator: " | "))
                for row in check.samples.prefix(3) {
                    lines.append("           " + row.map { $0 ?? "NULL" }.joined(separator: " | "))
                }
                if check.samples.count > 3 { lines.append("           … \(check.samples.count - 3) more sample rows in --format json") }
            }
        }
        if let drift = report.drift {
            let beyond = drift.findings.filter(\.exceeded)
            if beyond.isEmpty {
                lines.append("\(console.styled("✓", .green)) no drift beyond thresholds")
            } else {
                let style: Console.Style = drift.severity == .error ? .red : .yellow
                lines.append("\(console.styled("~", style)) drift (\(drift.severity.rawValue)): " + "\(beyond.count) finding" + (beyond.count == 1 ? "" : "s"))
                lines += beyond.map { "    - \($0.message)" }
            }
        }
        if report.published == false {
            lines.append(console.styled("not published", .red) + ": the candidate \(report.snapshot) is quarantined; the previous snapshot stays current")
        }
        return lines.map { indent + $0 }
    }
}
