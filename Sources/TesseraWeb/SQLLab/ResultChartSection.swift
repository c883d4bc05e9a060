/// The SQL lab's chart of a result: a form to choose the chart type and its columns (it posts the
/// query again, with the session's CSRF token, for the same page of rows), then the chart drawn
/// from the page's rows only, or in words why the chosen columns cannot be drawn.
struct ResultChartSection {
    let chart: ResultChart
    let columns: ResultColumns
    /// The fields every form of the page carries: the CSRF token, the SQL, the page's offset.
    let hidden: HTML
    /// The rows shown, for the caption: the chart is of these only.
    let firstRow: Int

    func render() -> HTML {
        fragment {
            form()
            switch chart.plan(columns) {
            case .failure(let problem):
                el("p", ["class": chart.kind == .table ? "muted" : "note", "id": "chart-problem"]) { problem.sentence }
            case .success(let plan):
                figure(plan)
            }
        }
    }

    func figure(_ plan: ChartPlan) -> HTML {
        let rows = columns.rows.count
        let page = "rows \(firstRow)–\(firstRow + rows - 1)"
        if plan.kind == .bar {
            let bars = BarChart(plan, columns)
            let shown =
                bars.bars.count < rows ? "the first \(bars.bars.count) of this page's \(page)" : "this page's \(page)"
            return el("figure", ["class": "chart"]) {
                el("figcaption", ["class": "muted"]) { "\(plan.y[0]) by \(plan.x), one bar per row: \(shown)." }
                bars.render()
            }
        }
        switch XYChart.make(plan, columns) {
        case .failure(let problem):
            return el("p", ["class": "note", "id": "chart-problem"]) { problem.sentence }
        case .success(let xy):
            return el("figure", ["class": "chart"]) {
                el("figcaption", ["class": "muted"]) {
                    "\(plan.y.joined(separator: ", ")) against \(plan.x), from this page's \(page) only (page on to chart the next)."
                }
                xy.render()
                xy.legend()
            }
        }
    }

    func form() -> HTML {
        el("form", ["class": "search chart-choice", "method": "post", "action": WebPaths.sql]) {
            hidden
            el("div") {
                el("label", ["for": "chart-kind"]) { "Chart" }
                el("select", ["id": "chart-kind", "name": "chart"]) {
                    for kind in ResultChart.Kind.allCases {
                        el("option", ["value": kind.rawValue, "selected": kind == chart.kind ? "" : nil]) { kind.words }
                    }
                }
            }
            select(id: "chart-x", name: "x", label: "X column", chosen: chart.x, optional: false)
            for (slot, name) in ResultChart.ySlots.enumerated() {
                select(
                    id: "chart-\(name)", name: name,
                    label: ["Y column", "Second y (line, scatter)", "Third y (line, scatter)"][slot],
                    chosen: slot < chart.y.count ? chart.y[slot] : "", optional: slot > 0)
            }
            el("div") { el("button", ["type": "submit", "id": "draw-chart"]) { "Draw" } }
        }
    }

    func select(id: String, name: String, label: String, chosen: String, optional: Bool) -> HTML {
        el("div") {
            el("label", ["for": id]) { label }
            el("select", ["id": id, "name": name]) {
                if optional { el("option", ["value": "", "selected": chosen.isEmpty ? "" : nil]) { "none" } }
                for (index, column) in columns.names.enumerated() {
                    el("option", ["value": column, "selected": column == chosen ? "" : nil]) {
                        "\(column) (\(columns.kinds[index].rawValue))"
                    }
                }
            }
        }
    }
}
