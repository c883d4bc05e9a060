import Foundation
import Testing
import DuckDB

@Suite struct PreparedStatementTests {
    @Test func bindsEveryKindOfValue() throws {
        let connection = try makeConnection()
        let statement = try connection.prepare(
            """
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18
            """)
        #expect(statement.parameterCount == 18)
        let uuid = try #require(UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
        let parameters: [DuckDBValue] = [
            .boolean(true), .tinyint(-8), .smallint(-16), .integer(-32), .bigint(-64),
            .utinyint(8), .usmallint(16), .uinteger(32), .ubigint(64), .hugeint(.min),
            .double(2.5), .varchar("a string longer than twelve bytes"), .blob(Data([0, 1, 0])), .null,
            .date(DuckDBDate(days: 19782)), .timestamp(DuckDBTimestamp(microseconds: 1_705_322_096_789_012)),
            .interval(DuckDBInterval(months: 1, days: 2, microseconds: 3)), .uuid(uuid),
        ]
        let row = try #require(try statement.query(parameters).rows().first)
        #expect(row == parameters)
    }

    @Test func bindsSwiftValuesByIndex() throws {
        let connection = try makeConnection()
        let statement = try connection.prepare("SELECT $1 + $2, $3 || '!', octet_length($4)")
        try statement.bind(40, at: 1)
        try statement.bind(Int32(2), at: 2)
        try statement.bind("hi", at: 3)
        try statement.bind([UInt8]([1, 2, 3]), at: 4)
        #expect(try statement.query().rows() == [[.bigint(42), .varchar("hi!"), .bigint(3)]])
        // Rebinding one parameter keeps the others.
        try statement.bind(Optional<String>.none, at: 3)
        #expect(try statement.query().rows() == [[.bigint(42), .null, .bigint(3)]])
    }

    @Test func bindsNestedAndSpecialValues() throws {
        let connection = try makeConnection()
        let list: DuckDBValue = [1, 2, nil]
        #expect(try connection.scalar("SELECT $1", list) == .list([.bigint(1), .bigint(2), .null]))
        let record = DuckDBValue.struct(DuckDBStruct(["a": 1, "b": "x"]))
        #expect(try connection.scalar("SELECT struct_extract($1, 'b')", record) == .varchar("x"))
        let map = DuckDBValue.map(DuckDBMap(["k": 1.5]))
        #expect(try connection.scalar("SELECT $1['k']", map) == .double(1.5))
        let ns = DuckDBValue.timestamp(DuckDBTimestamp(value: 1_705_322_096_789_012_345, precision: .nanoseconds))
        #expect(try connection.scalar("SELECT $1", ns) == ns)
        let uuid = try #require(UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
        #expect(
            try connection.scalar("SELECT $1::VARCHAR", .uuid(uuid)) == .varchar("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
        )
        #expect(try connection.scalar("SELECT $1", .uhugeint(.max)) == .uhugeint(.max))
    }

    @Test func wrongParameterCountsAreErrors() throws {
        let connection = try makeConnection()
        let statement = try connection.prepare("SELECT $1 + $2")
        #expect {
            try statement.query([1])
        } throws: { error in
            (error as? DuckDBError)?.message
                == "Invalid Input Error: the statement expects 2 parameter(s) but 1 were given"
        }
        #expect {
            try statement.execute(1, 2, 3)
        } throws: { error in (error as? DuckDBError)?.kind == .invalidArgument }
        #expect {
            try statement.bind(1, at: 3)
        } throws: { error in
            (error as? DuckDBError)?.message.contains("parameter index 3 is out of range") == true
        }
        #expect(throws: DuckDBError.self) { try statement.bind(1, at: 0) }
        // Running with a parameter never bound is DuckDB's own error.
        try statement.bind(1, at: 1)
        #expect {
            try statement.query()
        } throws: { error in
            (error as? DuckDBError)?.message.contains("2") == true
        }
    }

    @Test func preparedStatementRunsRepeatedly() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TABLE t (i INTEGER, s VARCHAR)")
        let insert = try connection.prepare("INSERT INTO t VALUES ($1, $2)")
        for i in 0..<100 { try insert.execute(.integer(Int32(i)), .varchar("row \(i)")) }
        #expect(try connection.scalar("SELECT sum(i) FROM t") == .hugeint(4950))
        #expect(try connection.scalar("SELECT s FROM t WHERE i = $1", 42) == .varchar("row 42"))
    }
}
