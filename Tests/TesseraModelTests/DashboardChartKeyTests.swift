import Testing
import TesseraModel

/// The names lineage gives charts: typed by people after `tessera lineage sales.overview/`.
@Suite struct DashboardChartKeyTests {
    func dashboard(_ titles: [String]) -> Dashboard {
        let at = SourceLocation(file: "domains/sales/dashboards/overview.yaml")
        let charts = titles.map {
            Chart(
                title: $0, sql: "select 1 as n", sqlLocation: TextLocation(start: at, isBlock: false), type: .number,
                encoding: ChartEncoding(y: [.init(column: "n", location: at)]), location: at)
        }
        return Dashboard(name: "overview", domain: "sales", title: "Overview", charts: charts, location: at)
    }

    @Test func aTitleBecomesOneLowercaseWord() {
        #expect(
            dashboard(["Revenue by region", "  Top-10 customers (EUR) ", "Ünits/day"]).chartKeys == [
                "revenue_by_region", "top_10_customers_eur", "ünits_day",
            ])
    }

    @Test func untitledAndRepeatedTitlesStayApart() {
        #expect(
            dashboard(["", "Revenue", "revenue!", "", "Revenue"]).chartKeys == [
                "chart_1", "revenue", "revenue_3", "chart_4", "revenue_5",
            ])
    }
}
