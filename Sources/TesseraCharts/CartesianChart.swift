import TesseraModel

/// Line, area, bar (grouped or stacked), scatter and histogram charts: marks over a
/// `CartesianFrame`.
enum CartesianChart {
    static func draw(_ type: ChartType, _ encoding: ChartEncoding, _ table: ChartTable, in body: Rect) -> [SceneItem] {
        let xKind = encoding.x.flatMap { table.kind(of: $0.column) } ?? .text
        let continuousX = [.line, .area, .scatter].contains(type) && xKind != .text
        let data = SeriesData(encoding, table, continuousX: continuousX)
        let frame = CartesianFrame(
            body: body, encoding: encoding, yRange: yRange(type, data), xValues: data.xValues,
            continuousX: continuousX, legend: data.series.map(\.name))
        var items = frame.items
        switch type {
        case .bar: items += bars(data, frame, encoding)
        case .stackedBar: items += stackedBars(data, frame, encoding)
        case .scatter: items += points(data, frame, encoding)
        default: items += lines(data, frame, encoding, filled: type == .area)
        }
        return items
    }

    /// The measures' extent; bars and areas start at zero, stacked bars reach their totals.
    private static func yRange(_ type: ChartType, _ data: SeriesData) -> ClosedRange<Double> {
        var values = data.series.flatMap { $0.points.map(\.y) }
        if type == .stackedBar {
            var up: [ChartValue: Double] = [:]
            var down: [ChartValue: Double] = [:]
            for point in data.series.flatMap(\.points) {
                if point.y >= 0 { up[point.x, default: 0] += point.y } else { down[point.x, default: 0] += point.y }
            }
            values = Array(up.values) + Array(down.values)
        }
        if [.bar, .stackedBar, .area].contains(type) { values.append(0) }
        return (values.min() ?? 0)...(values.max() ?? 1)
    }

    private static func lines(_ data: SeriesData, _ frame: CartesianFrame, _ encoding: ChartEncoding, filled: Bool)
        -> [SceneItem]
    {
        let dates = DateFormat(pattern: encoding.dateFormat)
        let baseline = frame.y(max(frame.y.domain.lowerBound, min(0, frame.y.domain.upperBound)))
        var items: [SceneItem] = []
        for (index, series) in data.series.enumerated() {
            let color = Palette.color(index)
            let points = series.points.compactMap { point in
                frame.xPosition(point.x, dates: dates).map { Point($0, frame.y(point.y)) }
            }
            guard let first = points.first, let last = points.last else { continue }
            if filled {
                let area = [Point(first.x, baseline)] + points + [Point(last.x, baseline)]
                items.append(.path(area, closed: true, fill: color.with(alpha: 0.28), stroke: nil))
            }
            items.append(.path(points, closed: false, fill: nil, stroke: color, lineWidth: 1.8))
            if points.count == 1 { items.append(.circle(center: first, radius: 2.5, fill: color)) }
        }
        return items
    }

    private static func points(_ data: SeriesData, _ frame: CartesianFrame, _ encoding: ChartEncoding) -> [SceneItem] {
        let dates = DateFormat(pattern: encoding.dateFormat)
        return data.series.enumerated().flatMap { index, series in
            series.points.compactMap { point -> SceneItem? in
                guard let x = frame.xPosition(point.x, dates: dates) else { return nil }
                return .circle(
                    center: Point(x, frame.y(point.y)), radius: 3, fill: Palette.color(index).with(alpha: 0.85))
            }
        }
    }

    private static func bars(_ data: SeriesData, _ frame: CartesianFrame, _ encoding: ChartEncoding) -> [SceneItem] {
        guard case .band(let scale, let labels) = frame.x else { return [] }
        let dates = DateFormat(pattern: encoding.dateFormat)
        let width = scale.bandwidth / Double(max(data.series.count, 1))
        let zero = frame.y(0)
        var items: [SceneItem] = []
        for (seriesIndex, series) in data.series.enumerated() {
            for point in series.points {
                guard let category = labels.firstIndex(of: SeriesData.label(point.x, dates: dates)) else { continue }
                let x = scale.bandStart(category) + width * Double(seriesIndex)
                let top = frame.y(point.y)
                let rect = Rect(x: x, y: min(top, zero), width: max(width - 1, 0.5), height: abs(zero - top))
                items.append(.rect(rect, fill: Palette.color(seriesIndex)))
            }
        }
        return items
    }

    private static func stackedBars(_ data: SeriesData, _ frame: CartesianFrame, _ encoding: ChartEncoding)
        -> [SceneItem]
    {
        guard case .band(let scale, let labels) = frame.x else { return [] }
        let dates = DateFormat(pattern: encoding.dateFormat)
        var up = [Double](repeating: 0, count: labels.count)
        var down = [Double](repeating: 0, count: labels.count)
        var items: [SceneItem] = []
        for (seriesIndex, series) in data.series.enumerated() {
            for point in series.points {
                guard let category = labels.firstIndex(of: SeriesData.label(point.x, dates: dates)) else { continue }
                let base = point.y >= 0 ? up[category] : down[category]
                let top = base + point.y
                if point.y >= 0 { up[category] = top } else { down[category] = top }
                let (a, b) = (frame.y(base), frame.y(top))
                let rect = Rect(x: scale.bandStart(category), y: min(a, b), width: scale.bandwidth, height: abs(a - b))
                items.append(.rect(rect, fill: Palette.color(seriesIndex), stroke: .white, lineWidth: 0.5))
            }
        }
        return items
    }
}
