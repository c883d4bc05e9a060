import Foundation
import Synchronization

/// Sends events in the background, in the order emitted, so a run never waits for the lineage
/// server: `emit` only enqueues. After the first failure the transport is taken as down and the
/// remaining events are counted, not sent (a dead server must not cost a timeout per event).
/// `finish` waits for the queue to drain, at most `grace`, and says what was not delivered.
public final class OpenLineageEmitter: Sendable {
    struct Tally {
        var emitted = 0
        var sent = 0
        var firstError: String?
    }

    /// Shared by the emitting side and the worker (a `Mutex` cannot be captured by value).
    final class Counter: Sendable {
        let state = Mutex(Tally())
        func withLock<T>(_ body: (inout Tally) -> T) -> T { state.withLock { body(&$0) } }
    }

    public let transport: any OpenLineageTransport
    private let continuation: AsyncStream<Data>.Continuation
    private let worker: Task<Void, Never>
    private let tally: Counter

    public init(transport: any OpenLineageTransport) {
        self.transport = transport
        let (stream, continuation) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
        self.continuation = continuation
        let tally = Counter()
        self.tally = tally
        worker = Task.detached(priority: .utility) {
            for await event in stream {
                if tally.withLock({ $0.firstError != nil }) { continue }
                do {
                    try await transport.send(event)
                    tally.withLock { $0.sent += 1 }
                } catch {
                    tally.withLock { $0.firstError = "\(error)" }
                }
            }
        }
    }

    /// Enqueues the event; an event that cannot be encoded (never expected) is counted as failed.
    public func emit(_ event: RunEvent) {
        tally.withLock { $0.emitted += 1 }
        do {
            continuation.yield(try event.json())
        } catch {
            tally.withLock { if $0.firstError == nil { $0.firstError = "an event could not be encoded: \(error)" } }
        }
    }

    /// Closes the queue and waits until it is sent or `grace` has passed; returns one warning
    /// per problem (empty when every event went out).
    public func finish(grace: Duration) async -> [String] {
        continuation.finish()
        let worker = self.worker
        let drained = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await worker.value; return true
            }
            group.addTask {
                try? await Task.sleep(for: grace); return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !drained { worker.cancel() }
        let tally = self.tally.withLock { $0 }
        guard tally.sent < tally.emitted else { return [] }
        let missing = tally.emitted - tally.sent
        let why = tally.firstError ?? "still sending after \(grace.components.seconds) s"
        return [
            "OpenLineage: \(missing) of \(tally.emitted) event\(tally.emitted == 1 ? "" : "s") not sent to \(transport.destination): \(why)"
        ]
    }
}
