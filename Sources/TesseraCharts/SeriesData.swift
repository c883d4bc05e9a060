import TesseraModel

/// The rows of an x/y chart split into named series: by the `series` column's values, or one
/// series per `y` column.
struct SeriesData {
    struct Series {
        var name: String
        var points: [(x: ChartValue, y: Double)]
    }

    var series: [Series]
    /// The x values in the order the chart shows them (categories or positions).
    var xValues: [ChartValue]

    init(_ encoding: ChartEncoding, _ table: ChartTable, continuousX: Bool) {
        let x = encoding.x.flatMap { table.index(of: $0.column) }
        let ys = encoding.y.compactMap { table.index(of: $0.column) }
        let split = encoding.series.flatMap { table.index(of: $0.column) }
        var byName: [String: Int] = [:]
        var series: [Series] = []
        var xValues: [ChartValue] = []
        var seenX: Set<ChartValue> = []
        for row in table.rows {
            let xValue = x.map { row[$0] } ?? .null
            if seenX.insert(xValue).inserted { xValues.append(xValue) }
            for y in (split == nil ? ys : Array(ys.prefix(1))) {
                guard let value = row[y].numeric else { continue }
                let name = split.map { Self.label(row[$0]) } ?? table.columns[y].name
                let position = byName[name] ?? series.count
                if position == series.count {
                    byName[name] = position
                    series.append(Series(name: name, points: []))
                }
                series[position].points.append((xValue, value))
            }
        }
        self.series = series
        self.xValues = Self.sorted(xValues, encoding.sort, continuousX: continuousX, totals: Self.totals(series))
        if continuousX {
            for index in self.series.indices {
                self.series[index].points.sort { ($0.x.numeric ?? 0) < ($1.x.numeric ?? 0) }
            }
        }
    }

    private static func totals(_ series: [Series]) -> [ChartValue: Double] {
        var totals: [ChartValue: Double] = [:]
        for item in series { for point in item.points { totals[point.x, default: 0] += point.y } }
        return totals
    }

    private static func sorted(
        _ values: [ChartValue], _ sort: ChartEncoding.Sort, continuousX: Bool, totals: [ChartValue: Double]
    ) -> [ChartValue] {
        switch sort {
        case .ascending: return values.sorted { totals[$0, default: 0] < totals[$1, default: 0] }
        case .descending: return values.sorted { totals[$0, default: 0] > totals[$1, default: 0] }
        case .x: return values.sorted(by: Self.ascending)
        case .none: return continuousX ? values.sorted(by: Self.ascending) : values
        }
    }

    static func ascending(_ lhs: ChartValue, _ rhs: ChartValue) -> Bool {
        if let left = lhs.numeric, let right = rhs.numeric { return left < right }
        return label(lhs) < label(rhs)
    }

    static func label(_ value: ChartValue, dates: DateFormat = DateFormat(pattern: nil)) -> String {
        switch value {
        case .number(let number): NumberFormat(pattern: nil).format(number)
        case .date(let seconds): dates.format(seconds)
        case .text(let text): text
        case .null: "(null)"
        }
    }
}
