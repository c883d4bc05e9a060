import Foundation
import Testing
@testable import TesseraModel
import TesseraTesting

/// domains/<d>/dashboards/<name>.yaml: what is read, and each mistake at its place.
@Suite struct DashboardFileTests {
    func load(_ dashboard: String) throws -> ProjectLoadResult {
        let folder = try TemporaryDirectory()
        let files = [
            "tessera.yaml": "mesh: m\ngovernance: {require_owner: false, require_description: false}\n",
            "domains/sales/domain.yaml": "description: Sales.\n",
            "domains/finance/domain.yaml": "description: Finance.\n",
            "domains/sales/models/daily.sql": "select 1 as id\n",
            "domains/sales/products/daily.yaml": "contract: {columns: [{name: id, type: INTEGER}]}\n",
            "domains/sales/dashboards/overview.yaml": dashboard,
        ]
        for (path, text) in files { try folder.write(path, text) }
        return ProjectLoader(root: folder.url, environment: [:]).load()
    }

    @Test func aDashboardIsReadWithItsParametersChartsAndEncoding() throws {
        let result = try load(
            """
            title: Overview
            readers: [finance]
            columns: 3
            parameters:
              period: {type: date_range, default: last_7_days}
              region: {type: category, query: "select 1"}
            charts:
              - title: Ids
                sql: "select id from sales.daily"
                type: stacked_bar
                x: id
                y: [id]
                series: id
                width: 2
                number_format: "0.0%"

            """)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let dashboard = try #require(result.project?.domain(named: "sales")?.dashboards.first)
        #expect(dashboard.qualifiedName == "sales.overview")
        #expect(dashboard.readers == ["finance"])
        #expect(dashboard.columns == 3)
        #expect(dashboard.parameters.map(\.name).sorted() == ["period", "region"])
        let chart = try #require(dashboard.charts.first)
        #expect(chart.type == .stackedBar)
        #expect(chart.width == 2)
        #expect(chart.encoding.series?.column == "id")
        #expect(
            chart.encoding.y.first?.location
                == SourceLocation(file: "domains/sales/dashboards/overview.yaml", line: 12, column: 9))
    }

    @Test func mistakesAreReportedWhereTheyAre() throws {
        let result = try load(
            """
            title: Overview
            owner: finance
            readers: [nobody]
            parameters:
              period: {type: date_range, default: yesterday}
            charts:
              - title: Ids
                sql: "select id from sales.daily"
                type: pie
              - sql: "select 1 as x"
                type: line
                width: 9

            """)
        let text = result.diagnostics.map(\.description)
        let file = "domains/sales/dashboards/overview.yaml"
        #expect(text.contains { $0.hasPrefix("\(file):2:8: error: owner 'finance' is not the domain") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("\(file):3:11:") && $0.contains("nobody") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("\(file):5:39: error: invalid date range 'yesterday'") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("\(file):9:11: error: invalid value 'pie'") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("\(file):10:5: error: missing required key 'x'") }, "\(text)")
        #expect(text.contains { $0.hasPrefix("\(file):12:12: error: 'width' must be 1 to 4") }, "\(text)")
    }
}
