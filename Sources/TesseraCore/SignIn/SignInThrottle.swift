import Foundation
import Synchronization

/// Refuses sign-ins from a client that keeps failing: after `limit` failed sign-ins within
/// `window`, the client (whatever key the caller uses: an address, a forwarded address) is
/// refused for `lockout`, whatever it presents. It guesses nothing itself and reads the time
/// only from `clock`, so tests move time by hand. One throttle is shared by every request of a
/// service; memory stays bounded by forgetting clients whose failures are older than the window.
public final class SignInThrottle: Sendable {
    public let limit: Int
    public let window: TimeInterval
    public let lockout: TimeInterval
    private let clock: @Sendable () -> Date
    private let clients = Mutex<[String: Client]>([:])
    /// Above this many clients remembered, stale ones are forgotten on the next failure.
    static let pruneAbove = 10_000

    private struct Client {
        /// The times of the latest failures, oldest first, at most `limit` of them.
        var failures: [Date] = []
        var refusedUntil: Date?
    }

    public init(
        limit: Int = 10, window: TimeInterval = 60, lockout: TimeInterval = 300,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.limit = max(1, limit)
        self.window = window
        self.lockout = lockout
        self.clock = clock
    }

    /// How long `key` is still refused, in seconds (for a `Retry-After`); nil when it may try.
    public func refusal(for key: String) -> TimeInterval? {
        let now = clock()
        return clients.withLock { clients in
            guard let until = clients[key]?.refusedUntil else { return nil }
            guard until > now else {
                clients[key] = nil
                return nil
            }
            return until.timeIntervalSince(now)
        }
    }

    /// Counts a failed sign-in of `key`; the `limit`-th within `window` starts a refusal.
    public func failed(_ key: String) {
        let now = clock()
        let (limit, window, lockout) = (self.limit, self.window, self.lockout)
        clients.withLock { clients in
            if clients.count > Self.pruneAbove {
                clients = clients.filter { _, client in
                    (client.refusedUntil.map { $0 > now } ?? false)
                        || (client.failures.last.map { now.timeIntervalSince($0) < window } ?? false)
                }
            }
            var client = clients[key] ?? Client()
            client.failures = client.failures.filter { now.timeIntervalSince($0) < window } + [now]
            if client.failures.count > limit { client.failures.removeFirst(client.failures.count - limit) }
            if client.failures.count >= limit {
                client.refusedUntil = now.addingTimeInterval(lockout)
                client.failures = []
            }
            clients[key] = client
        }
    }

    /// A successful sign-in clears the client's failures.
    public func succeeded(_ key: String) {
        clients.withLock { $0[key] = nil }
    }
}
