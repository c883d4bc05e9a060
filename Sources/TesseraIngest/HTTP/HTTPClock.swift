import Foundation

/// Time as the extractor sees it: a monotonic reading for pacing, the calendar for `Retry-After`
/// dates, and sleeping. Tests inject a clock that advances only when slept on.
public protocol HTTPClock: Sendable {
    /// Monotonic time since an arbitrary, fixed origin.
    func now() -> Duration
    /// The wall-clock date, to turn a `Retry-After` HTTP-date into a wait.
    func date() -> Date
    func sleep(for duration: Duration) async throws
}

/// The real clocks: `ContinuousClock` for pacing, `Date()` for HTTP-dates, `Task.sleep`.
public struct SystemHTTPClock: HTTPClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - origin }
    public func date() -> Date { Date() }
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}
