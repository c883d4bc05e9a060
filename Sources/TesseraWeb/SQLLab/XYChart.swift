/// A line chart or a scatter plot of a page of a result, in SVG: x a number or a time, up to
/// three numeric series, axes with round ticks. Colours come from the style sheet by class
/// (`s0`, `s1`, `s2`), nothing inline, as the Content-Security-Policy wants.
struct XYChart {
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
    }

    static let width = 720.0, height = 300.0
    /// The margins around the plotting area: room for the y ticks' labels on the left, the x
    /// ticks' labels and the x column's name below, half the last x label on the right.
    static let left = 72.0, right = 56.0, top = 14.0, bottom = 46.0

    let kind: ResultChart.Kind
    let x: String
    let xIsTime: Bool
    let series: [Series]
    /// Whether some x has a time of day (points then print it; ticks a day apart do not).
    var timeOfDay = false

    /// The plan's series from the page's rows; a line's points in x order. A row without an x or
    /// a y is left out of that series.
    static func make(_ plan: ChartPlan, _ columns: ResultColumns) -> Result<XYChart, ChartProblem> {
        let xs = columns.values(plan.x).map { columns.position($0, as: plan.xKind) }
        let series = plan.y.map { name in
            let ys = columns.values(name).map { $0.flatMap(ResultColumns.number) }
            var points = zip(xs, ys).compactMap { x, y in x.flatMap { x in y.map { (x: x, y: $0) } } }
            if plan.kind == .line { points.sort { $0.x < $1.x } }
            return Series(name: name, points: points)
        }
        guard series.contains(where: { !$0.points.isEmpty }) else {
            return .failure(ChartProblem("No row on this page has both an x and a y value to chart."))
        }
        var chart = XYChart(kind: plan.kind, x: plan.x, xIsTime: plan.xKind == .time, series: series)
        chart.timeOfDay = chart.xIsTime && chart.points.contains { $0.x.truncatingRemainder(dividingBy: 86_400) != 0 }
        return .success(chart)
    }

    var points: [(x: Double, y: Double)] { series.flatMap(\.points) }

    /// The extent of some values, widened when they are all equal so that a scale exists.
    static func extent(_ values: [Double]) -> (low: Double, high: Double) {
        let low = values.min() ?? 0, high = values.max() ?? 1
        return high > low ? (low, high) : (low - 1, high + 1)
    }

    /// A tick's label: a time of day only when the ticks are less than a day apart.
    func label(_ value: Double, step: Double) -> String {
        xIsTime ? ResultTime.text(value, withTime: step < 86_400) : BarChart.short(value)
    }

    /// A point's x: a time of day only when some value has one.
    func label(_ value: Double) -> String {
        xIsTime ? ResultTime.text(value, withTime: timeOfDay) : BarChart.short(value)
    }

    /// What the chart shows, for screen readers.
    var summary: String {
        let names = series.map(\.name).joined(separator: ", ")
        let xs = points.map(\.x)
        let count = points.count
        let what = kind == .line ? "Line chart" : "Scatter plot"
        let range = "\(label(xs.min() ?? 0)) to \(label(xs.max() ?? 0))"
        return "\(what) of \(names) against \(x): \(count) point\(count == 1 ? "" : "s"), \(x) from \(range)"
    }

    func render() -> HTML {
        let (width, height) = (Self.width, Self.height)
        // Numbers widen to round ticks on both axes; times keep their first and last instants.
        let xExtent = Self.extent(points.map(\.x))
        let xs = xIsTime ? xExtent : AxisTicks.rounded(xExtent), ys = AxisTicks.rounded(Self.extent(points.map(\.y)))
        let plotWidth = width - Self.left - Self.right, plotHeight = height - Self.top - Self.bottom
        let px = { (value: Double) in Self.left + (value - xs.low) / (xs.high - xs.low) * plotWidth }
        let py = { (value: Double) in Self.top + (1 - (value - ys.low) / (ys.high - ys.low)) * plotHeight }
        let size = "0 0 \(LineageSVG.number(width)) \(LineageSVG.number(height))"
        return el(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "class": "plot", "viewBox": size,
                "width": LineageSVG.number(width), "height": LineageSVG.number(height), "role": "img",
                "aria-label": summary,
            ]
        ) {
            axes(xs, ys, px, py)
            for (index, line) in series.enumerated() {
                el("g", ["class": "series s\(index)"]) {
                    if kind == .line, line.points.count > 1 {
                        HTML.shape("path", ["class": "line", "d": Self.path(line.points.map { (px($0.x), py($0.y)) })])
                    }
                    for point in line.points {
                        el(
                            "circle",
                            [
                                "cx": LineageSVG.number(px(point.x)), "cy": LineageSVG.number(py(point.y)),
                                "r": kind == .line ? "2.5" : "3.5",
                            ]
                        ) {
                            el("title") { "\(x) \(label(point.x)), \(line.name) \(BarChart.short(point.y))" }
                        }
                    }
                }
            }
        }
    }

    func axes(
        _ xs: (low: Double, high: Double), _ ys: (low: Double, high: Double), _ px: (Double) -> Double,
        _ py: (Double) -> Double
    ) -> HTML {
        // Dates without a time of day are ticked a day apart at least.
        let xTicks =
            xIsTime
            ? AxisTicks.times(xs.low, xs.high, atLeast: timeOfDay ? 1 : 86_400) : AxisTicks.numbers(xs.low, xs.high)
        let yTicks = AxisTicks.numbers(ys.low, ys.high)
        let step = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 86_400
        let (bottomY, rightX) = (Self.height - Self.bottom, Self.width - Self.right)
        return el("g", ["class": "axes"]) {
            for tick in yTicks {
                HTML.shape(
                    "path",
                    [
                        "class": "grid",
                        "d":
                            "M\(LineageSVG.number(Self.left)) \(LineageSVG.number(py(tick))) H\(LineageSVG.number(rightX))",
                    ])
                el(
                    "text",
                    ["x": LineageSVG.number(Self.left - 6), "y": LineageSVG.number(py(tick) + 4), "class": "end"]
                ) {
                    BarChart.short(tick)
                }
            }
            for tick in xTicks {
                HTML.shape(
                    "path", ["class": "tick", "d": "M\(LineageSVG.number(px(tick))) \(LineageSVG.number(bottomY)) v5"])
                el("text", ["x": LineageSVG.number(px(tick)), "y": LineageSVG.number(bottomY + 18), "class": "middle"])
                {
                    label(tick, step: step)
                }
            }
            HTML.shape(
                "path",
                [
                    "class": "axis",
                    "d": "M\(LineageSVG.number(Self.left)) \(LineageSVG.number(bottomY)) H\(LineageSVG.number(rightX))",
                ])
            el(
                "text",
                [
                    "x": LineageSVG.number(Self.left + (rightX - Self.left) / 2),
                    "y": LineageSVG.number(Self.height - 6), "class": "middle name",
                ]
            ) {
                x
            }
        }
    }

    static func path(_ points: [(Double, Double)]) -> String {
        points.enumerated().map { index, point in
            "\(index == 0 ? "M" : "L")\(LineageSVG.number(point.0)) \(LineageSVG.number(point.1))"
        }.joined(separator: " ")
    }

    /// The series' names with their colours, in words beside a swatch.
    func legend() -> HTML {
        el("ul", ["class": kind == .line ? "chart-legend" : "chart-legend dots"]) {
            for (index, line) in series.enumerated() {
                el("li", ["class": "s\(index)"]) {
                    el("span", ["class": "swatch", "aria-hidden": "true"]) { "" }
                    " \(line.name)" + (line.points.isEmpty ? " (no values on this page)" : "")
                }
            }
        }
    }
}
