import Foundation
import Testing

extension DashboardTests {
    /// finance reads sales.orders masked: the table chart shows the redaction, not a name;
    /// marketing is not shown the dashboard at all.
    @Test func aReaderFromAnotherDomainSeesMaskedValuesAndOthersAreRefused() throws {
        let dir = try mesh()
        #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let pdf = dir.url.appendingPathComponent("finance.pdf")
        let render = try TesseraBinary.run(
            [
                "dashboard", "render", "sales.overview", "--format", "pdf", "--out", pdf.path, "--as-domain", "finance",
                "--param", "region=north",
            ], in: dir.url)
        #expect(render.status == 0, "\(render.stdout)\(render.stderr)")
        let text = try renderedText(pdf)
        #expect(text.contains("domain finance"))
        #expect(text.contains("****"), "no masked value in:\n\(text)")
        for order in Self.orders { #expect(!text.contains(order.3), "\(order.3) in clear for finance") }
        // The numbers are not masked: the bar chart's total for a region is there.
        #expect(text.contains("Revenue by region"))

        let refused = try TesseraBinary.run(
            [
                "dashboard", "render", "sales.overview", "--format", "pdf", "--out", pdf.path, "--as-domain",
                "marketing",
            ],
            in: dir.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("may not be shown dashboard sales.overview"), "\(refused.stderr)")
        let list = try TesseraBinary.run(["dashboard", "list", "--as-domain", "marketing"], in: dir.url)
        #expect(!list.stdout.contains("sales.overview"))
    }

    /// A chart naming a column its SQL does not return is reported where the file names it.
    @Test func validateReportsAnUnknownColumnAtItsPlace() throws {
        let dir = try mesh()
        try dir.write(
            "domains/sales/dashboards/broken.yaml",
            """
            title: Broken
            charts:
              - title: Revenue by region
                sql: "select region, sum(revenue) as revenue from sales.orders group by region"
                type: bar
                x: region
                y: revnue

            """)
        let outcome = try TesseraBinary.run(["validate"], in: dir.url)
        #expect(outcome.status != 0)
        let output = outcome.stdout + outcome.stderr
        #expect(output.contains("domains/sales/dashboards/broken.yaml:7:8"), "\(output)")
        #expect(output.contains("no column 'revnue'") && output.contains("did you mean 'revenue'"), "\(output)")
    }

    /// The bars of the bar chart, measured in the pixels of the page pdftoppm draws: one run of
    /// columns of the first series colour per region, heights proportional to the revenue.
    @Test func barHeightsInThePDFAreProportionalToTheData() throws {
        let dir = try mesh()
        #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let pdf = dir.url.appendingPathComponent("bars.pdf")
        let render = try TesseraBinary.run(
            ["dashboard", "render", "sales.bars", "--format", "pdf", "--out", pdf.path], in: dir.url)
        #expect(render.status == 0, "\(render.stderr)")
        let prefix = dir.url.appendingPathComponent("page").path
        let raster = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/pdftoppm"), ["-r", "100", "-f", "1", "-l", "1", pdf.path, prefix])
        #expect(raster.status == 0, "\(raster.stderr)")
        let image = try PPMImage(url: URL(fileURLWithPath: prefix + "-1.ppm"))
        let heights = image.barHeights(red: 0x4E, green: 0x79, blue: 0xA7)
        let regions = Set(Self.orders.map(\.1)).sorted()
        #expect(heights.count == regions.count, "\(heights)")
        guard heights.count == regions.count, let first = heights.first, first > 0 else { return }
        for (region, height) in zip(regions, heights) {
            let expected = Double(Self.revenue(of: region)) / Double(Self.revenue(of: regions[0]))
            // Within two pixels of the proportional height.
            #expect(abs(Double(height) - expected * Double(first)) <= 2, "\(region): \(height) vs \(heights)")
        }
    }
}

/// A binary PPM (P6) as pdftoppm writes it.
struct PPMImage {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init(url: URL) throws {
        let data = [UInt8](try Data(contentsOf: url))
        var fields: [String] = []
        var index = 0
        while fields.count < 4, index < data.count {
            while index < data.count, data[index] == 0x20 || data[index] == 0x0A { index += 1 }
            var field = ""
            while index < data.count, data[index] != 0x20, data[index] != 0x0A {
                field.append(Character(UnicodeScalar(data[index])))
                index += 1
            }
            fields.append(field)
        }
        index += 1
        width = Int(fields[1]) ?? 0
        height = Int(fields[2]) ?? 0
        pixels = Array(data[index...])
    }

    /// For each run of adjacent columns holding the colour, the most pixels of it in a column.
    func barHeights(red: UInt8, green: UInt8, blue: UInt8) -> [Int] {
        var counts = [Int](repeating: 0, count: width)
        for y in 0..<height {
            for x in 0..<width {
                let at = (y * width + x) * 3
                if abs(Int(pixels[at]) - Int(red)) <= 2, abs(Int(pixels[at + 1]) - Int(green)) <= 2,
                    abs(Int(pixels[at + 2]) - Int(blue)) <= 2
                {
                    counts[x] += 1
                }
            }
        }
        var bars: [Int] = []
        var current = 0
        for count in counts + [0] {
            if count > 0 {
                current = max(current, count)
            } else if current > 0 {
                bars.append(current)
                current = 0
            }
        }
        return bars
    }
}
