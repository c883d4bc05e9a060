import Foundation
import Testing

@testable import TesseraCore
@testable import TesseraWeb

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SQL lab's charts: columns judged from the page's values, the guess, the choice checked
/// against the columns (and refused in words), and the SVG drawn inside its box.
@Suite struct ResultChartTests {
    static func columns(_ names: [String], _ rows: [[String?]]) -> ResultColumns {
        ResultColumns(Queries.Table(columns: names, rows: rows, truncated: false))
    }

    static let daily = columns(
        ["day", "orders", "refunds", "region"],
        [
            ["2026-12-03", "7", "1", "north"], ["2026-12-01", "4", nil, "south"],
            ["2026-12-02", "9", "2", "north"],
        ])

    @Test func kindsComeFromEveryValueOnThePage() {
        #expect(Self.daily.kinds == [.time, .number, .number, .text])
        #expect(ResultColumns.kind(of: ["1", "2.5", "-3e2"]) == .number)
        #expect(ResultColumns.kind(of: ["2026-12-07 10:30:00", "2026-12-07 11:00:00.5+01:00"]) == .time)
        #expect(ResultColumns.kind(of: ["5", "2026-12-07"]) == .text)
        #expect(ResultColumns.kind(of: ["1", "inf"]) == .text)
        #expect(ResultColumns.kind(of: [String]()) == .text)
    }

    @Test func timesReadAsDuckDBWritesThem() throws {
        #expect(ResultTime.seconds("1970-01-02") == 86_400)
        #expect(ResultTime.seconds("2026-12-07") == 1_796_601_600)
        #expect(ResultTime.seconds("2026-12-07 10:30:00+01") == 1_796_601_600 + 9.5 * 3600)
        #expect(ResultTime.seconds("2026-12-07T10:30:15.25Z") == 1_796_601_600 + 10.5 * 3600 + 15.25)
        #expect(ResultTime.seconds("1969-12-31 23:00:00-05:30") == -3600 + 5.5 * 3600)
        for bad in ["2026-13-01", "2026-12-07 10", "2026/12/07", "2026-12-07 10:30 UTC", "12"] {
            #expect(ResultTime.seconds(bad) == nil, "\(bad)")
        }
        let seconds = try #require(ResultTime.seconds("2024-02-29 23:59:00"))
        #expect(ResultTime.text(seconds, withTime: true) == "2024-02-29 23:59")
        #expect(ResultTime.text(-86_400, withTime: false) == "1969-12-31")
    }

    @Test func theGuessFollowsTheFirstColumns() {
        #expect(ResultChart.guess(Self.daily) == ResultChart(kind: .line, x: "day", y: ["orders", "refunds"]))
        let labelled = Self.columns(["email", "amount"], [["a@x", "3"], ["b@x", "4.5"]])
        #expect(ResultChart.guess(labelled) == ResultChart(kind: .bar, x: "email", y: ["amount"]))
        let pairs = Self.columns(["height", "weight"], [["1.8", "80"], ["1.6", nil]])
        #expect(ResultChart.guess(pairs).kind == .scatter)
        #expect(ResultChart.guess(Self.columns(["a", "b"], [["x", "y"]])).kind == .table)
        #expect(ResultChart([:], Self.daily) == ResultChart.guess(Self.daily))
    }

    @Test func aChoiceThatCannotBeDrawnSaysWhyInWords() throws {
        func problem(_ form: [String: String]) -> String? {
            if case .failure(let problem) = ResultChart(form, Self.daily).plan(Self.daily) { return problem.sentence }
            return nil
        }
        #expect(problem(["chart": "line", "x": "region", "y1": "orders"])?.contains("region holds text") == true)
        #expect(problem(["chart": "scatter", "x": "day", "y1": "region"])?.contains("\"north\" on this page") == true)
        #expect(problem(["chart": "bar", "x": "gone", "y1": "orders"])?.contains("no column gone") == true)
        #expect(problem(["chart": "table"])?.contains("table only") == true)
        #expect(problem(["chart": "bar", "x": "region", "y1": "orders", "y2": "refunds"]) == nil)
        let plan = try ResultChart(["chart": "bar", "x": "region", "y1": "orders", "y2": "refunds"], Self.daily)
            .plan(Self.daily).get()
        #expect(plan.y == ["orders"])
    }

    @Test func aLineIsDrawnInXOrderInsideItsBox() throws {
        let plan = try ResultChart(["chart": "line", "x": "day", "y1": "orders", "y2": "refunds"], Self.daily)
            .plan(Self.daily).get()
        let chart = try XYChart.make(plan, Self.daily).get()
        #expect(chart.series.map { $0.points.map(\.y) } == [[4, 9, 7], [2, 1]])
        let svg = chart.render().rendered
        #expect(svg.contains("role=\"img\""))
        #expect(
            svg.contains(
                "aria-label=\"Line chart of orders, refunds against day: 5 points, day from 2026-12-01 to 2026-12-03\"")
        )
        let document = try XMLDocument(xmlString: svg)
        #expect(try document.nodes(forXPath: "//*[local-name()='circle']").count == 5)
        #expect(try document.nodes(forXPath: "//*[local-name()='path'][@class='line']").count == 2)
        for attribute in ["cx", "cy"] {
            let values = try document.nodes(forXPath: "//*[local-name()='circle']/@\(attribute)")
                .compactMap { Double($0.stringValue ?? "") }
            let limit = attribute == "cx" ? XYChart.width : XYChart.height
            #expect(values.count == 5 && values.allSatisfy { $0 >= 0 && $0 <= limit })
        }
        // The earliest day is leftmost: the rows came out of order.
        let xs = try document.nodes(forXPath: "//*[local-name()='g'][@class='series s0']/*[local-name()='circle']/@cx")
            .compactMap { Double($0.stringValue ?? "") }
        #expect(xs == xs.sorted() && xs.first == XYChart.left)
    }

    /// Numbers on x widen to round ticks: the scatter's points lie inside the axis, not on its ends.
    @Test func aScatterOfNumbersSitsInsideRoundAxes() throws {
        let amounts = Self.columns(["amount", "half"], [["10.5", "5.25"], ["7.25", "3.625"], ["99", "49.5"]])
        let plan = try ResultChart([:], amounts).plan(amounts).get()
        #expect(plan.kind == .scatter)
        let svg = try XYChart.make(plan, amounts).get().render().rendered
        let document = try XMLDocument(xmlString: svg)
        let xs = try document.nodes(forXPath: "//*[local-name()='circle']/@cx").compactMap {
            Double($0.stringValue ?? "")
        }
        #expect(xs.count == 3 && xs.allSatisfy { $0 > XYChart.left && $0 < XYChart.width - XYChart.right })
        #expect(try document.nodes(forXPath: "//*[local-name()='path'][@class='line']").isEmpty)
        // 7.25 to 99 widens to 0 to 100: 99 sits just left of the axis's end.
        #expect(abs((xs.max() ?? 0) - (XYChart.left + 0.99 * (XYChart.width - XYChart.left - XYChart.right))) < 0.1)
    }

    /// Previous and Next post the choice again: the next page is charted the same way.
    @Test func theChoiceTravelsWithThePage() {
        let chosen = ResultChart(["chart": "scatter", "x": "orders", "y1": "refunds", "y2": ""], Self.daily)
        #expect(chosen == ResultChart(kind: .scatter, x: "orders", y: ["refunds"]))
        #expect(chosen.fields.map { "\($0.name)=\($0.value)" } == ["chart=scatter", "x=orders", "y1=refunds"])
        #expect(
            ResultChart(Dictionary(uniqueKeysWithValues: chosen.fields.map { ($0.name, $0.value) }), Self.daily)
                == chosen)
    }

    @Test func ticksAreRound() {
        #expect(AxisTicks.numbers(0, 97) == [0, 20, 40, 60, 80])
        #expect(AxisTicks.numbers(-0.3, 0.3) == [-0.2, 0, 0.2])
        #expect(AxisTicks.numbers(5, 5) == [5])
        #expect(AxisTicks.rounded((low: 7.25, high: 99)) == (low: 0, high: 100))
        let day = 86_400.0
        #expect(AxisTicks.times(0, 10 * day) == stride(from: 0, through: 10 * day, by: 2 * day).map { $0 })
        // Two days of dates: ticked each day, not at noon.
        #expect(AxisTicks.times(0, 2 * day).count == 5)
        #expect(AxisTicks.times(0, 2 * day, atLeast: day) == [0, day, 2 * day])
    }

    @Test func theFormLabelsEverySelectAndCarriesTheToken() {
        let section = ResultChartSection(
            chart: ResultChart.guess(Self.daily), columns: Self.daily,
            hidden: HTML.void("input", ["type": "hidden", "name": "csrf", "value": "token-1"]), firstRow: 1)
        let html = section.render().rendered
        for id in ["chart-kind", "chart-x", "chart-y1", "chart-y2", "chart-y3"] {
            #expect(html.contains("<label for=\"\(id)\">") && html.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("name=\"csrf\" value=\"token-1\""))
        #expect(html.contains("<option value=\"line\" selected>Line chart</option>"))
        #expect(html.contains("from this page's rows 1–3 only"))
    }
}
