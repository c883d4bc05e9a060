import Foundation
import Testing
import DuckDB

@Suite struct LifetimeTests {
    @Test func dependantsKeepTheirOwnersAliveAndReleaseThem() throws {
        weak var weakDatabase: Database?
        weak var weakConnection: Connection?
        var stream: ResultStream?
        do {
            let database = try Database.inMemory()
            let connection = try database.connect()
            weakDatabase = database
            weakConnection = connection
            stream = try connection.query("SELECT i FROM range(5000) t(i)")
        }
        // Only the stream refers to them now, and it keeps them open.
        #expect(weakDatabase != nil && weakConnection != nil)
        #expect(try stream?.drain() == 5000)
        stream = nil
        #expect(weakConnection == nil)
        #expect(weakDatabase == nil)
    }

    @Test func appenderBuildsValuesForTypesWithoutADirectCall() throws {
        let connection = try makeConnection()
        try connection.execute(
            "CREATE TABLE t (u UUID, h HUGEINT, z TIMESTAMPTZ, s STRUCT(a INTEGER, b VARCHAR), m MAP(VARCHAR, DOUBLE))")
        let appender = try connection.appender(table: "t")
        let uuid = try #require(UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
        let row: [DuckDBValue] = [
            .uuid(uuid), .hugeint(.min), .timestampTZ(DuckDBTimestamp(microseconds: 1_705_338_000_000_000)),
            .struct(DuckDBStruct(["a": .integer(1), "b": .varchar("x")])),
            .map(DuckDBMap([.varchar("k"): .double(0.5)])),
        ]
        try appender.appendRow(row)
        try appender.close()
        #expect(try connection.rows("SELECT * FROM t") == [row])
    }
}
