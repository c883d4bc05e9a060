import Foundation
import TesseraModel

/// How a backfill's range is written and split: times in UTC, chunks of a fixed number of seconds
/// from the range's start (the last one shorter when the range is not a multiple of it). Seconds,
/// never calendar days: a day is 86,400 s whatever a time zone's clocks do, as the interval
/// models' own days are UTC days.
public enum BackfillChunking {
    /// A day: interval-incremental models build UTC days, their natural grain.
    public static let defaultChunk = TimeSpan(seconds: 86_400)
    /// The smallest chunk: a minute.
    public static let smallestChunk = 60
    /// More chunks than this is almost surely a mistake (a year in minutes).
    public static let maximumChunks = 10_000

    /// `[start, end)` in chunks of `seconds`, oldest first; empty when the range is.
    public static func chunks(start: Date, end: Date, seconds: Int) -> [(start: Date, end: Date)] {
        guard seconds > 0, start < end else { return [] }
        var chunks: [(start: Date, end: Date)] = []
        var offset = 0
        while true {
            let from = start.addingTimeInterval(TimeInterval(offset))
            guard from < end else { break }
            let to = min(start.addingTimeInterval(TimeInterval(offset + seconds)), end)
            chunks.append((from, to))
            offset += seconds
        }
        return chunks
    }

    /// How many chunks `[start, end)` makes, without making them.
    public static func count(start: Date, end: Date, seconds: Int) -> Int {
        guard seconds > 0, start < end else { return 0 }
        let span = end.timeIntervalSince(start)
        return Int((span / Double(seconds)).rounded(.up))
    }

    /// A UTC date (`2026-11-01`) or date and time (`2026-11-01T06:00:00Z`, with an offset, or
    /// `2026-11-01 06:00:00`); nil when it is neither.
    public static func time(_ text: String) -> Date? {
        let formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// `start` or `end` as given, read as `time(_:)` does, or a usage error naming `field`.
    public static func time(_ text: String, field: String) throws(CoreError) -> Date {
        guard let date = time(text) else {
            throw CoreError(
                .usage, "\(field) '\(text)' is not a date or time.",
                hint: "write 2026-11-01 or 2026-11-01T06:00:00Z (UTC).")
        }
        return date
    }

    /// A chunk size as written (`1h`, `1d`, `7d`), or a usage error.
    public static func chunk(_ text: String, field: String = "chunk") throws(CoreError) -> TimeSpan {
        let span: TimeSpan
        do { span = try TimeSpan(parsing: text) } catch {
            throw CoreError(.usage, "\(field) '\(text)': \(error.reason).", hint: "write e.g. 1h, 1d or 7d.")
        }
        guard span.seconds >= smallestChunk else {
            throw CoreError(.usage, "\(field) '\(text)' is shorter than a minute.", hint: "write e.g. 1h, 1d or 7d.")
        }
        return span
    }

    /// `2026-11-01` for a midnight, `2026-11-01 06:00:00` otherwise (UTC).
    public static func text(_ date: Date) -> String {
        let full = Timestamps.text(date)
        return full.hasSuffix(" 00:00:00") ? String(full.prefix(10)) : full
    }

    /// `[2026-11-01, 2026-11-02)`.
    public static func text(start: Date, end: Date) -> String { "[\(text(start)), \(text(end)))" }
}
