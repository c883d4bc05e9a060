import Foundation

/// How times are written: ISO 8601 in UTC in JSON, `2026-11-23 10:15:00` in text.
public enum Timestamps {
    public static func iso(_ date: Date) -> String {
        // A format style is a value: made once, shared by threads. Making an ISO8601DateFormatter
        // per line cost a twentieth of a 200-model run (every line of the run log has a time).
        date.formatted(isoStyle)
    }

    private static let isoStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Cut from the ISO text, for the same reason: a `DateFormatter` per call makes an ICU
    /// formatter each time.
    public static func text(_ date: Date) -> String {
        let iso = date.formatted(.iso8601)  // 2026-11-23T10:15:00Z
        return "\(iso.prefix(10)) \(iso.dropFirst(11).prefix(8))"
    }
}
