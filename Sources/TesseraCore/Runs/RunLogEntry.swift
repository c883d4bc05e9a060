import Foundation
import TesseraCatalog
import TesseraIngest
import TesseraModel
import TesseraRuntime

/// One entry of a run's log: its text as the log file prints it, the node it is about (none for
/// the run's own lines), how it reads, and the sample rows it quotes, apart from the text.
struct RunLogEntry: Sendable {
    var node: String?
    var level: NodeLogLevel
    var text: String
    var samples: [String] = []
    var sampleRows = 0
    /// The entry as the log file prints it (sample rows included: the file is the operator's);
    /// the text when nil.
    var fileLines: String?

    /// The entries an event of the runner makes, in the words the log file always had.
    static func entries(for event: MeshRunner.Event) -> [RunLogEntry] {
        switch event {
        case .ingest(.finished(let report, let failure)):
            let seconds = String(format: "%.3f", report.seconds)
            let text =
                "load \(report.source): \(report.status.rawValue), \(counted(report.loadedRows, "row")) loaded, "
                + "\(report.rejectedRows) rejected, \(report.deduplicatedRows) deduplicated, \(seconds) s"
                + (failure.map { "\n" + indented($0.description) } ?? "")
            let level: NodeLogLevel =
                failure != nil || report.status == .failed
                ? .error : (report.rejectedRows > 0 || report.deduplicatedRows > 0 ? .warning : .info)
            return [RunLogEntry(node: sourceID(report.source), level: level, text: text)]
        case .ingest:
            return []
        case .started(let runID, let plan):
            let text = "run \(runID): \(plan?.work.count ?? 0) steps to do of \(plan?.steps.count ?? 0) selected"
            return [RunLogEntry(node: nil, level: .info, text: text)]
        case .node(.started(let step)):
            let reasons = step.reasons.map(\.description).joined(separator: "; ")
            return [
                RunLogEntry(
                    node: step.node.id, level: .info, text: "start \(step.action.rawValue) \(step.node.id): \(reasons)")
            ]
        case .node(.finished(let step, let outcome, let seconds)):
            return [finished(step, outcome, seconds)]
        case .quality(let node, let report):
            // The node's log shows each part on its own, without the indents that nest it under
            // the node's line in the file.
            return QualityText().entries(report).map { entry in
                RunLogEntry(
                    node: node.id, level: level(entry.tone),
                    text: entry.lines.map(unindented).joined(separator: "\n"),
                    samples: entry.samples.map { String($0.dropFirst(sampleIndent)) }, sampleRows: entry.sampleRows,
                    fileLines: (entry.lines + entry.samples).map { "    " + $0 }.joined(separator: "\n"))
            }
        }
    }

    var fileText: String { fileLines ?? text }

    /// The indent `QualityText` gives sample lines under their check; the rows keep their own
    /// beyond it, so they stay aligned under their columns.
    private static let sampleIndent = 6

    private static func unindented(_ line: String) -> String {
        String(line.drop { $0 == " " })
    }

    private static func finished(_ step: PlanStep, _ outcome: NodeOutcome, _ seconds: Double) -> RunLogEntry {
        var line = "\(outcome.status) \(step.node.id) (\(String(format: "%.3f", seconds)) s)"
        var level = NodeLogLevel.info
        switch outcome {
        case .succeeded(let rows, let detail):
            // A detail often says its rows already ("3 rows loaded", "…, 3 rows").
            let count = rows.map { counted($0, "row") }
            line += ": \(detail)" + (count.map { mentions(detail, $0) ? "" : ", " + $0 } ?? "")
        case .unchanged(let reason): line += ": \(reason)"
        case .skipped(let reason):
            line += ": \(reason)"
            level = .warning
        case .failed(let failure):
            line += "\n" + indented(failure.description)
            level = .error
        }
        return RunLogEntry(node: step.node.id, level: level, text: line)
    }

    private static func mentions(_ detail: String, _ count: String) -> Bool {
        let words = " " + detail.replacingOccurrences(of: ",", with: " ") + " "
        return words.contains(" " + count + " ")
    }

    private static func level(_ tone: QualityText.Tone) -> NodeLogLevel {
        switch tone {
        case .good: .info
        case .warning: .warning
        case .bad: .error
        }
    }

    /// A load names its source `domain.name`; the log files it under the source's node id.
    private static func sourceID(_ source: String) -> String {
        let parts = source.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return source }
        return NodeID(.source, parts[0], parts[1]).id
    }

    static func indented(_ text: String) -> String {
        "    " + text.replacingOccurrences(of: "\n", with: "\n    ")
    }
}
