import Foundation
import TesseraHTTP

/// When a webhook is tried again, and when it is given up: a 2xx delivers; a 5xx, a 429, a
/// timeout or a connection that failed is tried again after `base × 2^(attempts − 1)` (capped at
/// `cap`) until `maxAttempts` attempts were made; any other status fails at once, since sending
/// the same body again gets the same answer. Pure: the time is given.
public struct AlertRetryPolicy: Sendable, Hashable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var maxAttempts: Int

    public init(base: TimeInterval = 10, cap: TimeInterval = 3_600, maxAttempts: Int = 8) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// What became of one attempt.
    public enum Outcome: Sendable, Hashable {
        case delivered
        /// Try again at this time; the error says why this attempt failed.
        case retry(at: Date, error: String)
        case failed(error: String)
    }

    /// The wait after the `attempts`-th failed attempt.
    public func delay(afterAttempt attempts: Int) -> TimeInterval {
        let exponent = min(max(attempts - 1, 0), 30)
        return min(base * pow(2, Double(exponent)), cap)
    }

    /// Judges the `attempts`-th attempt (counting this one) from its HTTP status, or from the
    /// failure to get one. Errors name the host alone.
    public func judge(status: Int?, failure: HTTPClientError?, attempts: Int, host: String, now: Date) -> Outcome {
        if let status, (200..<300).contains(status) { return .delivered }
        let transient: Bool
        let error: String
        if let status {
            transient = status >= 500 || status == 429
            error = "HTTP \(status) from \(host)"
        } else {
            let kind = failure?.kind ?? .other
            transient = kind != .tls
            error = "\(Self.summary(kind)) (\(host))"
        }
        guard transient else { return .failed(error: error) }
        guard attempts < maxAttempts else { return .failed(error: "\(error); gave up after \(attempts) attempts") }
        return .retry(at: now.addingTimeInterval(delay(afterAttempt: attempts)), error: error)
    }

    /// A transport failure in words, without the library's detail (which may quote the URL).
    static func summary(_ kind: HTTPClientError.Kind) -> String {
        switch kind {
        case .unknownHost: "unknown host"
        case .connectionRefused: "connection refused"
        case .timedOut: "timed out"
        case .connectionLost: "connection lost"
        case .tls: "TLS failure"
        case .other: "no response"
        }
    }
}
