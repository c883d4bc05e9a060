import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Dashboards through the real binary: every chart type rendered to PDF, PNG and SVG; the PDF's
/// text read back by poppler's pdftotext, its bars measured in pixels from pdftoppm; a reader from
/// another domain sees masked values; validate points at a chart's unknown column.
@Suite(.serialized) struct DashboardTests {
    /// Orders: (day, region, channel, customer, revenue). The expectations below are computed
    /// from these rows, never written out.
    static let orders: [(String, String, String, String, Int)] = [
        ("2026-01-05", "north", "web", "Ana Lima", 120), ("2026-01-19", "north", "shop", "Bo Chen", 80),
        ("2026-02-02", "south", "web", "Cy Diaz", 300), ("2026-02-16", "south", "web", "Di Egan", 150),
        ("2026-02-20", "east", "shop", "Ed Fox", 60), ("2026-03-03", "east", "web", "Fay Gill", 30),
        ("2026-03-17", "west", "shop", "Gus Hale", 210), ("2026-03-30", "north", "web", "Hal Ives", 100),
    ]

    static func revenue(of region: String) -> Int { orders.filter { $0.1 == region }.map(\.4).reduce(0, +) }

    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml",
            """
            mesh: acme
            governance: {require_description: false, require_classification: false, pii_requires_mask: false}

            """)
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write("domains/finance/domain.yaml", "owner: finance@acme.example\n")
        try dir.write("domains/marketing/domain.yaml", "owner: marketing@acme.example\n")
        let values = Self.orders.map { "(DATE '\($0.0)', '\($0.1)', '\($0.2)', '\($0.3)', \($0.4))" }
        try dir.write(
            "domains/sales/models/orders.sql",
            "select * from (values \(values.joined(separator: ", "))) t(day, region, channel, customer, revenue)\n")
        try dir.write(
            "domains/sales/products/orders.yaml",
            """
            model: orders
            contract:
              columns:
                - {name: day, type: DATE}
                - {name: region, type: VARCHAR}
                - {name: channel, type: VARCHAR}
                - {name: customer, type: VARCHAR, classification: pii}
                - {name: revenue, type: INTEGER}
            access:
              readers: [finance]
              masks: {customer: redact}

            """)
        try dir.write("domains/sales/dashboards/overview.yaml", Self.overview)
        try dir.write("domains/sales/dashboards/bars.yaml", Self.bars)
        return dir
    }

    static let overview = """
        title: Sales overview
        description: Revenue by region, channel and day.
        owner: sales
        readers: [finance]
        parameters:
          period: {type: date_range, default: 2026-01-01..2026-03-31}
          region: {type: category, query: "select distinct region from sales.orders order by 1"}
        charts:
          - title: Revenue by region
            sql: "select region, sum(revenue) as revenue from sales.orders where day between @period.start and @period.end group by region"
            type: bar
            x: region
            y: revenue
            sort: descending
            x_title: Sales region
            y_title: Revenue in euros
          - title: Revenue by region and channel
            sql: "select region, channel, sum(revenue) as revenue from sales.orders group by all order by all"
            type: stacked_bar
            x: region
            y: revenue
            series: channel
          - title: Revenue per day
            sql: "select day, sum(revenue) as revenue from sales.orders group by day"
            type: line
            x: day
            y: revenue
            date_format: "%d %b"
          - title: Cumulative revenue
            sql: "select day, sum(sum(revenue)) over (order by day) as total from sales.orders group by day"
            type: area
            x: day
            y: total
          - title: Orders by size and day of month
            sql: "select extract(day from day) as dom, revenue from sales.orders"
            type: scatter
            x: dom
            y: revenue
          - title: Order sizes
            sql: "select revenue from sales.orders"
            type: histogram
            x: revenue
            bins: 5
          - title: Revenue this quarter
            sql: "select sum(revenue) as revenue, sum(revenue) filter (where day < DATE '2026-02-01') as january from sales.orders"
            type: number
            y: revenue
            compare: january
            number_format: "0,0 €"
          - title: Orders in the selected region
            sql: "select customer, channel, revenue from sales.orders where region = @region order by revenue desc"
            type: table
            columns: [customer, channel, revenue]

        """

    static let bars = """
        title: Bars only
        readers: [finance]
        charts:
          - title: Revenue by region
            sql: "select region, sum(revenue) as revenue from sales.orders group by region order by region"
            type: bar
            x: region
            y: revenue
            width: 2

        """

    func renderedText(_ pdf: URL) throws -> String {
        let outcome = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-layout", pdf.path, "-"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout
    }

    @Test func everyChartTypeRendersToPDFPNGAndSVGAsTheOwner() throws {
        let dir = try mesh()
        let run = try TesseraBinary.run(["run"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let validate = try TesseraBinary.run(["validate"], in: dir.url)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let list = try TesseraBinary.run(["dashboard", "list", "--as-domain", "finance"], in: dir.url)
        #expect(list.stdout.contains("sales.overview") && list.stdout.contains("Sales overview"), "\(list.stderr)")

        let pdf = dir.url.appendingPathComponent("overview.pdf")
        let render = try TesseraBinary.run(
            [
                "dashboard", "render", "sales.overview", "--format", "pdf", "--out", pdf.path, "--as-domain", "sales",
                "--param", "region=north",
            ], in: dir.url)
        #expect(render.status == 0, "\(render.stdout)\(render.stderr)")
        let text = try renderedText(pdf)
        for expected in ["Sales overview", "Sales region", "Revenue in euros", "region = north", "domain sales"] {
            #expect(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
        // The table chart: the north orders, customers in clear for the owner.
        for order in Self.orders where order.1 == "north" {
            #expect(text.contains(order.3), "missing \(order.3)")
        }
        #expect(!text.contains("Cy Diaz"), "a south order in the north table")
        #expect(text.contains("sales.orders@"), "the snapshot id is not in the header:\n\(text)")
        let fonts = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/pdffonts"), [pdf.path])
        #expect(fonts.stdout.contains("DejaVuSans"), "\(fonts.stdout)")
        #expect(fonts.stdout.split(separator: "\n").dropFirst(2).allSatisfy { $0.contains(" yes ") }, "\(fonts.stdout)")
        let info = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [pdf.path])
        #expect(info.stdout.contains("principal=domain sales"), "\(info.stdout)")
        #expect(info.stdout.contains("Page size:") && info.stdout.contains("595.28 x 841.89"), "\(info.stdout)")

        let letter = dir.url.appendingPathComponent("letter.pdf")
        _ = try TesseraBinary.run(
            ["dashboard", "render", "overview", "--format", "pdf", "--paper", "letter", "--out", letter.path],
            in: dir.url)
        let letterInfo = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [letter.path])
        #expect(letterInfo.stdout.contains("612 x 792"), "\(letterInfo.stdout)")

        let png = dir.url.appendingPathComponent("overview.png")
        let image = try TesseraBinary.run(
            ["dashboard", "render", "sales.overview", "--format", "png", "--out", png.path], in: dir.url)
        #expect(image.status == 0, "\(image.stderr)")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(bytes.range(of: Data("principal=the mesh operator".utf8)) != nil)

        let svg = dir.url.appendingPathComponent("overview.svg")
        let vector = try TesseraBinary.run(
            ["dashboard", "render", "sales.overview", "--format", "svg", "--out", svg.path], in: dir.url)
        #expect(vector.status == 0, "\(vector.stderr)")
        let xml = try XMLDocument(contentsOf: svg)
        let texts = try xml.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("Sales overview"))
    }
}
