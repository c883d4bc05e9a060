import TesseraModel

/// What a chart has to show: its rows, or why there are none to show (refused, failed, empty).
public enum ChartOutcome: Sendable {
    case data(ChartTable)
    case notice(String)
}

/// A chart as drawing primitives inside its grid cell: a panel, the title, and the chart of its
/// type, or a notice in its place.
public enum ChartDrawing {
    static let titleSize = 11.0
    static let labelSize = 8.0

    public static func draw(_ chart: Chart, outcome: ChartOutcome, in frame: Rect) -> [SceneItem] {
        var items: [SceneItem] = [.rect(frame, fill: .white, stroke: .grid, lineWidth: 0.8)]
        let title = TextMetrics.fit(chart.title, size: titleSize, width: frame.width - 20, bold: true)
        items.append(.text(TextItem(title, at: Point(frame.x + 10, frame.y + 18), size: titleSize, bold: true)))
        let body = frame.inset(top: 28, right: 12, bottom: 10, left: 12)
        switch outcome {
        case .notice(let text):
            items += notice(text, in: body)
        case .data(let table):
            if let problem = unusable(chart, table) {
                items += notice(problem, in: body)
            } else {
                items += marks(chart, table, in: body)
            }
            if table.truncated {
                items.append(
                    .text(
                        TextItem(
                            "first \(table.rows.count) rows", at: Point(frame.maxX - 10, frame.y + 18), size: labelSize,
                            anchor: .end, color: .muted)))
            }
        }
        return items
    }

    private static func marks(_ chart: Chart, _ table: ChartTable, in body: Rect) -> [SceneItem] {
        switch chart.type {
        case .table: TableChart.draw(chart.encoding, table, in: body)
        case .number: NumberChart.draw(chart.encoding, table, in: body)
        case .histogram: CartesianChart.histogram(chart.encoding, table, in: body)
        case .line, .area, .bar, .stackedBar, .scatter: CartesianChart.draw(chart.type, chart.encoding, table, in: body)
        }
    }

    /// Why the rows cannot be drawn as the encoding says: none, or a measure that is not a
    /// number (a masked column reads as text).
    static func unusable(_ chart: Chart, _ table: ChartTable) -> String? {
        if table.rows.isEmpty { return "No rows for these parameters." }
        for field in chart.encoding.fields where table.index(of: field.column) == nil {
            return "The result has no column '\(field.column)'."
        }
        let measures = chart.type == .histogram ? [chart.encoding.x].compactMap { $0 } : chart.encoding.y
        guard chart.type != .table else { return nil }
        for field in measures where table.kind(of: field.column) != .number {
            return "'\(field.column)' is not a number for this viewer (masked or text)."
        }
        return nil
    }

    static func notice(_ text: String, in body: Rect) -> [SceneItem] {
        let line = TextMetrics.fit(text, size: 9, width: body.width - 8)
        return [
            .text(
                TextItem(
                    line, at: Point(body.x + body.width / 2, body.y + body.height / 2), size: 9, anchor: .middle,
                    color: .muted))
        ]
    }
}
