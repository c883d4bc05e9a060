import Foundation
import TesseraTesting

/// Blocking work on a thread of its own, so that a test can give up on it after a while instead
/// of hanging the suite.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the work's thread before `done` is signalled; read only after the wait.
    private var outcome: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            outcome = Result { try work() }
            done.signal()
        }
    }

    /// The work's result; when it takes longer than `seconds`, `onTimeout` runs (and should make
    /// the work end) before the wait goes on.
    func result(within seconds: Double, onTimeout: () -> Void) throws -> Value {
        if done.wait(timeout: .now() + seconds) == .timedOut {
            onTimeout()
            done.wait()
        }
        guard let outcome else { throw FixtureError(message: "the work finished without a result") }
        return try outcome.get()
    }
}
