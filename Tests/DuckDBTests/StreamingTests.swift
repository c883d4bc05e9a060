import Testing
import DuckDB

@Suite struct StreamingTests {
    @Test func streamsManyChunksAndCountsEveryRow() throws {
        let stream = try makeConnection().query("SELECT i, i * 2 AS twice FROM range(100000) t(i)")
        var chunks = 0, rows = 0, sum: Int64 = 0
        try stream.forEachChunk { chunk in
            chunks += 1
            rows += chunk.count
            #expect(chunk.count <= 2048)
            let values = try chunk.values(column: 1)
            for case .bigint(let v) in values { sum += v }
        }
        #expect(rows == 100_000)
        #expect(stream.rowsRead == 100_000)
        #expect(chunks >= 49)
        #expect(sum == 2 * (99_999 * 100_000 / 2))
        #expect(try stream.nextChunk() == nil)
    }

    @Test func rowByRowReading() throws {
        let stream = try makeConnection().query("SELECT i FROM range(5000) t(i)")
        var expected: Int64 = 0
        while let row = try stream.nextRow() {
            #expect(row == [.bigint(expected)])
            expected += 1
        }
        #expect(expected == 5000)
    }

    @Test func connectionIsBusyUntilTheStreamEnds() throws {
        let connection = try makeConnection()
        let stream = try connection.query("SELECT i FROM range(100000) t(i)")
        _ = try stream.nextChunk()
        #expect {
            try connection.execute("SELECT 1")
        } throws: { error in
            (error as? DuckDBError)?.kind == .resourceInUse
        }
        #expect(try stream.drain() > 0)
        #expect(try connection.scalar("SELECT 41 + 1") == .integer(42))
    }

    @Test func abandoningAStreamFreesTheConnection() throws {
        let connection = try makeConnection()
        do {
            let stream = try connection.query("SELECT i FROM range(100000) t(i)")
            _ = try stream.nextChunk()
        }
        #expect(try connection.scalar("SELECT 7") == .integer(7))
    }

    @Test func chunksOutliveTheirStream() throws {
        let connection = try makeConnection()
        var kept: DataChunk?
        do {
            let stream = try connection.query(
                "SELECT 'a string longer than twelve bytes ' || i AS s FROM range(10) t(i)")
            kept = try stream.nextChunk()
            try stream.drain()
        }
        let chunk = try #require(kept)
        #expect(try chunk.values(column: 0)[3] == .varchar("a string longer than twelve bytes 3"))
    }

    @Test func executeReportsChangedRows() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TABLE t (i INTEGER)")
        #expect(try connection.execute("INSERT INTO t SELECT * FROM range(10)") == 10)
        #expect(try connection.execute("DELETE FROM t WHERE i < 3") == 3)
        #expect(try connection.scalar("SELECT count(*) FROM t") == .bigint(7))
    }

    @Test func databaseOnDiskKeepsData() throws {
        let directory = FileManagerTemp.make()
        let path = directory + "/test.duckdb"
        do {
            let connection = try Database(path: path).connect()
            try connection.execute("CREATE TABLE t AS SELECT 42 AS answer")
        }
        let reopened = try Database(path: path, options: ["access_mode": "READ_ONLY"]).connect()
        #expect(try reopened.scalar("SELECT answer FROM t") == .integer(42))
    }

    @Test func configurationOptionsApply() throws {
        let connection = try Database(options: ["threads": "1", "default_order": "DESC"]).connect()
        #expect(try connection.scalar("SELECT current_setting('threads')") == .bigint(1))
        #expect(
            try connection.rows("SELECT * FROM range(3) t(i) ORDER BY i").map(\.[0]) == [
                .bigint(2), .bigint(1), .bigint(0),
            ])
    }
}

import Foundation

enum FileManagerTemp {
    static func make() -> String {
        let path = NSTemporaryDirectory() + "duckdb-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
