import Foundation

/// A task executor with threads of its own, for the fixture servers' handlers.
///
/// Tests block the shared pool that Swift concurrency runs on: every `ProcessRunner.run` waits for
/// the `tessera` binary on one of its threads, and that pool has only as many threads as the
/// machine has cores. A fixture server scheduled there stops answering while two tests wait for a
/// binary — which is exactly when that binary calls it — and its clients time out. Jobs given to
/// this executor never wait for the shared pool.
final class DedicatedExecutor: TaskExecutor, @unchecked Sendable {
    /// The fixture servers' one executor: their handlers are short, so a few threads serve all.
    static let fixtures = DedicatedExecutor(threads: 4, name: "fixture-server")

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    init(threads: Int, name: String) {
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// Runs `operation` on this executor and blocks the calling thread until it ends: for code
    /// on threads of its own (a connection's) that must call async code.
    func runAndWait<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
        let finished = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        Task(executorPreference: self) {
            result.value = await operation()
            finished.signal()
        }
        finished.wait()
        return result.value!
    }
}

/// One value handed from a task to the thread waiting for it; the semaphore orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
