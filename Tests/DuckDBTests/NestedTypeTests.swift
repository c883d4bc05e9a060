import Testing
import DuckDB

@Suite struct NestedTypeTests {
    @Test func listsWithNulls() throws {
        let values = try makeConnection().rows(
            """
            SELECT * FROM (VALUES ([1, NULL, 3]), ([]), (NULL), ([NULL])) t(l)
            """
        ).map(\.[0])
        #expect(values == [.list([.integer(1), .null, .integer(3)]), .list([]), .null, .list([.null])])
        #expect(values[0].description == "[1, NULL, 3]")
    }

    @Test func listOfStrings() throws {
        let list = try value("SELECT ['a', 'a string longer than twelve', NULL]")
        #expect(list == .list([.varchar("a"), .varchar("a string longer than twelve"), .null]))
        #expect(list?.description == "['a', 'a string longer than twelve', NULL]")
    }

    @Test func structsWithNulls() throws {
        let values = try makeConnection().rows(
            """
            SELECT * FROM (VALUES ({'a': 1, 'b': 'x'}), ({'a': NULL, 'b': NULL}), (NULL)) t(s)
            """
        ).map(\.[0])
        #expect(values[0] == .struct(DuckDBStruct(["a": .integer(1), "b": .varchar("x")])))
        #expect(values[1] == .struct(DuckDBStruct(["a": .null, "b": .null])))
        #expect(values[2] == .null)
        #expect(values[0].description == "{'a': 1, 'b': 'x'}")
        if case .struct(let s) = values[0] { #expect(s["b"] == .varchar("x")) }
    }

    @Test func listOfStructsNested() throws {
        let list = try value(
            """
            SELECT [{'id': 1, 'tags': ['x', NULL]}, NULL, {'id': NULL, 'tags': []}, {'id': 4, 'tags': NULL}]
            """)
        #expect(
            list
                == .list([
                    .struct(DuckDBStruct(["id": .integer(1), "tags": .list([.varchar("x"), .null])])),
                    .null,
                    .struct(DuckDBStruct(["id": .null, "tags": .list([])])),
                    .struct(DuckDBStruct(["id": .integer(4), "tags": .null])),
                ]))
    }

    @Test func maps() throws {
        let values = try makeConnection().rows(
            """
            SELECT * FROM (VALUES (MAP {'a': 1, 'b': NULL}), (MAP {}), (NULL)) t(m)
            """
        ).map(\.[0])
        #expect(values[0] == .map(DuckDBMap([.varchar("a"): .integer(1), .varchar("b"): .null])))
        #expect(values[1] == .map(DuckDBMap(keys: [], values: [])))
        #expect(values[2] == .null)
        if case .map(let m) = values[0] { #expect(m[.varchar("a")] == .integer(1)) }
        #expect(values[0].description == "{'a'=1, 'b'=NULL}")
    }

    @Test func fixedSizeArrays() throws {
        let values = try makeConnection().rows(
            """
            SELECT * FROM (VALUES ([1, 2, 3]::INTEGER[3]), (NULL), ([NULL, 5, 6]::INTEGER[3])) t(a)
            """
        ).map(\.[0])
        #expect(
            values == [
                .array([.integer(1), .integer(2), .integer(3)]), .null, .array([.null, .integer(5), .integer(6)]),
            ])
    }

    @Test func nestedListsAcrossChunks() throws {
        // 3,000 rows span two chunks, so list offsets restart per chunk.
        let rows = try makeConnection().rows("SELECT [i, i + 1] FROM range(3000) t(i)")
        #expect(rows.count == 3000)
        #expect(rows[2999] == [.list([.bigint(2999), .bigint(3000)])])
    }
}
