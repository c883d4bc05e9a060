import Foundation
import Testing
import DuckDB

@Suite struct AppenderTests {
    @Test func appendsTypedRows() throws {
        let connection = try makeConnection()
        try connection.execute(
            """
            CREATE TABLE t (id BIGINT, x DOUBLE, name VARCHAR, flag BOOLEAN, raw BLOB, day DATE, ts TIMESTAMP,
                            amount DECIMAL(18,6), tags VARCHAR[])
            """)
        let appender = try connection.appender(table: "t")
        #expect(appender.columnCount == 9)
        for i in 0..<3000 {
            try appender.append(Int64(i))
            try appender.append(Double(i) / 2)
            try appender.append("name \(i)")
            try appender.append(i % 2 == 0)
            try appender.append(Data([0, UInt8(i % 256)]))
            try appender.append(DuckDBDate(days: Int32(i)))
            try appender.append(DuckDBTimestamp(microseconds: Int64(i) * 1_000_000))
            try appender.append(DuckDBDecimal(unscaled: DuckDBHugeInt(Int64(i) * 1_000_001), width: 18, scale: 6))
            if i % 10 == 0 { try appender.appendNull() } else { try appender.append(DuckDBValue.list(["a", "b"])) }
            try appender.endRow()
        }
        try appender.close()
        let row = try #require(try connection.rows("SELECT * FROM t WHERE id = 2999").first)
        #expect(
            row == [
                .bigint(2999), .double(1499.5), .varchar("name 2999"), .boolean(false), .blob(Data([0, 183])),
                .date(DuckDBDate(days: 2999)), .timestamp(DuckDBTimestamp(microseconds: 2_999_000_000)),
                .decimal(DuckDBDecimal(unscaled: 2_999_002_999, width: 18, scale: 6)),
                .list([.varchar("a"), .varchar("b")]),
            ])
        #expect(try connection.scalar("SELECT count(*) FROM t") == .bigint(3000))
        #expect(try connection.scalar("SELECT count(*) FROM t WHERE tags IS NULL") == .bigint(300))
    }

    @Test func appendRowConvenience() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TABLE t (a INTEGER, b VARCHAR)")
        let appender = try connection.appender(table: "t")
        try appender.appendRow(1, "one")
        try appender.appendRow(.integer(2), nil)
        try appender.flush()
        #expect(
            try connection.rows("SELECT * FROM t ORDER BY a") == [
                [.integer(1), .varchar("one")], [.integer(2), .null],
            ])
        try appender.close()
        #expect {
            try appender.append(1)
        } throws: { error in (error as? DuckDBError)?.kind == .closed }
    }

    @Test func tooManyColumnsIsAnError() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TABLE t (a INTEGER)")
        let appender = try connection.appender(table: "t")
        try appender.append(1)
        #expect {
            try appender.append(2)
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.message.localizedCaseInsensitiveContains("too many")
        }
    }

    @Test func tooFewColumnsIsAnError() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TABLE t (a INTEGER, b INTEGER)")
        let appender = try connection.appender(table: "t")
        try appender.append(1)
        #expect(throws: DuckDBError.self) { try appender.endRow() }
    }

    @Test func unknownTableIsAnError() throws {
        let connection = try makeConnection()
        #expect {
            try connection.appender(table: "missing")
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.message.contains("missing")
        }
    }

    @Test func constraintViolationSurfacesOnClose() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TABLE t (a INTEGER PRIMARY KEY)")
        let appender = try connection.appender(table: "t")
        try appender.appendRow(1)
        try appender.appendRow(1)
        #expect {
            try appender.close()
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.message.contains("duplicate key \"1\"")
        }
    }
}
