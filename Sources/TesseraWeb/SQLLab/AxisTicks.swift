import Foundation

/// Round values to mark along an axis: steps of 1, 2 or 5 times a power of ten for numbers, and
/// whole seconds, minutes, hours, days or weeks for times.
enum AxisTicks {
    /// About `count` ticks within `low...high` (both included when they fall on a step).
    static func numbers(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard high > low else { return [low] }
        let rough = (high - low) / Double(max(count, 1))
        let power = pow(10, log10(rough).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        return stepped(low, high, step)
    }

    static let timeSteps: [Double] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200,
        86_400, 172_800, 604_800, 1_209_600, 2_592_000, 7_776_000, 31_536_000,
    ]

    /// An extent widened to the round ticks around it, so that the highest and lowest values
    /// sit on or inside a labelled line.
    static func rounded(_ extent: (low: Double, high: Double)) -> (low: Double, high: Double) {
        let ticks = numbers(extent.low, extent.high)
        guard ticks.count > 1 else { return extent }
        let step = ticks[1] - ticks[0]
        return ((extent.low / step).rounded(.down) * step, (extent.high / step).rounded(.up) * step)
    }

    /// Times in seconds since 1970: ticks on whole steps in UTC, `atLeast` seconds apart.
    static func times(_ low: Double, _ high: Double, count: Int = 5, atLeast: Double = 1) -> [Double] {
        guard high > low else { return [low] }
        let rough = max((high - low) / Double(max(count, 1)), atLeast)
        let step = timeSteps.first { $0 >= rough } ?? (rough / 31_536_000).rounded(.up) * 31_536_000
        return stepped(low, high, step)
    }

    private static func stepped(_ low: Double, _ high: Double, _ step: Double) -> [Double] {
        var ticks: [Double] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + step * 1e-9, ticks.count < 50 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}
