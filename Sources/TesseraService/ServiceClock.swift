import Foundation

/// The service's time, injected: the system clock in production, a file a test writes times to
/// (`FileClock`). The service ticks when `mark()` changes, and reads the time of a tick from `now()`.
public protocol ServiceClock: Sendable {
    func now() -> Date
    /// Changes when a tick is due: every `interval` of the system clock, each new time in the file.
    func mark() -> String
}

/// The system clock, ticking every `interval` seconds (schedules are in minutes; eager nodes and
/// the queue are also woken by every run's end, not only by ticks).
public struct SystemClock: ServiceClock {
    public let interval: TimeInterval

    public init(interval: TimeInterval = 5) { self.interval = max(0.05, interval) }

    public func now() -> Date { Date() }

    public func mark() -> String { String(Int(Date().timeIntervalSince1970 / interval)) }
}

/// A clock read from a file, for tests through the real binary (`TESSERA_CLOCK_FILE`): the file
/// holds one ISO 8601 time (`2026-12-06T06:00:00Z`); each time it changes, the service ticks at
/// that time. A missing or unreadable file reads as the last time read (the epoch at first).
public final class FileClock: ServiceClock {
    public let file: URL
    private let last = LastTime()

    public init(file: URL) { self.file = file }

    public func now() -> Date {
        if let text = try? String(contentsOf: file, encoding: .utf8),
            let time = Self.parse(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            last.set(time)
            return time
        }
        return last.get()
    }

    public func mark() -> String { String(now().timeIntervalSince1970) }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

/// The last time a `FileClock` read, shared across threads.
private final class LastTime: @unchecked Sendable {
    private let lock = NSLock()
    private var time = Date(timeIntervalSince1970: 0)

    func get() -> Date { lock.withLock { time } }
    func set(_ value: Date) { lock.withLock { time = value } }
}
