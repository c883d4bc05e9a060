import Foundation
import Synchronization

/// Carries a query's result from the core's sink — called on the result pipe's own thread — to
/// the response body, a piece at a time. At most `capacity` pieces (64 KiB each) wait between
/// them: when the client reads slowly the sink blocks, DuckDB's writer with it, and memory stays
/// flat however large the result. When the client goes away, `cancel` makes the sink fail, and
/// the core drops the rest of the result.
final class QueryStream: Sendable {
    struct Cancelled: Error {}

    private struct State {
        var pieces: [Data] = []
        var end: Result<Void, any Error>?
        var waiter: CheckedContinuation<Data?, any Error>?
        var cancelled = false
        /// Places taken from `slots` and not yet given back: given back at `deinit`, since
        /// libdispatch refuses to free a semaphore below its starting value.
        var held = 0
    }

    private let state = Mutex(State())
    /// Free places for pieces not yet written to the client.
    private let slots: DispatchSemaphore

    init(capacity: Int = 4) {
        slots = DispatchSemaphore(value: capacity)
    }

    deinit {
        for _ in 0..<max(0, state.withLock { $0.held }) { slots.signal() }
    }

    /// The core's sink: blocks while `capacity` pieces wait; throws once the client is gone.
    func put(_ piece: Data) throws {
        if state.withLock({ $0.cancelled }) { throw Cancelled() }
        slots.wait()
        let waiter = try state.withLock { state -> CheckedContinuation<Data?, any Error>? in
            state.held += 1
            if state.cancelled { throw Cancelled() }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pieces.append(piece)
            return nil
        }
        waiter?.resume(returning: piece)
    }

    /// The query ended, well (`nil`) or not.
    func finish(_ error: (any Error)?) {
        let waiter = state.withLock { state in
            state.end = error.map { .failure($0) } ?? .success(())
            defer { state.waiter = nil }
            return state.waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    /// The next piece, nil at the end; throws the query's error. Call `written` once the piece
    /// has gone to the client.
    func next() async throws -> Data? {
        try await withCheckedThrowingContinuation { continuation in
            enum Next {
                case piece(Data), end(Result<Void, any Error>), wait
            }
            let next = state.withLock { state -> Next in
                if !state.pieces.isEmpty { return .piece(state.pieces.removeFirst()) }
                if let end = state.end { return .end(end) }
                state.waiter = continuation
                return .wait
            }
            switch next {
            case .piece(let piece): continuation.resume(returning: piece)
            case .end(.success): continuation.resume(returning: nil)
            case .end(.failure(let error)): continuation.resume(throwing: error)
            case .wait: break
            }
        }
    }

    /// A piece reached the client: its place is free.
    func written() {
        state.withLock { $0.held -= 1 }
        slots.signal()
    }

    /// The client is gone: the sink fails from now on, and a sink waiting for a place wakes.
    func cancel() {
        state.withLock { $0.cancelled = true }
        slots.signal()
    }
}

/// Runs the core's query work on a thread of its own: DuckDB's execution blocks the thread it
/// runs on, and the few threads of Swift's shared pool must stay free to write responses
/// (including the very stream the query is blocked on).
final class QueryExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "tessera.api.query")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
}
