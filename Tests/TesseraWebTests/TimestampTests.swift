import Foundation
import Testing

@testable import TesseraCore
@testable import TesseraWeb

/// Times for people, in UTC whatever the machine's zone.
@Suite struct TimestampTests {
    let instant = Date(timeIntervalSince1970: 1_796_533_629)  // 2026-12-06 05:07:09 UTC

    @Test func readableTimesAreUTCToTheMinute() {
        #expect(Timestamp.readable(instant) == "2026-12-06 05:07 UTC")
        #expect(Timestamp.readable("2026-12-06T05:07:09Z") == "2026-12-06 05:07 UTC")
        #expect(Timestamp.readable("not a time") == "not a time")
    }

    @Test func textTimesAreUTCToTheSecond() {
        #expect(Timestamps.text(instant) == "2026-12-06 05:07:09")
        #expect(Timestamps.text(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00:00")
    }
}

/// Numbers in SVG attributes: one decimal at most, as `%.1f` would round them.
@Suite struct SVGNumberTests {
    @Test func numbersHaveOneDecimalAtMost() {
        let cases: [(Double, String)] = [
            (0, "0"), (12, "12"), (12.04, "12"), (12.05, "12.1"), (-0.25, "-0.3"), (-0.04, "0"), (3.96, "4"),
            (-17.5, "-17.5"), (230.0 / 3, "76.7"), (1e9 + 0.5, "1000000000.5"),
        ]
        for (value, text) in cases { #expect(LineageSVG.number(value) == text, "\(value)") }
    }
}
