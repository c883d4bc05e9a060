import Dispatch

/// Runs blocking work (DuckDB statements, socket reads) on a GCD thread and suspends the calling
/// task until it is done. Blocking a thread of Swift's cooperative pool would starve every other
/// task of it: the pool has only as many threads as cores.
public enum Blocking {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    public static func run(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                work()
                continuation.resume()
            }
        }
    }
}
