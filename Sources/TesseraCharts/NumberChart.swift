import TesseraModel

/// One big number (the first row's first `y`), and, with `compare`, how it changed from the
/// comparison value: the difference in per cent, green up, red down.
enum NumberChart {
    static func draw(_ encoding: ChartEncoding, _ table: ChartTable, in body: Rect) -> [SceneItem] {
        guard let row = table.rows.first, let field = encoding.y.first, let index = table.index(of: field.column),
            let value = row[index].numeric
        else { return ChartDrawing.notice("No value.", in: body) }
        let numbers = NumberFormat(pattern: encoding.numberFormat)
        let text = numbers.format(value)
        // As large as fits: a long number gets a smaller size, never an ellipsis.
        let unit = max(TextMetrics.width(text, size: 1, bold: true), 1)
        let size = min(34, body.height * 0.4, (body.width - 8) / unit)
        let center = body.x + body.width / 2
        let middle = body.y + body.height / 2
        var items: [SceneItem] = [
            .text(TextItem(text, at: Point(center, middle + size * 0.2), size: size, anchor: .middle, bold: true))
        ]
        let caption = encoding.yTitle ?? field.column
        items.append(
            .text(
                TextItem(
                    TextMetrics.fit(caption, size: 9, width: body.width), at: Point(center, middle + size * 0.2 + 16),
                    size: 9, anchor: .middle, color: .muted)))
        if let compare = encoding.compare, let other = table.index(of: compare.column), let base = row[other].numeric {
            items.append(.text(change(value, from: base, numbers: numbers, at: Point(center, middle - size * 0.8))))
        }
        return items
    }

    private static func change(_ value: Double, from base: Double, numbers: NumberFormat, at point: Point) -> TextItem {
        let difference = value - base
        let arrow = difference > 0 ? "▲" : difference < 0 ? "▼" : "="
        let percent = base == 0 ? "" : " " + NumberFormat(pattern: "0.0%").format(abs(difference / base))
        let color: Color = difference > 0 ? .rise : difference < 0 ? .fall : .muted
        return TextItem(
            "\(arrow)\(percent) vs \(numbers.format(base))", at: point, size: 10, anchor: .middle, bold: true,
            color: color)
    }
}
