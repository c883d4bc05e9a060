import DuckDB
import Dispatch
import Foundation

/// Where a running load is, for a live progress display.
public struct LoadProgress: Sendable {
    public enum Stage: String, Sendable {
        case extracting, landing, validating, loading
    }

    /// `domain.source`.
    public var source: String
    public var stage: Stage
    /// 0…100 for the statement DuckDB is running, when it can tell.
    public var percentage: Double?
}

/// Polls DuckDB's progress for the statement a load is running, a few times a second, and hands
/// it to the display. Runs on its own timer queue; stopping it is idempotent.
final class ProgressPoller: @unchecked Sendable {
    private let lock = NSLock()
    private var stage: LoadProgress.Stage = .extracting
    private var timer: DispatchSourceTimer?

    init(
        source: String, monitor: ConnectionMonitor, interval: DispatchTimeInterval = .milliseconds(250),
        report: @escaping @Sendable (LoadProgress) -> Void
    ) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            let stage = self.lock.withLock { self.stage }
            report(LoadProgress(source: source, stage: stage, percentage: monitor.progress().percentage))
        }
        self.timer = timer
        timer.resume()
    }

    func enter(_ stage: LoadProgress.Stage) {
        lock.withLock { self.stage = stage }
    }

    func stop() {
        let timer = lock.withLock { () -> DispatchSourceTimer? in
            defer { self.timer = nil }
            return self.timer
        }
        timer?.cancel()
    }

    deinit { timer?.cancel() }
}
