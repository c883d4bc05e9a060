import Foundation

/// The `Retry-After` header (RFC 9110 §10.2.3): a number of seconds or an HTTP-date.
enum RetryAfter {
    /// The wait the header asks for, measured from `now`; a date in the past asks for none.
    /// nil when the header is absent or unreadable, so the usual backoff applies instead.
    static func delay(_ header: String?, now: Date) -> Duration? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.allSatisfy({ ("0"..."9").contains($0) }) {
            // Absurdly long values are clamped rather than overflowing; the caller caps them anyway.
            return .seconds(Int(text) ?? Int(Int32.max))
        }
        guard let date = httpDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return seconds > 0 ? .milliseconds(Int((seconds * 1000).rounded(.up))) : .zero
    }

    /// IMF-fixdate, and the obsolete RFC 850 and asctime forms that recipients must still accept.
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(secondsFromGMT: 0)
            formatter.dateFormat = format
            // asctime pads one-digit days with a space: "Sun Nov  6 08:49:37 1994".
            let normalized = format.hasPrefix("EEE MMM") ? text.split(separator: " ").joined(separator: " ") : text
            if let date = formatter.date(from: normalized) { return date }
        }
        return nil
    }
}
