import Testing
import DuckDB

@Suite struct AsyncConnectionTests {
    @Test func runsOffThePoolAndReturnsRows() async throws {
        let database = try Database.inMemory()
        let connection = try AsyncConnection(database)
        try await connection.execute("CREATE TABLE t AS SELECT i FROM range(10) t(i)")
        let rows = try await connection.rows("SELECT sum(i) FROM t WHERE i > $1", [.bigint(4)])
        #expect(rows == [[.hugeint(35)]])
    }

    @Test func manyConnectionsInParallel() async throws {
        let database = try Database.inMemory()
        let sums = try await withThrowingTaskGroup(of: Int64.self) { group in
            for n in 1...4 {
                let connection = try AsyncConnection(database)
                group.addTask {
                    try await connection.run { connection in
                        var column = TypedColumn<Int64>()
                        try connection.query("SELECT i FROM range(\(n * 10000)) t(i)").forEachChunk {
                            try $0.append(column: 0, to: &column)
                        }
                        return column.values.reduce(0, +)
                    }
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }.sorted()
        }
        let expected: [Int64] = [1, 2, 3, 4].map { (n: Int64) -> Int64 in n * 10000 * (n * 10000 - 1) / 2 }
        #expect(sums == expected)
    }

    @Test func cancellationInterruptsTheQuery() async throws {
        let connection = try AsyncConnection(try Database.inMemory())
        let task = Task {
            try await connection.run { connection in
                try connection.scalar("SELECT count(*) FROM range(100000000) a(i), range(300) b(j) WHERE i + j < 0")
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        await #expect {
            try await task.value
        } throws: { error in
            (error as? DuckDBError)?.kind == .interrupt || error is CancellationError
        }
        // The connection is usable again afterwards.
        #expect(try await connection.rows("SELECT 1") == [[.integer(1)]])
    }
}
