import Foundation
import Testing
import TesseraCharts
import TesseraModel

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every chart type drawn into a scene, written as SVG, read back by an XML parser; and the
/// bars of a bar chart as tall as their values say.
@Suite struct SVGWriterTests {
    static func chart(_ type: ChartType, x: String? = "region", y: [String] = ["revenue"], series: String? = nil)
        -> Chart
    {
        let at = SourceLocation(file: "d.yaml")
        func field(_ name: String) -> ChartEncoding.Field { .init(column: name, location: at) }
        return Chart(
            title: "\(type.rawValue) <&> chart", sql: "select 1", sqlLocation: TextLocation(start: at, isBlock: false),
            type: type,
            encoding: ChartEncoding(
                x: x.map(field), y: y.map(field), series: series.map(field),
                compare: type == .number ? field("before") : nil,
                xTitle: "Region", yTitle: "Revenue"),
            location: at)
    }

    static let table = ChartTable(
        columns: [
            ChartColumn(name: "region", kind: .text), ChartColumn(name: "channel", kind: .text),
            ChartColumn(name: "revenue", kind: .number), ChartColumn(name: "before", kind: .number),
        ],
        rows: [
            [.text("north"), .text("web"), .number(100), .number(80)],
            [.text("south"), .text("web"), .number(250), .number(300)],
            [.text("north"), .text("shop"), .number(50), .number(10)],
            [.text("east & west"), .text("shop"), .number(400), .number(20)],
        ])

    @Test func everyChartTypeWritesSVGThatParses() throws {
        let types: [Chart] = [
            Self.chart(.bar), Self.chart(.stackedBar, series: "channel"), Self.chart(.line, series: "channel"),
            Self.chart(.area), Self.chart(.scatter, x: "before"), Self.chart(.table, x: nil, y: []),
            Self.chart(.number, x: nil), Self.chart(.histogram, x: "revenue", y: []),
        ]
        let document = DashboardDocument(
            title: "Sales <overview>", description: "All \"regions\"", parameters: ["region = north"],
            viewer: "domain finance", snapshots: ["sales.orders@s1"], renderedAt: "2026-03-01 10:00:00 UTC",
            columns: 2, entries: types.map { .init(chart: $0, outcome: .data(Self.table)) })
        let scene = DashboardLayout.scene(document, paper: .a4)
        let svg = SVGWriter.svg(scene)
        let xml = try XMLDocument(data: Data(svg.utf8))
        #expect(xml.rootElement()?.name == "svg")
        let texts = try xml.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("Sales <overview>"))
        #expect(texts.contains("east & west"))
        #expect(
            try xml.nodes(forXPath: "//*[local-name()='desc']").first?.stringValue?.contains("domain finance") == true)
        // Eight charts on a two-column grid with cells this tall need two A4 pages.
        #expect(scene.pages.count == 2)
    }

    @Test func barsAreProportionalToTheirValues() {
        let single = ChartTable(
            columns: [ChartColumn(name: "region", kind: .text), ChartColumn(name: "revenue", kind: .number)],
            rows: [[.text("a"), .number(100)], [.text("b"), .number(300)], [.text("c"), .number(200)]])
        let items = ChartDrawing.draw(
            Self.chart(.bar), outcome: .data(single), in: Rect(x: 0, y: 0, width: 300, height: 200))
        let bars = items.compactMap { item -> Rect? in
            if case .rect(let rect, let fill, _, _) = item, fill == Palette.color(0) { return rect }
            return nil
        }
        #expect(bars.count == 3)
        guard bars.count == 3 else { return }
        #expect(abs(bars[1].height / bars[0].height - 3) < 0.001)
        #expect(abs(bars[2].height / bars[0].height - 2) < 0.001)
    }

    @Test func aMeasureThatIsTextForThisViewerIsANoticeNotAChart() {
        let masked = ChartTable(
            columns: [ChartColumn(name: "region", kind: .text), ChartColumn(name: "revenue", kind: .text)],
            rows: [[.text("a"), .text("****")]])
        let items = ChartDrawing.draw(
            Self.chart(.bar), outcome: .data(masked), in: Rect(x: 0, y: 0, width: 300, height: 200))
        let texts = items.compactMap { item -> String? in if case .text(let text) = item { text.text } else { nil } }
        #expect(texts.contains { $0.contains("not a number for this viewer") })
    }
}

extension SVGWriterTests {
    /// A big number too long for its cell is drawn smaller, whole, never cut.
    @Test func aLongBigNumberShrinksInsteadOfBeingCut() {
        let table = ChartTable(
            columns: [ChartColumn(name: "revenue", kind: .number), ChartColumn(name: "before", kind: .number)],
            rows: [[.number(124_075_512.75), .number(100)]])
        let items = ChartDrawing.draw(
            Self.chart(.number, x: nil), outcome: .data(table), in: Rect(x: 0, y: 0, width: 200, height: 180))
        let texts = items.compactMap { item -> TextItem? in if case .text(let text) = item { text } else { nil } }
        let value = texts.first { $0.text.hasPrefix("124,075,512") }
        #expect(value != nil, "\(texts.map(\.text))")
        if let value { #expect(TextMetrics.width(value.text, size: value.size, bold: true) <= 200) }
    }
}
