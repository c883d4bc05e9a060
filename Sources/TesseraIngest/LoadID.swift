import Foundation

/// Identifies one load of one source. It names the landed Parquet file and tags every row the
/// load writes (`_load_id`), so it sorts by time and is unique even for loads started in the
/// same millisecond: `20261123T070512123Z-3f2a9c`.
public struct LoadID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static func make(at date: Date = Date()) -> LoadID {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let millis = (c.nanosecond ?? 0) / 1_000_000
        let stamp = String(
            format: "%04d%02d%02dT%02d%02d%02d%03dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
            c.hour ?? 0, c.minute ?? 0, c.second ?? 0, millis)
        let suffix = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        return LoadID(rawValue: stamp + "-" + String(repeating: "0", count: 6 - suffix.count) + suffix)
    }

    public var description: String { rawValue }

    public static func < (a: LoadID, b: LoadID) -> Bool { a.rawValue < b.rawValue }
}
