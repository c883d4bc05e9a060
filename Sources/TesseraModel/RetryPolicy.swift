/// `retries: {max: 3, backoff: 30s}`: how often, and after how long, a run that failed for a
/// transient reason (a refused connection, an HTTP 5xx, a busy warehouse) is tried again. A run
/// that failed on its data is never retried: the same data fails the same way.
public struct RetryPolicy: Sendable, Hashable {
    public static let allowedMaximum = 0...10
    public static let defaultMaximum = 3
    public static let defaultBackoff = TimeSpan(seconds: 30)
    /// The shortest and longest first wait accepted.
    public static let allowedBackoff = TimeSpan(seconds: 1)...TimeSpan(seconds: 86_400)

    /// Retries after the first failure; 0 turns retries off.
    public var maximum: Int
    /// The wait before the first retry; it doubles for each retry after it.
    public var backoff: TimeSpan

    public init(maximum: Int = RetryPolicy.defaultMaximum, backoff: TimeSpan = RetryPolicy.defaultBackoff) {
        self.maximum = maximum
        self.backoff = backoff
    }

    /// The wait between the failure and retry `attempt` (1 for the first retry): backoff, 2 × backoff, 4 × …
    public func delay(beforeRetry attempt: Int) -> TimeSpan {
        TimeSpan(seconds: backoff.seconds << min(max(attempt - 1, 0), 20))
    }
}
