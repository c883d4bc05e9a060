import TesseraModel

/// Dates and timestamps as DuckDB writes them as text (`2026-12-07`, `2026-12-07 10:30:00`,
/// `2026-12-07 10:30:00.25+01`), to seconds since 1970 in UTC and back, by the calendar's
/// arithmetic: a page of values is read without a formatter per value.
enum ResultTime {
    typealias Day = DateRangeText.Day

    static func seconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(Day(year: year, month: month, day: day).daysSinceEpoch) * 86_400
        guard bytes.count > 10 else { return seconds }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2)
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        var at = 16
        if at < bytes.count, bytes[at] == UInt8(ascii: ":") {
            guard let second = digits(bytes, at + 1, 2) else { return nil }
            seconds += Double(second)
            at += 3
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            var end = at + 1
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            seconds += Double("0" + String(decoding: bytes[at..<end], as: UTF8.self)) ?? 0
            at = end
        }
        return offset(bytes, from: at).map { seconds - $0 }
    }

    /// `Z`, `+01`, `-05:30`, `+0530` or nothing (then UTC): the seconds to subtract.
    private static func offset(_ bytes: [UInt8], from at: Int) -> Double? {
        guard at < bytes.count else { return 0 }
        if bytes[at] == UInt8(ascii: "Z"), at + 1 == bytes.count { return 0 }
        let sign: Double
        switch bytes[at] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        let rest = bytes[(at + 1)...].filter { $0 != UInt8(ascii: ":") }
        guard rest.count == 2 || rest.count == 4, let hours = digits(Array(rest), 0, 2) else { return nil }
        let minutes = rest.count == 4 ? digits(Array(rest), 2, 2) : 0
        return minutes.map { sign * Double(hours * 3600 + $0 * 60) }
    }

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `2026-12-07`, with the time of day (`2026-12-07 10:30`) when `withTime`.
    static func text(_ seconds: Double, withTime: Bool) -> String {
        let whole = Int(seconds.rounded(.down))
        let day = Int((Double(whole) / 86_400).rounded(.down))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let date = Day(daysSinceEpoch: day)
        var out = "\(date.year)-\(two(date.month))-\(two(date.day))"
        if withTime {
            let inDay = whole - day * 86_400
            out += " \(two(inDay / 3600)):\(two(inDay % 3600 / 60))"
        }
        return out
    }
}
