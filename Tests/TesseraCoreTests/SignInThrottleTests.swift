import Foundation
import Synchronization
import Testing
import TesseraCore

/// The throttle of failed sign-ins, on a clock moved by hand.
@Suite struct SignInThrottleTests {
    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
        func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
        var now: Date { time.withLock { $0 } }
    }

    @Test func tenFailuresInAMinuteRefuseTheClientForTheLockout() {
        let clock = Clock()
        let throttle = SignInThrottle(limit: 10, window: 60, lockout: 300, clock: { clock.now })
        for _ in 0..<9 {
            throttle.failed("10.0.0.1")
            clock.advance(1)
        }
        #expect(throttle.refusal(for: "10.0.0.1") == nil)
        throttle.failed("10.0.0.1")
        #expect(throttle.refusal(for: "10.0.0.1") == 300)
        #expect(throttle.refusal(for: "10.0.0.2") == nil)
        clock.advance(299)
        #expect(throttle.refusal(for: "10.0.0.1") == 1)
        clock.advance(1)
        #expect(throttle.refusal(for: "10.0.0.1") == nil)
        // The refusal over, the count starts again.
        throttle.failed("10.0.0.1")
        #expect(throttle.refusal(for: "10.0.0.1") == nil)
    }

    @Test func failuresSpreadBeyondTheWindowOrClearedBySuccessNeverRefuse() {
        let clock = Clock()
        let throttle = SignInThrottle(limit: 3, window: 60, lockout: 300, clock: { clock.now })
        for _ in 0..<10 {
            throttle.failed("a")
            clock.advance(31)
        }
        #expect(throttle.refusal(for: "a") == nil)
        throttle.failed("b")
        throttle.failed("b")
        throttle.succeeded("b")
        throttle.failed("b")
        #expect(throttle.refusal(for: "b") == nil)
        throttle.failed("b")
        throttle.failed("b")
        #expect(throttle.refusal(for: "b") == 300)
    }
}
