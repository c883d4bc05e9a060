import Dispatch
import Foundation
import Synchronization

/// Ctrl-C during a long command: the first one cancels its work — DuckDB interrupts the statement
/// it is running, nothing new starts, the run is recorded as interrupted and the summary printed —
/// the second one ends the process at once (every build and publish is a transaction, so that is
/// safe too, only less tidy).
enum Interrupt {
    static func cancellingOnCtrlC<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let presses = Presses()
        source.setEventHandler {
            if presses.next() == 1 {
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

/// How many times Ctrl-C was pressed, counted on the signal's queue.
private final class Presses: Sendable {
    private let count = Mutex(0)

    func next() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }
}
