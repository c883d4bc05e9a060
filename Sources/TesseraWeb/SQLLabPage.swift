import Foundation
import TesseraCore

/// The SQL lab: a query over the products the viewer may read, run as the viewer (masks apply,
/// every run is audited), a page of its result at a time, a CSV of the whole result, and a quick
/// bar chart when the result is a label and a number.
struct SQLLabPage {
    static let pageSize = 100

    let csrf: String
    var sql = ""
    var offset = 0
    var table: Queries.Table?
    var problem: String?

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "SQL lab") {
            el("h1") { "SQL lab" }
            el("p", ["class": "lede"]) {
                "Products are named "
                el("code") { "domain.product" }
                "; you read them as the policy lets you (masked columns stay masked), and every query is audited."
            }
            el("form", ["class": "card", "method": "post", "action": WebPaths.sql]) {
                hidden(offset: 0)
                el("label", ["for": "sql"]) { "SQL" }
                el(
                    "textarea",
                    ["id": "sql", "name": "sql", "rows": "6", "spellcheck": "false", "class": "mono", "required": ""]
                ) {
                    sql
                }
                el("p") { el("button", ["type": "submit", "id": "run-sql"]) { "Run" } }
            }
            if let problem { el("p", ["class": "error", "role": "alert"]) { Widgets.sentence(problem) } }
            if let table { result(table) }
        }
    }

    func hidden(offset: Int) -> HTML {
        HTML.void("input", ["type": "hidden", "name": "csrf", "value": csrf])
            + HTML.void("input", ["type": "hidden", "name": "offset", "value": String(offset)])
    }

    func result(_ table: Queries.Table) -> HTML {
        el("section", ["class": "card", "aria-labelledby": "result"]) {
            el("h2", ["id": "result"]) { "Result" }
            el("div", ["class": "pager"]) {
                if offset > 0 { pageButton("Previous \(Self.pageSize)", offset: max(0, offset - Self.pageSize)) }
                el("span", ["class": "muted"]) {
                    table.rows.isEmpty ? "No rows." : "Rows \(offset + 1)–\(offset + table.rows.count)"
                }
                if table.truncated { pageButton("Next \(Self.pageSize)", offset: offset + Self.pageSize) }
                el("form", ["method": "post", "action": WebPaths.sqlCSV]) {
                    hidden(offset: 0)
                    HTML.void("input", ["type": "hidden", "name": "sql", "value": sql])
                    el("button", ["type": "submit", "id": "download-csv"]) { "Download CSV (all rows)" }
                }
            }
            if let chart = BarChart(table) { chart.render() }
            Widgets.table(
                caption: "The query's rows as text.", headers: table.columns,
                rows: table.rows.map { row in
                    row.map { value in value.map { HTML.text($0) } ?? el("span", ["class": "null"]) { "NULL" } }
                })
        }
    }

    func pageButton(_ label: String, offset: Int) -> HTML {
        el("form", ["method": "post", "action": WebPaths.sql]) {
            hidden(offset: offset)
            HTML.void("input", ["type": "hidden", "name": "sql", "value": sql])
            el("button", ["type": "submit"]) { label }
        }
    }
}

/// A bar chart of a result whose first column labels and second column counts (every value a
/// number), at most 30 bars, in SVG.
struct BarChart {
    let bars: [(label: String, value: Double)]
    let measure: String

    init?(_ table: Queries.Table) {
        guard table.columns.count >= 2, !table.rows.isEmpty else { return nil }
        var bars: [(String, Double)] = []
        for row in table.rows.prefix(30) {
            guard row.count >= 2, let text = row[1], let value = Double(text), value.isFinite else { return nil }
            bars.append((row[0] ?? "NULL", value))
        }
        self.bars = bars
        measure = table.columns[1]
    }

    func render() -> HTML {
        let largest = max(bars.map { abs($0.value) }.max() ?? 1, .leastNonzeroMagnitude)
        let (label, chart, row) = (180.0, 460.0, 22.0)
        let height = Double(bars.count) * row + 8
        let width = label + chart + 90
        let size = "0 0 \(LineageSVG.number(width)) \(LineageSVG.number(height))"
        return el("figure", ["class": "chart"]) {
            el("figcaption", ["class": "muted"]) { "\(measure) by row (the first \(bars.count) rows)" }
            el(
                "svg",
                [
                    "xmlns": "http://www.w3.org/2000/svg", "class": "bars", "width": LineageSVG.number(width),
                    "height": LineageSVG.number(height), "viewBox": size, "role": "img",
                    "aria-label": "Bar chart of \(measure)",
                ]
            ) {
                for (index, bar) in bars.enumerated() {
                    let top = Double(index) * row
                    let length = max(1, abs(bar.value) / largest * chart)
                    el("text", ["x": "0", "y": LineageSVG.number(top + 15)]) { String(bar.label.prefix(24)) }
                    HTML.shape(
                        "rect",
                        [
                            "x": LineageSVG.number(label), "y": LineageSVG.number(top + 3),
                            "width": LineageSVG.number(length), "height": LineageSVG.number(row - 6),
                        ])
                    el("text", ["x": LineageSVG.number(label + length + 6), "y": LineageSVG.number(top + 15)]) {
                        Self.short(bar.value)
                    }
                }
            }
        }
    }

    static func short(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.4g", value)
    }
}
