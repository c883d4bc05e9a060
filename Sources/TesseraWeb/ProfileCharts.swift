import Foundation
import TesseraCore

/// Small pictures of a profiled column, drawn from its stored profile, never from the data: the
/// most frequent values as bars, or the distribution of a number or a time as a histogram. A
/// profile holds no value of a `pii` or masked column, so neither picture can show one.
enum ProfileCharts {
    typealias Column = CatalogShowReport.ProfileSummary.Column

    static func figure(_ column: Column) -> HTML {
        if let top = column.top, !top.isEmpty { return topValues(top, of: column) }
        if let quantiles = column.quantiles, quantiles.count >= 2 { return histogram(quantiles, of: column) }
        return .text("—")
    }

    /// Up to five of the most frequent values, each a bar as long as its share of the non-null values.
    static func topValues(_ top: [CatalogShowReport.ProfileSummary.ValueCount], of column: Column) -> HTML {
        let shown = Array(top.prefix(5))
        let total = Double(max(column.count ?? shown.reduce(0) { $0 + $1.count }, 1))
        let (label, bar, row) = (110.0, 120.0, 16.0)
        let height = Double(shown.count) * row
        let summary = shown.map { "\($0.value): \(percent(Double($0.count) / total))" }.joined(separator: ", ")
        return svg(width: label + bar + 44, height: height, label: "Most frequent values of \(column.name): \(summary)")
        {
            for (index, value) in shown.enumerated() {
                let top = Double(index) * row, share = Double(value.count) / total
                el("text", ["x": "0", "y": LineageSVG.number(top + 12)]) { String(value.value.prefix(16)) }
                HTML.shape(
                    "rect",
                    [
                        "x": LineageSVG.number(label), "y": LineageSVG.number(top + 3),
                        "width": LineageSVG.number(max(1, share * bar)), "height": LineageSVG.number(row - 5),
                    ])
                el("text", ["x": LineageSVG.number(label + max(1, share * bar) + 4), "y": LineageSVG.number(top + 12)])
                {
                    percent(share)
                }
            }
        }
    }

    /// The quantiles cut the values into bins of known shares (5 % between p0 and p5, 20 %
    /// between p5 and p25, …); a bin's height is its share over its width, so the area of each bar
    /// is the share of values it holds — a histogram with bins of unequal width.
    static func histogram(_ quantiles: [CatalogShowReport.ProfileSummary.Quantile], of column: Column) -> HTML {
        let points = quantiles.sorted { $0.p < $1.p }
        let low = points.first!.value, high = points.last!.value
        let (width, height) = (230.0, 40.0)
        let bins = HistogramBin.between(points)
        let densest = bins.map(\.density).filter(\.isFinite).max() ?? 1
        let median = points.min { abs($0.p - 0.5) < abs($1.p - 0.5) }?.value ?? low
        let label =
            "Distribution of \(column.name): from \(format(low, column)) to \(format(high, column)), median \(format(median, column))"
        return svg(width: width, height: height + 14, label: label) {
            for bin in bins {
                let x = high > low ? (bin.from - low) / (high - low) * width : 0
                let binWidth = high > low ? max(2, (bin.to - bin.from) / (high - low) * width) : width
                let barHeight = bin.density.isFinite ? max(1, bin.density / densest * height) : height
                HTML.shape(
                    "rect",
                    [
                        "x": LineageSVG.number(min(x, width - 2)), "y": LineageSVG.number(height - barHeight),
                        "width": LineageSVG.number(binWidth), "height": LineageSVG.number(barHeight),
                    ])
            }
            el("text", ["x": "0", "y": LineageSVG.number(height + 12)]) { format(low, column) }
            el("text", ["x": LineageSVG.number(width), "y": LineageSVG.number(height + 12), "text-anchor": "end"]) {
                format(high, column)
            }
        }
    }

    private static func svg(width: Double, height: Double, label: String, @HTMLBuilder _ body: () -> HTML) -> HTML {
        el(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "spark", "width": LineageSVG.number(width),
                "height": LineageSVG.number(height),
                "viewBox": "0 0 \(LineageSVG.number(width)) \(LineageSVG.number(height))", "role": "img",
                "aria-label": label,
            ]
        ) {
            el("title") { label }
            body()
        }
    }

    static func percent(_ share: Double) -> String {
        share >= 0.1 ? "\(Int((share * 100).rounded())) %" : String(format: "%.1f %%", share * 100)
    }

    /// Numbers as short as they stay exact; times (seconds since the epoch) as their day.
    static func format(_ value: Double, _ column: Column) -> String {
        guard column.kind == "time" else { return BarChart.short(value) }
        return Date(timeIntervalSince1970: value).formatted(.iso8601.year().month().day())
    }
}

/// One bin between two neighbouring quantiles: the share of values in it and where it lies.
struct HistogramBin: Equatable {
    var from: Double
    var to: Double
    var share: Double

    /// Share per unit of value; infinite for a bin of no width (many equal values).
    var density: Double { to > from ? share / (to - from) : .infinity }

    static func between(_ points: [CatalogShowReport.ProfileSummary.Quantile]) -> [HistogramBin] {
        zip(points, points.dropFirst()).compactMap { lower, upper in
            let share = upper.p - lower.p
            return share > 0 ? HistogramBin(from: lower.value, to: upper.value, share: share) : nil
        }
    }
}
