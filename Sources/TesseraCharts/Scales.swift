/// A continuous scale: a value in `domain` to a coordinate in `range` (which may run backwards,
/// as a vertical axis does: larger values higher up, smaller y).
public struct LinearScale: Sendable {
    public var domain: ClosedRange<Double>
    public var start: Double
    public var end: Double

    public init(domain: ClosedRange<Double>, start: Double, end: Double) {
        self.domain = domain
        self.start = start
        self.end = end
    }

    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span != 0 else { return (start + end) / 2 }
        return start + (value - domain.lowerBound) / span * (end - start)
    }
}

/// Categories along an axis, each a band of equal width with padding between bands.
public struct BandScale: Sendable {
    public var categories: [String]
    public var start: Double
    public var end: Double
    /// The part of each step left empty, split either side of the band.
    public var padding: Double

    public init(categories: [String], start: Double, end: Double, padding: Double = 0.2) {
        self.categories = categories
        self.start = start
        self.end = end
        self.padding = padding
    }

    public var step: Double { categories.isEmpty ? 0 : (end - start) / Double(categories.count) }
    public var bandwidth: Double { step * (1 - padding) }

    /// Where the band of category `index` starts.
    public func bandStart(_ index: Int) -> Double { start + step * Double(index) + step * padding / 2 }
    public func center(_ index: Int) -> Double { start + step * (Double(index) + 0.5) }
}

/// How wide text is, estimated from DejaVu Sans' average advance so layout stays pure; cairo
/// measures exactly when it draws, and labels are kept short enough that the estimate suffices.
public enum TextMetrics {
    public static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var units = 0.0
        for character in text {
            if "il.,:;|!'".contains(character) {
                units += 0.32
            } else if "mwMW@%".contains(character) {
                units += 0.9
            } else if character.isUppercase || character.isNumber {
                units += 0.68
            } else {
                units += 0.58
            }
        }
        return units * size * (bold ? 1.08 : 1)
    }

    /// `text`, cut with an ellipsis to fit `width`.
    public static func fit(_ text: String, size: Double, width: Double, bold: Bool = false) -> String {
        guard Self.width(text, size: size, bold: bold) > width else { return text }
        var cut = text
        while !cut.isEmpty, Self.width(cut + "…", size: size, bold: bold) > width { cut.removeLast() }
        return cut + "…"
    }
}
