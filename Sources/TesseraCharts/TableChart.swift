import TesseraModel

/// Rows as a table: a bold header, numbers right-aligned in the chart's number format, dates in
/// its date format, as many rows as fit and a line saying how many more there are.
enum TableChart {
    static let size = 8.0
    static let rowHeight = 13.0

    static func draw(_ encoding: ChartEncoding, _ table: ChartTable, in body: Rect) -> [SceneItem] {
        let shown = encoding.columns.isEmpty ? table.columns.map(\.name) : encoding.columns.map(\.column)
        let indices = shown.compactMap { table.index(of: $0) }
        let numbers = NumberFormat(pattern: encoding.numberFormat)
        let dates = DateFormat(pattern: encoding.dateFormat)
        let cells = table.rows.map { row in indices.map { text(row[$0], numbers, dates) } }
        let widths = columnWidths(indices.map { table.columns[$0].name }, cells, total: body.width)
        let fitting = max(Int(body.height / rowHeight) - 1, 0)
        let visible = cells.count > fitting ? max(fitting - 1, 0) : cells.count
        var items: [SceneItem] = []
        var top = body.y
        items += row(indices.map { table.columns[$0].name }, indices, table, widths, x: body.x, top: top, bold: true)
        top += rowHeight
        items.append(
            .path(
                [Point(body.x, top - 2), Point(body.maxX, top - 2)], closed: false, fill: nil, stroke: .axis,
                lineWidth: 0.6))
        for (number, values) in cells.prefix(visible).enumerated() {
            if number % 2 == 1 {
                items.append(.rect(Rect(x: body.x, y: top - 1, width: body.width, height: rowHeight), fill: .panel))
            }
            items += row(values, indices, table, widths, x: body.x, top: top, bold: false)
            top += rowHeight
        }
        if visible < cells.count {
            let more = "… \(cells.count - visible) more row\(cells.count - visible == 1 ? "" : "s")"
            items.append(.text(TextItem(more, at: Point(body.x + 4, top + size), size: size, color: .muted)))
        }
        return items
    }

    private static func row(
        _ values: [String], _ indices: [Int], _ table: ChartTable, _ widths: [Double], x: Double, top: Double,
        bold: Bool
    ) -> [SceneItem] {
        var items: [SceneItem] = []
        var left = x
        for (position, value) in values.enumerated() {
            let width = widths[position]
            let numeric = table.columns[indices[position]].kind == .number
            let text = TextMetrics.fit(value, size: size, width: width - 8, bold: bold)
            let at = Point(numeric ? left + width - 4 : left + 4, top + size + 1)
            items.append(.text(TextItem(text, at: at, size: size, anchor: numeric ? .end : .start, bold: bold)))
            left += width
        }
        return items
    }

    /// Each column as wide as its widest cell (header included), scaled down to fit `total`.
    private static func columnWidths(_ header: [String], _ cells: [[String]], total: Double) -> [Double] {
        var widths = header.map { TextMetrics.width($0, size: size, bold: true) + 10 }
        for row in cells.prefix(200) {
            for (index, value) in row.enumerated() {
                widths[index] = max(widths[index], min(TextMetrics.width(value, size: size) + 10, 220))
            }
        }
        let sum = widths.reduce(0, +)
        guard sum > 0 else { return widths }
        let scale = sum > total ? total / sum : 1
        return widths.map { $0 * scale }
    }

    static func text(_ value: ChartValue, _ numbers: NumberFormat, _ dates: DateFormat) -> String {
        switch value {
        case .number(let number): numbers.format(number)
        case .date(let seconds): dates.format(seconds)
        case .text(let text): text
        case .null: "–"
        }
    }
}
