import Foundation
import Testing

@testable import TesseraCore
@testable import TesseraWeb

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The profile's small charts: a histogram between quantiles whose bars' areas are the shares of
/// values, and top values as bars of their share.
@Suite struct ProfileChartsTests {
    typealias Column = CatalogShowReport.ProfileSummary.Column
    typealias Quantile = CatalogShowReport.ProfileSummary.Quantile

    static let quantiles: [Quantile] = [
        .init(p: 0, value: 0), .init(p: 0.05, value: 1), .init(p: 0.25, value: 2), .init(p: 0.5, value: 4),
        .init(p: 0.75, value: 8), .init(p: 0.95, value: 18), .init(p: 1, value: 100),
    ]

    @Test func binsLieBetweenQuantilesWithTheirShares() {
        let bins = HistogramBin.between(Self.quantiles)
        #expect(bins.map(\.share).map { ($0 * 100).rounded() } == [5, 20, 25, 25, 20, 5])
        #expect(bins.first == HistogramBin(from: 0, to: 1, share: 0.05))
        // Density is share over width: the narrow bin between p5 and p25 is the densest.
        #expect(bins.max { $0.density < $1.density } == HistogramBin(from: 1, to: 2, share: 0.2))
        // Equal quantiles (many equal values) make a bin of no width: infinitely dense.
        let spike = HistogramBin.between([.init(p: 0, value: 3), .init(p: 0.5, value: 3), .init(p: 1, value: 9)])
        #expect(spike.first?.density == .infinity)
    }

    @Test func theHistogramDrawsABarPerBinWithinItsBox() throws {
        var column = Column(name: "amount", nulls: 0, distinct: 1000, min: "0", max: "100")
        column.kind = "number"
        column.quantiles = Self.quantiles
        let svg = ProfileCharts.figure(column).rendered
        #expect(svg.components(separatedBy: "<rect").count - 1 == 6)
        #expect(svg.contains("aria-label=\"Distribution of amount: from 0 to 100, median 4\""))
        let document = try XMLDocument(xmlString: svg)
        let widths = try document.nodes(forXPath: "//rect/@width").compactMap { Double($0.stringValue ?? "") }
        let xs = try document.nodes(forXPath: "//rect/@x").compactMap { Double($0.stringValue ?? "") }
        for (x, width) in zip(xs, widths) { #expect(x >= 0 && x + width <= 230.5) }
    }

    @Test func topValuesAreBarsOfTheirShareAndTimesPrintAsDays() {
        var column = Column(name: "status", nulls: 0, distinct: 2, min: nil, max: nil)
        column.count = 4
        column.top = [.init(value: "shipped", count: 3), .init(value: "<placed>", count: 1)]
        let svg = ProfileCharts.figure(column).rendered
        #expect(svg.contains("75 %") && svg.contains("25 %"))
        #expect(svg.contains("&lt;placed&gt;") && !svg.contains("<placed>"))
        var time = Column(name: "at", nulls: 0, distinct: 2, min: nil, max: nil)
        time.kind = "time"
        #expect(ProfileCharts.format(1_796_601_600, time) == "2026-12-07")
        #expect(ProfileCharts.figure(Column(name: "x", nulls: 1, distinct: nil, min: nil, max: nil)).rendered == "—")
    }
}
