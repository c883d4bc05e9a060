import Foundation
import TesseraCatalog

/// Writes each node's log lines to the catalog while a run goes, off the run's path: a line is
/// appended to a list under a lock, and one task writes what gathered in a batch a few times a
/// second (one transaction each), so thousands of nodes cost a few dozen commits. Lines logged
/// before the run has an id (the loads) wait for it. `finish` writes the rest, also when the run
/// was cancelled: what a run logged stays, however it ended.
final class NodeLogWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let catalog: any CatalogStore
    private let interval: Duration
    private var runID: String?
    private var early: [(RunLogEntry, Date)] = []
    private var pending: [NodeLogRecord] = []
    private var sequence = 0
    private var loop: Task<Void, Never>?
    /// A batch the catalog refused; the run goes on without its log.
    private(set) var problems: [String] = []

    init(catalog: any CatalogStore, interval: Duration = .milliseconds(250)) {
        self.catalog = catalog
        self.interval = interval
    }

    /// Lines about no node (the run's own) are the log file's only.
    func append(_ entries: [RunLogEntry], at time: Date) {
        lock.withLock {
            for entry in entries where entry.node != nil {
                if runID == nil { early.append((entry, time)) } else { pending.append(record(entry, time)) }
            }
        }
    }

    /// From now on lines have a run to belong to; the batches start.
    func start(runID: String) {
        lock.withLock {
            guard self.runID == nil else { return }
            self.runID = runID
            pending = early.map { record($0.0, $0.1) }
            early = []
            // Not a child of the run's task: cancelling the run must not cancel its log.
            loop = Task.detached { [weak self, interval] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let self else { return }
                    // Its own task: a batch being written when `finish` stops the loop is kept.
                    await Task.detached { await self.flush() }.value
                }
            }
        }
    }

    /// Stops the batches and writes what is left.
    func finish() async {
        let loop = lock.withLock { () -> Task<Void, Never>? in
            defer { self.loop = nil }
            return self.loop
        }
        loop?.cancel()
        await loop?.value
        await Task.detached { [self] in await flush() }.value
    }

    private func flush() async {
        let batch = lock.withLock { () -> [NodeLogRecord] in
            defer { pending = [] }
            return pending
        }
        guard !batch.isEmpty else { return }
        do { try await catalog.appendNodeLog(batch) } catch {
            lock.withLock { problems.append("cannot record the nodes' log in the catalog: \(error.message)") }
        }
    }

    /// Called under the lock.
    private func record(_ entry: RunLogEntry, _ time: Date) -> NodeLogRecord {
        defer { sequence += 1 }
        return NodeLogRecord(
            runID: runID ?? "", sequence: sequence, node: entry.node ?? "", loggedAt: time, level: entry.level,
            text: entry.text, samples: entry.samples, sampleRows: entry.sampleRows)
    }
}
