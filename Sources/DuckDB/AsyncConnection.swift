import Dispatch
import Foundation

/// A ``Connection`` for async code: every call runs on the connection's own serial dispatch
/// queue, never on Swift's cooperative thread pool.
///
/// DuckDB calls block their thread until the work is done (a big query for seconds). Blocking a
/// cooperative-pool thread starves every other task of it, and the pool has only as many threads
/// as cores. So blocking work goes to a GCD queue, whose pool grows past a blocked thread, and the
/// task suspends until it is done. The queue is serial, which is exactly DuckDB's rule for a
/// connection: one statement at a time. Use one `AsyncConnection` per concurrent task, as DuckDB
/// parallelizes each query internally anyway.
///
/// Cancelling the waiting task interrupts the running statement (`duckdb_interrupt`), which then
/// fails with an `interrupt` error.
public final class AsyncConnection: @unchecked Sendable {
    // Only touched on `queue` (after init), which serializes every use.
    private let connection: Connection
    private let queue: DispatchQueue

    public init(_ database: Database, label: String = "tessera.duckdb.connection") throws {
        connection = try Connection(database)
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` with the connection on the connection's queue. Whatever `body` returns must be
    /// `Sendable`: decode results inside it (rows, typed columns), do not return streams.
    public func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let queue = queue
        let state = RunState()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                queue.async {
                    guard state.start() else {
                        continuation.resume(throwing: CancellationError())
                        return
                    }
                    let result = Result { try body(self.connection) }
                    state.finish()
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            guard state.cancel() else { return }
            // DuckDB forgets an interrupt that lands before a statement begins (or between two
            // statements of `body`), so keep interrupting until `body` has returned.
            DispatchQueue.global().async {
                while state.isRunning {
                    self.interrupt()
                    usleep(5_000)
                }
            }
        }
    }

    /// Runs SQL (one or more statements) and returns the rows the last one changed.
    @discardableResult
    public func execute(_ sql: String) async throws -> Int {
        try await run { try $0.execute(sql) }
    }

    /// Runs one statement and reads all its rows.
    public func rows(_ sql: String, _ parameters: [DuckDBValue] = []) async throws -> [[DuckDBValue]] {
        try await run { try $0.prepare(sql).query(parameters).rows() }
    }

    private func interrupt() {
        connection.interrupt()
    }
}

/// Where one `run` call is: not started, running, or finished; and whether it was cancelled.
private final class RunState: @unchecked Sendable {
    // Guarded by `lock`; touched by the connection's queue and by the cancelling thread.
    private let lock = NSLock()
    private var started = false
    private var finished = false
    private var cancelled = false

    /// Marks the body as started, unless the task was cancelled first.
    func start() -> Bool {
        lock.withLock {
            started = !cancelled
            if cancelled { finished = true }
            return started
        }
    }

    func finish() {
        lock.withLock { finished = true }
    }

    /// Records the cancellation; `false` if the body has already finished.
    func cancel() -> Bool {
        lock.withLock {
            cancelled = true
            return !finished
        }
    }

    var isRunning: Bool { lock.withLock { !finished } }
}
