import Foundation
import Testing
import DuckDB

@Suite struct TemporalTests {
    @Test func datesAndTimes() throws {
        let row = try #require(
            try makeConnection().rows(
                """
                SELECT DATE '2024-02-29', DATE '1969-12-31', 'infinity'::DATE, TIME '13:45:07.25', TIME '00:00:00',
                       TIMETZ '12:30:00+05:30'
                """
            ).first)
        #expect(row[0] == .date(try #require(DuckDBDate(year: 2024, month: 2, day: 29))))
        #expect(row[0] == .date(DuckDBDate(days: 19782)))
        #expect(row[1] == .date(DuckDBDate(days: -1)))
        #expect(row[1].description == "1969-12-31")
        #expect(row[2].description == "infinity")
        #expect(row[3] == .time(DuckDBTime(hour: 13, minute: 45, second: 7, microsecond: 250_000)))
        #expect(row[3].description == "13:45:07.25")
        #expect(row[4].description == "00:00:00")
        #expect(
            row[5] == .timeTZ(DuckDBTimeTZ(time: DuckDBTime(hour: 12, minute: 30, second: 0), offsetSeconds: 19800)))
        #expect(row[5].description == "12:30:00+05:30")
        #expect(DuckDBDate(year: 2023, month: 2, day: 29) == nil)
    }

    @Test func timestampsInEveryPrecision() throws {
        let row = try #require(
            try makeConnection().rows(
                """
                SELECT TIMESTAMP '2024-01-15 12:34:56.789012', '2024-01-15 12:34:56'::TIMESTAMP_S,
                       '2024-01-15 12:34:56.789'::TIMESTAMP_MS, '2024-01-15 12:34:56.789012345'::TIMESTAMP_NS,
                       TIMESTAMP '1960-06-01 00:00:00', 'infinity'::TIMESTAMP
                """
            ).first)
        let micros: Int64 = 1_705_322_096_789_012
        #expect(row[0] == .timestamp(DuckDBTimestamp(microseconds: micros)))
        #expect(row[0].description == "2024-01-15 12:34:56.789012")
        #expect(row[1] == .timestamp(DuckDBTimestamp(value: 1_705_322_096, precision: .seconds)))
        #expect(row[1].description == "2024-01-15 12:34:56")
        #expect(row[2] == .timestamp(DuckDBTimestamp(value: 1_705_322_096_789, precision: .milliseconds)))
        #expect(row[2].description == "2024-01-15 12:34:56.789")
        #expect(row[3] == .timestamp(DuckDBTimestamp(value: 1_705_322_096_789_012_345, precision: .nanoseconds)))
        #expect(row[3].description == "2024-01-15 12:34:56.789012345")
        #expect(row[4].description == "1960-06-01 00:00:00")
        #expect(row[5].description == "infinity")
        if case .timestamp(let ts) = row[0] {
            #expect(ts.foundationDate.timeIntervalSince1970 == 1_705_322_096.789012)
        }
    }

    @Test func timestampWithTimeZoneDecodesToTheInstant() throws {
        let connection = try makeConnection()
        try connection.execute("SET TimeZone = 'America/New_York'")
        // Noon in New York in January is 17:00 UTC (EST, UTC-5); in July it is 16:00 UTC (EDT).
        let row = try #require(
            try connection.rows(
                """
                SELECT TIMESTAMPTZ '2024-01-15 12:00:00', TIMESTAMPTZ '2024-07-15 12:00:00',
                       TIMESTAMPTZ '2024-01-15 12:00:00+00', TIMESTAMPTZ '2024-01-15 12:00:00'::VARCHAR
                """
            ).first)
        #expect(row[0] == .timestampTZ(DuckDBTimestamp(microseconds: 1_705_338_000_000_000)))
        #expect(row[0].description == "2024-01-15 17:00:00+00")
        #expect(row[1] == .timestampTZ(DuckDBTimestamp(microseconds: 1_721_059_200_000_000)))
        #expect(row[2] == .timestampTZ(DuckDBTimestamp(microseconds: 1_705_320_000_000_000)))
        #expect(row[3] == .varchar("2024-01-15 12:00:00-05"))
        // And a Date bound as a parameter is the same instant whatever the session time zone.
        let instant = Date(timeIntervalSince1970: 1_705_338_000)
        #expect(
            try connection.scalar("SELECT $1::VARCHAR", .timestampTZ(DuckDBTimestamp(instant)))
                == .varchar("2024-01-15 12:00:00-05"))
    }

    @Test func intervals() throws {
        let row = try #require(
            try makeConnection().rows(
                """
                SELECT INTERVAL '1 year 2 months 3 days 04:05:06.007', INTERVAL '-1 day -1 second', INTERVAL '0 seconds',
                       INTERVAL '90 minutes'
                """
            ).first)
        #expect(row[0] == .interval(DuckDBInterval(months: 14, days: 3, microseconds: 14_706_007_000)))
        #expect(row[0].description == "1 year 2 months 3 days 04:05:06.007")
        #expect(row[1] == .interval(DuckDBInterval(days: -1, microseconds: -1_000_000)))
        #expect(row[1].description == "-1 day -00:00:01")
        #expect(row[2].description == "00:00:00")
        #expect(row[3] == .interval(DuckDBInterval(microseconds: 5_400_000_000)))
    }
}
