import TesseraModel

extension CartesianChart {
    /// How the values of `x` spread: `bins` ranges of equal width on round edges, and how many
    /// rows fall in each.
    static func histogram(_ encoding: ChartEncoding, _ table: ChartTable, in body: Rect) -> [SceneItem] {
        let values = encoding.x.map { table.values($0.column).compactMap(\.numeric) } ?? []
        guard let low = values.min(), let high = values.max() else { return [] }
        let edges = Ticks.nice(low, high, count: encoding.bins)
        let extent = Ticks.extent(edges)
        let binCount = max(edges.count - 1, 1)
        let width = (extent.upperBound - extent.lowerBound) / Double(binCount)
        var counts = [Double](repeating: 0, count: binCount)
        for value in values {
            counts[min(Int((value - extent.lowerBound) / width), binCount - 1)] += 1
        }
        // The x axis is continuous over the edges: pass them as numbers to the frame. Counts
        // are whole: a y axis up to at least 4 keeps its ticks on whole numbers.
        var axis = encoding
        axis.yTitle = encoding.yTitle ?? "rows"
        axis.numberFormat = nil
        let frame = CartesianFrame(
            body: body, encoding: axis, yRange: 0...max(counts.max() ?? 1, 4), xValues: edges.map { .number($0) },
            continuousX: true, legend: [], xTicks: edges)
        guard case .linear(let scale, _, _) = frame.x else { return frame.items }
        var items = frame.items
        for (index, count) in counts.enumerated() where count > 0 {
            let left = scale(extent.lowerBound + Double(index) * width)
            let right = scale(extent.lowerBound + Double(index + 1) * width)
            let top = frame.y(count)
            items.append(
                .rect(
                    Rect(x: left + 0.5, y: top, width: max(right - left - 1, 0.5), height: frame.y(0) - top),
                    fill: Palette.color(0)))
        }
        return items
    }
}
