import Dispatch
import Foundation

/// Ctrl-C during a long command: the first one cancels its work — DuckDB interrupts the statement
/// it is running, nothing new starts, the run is recorded as interrupted and the summary printed —
/// the second one ends the process at once (every build and publish is a transaction, so that is
/// safe too, only less tidy).
enum Interrupt {
    static func cancellingOnCtrlC<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let presses = ManagedAtomicCounter()
        source.setEventHandler {
            if presses.increment() == 1 {
                FileHandle.standardError.write(Data("\ncancelling: Ctrl-C again to stop at once\n".utf8))
                task.cancel()
            } else {
                exit(130)
            }
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await task.value
    }
}

/// A counter the signal handler can bump from its queue.
final class ManagedAtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
