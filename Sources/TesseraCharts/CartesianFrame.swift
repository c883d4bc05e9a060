import TesseraModel

/// The axes of an x/y chart: where the plot is, the y scale, the x axis (categories or a
/// continuous scale), and the items that draw grid lines, tick labels, titles and the legend.
struct CartesianFrame {
    enum XAxis {
        case band(BandScale, labels: [String])
        case linear(LinearScale, ticks: [Double], label: @Sendable (Double) -> String)
    }

    var plot: Rect
    var y: LinearScale
    var yTicks: [Double]
    var x: XAxis
    var items: [SceneItem] = []

    static let size = ChartDrawing.labelSize

    /// `yRange`: the measures' extent (bars and areas include zero); `xValues` in display order.
    init(
        body: Rect, encoding: ChartEncoding, yRange: ClosedRange<Double>, xValues: [ChartValue], continuousX: Bool,
        legend: [String], xTicks: [Double]? = nil
    ) {
        let numbers = NumberFormat(pattern: encoding.numberFormat)
        yTicks = Ticks.nice(yRange.lowerBound, yRange.upperBound)
        let extent = Ticks.extent(yTicks)
        let step = (extent.upperBound - extent.lowerBound) / Double(max(yTicks.count - 1, 1))
        let yLabels = yTicks.map { Self.tickLabel($0, numbers, encoding, step: step) }
        let labelWidth = yLabels.map { TextMetrics.width($0, size: Self.size) }.max() ?? 0
        let left = labelWidth + 6 + (encoding.yTitle == nil ? 0 : 14)
        let places = legend.count > 1 ? Self.legendPlaces(legend, width: body.width - left - 6) : []
        let legendRows = Double((places.map(\.row).max() ?? -1) + 1)
        let top = 4 + legendRows * Self.legendRowHeight
        let bottom = Self.size + 8 + (encoding.xTitle == nil ? 0 : 14)
        plot = body.inset(top: top, right: 6, bottom: bottom, left: left)
        y = LinearScale(domain: extent, start: plot.maxY, end: plot.y)
        x = Self.xAxis(xValues, continuousX: continuousX, encoding: encoding, plot: plot, ticks: xTicks)
        items += gridAndYLabels(yLabels)
        items += xLabels()
        items += titles(encoding, body: body)
        items += Self.legend(places, at: Point(plot.x, body.y + 8))
    }

    private static func tickLabel(_ value: Double, _ numbers: NumberFormat, _ encoding: ChartEncoding, step: Double)
        -> String
    {
        if encoding.numberFormat != nil { return numbers.format(value) }
        var format = NumberFormat(pattern: "0,0")
        format.decimals = Ticks.decimals(forStep: step)
        if abs(value) >= 10_000 { format = NumberFormat(pattern: step >= 1000 ? "0a" : "0.0a") }
        return format.format(value)
    }

    /// `ticks`: given (a histogram's bin edges), or round values over the data.
    private static func xAxis(
        _ values: [ChartValue], continuousX: Bool, encoding: ChartEncoding, plot: Rect, ticks given: [Double]?
    ) -> XAxis {
        let dates = DateFormat(pattern: encoding.dateFormat)
        let positions = values.compactMap(\.numeric)
        guard continuousX, let low = positions.min(), let high = positions.max() else {
            let labels = values.map { SeriesData.label($0, dates: dates) }
            return .band(BandScale(categories: labels, start: plot.x, end: plot.maxX), labels: labels)
        }
        if case .date = values.first {
            let (ticks, tickFormat) = DateTicks.ticks(low, high, count: max(2, Int(plot.width / 50)))
            let format = DateFormat(pattern: encoding.dateFormat ?? tickFormat)
            let domain = low...max(high, low + 86_400)
            return .linear(
                LinearScale(domain: domain, start: plot.x, end: plot.maxX), ticks: ticks.filter { domain.contains($0) },
                label: { format.format($0) })
        }
        let ticks = given ?? Ticks.nice(low, high, count: max(2, Int(plot.width / 60)))
        var format = NumberFormat(pattern: "0,0")
        format.decimals = Ticks.decimals(forStep: ticks.count > 1 ? ticks[1] - ticks[0] : 1)
        return .linear(
            LinearScale(domain: Ticks.extent(ticks), start: plot.x, end: plot.maxX), ticks: ticks,
            label: { [format] in format.format($0) })
    }
}
