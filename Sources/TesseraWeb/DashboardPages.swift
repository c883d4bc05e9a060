import TesseraCore
import TesseraModel

/// The dashboards the viewer may be shown, with their domains and sizes.
struct DashboardListPage {
    let dashboards: [Dashboards.Summary]

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: "Dashboards") {
            el("h1") { "Dashboards" }
            el("section", ["class": "card", "aria-labelledby": "all"]) {
                el("h2", ["id": "all"]) { "Shown to you" }
                if dashboards.isEmpty {
                    el("p", ["class": "muted"]) {
                        "No dashboard is shown to you. A domain defines them in domains/<domain>/dashboards/<name>.yaml."
                    }
                } else {
                    Widgets.table(
                        caption: "\(dashboards.count) dashboard\(dashboards.count == 1 ? "" : "s").",
                        headers: ["Dashboard", "Title", "Charts", "Also shown to", "Defined in"],
                        rows: dashboards.map { dashboard in
                            [
                                el("a", ["href": WebPaths.dashboard(dashboard.name)]) { dashboard.name },
                                .text(dashboard.title), .text("\(dashboard.charts)"),
                                .text(dashboard.readers.isEmpty ? "—" : dashboard.readers.joined(separator: ", ")),
                                el("code") { dashboard.file },
                            ]
                        }, numeric: [2])
                }
            }
        }
    }
}

/// One dashboard drawn as the viewer sees it (an SVG the server renders with the same queries,
/// policy and masks as `tessera dashboard render`), its parameters as a form, downloads as PDF and
/// PNG, and each chart's SQL with the lineage of what it reads.
struct DashboardPage {
    let dashboard: Dashboard
    /// The parameters as the request gave them (absent ones take the file's defaults).
    let given: [String: String]

    var query: String { WebPaths.queryString(given) }

    func render(_ layout: PageLayout) -> HTML {
        layout.render(title: dashboard.title) {
            el("h1") { dashboard.title }
            if let description = dashboard.description { el("p", ["class": "lede"]) { description } }
            parameterForm()
            el("p") {
                "Download: "
                el("a", ["href": WebPaths.dashboardFile(dashboard.qualifiedName, "pdf", query: query)]) { "PDF" }
                " · "
                el("a", ["href": WebPaths.dashboardFile(dashboard.qualifiedName, "png", query: query)]) { "PNG" }
            }
            el("figure", ["class": "dashboard"]) {
                HTML.void(
                    "img",
                    [
                        "src": WebPaths.dashboardFile(dashboard.qualifiedName, "svg", query: query),
                        "alt": "\(dashboard.title): \(dashboard.charts.map(\.title).joined(separator: "; "))",
                    ])
            }
            chartsCard()
        }
    }

    private func parameterForm() -> HTML {
        guard !dashboard.parameters.isEmpty else { return .empty }
        return el("form", ["method": "get", "action": WebPaths.dashboard(dashboard.qualifiedName), "class": "inline"]) {
            for parameter in dashboard.parameters {
                let id = "parameter-\(parameter.name)"
                el("label", ["for": id]) { parameter.label ?? parameter.name }
                HTML.void(
                    "input",
                    [
                        "id": id, "name": parameter.name, "value": given[parameter.name] ?? Self.default(of: parameter),
                        "placeholder": Self.placeholder(of: parameter),
                    ])
            }
            el("button", ["type": "submit"]) { "Show" }
        }
    }

    private func chartsCard() -> HTML {
        el("section", ["class": "card", "aria-labelledby": "charts"]) {
            el("h2", ["id": "charts"]) { "Charts and their SQL" }
            el("ul") {
                for chart in dashboard.charts {
                    el("li") {
                        el("details") {
                            el("summary") { chart.title + " (\(chart.type.rawValue))" }
                            el("pre") { el("code") { chart.sql } }
                        }
                    }
                }
            }
            el("p", ["class": "muted"]) {
                "Each chart runs as you: masked columns stay masked, and every query is in the audit log. "
                el("a", ["href": WebPaths.lineage("")]) { "Lineage" }
                " shows where the products come from."
            }
        }
    }

    static func `default`(of parameter: DashboardParameter) -> String {
        switch parameter.kind {
        case .dateRange(let value): value
        case .category(_, _, let value): value ?? ""
        }
    }

    static func placeholder(of parameter: DashboardParameter) -> String {
        switch parameter.kind {
        case .dateRange: "last_30_days or 2026-01-01..2026-03-31"
        case .category: "the first value when empty"
        }
    }
}
