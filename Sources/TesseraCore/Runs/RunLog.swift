import Foundation
import TesseraModel
import TesseraRuntime

/// The full log of one run, kept at `<state>/<env>/runs/<run id>.log`: every node with its reason,
/// outcome, rows, time and whole error, whatever the front end shows. Lines recorded before the run
/// id is known (the loads) are kept and written first; after that each line is appended as it
/// happens, so an interrupted run still leaves its log.
final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private let folder: URL
    /// Every line passes through it: a failure may quote what a server or driver echoed.
    private let redactor: SecretRedactor
    private var pending: [String] = []
    private var handle: FileHandle?
    private(set) var file: URL?
    /// Problems writing the log; a log that cannot be written never fails the run.
    private(set) var problems: [String] = []

    init(folder: URL, redactor: SecretRedactor) {
        self.folder = folder
        self.redactor = redactor
    }

    /// The log's line for an event: everything, plainly.
    func record(_ event: MeshRunner.Event) {
        switch event {
        case .ingest(.finished(let report, let failure)):
            let seconds = String(format: "%.3f", report.seconds)
            write(
                "load \(report.source): \(report.status.rawValue), \(counted(report.loadedRows, "row")) loaded, "
                    + "\(report.rejectedRows) rejected, \(report.deduplicatedRows) deduplicated, \(seconds) s"
                    + (failure.map { "\n" + Self.indented($0.description) } ?? ""))
        case .ingest:
            break
        case .started(let runID, let plan):
            start(runID: runID)
            write("run \(runID): \(plan?.work.count ?? 0) steps to do of \(plan?.steps.count ?? 0) selected")
        case .node(.started(let step)):
            write(
                "start \(step.action.rawValue) \(step.node.id): \(step.reasons.map(\.description).joined(separator: "; "))"
            )
        case .node(.finished(let step, let outcome, let seconds)):
            var line = "\(outcome.status) \(step.node.id) (\(String(format: "%.3f", seconds)) s)"
            switch outcome {
            case .succeeded(let rows, let detail):
                line += ": \(detail)" + (rows.map { ", " + counted($0, "row") } ?? "")
            case .unchanged(let reason), .skipped(let reason): line += ": \(reason)"
            case .failed(let failure): line += "\n" + Self.indented(failure.description)
            }
            write(line)
        case .quality(_, let report):
            write(QualityText().lines(report).joined(separator: "\n"))
        }
    }

    /// The summary line, then the log is closed.
    func finish(_ report: RunReport) {
        let counts = ["succeeded", "unchanged", "failed", "skipped"].map { "\(report.count($0)) \($0)" }
        let seconds = String(format: "%.2f", report.finishedAt.timeIntervalSince(report.startedAt))
        write(
            "run \(report.runID) \(report.succeeded ? "succeeded" : "failed") in \(seconds) s: \(counts.joined(separator: ", "))"
        )
        close()
    }

    func close() {
        lock.withLock {
            try? handle?.close()
            handle = nil
        }
    }

    private func write(_ line: String) {
        let stamped = "\(Timestamps.iso(Date()))  \(redactor.redact(line))\n"
        lock.withLock {
            if let handle { handle.write(Data(stamped.utf8)) } else { pending.append(stamped) }
        }
    }

    /// Opens the log once the run has an id.
    private func start(runID: String) {
        lock.withLock {
            guard handle == nil else { return }
            let url = folder.appendingPathComponent("\(runID).log")
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: url.path, contents: Data(pending.joined().utf8))
                handle = try FileHandle(forWritingTo: url)
                handle?.seekToEndOfFile()
                file = url
                pending = []
            } catch {
                problems.append("cannot write the run log \(url.path): \(error.localizedDescription)")
            }
        }
    }

    private static func indented(_ text: String) -> String {
        "    " + text.replacingOccurrences(of: "\n", with: "\n    ")
    }
}
