import Foundation
import TesseraCore

/// The SQL lab: a query over the products the viewer may read, run as the viewer (masks apply,
/// every run is audited), a page of its result at a time, a CSV of the whole result, and a chart
/// of the page's rows: bars, a line or a scatter plot of the columns chosen (`ResultChartSection`).
struct SQLLabPage {
    static let pageSize = 100

    let csrf: String
    var sql = ""
    var offset = 0
    var table: Queries.Table?
    var problem: String?
    /// The chart chosen in the form (`chart`, `x`, `y1`…), posted again with every page.
    var chartChoice: [String: String] = [:]

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
        let columns = ResultColumns(table)
        let chart = ResultChart(chartChoice, columns)
        return el("section", ["class": "card", "aria-labelledby": "result"]) {
            el("h2", ["id": "result"]) { "Result" }
            el("div", ["class": "pager"]) {
                if offset > 0 {
                    pageButton("Previous \(Self.pageSize)", offset: max(0, offset - Self.pageSize), chart: chart)
                }
                el("span", ["class": "muted"]) {
                    table.rows.isEmpty ? "No rows." : "Rows \(offset + 1)–\(offset + table.rows.count)"
                }
                if table.truncated { pageButton("Next \(Self.pageSize)", offset: offset + Self.pageSize, chart: chart) }
                el("form", ["method": "post", "action": WebPaths.sqlCSV]) {
                    hidden(offset: 0)
                    HTML.void("input", ["type": "hidden", "name": "sql", "value": sql])
                    el("button", ["type": "submit", "id": "download-csv"]) { "Download CSV (all rows)" }
                }
            }
            if !table.rows.isEmpty {
                ResultChartSection(
                    chart: chart, columns: columns,
                    hidden: hidden(offset: offset)
                        + HTML.void("input", ["type": "hidden", "name": "sql", "value": sql]),
                    firstRow: offset + 1
                ).render()
            }
            Widgets.table(
                caption: "The query's rows as text.", headers: table.columns,
                rows: table.rows.map { row in
                    row.map { value in value.map { HTML.text($0) } ?? el("span", ["class": "null"]) { "NULL" } }
                })
        }
    }

    /// Another page of the same result, charted the same way.
    func pageButton(_ label: String, offset: Int, chart: ResultChart) -> HTML {
        el("form", ["method": "post", "action": WebPaths.sql]) {
            hidden(offset: offset)
            HTML.void("input", ["type": "hidden", "name": "sql", "value": sql])
            for field in chart.fields {
                HTML.void("input", ["type": "hidden", "name": field.name, "value": field.value])
            }
            el("button", ["type": "submit"]) { label }
        }
    }
}
