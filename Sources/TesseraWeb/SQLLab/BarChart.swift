import Foundation

/// Bars of one measure by a label column, one bar per row of the page, at most 30 (a page holds
/// 100 rows; beyond 30 bars a column of them no longer reads), in SVG.
struct BarChart {
    static let maximumBars = 30

    let bars: [(label: String, value: Double?)]
    let label: String
    let measure: String

    init(_ plan: ChartPlan, _ columns: ResultColumns) {
        let labels = columns.values(plan.x), values = columns.values(plan.y[0])
        bars = zip(labels, values).prefix(Self.maximumBars).map {
            (label: $0 ?? "NULL", value: $1.flatMap(ResultColumns.number))
        }
        label = plan.x
        measure = plan.y[0]
    }

    func render() -> HTML {
        let largest = max(bars.compactMap { $0.value.map(abs) }.max() ?? 1, .leastNonzeroMagnitude)
        let (labelWidth, chart, row) = (180.0, 460.0, 22.0)
        let height = Double(bars.count) * row + 8
        let width = labelWidth + chart + 90
        let size = "0 0 \(LineageSVG.number(width)) \(LineageSVG.number(height))"
        return el(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "bars", "width": LineageSVG.number(width),
                "height": LineageSVG.number(height), "viewBox": size, "role": "img",
                "aria-label": "Bar chart of \(measure) by \(label): \(bars.count) bar\(bars.count == 1 ? "" : "s")",
            ]
        ) {
            for (index, bar) in bars.enumerated() {
                let top = Double(index) * row
                let length = bar.value.map { max(1, abs($0) / largest * chart) } ?? 0
                el("text", ["x": "0", "y": LineageSVG.number(top + 15)]) { String(bar.label.prefix(24)) }
                HTML.shape(
                    "rect",
                    [
                        "x": LineageSVG.number(labelWidth), "y": LineageSVG.number(top + 3),
                        "width": LineageSVG.number(length), "height": LineageSVG.number(row - 6),
                    ])
                el("text", ["x": LineageSVG.number(labelWidth + length + 6), "y": LineageSVG.number(top + 15)]) {
                    bar.value.map(Self.short) ?? "NULL"
                }
            }
        }
    }

    static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.4g", value)
    }
}
