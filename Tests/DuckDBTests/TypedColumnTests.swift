import Testing
import DuckDB

@Suite struct TypedColumnTests {
    @Test func readsWholeStreamIntoTypedArraysWithNulls() throws {
        let stream = try makeConnection().query(
            """
            SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END::BIGINT AS a,
                   CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END::DOUBLE AS b,
                   CASE WHEN i % 3 = 0 THEN NULL ELSE 'value number ' || i END AS c,
                   TIMESTAMP '2020-01-01' + to_seconds(i) AS d
            FROM range(5000) t(i)
            """)
        var a = TypedColumn<Int64>(), b = TypedColumn<Double>(), c = TypedColumn<String>(), d = TypedColumn<Int64>()
        try stream.forEachChunk { chunk in
            try chunk.append(column: 0, to: &a)
            try chunk.append(column: 1, to: &b)
            try chunk.append(column: 2, to: &c)
            try chunk.append(column: 3, to: &d)
        }
        #expect(a.count == 5000 && b.count == 5000 && c.count == 5000 && d.count == 5000)
        #expect(a[0] == nil && a[1] == 1 && a[4999] == 4999 && a[4998] == nil)
        #expect(a.validity.nullCount == 715)
        #expect(b[0] == nil && b[3] == 1.5 && b.validity.nullCount == 1000)
        #expect(c[0] == nil && c[1] == "value number 1" && c[4998] == nil && c[4997] == "value number 4997")
        #expect(c.validity.nullCount == 1667)
        #expect(d[0] == 1_577_836_800_000_000 && d[4999] == 1_577_836_800_000_000 + 4999 * 1_000_000)
        #expect(!d.validity.hasNulls)
    }

    @Test func validityBitsAppendAtAnyOffset() throws {
        // Chunks of 3 rows land mid-word, exercising the shifted append.
        let connection = try makeConnection()
        var column = TypedColumn<Int32>()
        for start in stride(from: 0, to: 200, by: 3) {
            let stream = try connection.query(
                "SELECT CASE WHEN i % 2 = 0 THEN NULL ELSE i END::INTEGER FROM range(\(start), \(start + 3)) t(i)")
            try stream.forEachChunk { try $0.append(column: 0, to: &column) }
        }
        #expect(column.count == 201)
        for row in 0..<201 {
            #expect(column[row] == (row % 2 == 0 ? nil : Int32(row)))
        }
        #expect(column.validity.nullCount == 101)
    }

    @Test func wholeStreamColumnAccessors() throws {
        let connection = try makeConnection()
        let doubles = try connection.query("SELECT i / 4 FROM range(10000) t(i)").column(0, as: Double.self)
        #expect(doubles.count == 10000 && doubles.values[9999] == 2499.75)
        let names = try connection.query("SELECT CASE WHEN i = 3 THEN NULL ELSE 'n' || i END FROM range(5000) t(i)")
            .stringColumn(0)
        #expect(names.count == 5000 && names[3] == nil && names[4999] == "n4999" && names.validity.nullCount == 1)
    }

    @Test func chunkColumnAccessors() throws {
        let chunk = try #require(
            try makeConnection().query("SELECT true AS b, 2.5::FLOAT AS f, DATE '1970-01-03' AS d, 'x' AS s")
                .nextChunk())
        #expect(try chunk.column(0, as: Bool.self).values == [true])
        #expect(try chunk.column(1, as: Float.self).values == [2.5])
        #expect(try chunk.column(2, as: Int32.self).values == [2])
        #expect(try chunk.stringColumn(3).values == ["x"])
        #expect(try !chunk.validity(column: 3).hasNulls)
    }

    @Test func typeMismatchIsAnError() throws {
        let chunk = try #require(try makeConnection().query("SELECT 1::INTEGER AS i").nextChunk())
        #expect {
            try chunk.column(0, as: Int64.self)
        } throws: { error in
            guard let error = error as? DuckDBError else { return false }
            return error.kind == .typeMismatch && error.message.contains("INTEGER")
        }
        #expect(throws: DuckDBError.self) { try chunk.column(5, as: Int32.self) }
    }
}
