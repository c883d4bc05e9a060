/// A length of time written as numbers with units: `90s`, `30m`, `24h`, `2d`, `1w`, or a
/// combination from the largest unit to the smallest such as `1h30m` or `1d12h`.
///
/// Named `TimeSpan` so that it does not shadow the standard library's `Duration`.
public struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    static let units: [(symbol: Character, seconds: Int)] = [
        ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    public init(parsing text: String) throws(TimeSpanError) {
        func fail(_ reason: String) -> TimeSpanError { TimeSpanError(text: text, reason: reason) }
        guard !text.isEmpty else { throw fail("it is empty") }
        var total = 0
        var lastUnit = -1
        var digits = ""
        for character in text {
            if character.isASCIINumber {
                digits.append(character)
                continue
            }
            guard let unit = TimeSpan.units.firstIndex(where: { $0.symbol == character }) else {
                throw fail("'\(character)' is not a unit (use w, d, h, m or s)")
            }
            guard let amount = Int(digits) else { throw fail("unit '\(character)' has no number before it") }
            guard unit > lastUnit else {
                throw fail("units must go from the largest to the smallest, each at most once")
            }
            let (product, overflow1) = amount.multipliedReportingOverflow(by: TimeSpan.units[unit].seconds)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow1, !overflow2 else { throw fail("it is too large") }
            total = sum
            lastUnit = unit
            digits = ""
        }
        guard digits.isEmpty else { throw fail("'\(digits)' has no unit (use w, d, h, m or s)") }
        seconds = total
    }

    /// The canonical spelling: `1d12h`, `90s` → `1m30s`, zero as `0s`.
    public var description: String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var text = ""
        for unit in TimeSpan.units where rest >= unit.seconds {
            text += "\(rest / unit.seconds)\(unit.symbol)"
            rest %= unit.seconds
        }
        return text
    }

    public var timeInterval: Double { Double(seconds) }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.seconds < rhs.seconds }
}

public struct TimeSpanError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { reason }
}
