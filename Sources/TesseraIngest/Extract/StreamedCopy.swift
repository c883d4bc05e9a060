import Foundation
import PostgresWire

/// A PostgreSQL `COPY … TO STDOUT` running on its own thread into a named pipe that a DuckDB
/// statement reads at the same time. ``start()`` before the reading statement,
/// ``finish(readerFailed:)`` after it: that returns the rows copied or throws the PostgreSQL
/// error, and always releases the connection.
final class StreamedCopy: @unchecked Sendable {
    private let connection: PostgresConnection
    private let sql: String
    private let fifo: URL
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    // Guarded by `lock`.
    private var stopRequested = false
    private var waited = false
    private var outcome: Result<Int, Error> = .success(0)

    init(connection: PostgresConnection, sql: String, fifo: URL) {
        self.connection = connection
        self.sql = sql
        self.fifo = fifo
    }

    func start() {
        PipeWriter.ignoreBrokenPipes()
        // A thread of its own (not the cooperative pool): the copy blocks on the socket and the pipe.
        DispatchQueue(label: "tessera.postgres.copy").async { [self] in
            let result = Result { () throws -> Int in
                let writer = try PipeWriter(fifo: fifo, shouldStop: { self.lock.withLock { self.stopRequested } })
                let rows = try connection.copyOut(sql) { try writer.write($0) }
                try writer.flush()
                return rows
            }
            lock.withLock { outcome = result }
            connection.close()
            done.signal()
        }
    }

    /// Waits for the copy to end (once; later calls return the same outcome). When the reading
    /// statement failed, the copy is told to stop: it either never opens the pipe or finds it closed.
    @discardableResult
    func finish(readerFailed: Bool) throws -> Int {
        let mustWait = lock.withLock { () -> Bool in
            if readerFailed { stopRequested = true }
            defer { waited = true }
            return !waited
        }
        if mustWait { done.wait() }
        return try lock.withLock { outcome }.get()
    }
}

