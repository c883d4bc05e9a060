import Foundation
import Synchronization

/// Makes run ids that sort by start time and are short enough to type a prefix of:
/// `20261123T101500Z-3f9a` (UTC to the second, then 4 hex digits). Within one process the digits
/// count up from a random start, so a process never makes the same id twice in a second, even
/// when it makes thousands (a scheduler tick queues a run per due node). Two processes
/// starting runs in the same second collide with probability 1/65,536; the catalog then refuses
/// the second id (`CatalogError.Kind.conflict`) instead of mixing two runs' nodes.
public enum RunID {
    public static func make(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(
            format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        let suffix = String(nextSuffix(), radix: 16)
        return stamp + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
    }

    /// The last suffix made: each id takes the next, from a random start, so ids of one second
    /// differ whatever other ids the process makes in between.
    private static let lastSuffix = Mutex<UInt16>(UInt16.random(in: 0...UInt16.max))

    private static func nextSuffix() -> UInt16 {
        lastSuffix.withLock { last in
            last &+= 1
            return last
        }
    }
}
