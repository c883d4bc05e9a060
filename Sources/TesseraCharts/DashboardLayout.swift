import TesseraModel

/// A dashboard on pages: a header (title, description, parameters, viewer, snapshots) on the
/// first, then the charts flowing over a grid of equal columns, row by row, a new page when a
/// row does not fit; a footer on each page.
public enum DashboardLayout {
    static let margin = 36.0
    static let gap = 10.0
    static let cellHeight = 190.0

    public static func scene(_ document: DashboardDocument, paper: Paper) -> Scene {
        let (width, height) = paper.size
        let content = Rect(x: margin, y: margin, width: width - 2 * margin, height: height - 2 * margin - 14)
        var pages = [ScenePage(width: width, height: height, items: [])]
        let header = Self.header(document, width: content.width)
        pages[0].items = header.items
        var top = content.y + header.height
        let cellWidth = (content.width - gap * Double(document.columns - 1)) / Double(document.columns)
        for row in rows(document.entries, columns: document.columns) {
            let rowHeight = Double(row.map(\.entry.chart.height).max() ?? 1) * (cellHeight + gap) - gap
            if top + rowHeight > content.maxY, top > content.y {
                pages.append(ScenePage(width: width, height: height, items: []))
                top = content.y
            }
            for placed in row {
                let span = Double(min(placed.entry.chart.width, document.columns))
                let frame = Rect(
                    x: content.x + Double(placed.column) * (cellWidth + gap), y: top,
                    width: span * cellWidth + (span - 1) * gap,
                    height: Double(placed.entry.chart.height) * (cellHeight + gap) - gap)
                pages[pages.count - 1].items += ChartDrawing.draw(
                    placed.entry.chart, outcome: placed.entry.outcome, in: frame)
            }
            top += rowHeight + gap
        }
        for index in pages.indices {
            pages[index].items += footer(document, page: index + 1, of: pages.count, width: width, height: height)
        }
        let subject = "principal=\(document.viewer); snapshots=\(document.snapshots.joined(separator: ", "))"
        return Scene(pages: pages, metadata: SceneMetadata(title: document.title, subject: subject))
    }

    /// Charts in rows: each at the next column where its width fits, else on a new row.
    static func rows(_ entries: [DashboardDocument.Entry], columns: Int) -> [[(
        entry: DashboardDocument.Entry, column: Int
    )]] {
        var rows: [[(entry: DashboardDocument.Entry, column: Int)]] = []
        var column = 0
        for entry in entries {
            let span = min(entry.chart.width, columns)
            if rows.isEmpty || column + span > columns {
                rows.append([])
                column = 0
            }
            rows[rows.count - 1].append((entry, column))
            column += span
        }
        return rows
    }

    private static func header(_ document: DashboardDocument, width: Double) -> (items: [SceneItem], height: Double) {
        var items: [SceneItem] = []
        var y = margin + 18
        items.append(
            .text(
                TextItem(
                    TextMetrics.fit(document.title, size: 18, width: width, bold: true), at: Point(margin, y), size: 18,
                    bold: true)))
        var lines: [(String, Color)] = []
        if let description = document.description {
            lines += wrap(description, size: 9, width: width).map { ($0, .ink) }
        }
        let parameters = document.parameters.isEmpty ? "none" : document.parameters.joined(separator: " · ")
        lines += wrap("Parameters: \(parameters)", size: 8, width: width).map { ($0, .muted) }
        lines += wrap("Shown to: \(document.viewer) · rendered \(document.renderedAt)", size: 8, width: width).map {
            ($0, .muted)
        }
        let snapshots = document.snapshots.isEmpty ? "none" : document.snapshots.joined(separator: ", ")
        lines += wrap("Snapshots: \(snapshots)", size: 8, width: width).map { ($0, .muted) }
        y += 6
        for (line, color) in lines {
            y += 11
            items.append(.text(TextItem(line, at: Point(margin, y), size: color == .ink ? 9 : 8, color: color)))
        }
        y += 8
        items.append(
            .path([Point(margin, y), Point(margin + width, y)], closed: false, fill: nil, stroke: .grid, lineWidth: 1))
        return (items, y + 10 - margin)
    }

    private static func footer(_ document: DashboardDocument, page: Int, of count: Int, width: Double, height: Double)
        -> [SceneItem]
    {
        let y = height - margin + 10
        return [
            .text(
                TextItem(
                    TextMetrics.fit(document.title, size: 7, width: width / 2), at: Point(margin, y), size: 7,
                    color: .muted)),
            .text(
                TextItem("Page \(page) of \(count)", at: Point(width - margin, y), size: 7, anchor: .end, color: .muted)
            ),
        ]
    }

    /// Words on lines no wider than `width`.
    static func wrap(_ text: String, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if TextMetrics.width(candidate, size: size) > width, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
