import Testing
@testable import TesseraIngest
import TesseraModel

@Suite struct RetryPolicyTests {
    @Test func transientStatuses() {
        for status in [408, 429, 500, 502, 503, 504, 599] { #expect(HTTPRetryPolicy.isTransient(status: status)) }
        for status in [200, 301, 400, 401, 403, 404, 422, 501, 505] {
            #expect(!HTTPRetryPolicy.isTransient(status: status))
        }
    }

    @Test func exponentialCappedWithEqualJitter() {
        let retries = HTTPConnector.Retries(
            maxAttempts: 10, backoff: TimeSpan(seconds: 1), maxBackoff: TimeSpan(seconds: 5))
        let none = HTTPRetryPolicy(retries, jitter: { 0 })
        #expect(
            (1...5).map(none.wait(beforeRetry:)) == [
                .milliseconds(500), .seconds(1), .seconds(2), .milliseconds(2500), .milliseconds(2500),
            ])
        let full = HTTPRetryPolicy(retries, jitter: { 1 })
        #expect(
            (1...5).map(full.wait(beforeRetry:)) == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
        // Out-of-range jitter is clamped; huge retry numbers do not overflow.
        #expect(HTTPRetryPolicy(retries, jitter: { 7 }).wait(beforeRetry: 1_000) == .seconds(5))
    }

    @Test func rateLimiterBooksSlots() {
        var limiter = HTTPRateLimiter(requestsPerSecond: 4)
        #expect(limiter.wait(at: .zero) == .zero)
        #expect(limiter.wait(at: .zero) == .milliseconds(250))
        #expect(limiter.wait(at: .milliseconds(100)) == .milliseconds(400))
        // After a long pause the next request goes at once.
        #expect(limiter.wait(at: .seconds(10)) == .zero)
        var unlimited = HTTPRateLimiter(requestsPerSecond: nil)
        #expect(unlimited.wait(at: .zero) == .zero)
        #expect(unlimited.wait(at: .zero) == .zero)
    }
}
