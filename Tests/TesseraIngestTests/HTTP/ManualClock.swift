import Foundation
import TesseraIngest

/// A clock that stands still until slept on; sleeping returns at once and advances it.
/// Every sleep is recorded, so tests measure waits without waiting.
final class ManualClock: HTTPClock, @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed: Duration = .zero
    private var slept: [Duration] = []
    private let origin: Date

    init(date origin: Date = Date(timeIntervalSince1970: 1_445_412_480)) {  // Wed, 21 Oct 2015 07:28:00 GMT
        self.origin = origin
    }

    var sleeps: [Duration] { lock.withLock { slept } }

    func now() -> Duration { lock.withLock { elapsed } }

    func date() -> Date {
        let (seconds, attoseconds) = now().components
        return origin.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock {
            slept.append(duration)
            elapsed += duration
        }
    }
}
