import Foundation

/// How times are written: ISO 8601 in UTC in JSON, `2026-11-23 10:15:00` in text.
public enum Timestamps {
    public static func iso(_ date: Date) -> String {
        // A format style is a value: made once, shared by threads. Making an ISO8601DateFormatter
        // per line cost a twentieth of a 200-model run (every line of the run log has a time).
        date.formatted(isoStyle)
    }

    private static let isoStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
