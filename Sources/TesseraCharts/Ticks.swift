import Foundation

/// Round tick values for a continuous axis: steps of 1, 2 or 5 times a power of ten, the
/// domain widened to whole steps so the axis starts and ends on a labelled value.
public enum Ticks {
    /// About `count` ticks covering `low...high`; the first and last enclose both.
    public static func nice(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        var (low, high) = (min(low, high), max(low, high))
        if low == high {
            // One value: a range around it (or 0...1 for zero) so the point sits on the axis.
            let pad = low == 0 ? 1 : abs(low) * 0.5
            (low, high) = (low >= 0 ? 0 : low - pad, high <= 0 ? 0 : high + pad)
        }
        let step = niceStep((high - low) / Double(max(count, 1)))
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        let steps = Int(((last - first) / step).rounded())
        return (0...steps).map { cleaned(first + Double($0) * step, step: step) }
    }

    /// From the first tick to the last (0...1 when there are none).
    public static func extent(_ ticks: [Double]) -> ClosedRange<Double> {
        guard let first = ticks.first, let last = ticks.last, first < last else { return 0...1 }
        return first...last
    }

    /// 1, 2, 5 or 10 times a power of ten, whichever is nearest `raw` on a log scale (so the
    /// tick count stays near the one asked for, above or below).
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double =
            fraction >= 50.0.squareRoot()
            ? 10 : fraction >= 10.0.squareRoot() ? 5 : fraction >= 2.0.squareRoot() ? 2 : 1
        return nice * power
    }

    /// Removes the float noise of `first + n * step` (0.30000000000000004 → 0.3).
    private static func cleaned(_ value: Double, step: Double) -> Double {
        let decimals = max(0, -Int((log10(step)).rounded(.down)))
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }

    /// How many decimals labels of ticks `step` apart need.
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, -Int((log10(step)).rounded(.down)))
    }
}

/// Ticks for a date axis (values in seconds since 1970): days, weeks, months or years, as the
/// span asks, each on a calendar boundary.
public enum DateTicks {
    public static func ticks(_ low: Double, _ high: Double, count: Int = 6) -> (values: [Double], format: String) {
        let day = 86_400.0
        let firstDay = Int((low / day).rounded(.down))
        let lastDay = Int((high / day).rounded(.up))
        let span = max(lastDay - firstDay, 1)
        if span <= count * 2 {
            let step = max(1, span / count)
            return (stride(from: firstDay, through: lastDay, by: step).map { Double($0) * day }, "%d %b")
        }
        if span <= 120 {
            // Mondays: 1970-01-05 was one.
            let step = 7 * max(1, span / (7 * count))
            let monday = firstDay - ((firstDay - 4) % 7 + 7) % 7
            let days = stride(from: monday, through: lastDay, by: step).filter { $0 >= firstDay }
            return (days.map { Double($0) * day }, "%d %b")
        }
        let first = DateRangeDay(days: firstDay)
        let months = span / 30
        let monthStep = [1, 2, 3, 6, 12, 24, 60].first { months / $0 <= count } ?? 120
        var values: [Double] = []
        var (year, month) = (first.year, first.month)
        if first.day != 1 { (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1) }
        while true {
            let days = DateRangeDay.days(year: year, month: month, day: 1)
            if days > lastDay { break }
            if monthStep < 12 || month == 1 { values.append(Double(days) * day) }
            month += monthStep < 12 ? monthStep : 12
            while month > 12 {
                month -= 12
                year += 1
            }
        }
        return (values, monthStep >= 12 ? "%Y" : "%b %Y")
    }
}
