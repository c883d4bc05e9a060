import Foundation
import Testing
import TesseraCharts
import TesseraModel

/// Ticks, scales and the number and date formats, against values worked out by hand.
@Suite struct ScaleAndFormatTests {
    @Test func ticksAreRoundStepsEnclosingTheData() {
        #expect(Ticks.nice(0, 97) == [0, 20, 40, 60, 80, 100])
        #expect(Ticks.nice(0.1, 0.95, count: 4) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(Ticks.nice(-13, 42, count: 5) == [-20, -10, 0, 10, 20, 30, 40, 50])
        // One value: the axis runs from zero to past it.
        #expect(Ticks.nice(5, 5).first == 0)
        #expect((Ticks.nice(5, 5).last ?? 0) > 5)
        #expect(Ticks.niceStep(0.37) == 0.5)
        #expect(Ticks.niceStep(1234) == 1000)
        #expect(Ticks.niceStep(1600) == 2000)
    }

    @Test func scalesMapTheDomainOntoTheRange() {
        let y = LinearScale(domain: 0...100, start: 300, end: 100)
        #expect(y(0) == 300)
        #expect(y(100) == 100)
        #expect(y(25) == 250)
        let bands = BandScale(categories: ["a", "b", "c", "d"], start: 0, end: 400, padding: 0.2)
        #expect(bands.step == 100)
        #expect(bands.bandwidth == 80)
        #expect(bands.bandStart(2) == 210)
        #expect(bands.center(3) == 350)
    }

    @Test func numberFormatsFollowTheirPattern() {
        #expect(NumberFormat(pattern: "0,0").format(1_234_567) == "1,234,567")
        #expect(NumberFormat(pattern: "0.00").format(3.14159) == "3.14")
        #expect(NumberFormat(pattern: "0.0%").format(0.1234) == "12.3%")
        #expect(NumberFormat(pattern: "$0,0.00").format(-1234.5) == "-$1,234.50")
        #expect(NumberFormat(pattern: "0.0a").format(2_500_000) == "2.5M")
        #expect(NumberFormat(pattern: nil).format(1500) == "1,500")
        #expect(NumberFormat(pattern: nil).format(0.25) == "0.25")
        #expect(NumberFormat.isValid("0,0.00"))
        #expect(!NumberFormat.isValid("dollars"))
        #expect(NumberFormat(pattern: "0,0 €").format(12345) == "12,345 €")
    }

    @Test func dateFormatsAndTicksFollowTheCalendar() throws {
        let day = try #require(DateRangeText.Day(iso: "2026-03-07"))
        let seconds = Double(day.daysSinceEpoch) * 86_400 + 3_600 * 13 + 60 * 5
        #expect(DateFormat(pattern: nil).format(seconds) == "2026-03-07")
        #expect(DateFormat(pattern: "%a %e %B %Y, %H:%M").format(seconds) == "Sat 7 March 2026, 13:05")
        #expect(DateFormat.isValid("%d %b"))
        #expect(!DateFormat.isValid("%Q"))
        // Three months of days: ticks on month starts, labelled by month.
        let start = try #require(DateRangeText.Day(iso: "2026-01-10"))
        let end = try #require(DateRangeText.Day(iso: "2026-06-20"))
        let ticks = DateTicks.ticks(Double(start.daysSinceEpoch) * 86_400, Double(end.daysSinceEpoch) * 86_400)
        #expect(ticks.values.map { DateFormat(pattern: "%Y-%m-%d").format($0) }.allSatisfy { $0.hasSuffix("-01") })
        #expect(ticks.format == "%b %Y")
    }

    @Test func dateRangesReadBothForms() throws {
        let today = try #require(DateRangeText.Day(iso: "2026-03-01"))
        let last = try #require(DateRangeText.parse("last_7_days", today: today))
        #expect(last.lowerBound.description == "2026-02-23")
        #expect(last.upperBound == today)
        let explicit = try #require(DateRangeText.parse("2024-02-28..2024-03-01", today: today))
        #expect(explicit.upperBound.daysSinceEpoch - explicit.lowerBound.daysSinceEpoch == 2)  // a leap year
        #expect(DateRangeText.parse("2026-03-01..2026-02-01", today: today) == nil)
        #expect(DateRangeText.parse("2026-02-30..2026-03-01", today: today) == nil)
        #expect(DateRangeText.Day(daysSinceEpoch: 0).description == "1970-01-01")
    }
}
