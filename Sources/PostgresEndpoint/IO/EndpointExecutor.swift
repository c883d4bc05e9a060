import Dispatch

/// A connection's own thread for its statements: DuckDB blocks the thread it runs on, and the
/// few threads of Swift's shared pool must stay free for everyone else.
final class EndpointExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
    }
}
