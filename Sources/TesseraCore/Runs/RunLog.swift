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

    init(folder: URL, redactor: SecretRedactor, nodeLog: NodeLogWriter? = nil) {
        self.folder = folder
        self.redactor = redactor
        self.nodeLog = nodeLog
    }

    /// Each node's lines also go to the catalog, through this writer.
    private let nodeLog: NodeLogWriter?

    /// The log's lines for an event: everything, plainly, sample rows included (the file is the
    /// operator's); the catalog's copy of a node's lines gets them redacted the same way.
    func record(_ event: MeshRunner.Event) {
        if case .started(let runID, _) = event {
            start(runID: runID)
            nodeLog?.start(runID: runID)
        }
        let entries = RunLogEntry.entries(for: event).map { entry in
            var entry = entry
            entry.text = redactor.redact(entry.text)
            entry.samples = entry.samples.map(redactor.redact)
            entry.fileLines = entry.fileLines.map(redactor.redact)
            return entry
        }
        guard !entries.isEmpty else { return }
        let now = Date()
        write(entries.map(\.fileText).joined(separator: "\n"), at: now)
        nodeLog?.append(entries, at: now)
    }

    /// The summary line, then the log is closed.
    func finish(_ report: RunReport) {
        let counts = ["succeeded", "unchanged", "failed", "skipped"].map { "\(report.count($0)) \($0)" }
        let seconds = String(format: "%.2f", report.finishedAt.timeIntervalSince(report.startedAt))
        write(
            redactor.redact(
                "run \(report.runID) \(report.succeeded ? "succeeded" : "failed") in \(seconds) s: \(counts.joined(separator: ", "))"
            ), at: Date())
        close()
    }

    func close() {
        lock.withLock {
            try? handle?.close()
            handle = nil
        }
    }

    /// `line` is redacted already (every caller passes it through the redactor once).
    private func write(_ line: String, at time: Date) {
        let stamped = "\(Timestamps.iso(time))  \(line)\n"
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
}
