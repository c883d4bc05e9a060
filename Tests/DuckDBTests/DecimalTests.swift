import Testing
import DuckDB

@Suite struct DecimalTests {
    @Test func everyStorageWidthKeepsExactDigits() throws {
        let row = try #require(
            try makeConnection().rows(
                """
                SELECT 123.4::DECIMAL(4,1), -999.9::DECIMAL(4,1),
                       123456789012.345678::DECIMAL(18,6), -0.000001::DECIMAL(18,6),
                       9999999999999999999999999999.9999999999::DECIMAL(38,10),
                       -9999999999999999999999999999.9999999999::DECIMAL(38,10),
                       0.5::DECIMAL(9,3), 12::DECIMAL(10,0)
                """
            ).first)
        #expect(
            row.map(\.description) == [
                "123.4", "-999.9", "123456789012.345678", "-0.000001",
                "9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999",
                "0.500", "12",
            ])
        #expect(row[0] == .decimal(DuckDBDecimal(unscaled: 1234, width: 4, scale: 1)))
        #expect(row[3] == .decimal(DuckDBDecimal(unscaled: -1, width: 18, scale: 6)))
        let max38 = try #require(DuckDBHugeInt("99999999999999999999999999999999999999"))
        #expect(row[4] == .decimal(DuckDBDecimal(unscaled: max38, width: 38, scale: 10)))
    }

    @Test func parsingMatchesDuckDB() throws {
        let parsed = try #require(DuckDBDecimal("-1234.5", width: 18, scale: 6))
        #expect(parsed.unscaled == DuckDBHugeInt(-1_234_500_000))
        #expect(parsed.description == "-1234.500000")
        #expect(DuckDBDecimal("1.2345", width: 4, scale: 1) == nil)
        #expect(DuckDBDecimal("12345", width: 4, scale: 1) == nil)
    }

    @Test func bindsExactly() throws {
        let connection = try makeConnection()
        let big = try #require(DuckDBDecimal("-1234567890123456789012345678.0123456789", width: 38, scale: 10))
        let text = try connection.scalar("SELECT $1::VARCHAR", .decimal(big))
        #expect(text == .varchar("-1234567890123456789012345678.0123456789"))
    }
}
