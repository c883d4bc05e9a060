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
