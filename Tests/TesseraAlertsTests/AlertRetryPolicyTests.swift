import Foundation
import Testing
import TesseraAlerts
import TesseraHTTP

/// When a webhook is tried again: 5xx, 429 and connection failures back off (10s, 20s, 40s …,
/// capped) until the last attempt; other answers fail at once; 2xx delivers.
@Suite struct AlertRetryPolicyTests {
    let policy = AlertRetryPolicy()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func twoHundredsDeliver() {
        for status in [200, 201, 204] {
            #expect(policy.judge(status: status, failure: nil, attempts: 1, host: "h", now: now) == .delivered)
        }
    }

    @Test func serverErrorsAndTooManyRequestsBackOffDoubling() {
        #expect(
            policy.judge(status: 500, failure: nil, attempts: 1, host: "hooks.example.com", now: now)
                == .retry(at: now.addingTimeInterval(10), error: "HTTP 500 from hooks.example.com"))
        #expect(
            policy.judge(status: 429, failure: nil, attempts: 3, host: "h", now: now)
                == .retry(at: now.addingTimeInterval(40), error: "HTTP 429 from h"))
        #expect(policy.delay(afterAttempt: 30) == 3_600, "capped at an hour")
    }

    @Test func connectionFailuresAreRetriedButTLSIsNot() {
        let refused = HTTPClientError(.connectionRefused, detail: "URLError -1004")
        #expect(
            policy.judge(status: nil, failure: refused, attempts: 2, host: "h", now: now)
                == .retry(at: now.addingTimeInterval(20), error: "connection refused (h)"))
        let tls = HTTPClientError(.tls)
        #expect(
            policy.judge(status: nil, failure: tls, attempts: 1, host: "h", now: now)
                == .failed(error: "TLS failure (h)"))
    }

    @Test func otherClientErrorsFailAtOnce() {
        for status in [400, 401, 403, 404, 410] {
            #expect(
                policy.judge(status: status, failure: nil, attempts: 1, host: "h", now: now)
                    == .failed(error: "HTTP \(status) from h"))
        }
    }

    @Test func theLastAttemptGivesUp() {
        let outcome = policy.judge(status: 503, failure: nil, attempts: policy.maxAttempts, host: "h", now: now)
        #expect(outcome == .failed(error: "HTTP 503 from h; gave up after 8 attempts"))
    }
}
