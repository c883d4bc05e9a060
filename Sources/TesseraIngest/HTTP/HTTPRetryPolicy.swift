import TesseraModel

/// When to try a request again and how long to wait first.
struct HTTPRetryPolicy: Sendable {
    let maxAttempts: Int
    let backoff: Duration
    let maxBackoff: Duration
    /// A number in 0...1; injected so tests can pin the jitter.
    let jitter: @Sendable () -> Double

    init(_ retries: HTTPConnector.Retries, jitter: @escaping @Sendable () -> Double) {
        maxAttempts = max(retries.maxAttempts, 1)
        backoff = .seconds(retries.backoff.seconds)
        maxBackoff = .seconds(max(retries.maxBackoff.seconds, retries.backoff.seconds))
        self.jitter = jitter
    }

    /// Statuses that can heal with time: request timeout, rate limiting, and server errors —
    /// except 501 Not Implemented and 505 HTTP Version Not Supported, which never do.
    static func isTransient(status: Int) -> Bool {
        status == 408 || status == 429 || ((500...599).contains(status) && status != 501 && status != 505)
    }

    /// The wait before retry number `retry` (1 for the first): `backoff × 2^(retry-1)` capped at
    /// `maxBackoff`, then "equal jitter" — half of it fixed, half random — so that many
    /// clients failing together do not come back together, yet none comes back at once.
    func wait(beforeRetry retry: Int) -> Duration {
        let doubled = backoff * (1 << min(max(retry - 1, 0), 30))
        let capped = min(doubled, maxBackoff)
        let fraction = min(max(jitter(), 0), 1)
        return capped / 2 + (capped / 2) * fraction
    }
}

/// Spaces request starts at least `1 / rate` seconds apart, retries included.
struct HTTPRateLimiter: Sendable {
    let interval: Duration?
    private var nextSlot: Duration?

    init(requestsPerSecond: Double?) {
        interval = requestsPerSecond.flatMap { $0 > 0 && $0.isFinite ? Duration.seconds(1 / $0) : nil }
    }

    /// How long to wait, at `now`, before the next request may start; books that slot.
    mutating func wait(at now: Duration) -> Duration {
        guard let interval else { return .zero }
        let start = max(now, nextSlot ?? now)
        nextSlot = start + interval
        return start - now
    }
}
