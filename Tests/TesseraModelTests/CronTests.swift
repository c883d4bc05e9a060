import Foundation
import Testing
@testable import TesseraModel

@Suite("Cron")
struct CronTests {
    @Test func fieldsExpand() throws {
        let cron = try Cron(parsing: "*/15 6-8,20 1,15 JAN-MAR,dec mon-fri")
        #expect(cron.minutes == [0, 15, 30, 45])
        #expect(cron.hours == [6, 7, 8, 20])
        #expect(cron.daysOfMonth == [1, 15])
        #expect(cron.months == [1, 2, 3, 12])
        #expect(cron.daysOfWeek == [1, 2, 3, 4, 5])
    }

    @Test func stepsFromAValueAndSundayAsSeven() throws {
        let cron = try Cron(parsing: "5/20 0-23/6 * * 7")
        #expect(cron.minutes == [5, 25, 45])
        #expect(cron.hours == [0, 6, 12, 18])
        #expect(cron.daysOfWeek == [0])
    }

    @Test func macros() throws {
        #expect(try Cron(parsing: "@hourly").minutes == [0])
        #expect(try Cron(parsing: "@hourly").hours.count == 24)
        #expect(try Cron(parsing: "@weekly").daysOfWeek == [0])
        #expect(try Cron(parsing: "@monthly").daysOfMonth == [1])
        #expect(try Cron(parsing: "@yearly").months == [1])
    }

    @Test(
        arguments: [
            ("0 6 * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 4", nil),
            ("0 6 * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), found 6", nil),
            ("60 * * * *", "minute field '60': 60 is out of range 0-59", Cron.Field.minute),
            ("0 24 * * *", "hour field '24': 24 is out of range 0-23", .hour),
            ("0 0 0 * *", "day-of-month field '0': 0 is out of range 1-31", .dayOfMonth),
            ("0 0 * 13 *", "month field '13': 13 is out of range 1-12", .month),
            ("0 0 * * 8", "day-of-week field '8': 8 is out of range 0-7", .dayOfWeek),
            ("0 0 * JAM *", "month field 'JAM': unknown name 'JAM' (did you mean 'JAN'?)", .month),
            ("0 0 * * MON-XYZ", "day-of-week field 'MON-XYZ': unknown name 'XYZ'", .dayOfWeek),
            ("0 MON * * *", "hour field 'MON': 'MON' is not a number", .hour),
            ("*/0 * * * *", "minute field '*/0': step '0' must be a positive number", .minute),
            ("0 10-2 * * *", "hour field '10-2': range start 10 is after its end 2", .hour),
            ("0 1,,2 * * *", "hour field '1,,2': empty item in list", .hour),
            ("0 1/2/3 * * *", "hour field '1/2/3': more than one '/' in '1/2/3'", .hour),
            ("@fortnightly", "unknown macro '@fortnightly'", nil),
        ] as [(String, String, Cron.Field?)])
    func rejects(expression: String, message: String, field: Cron.Field?) {
        #expect(throws: CronError.self) { try Cron(parsing: expression) }
        do {
            _ = try Cron(parsing: expression)
        } catch {
            #expect(error.message == message)
            #expect(error.field == field)
        }
    }

    @Test func nextFiresInUTC() throws {
        let formatter = ISO8601DateFormatter()
        let start = try #require(formatter.date(from: "2026-03-06T07:30:00Z"))  // a Friday
        let weekdays = try Cron(parsing: "0 6 * * MON-FRI")
        #expect(weekdays.next(after: start).map(formatter.string) == "2026-03-09T06:00:00Z")
        let quarterHour = try Cron(parsing: "*/15 * * * *")
        #expect(quarterHour.next(after: start).map(formatter.string) == "2026-03-06T07:45:00Z")
        let exact = try #require(formatter.date(from: "2026-03-06T07:45:00Z"))
        #expect(quarterHour.next(after: exact).map(formatter.string) == "2026-03-06T08:00:00Z")
        #expect(quarterHour.matches(exact))
        #expect(!weekdays.matches(exact))
        // Both day fields restricted: either matches (the 13th, or any Friday).
        let either = try Cron(parsing: "0 0 13 * FRI")
        #expect(either.next(after: start).map(formatter.string) == "2026-03-13T00:00:00Z")
        let leap = try Cron(parsing: "0 0 29 2 *")
        #expect(leap.next(after: start).map(formatter.string) == "2028-02-29T00:00:00Z")
        #expect(try Cron(parsing: "0 0 31 2 *").next(after: start) == nil)
    }
}

/// Schedules in a time zone, across its daylight-saving changes.
@Suite("Cron in a time zone")
struct CronTimeZoneTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")
    let iso = ISO8601DateFormatter()

    func fires(_ expression: String, zone: String, after start: String, count: Int) throws -> [String] {
        let cron = try Cron(parsing: expression, timeZone: try #require(TimeZone(identifier: zone)))
        var time = try #require(iso.date(from: start))
        var result: [String] = []
        for _ in 0..<count {
            time = try #require(cron.next(after: time))
            result.append(iso.string(from: time))
        }
        return result
    }

    @Test("on the zone's clocks, summer and winter") func wallClock() throws {
        #expect(
            try fires("0 9 * * *", zone: "America/New_York", after: "2026-01-15T00:00:00Z", count: 1) == [
                "2026-01-15T14:00:00Z"
            ])
        #expect(
            try fires("0 9 * * *", zone: "America/New_York", after: "2026-07-15T00:00:00Z", count: 1) == [
                "2026-07-15T13:00:00Z"
            ])
        #expect(
            try fires("0 6 * * MON", zone: "Asia/Kolkata", after: "2026-12-06T00:00:00Z", count: 1) == [
                "2026-12-07T00:30:00Z"
            ])
    }

    @Test("spring forward: a time the clocks skip fires once, when the gap ends") func springForward() throws {
        // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC).
        #expect(
            try fires("30 2 * * *", zone: "Europe/Berlin", after: "2026-03-28T12:00:00Z", count: 2) == [
                "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z",
            ])
        // 02:00, 02:30 and 03:00 all happen at 01:00 UTC: one fire, then 03:30.
        #expect(
            try fires("*/30 * * * *", zone: "Europe/Berlin", after: "2026-03-29T00:15:00Z", count: 3) == [
                "2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z",
            ])
    }

    @Test("fall back: a time the clocks read twice fires once, the first time") func fallBack() throws {
        // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:30 is read twice.
        #expect(
            try fires("30 2 * * *", zone: "Europe/Berlin", after: "2026-10-24T12:00:00Z", count: 2) == [
                "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z",
            ])
        // Hourly: the repeated 02:00 does not fire again.
        #expect(
            try fires("0 * * * *", zone: "Europe/Berlin", after: "2026-10-24T23:30:00Z", count: 3) == [
                "2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z",
            ])
    }

    @Test func previousAndMatches() throws {
        let zone = try #require(Self.berlin)
        let cron = try Cron(parsing: "30 2 * * *", timeZone: zone)
        let afterGap = try #require(iso.date(from: "2026-03-29T01:00:20Z"))
        #expect(cron.previous(atOrBefore: afterGap).map(iso.string) == "2026-03-29T01:00:00Z")
        #expect(cron.matches(afterGap))
        #expect(!cron.matches(try #require(iso.date(from: "2026-03-29T00:30:00Z"))))
        #expect(cron.description == "30 2 * * * (Europe/Berlin)")
        #expect(try Cron(parsing: "30 2 * * *").description == "30 2 * * *")
    }

    @Test func timeText() throws {
        let zone = try #require(Self.berlin)
        let date = try #require(iso.date(from: "2026-12-07T05:00:00Z"))
        #expect(TimeText.format(date, in: zone) == "2026-12-07 06:00 +01:00")
        #expect(TimeText.format(date.addingTimeInterval(30)) == "2026-12-07 05:00:30 UTC")
        #expect(TimeText.format(try #require(iso.date(from: "1969-12-31T23:59:00Z"))) == "1969-12-31 23:59 UTC")
    }
}
