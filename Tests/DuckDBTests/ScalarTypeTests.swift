import Foundation
import Testing
import DuckDB

@Suite struct ScalarTypeTests {
    @Test func integersOfEveryWidth() throws {
        let row = try #require(
            try makeConnection().rows(
                """
                SELECT true, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-9223372036854775808)::BIGINT,
                       255::UTINYINT, 65535::USMALLINT, 4294967295::UINTEGER, 18446744073709551615::UBIGINT
                """
            ).first)
        #expect(
            row == [
                .boolean(true), .tinyint(-128), .smallint(-32768), .integer(-2_147_483_648), .bigint(.min),
                .utinyint(255), .usmallint(65535), .uinteger(4_294_967_295), .ubigint(.max),
            ])
    }

    @Test func hugeintsHugeAndNegative() throws {
        let connection = try makeConnection()
        let row = try #require(
            try connection.rows(
                """
                SELECT 170141183460469231731687303715884105727::HUGEINT, (-170141183460469231731687303715884105727 - 1)::HUGEINT,
                       -1::HUGEINT, -18446744073709551616::HUGEINT, 340282366920938463463374607431768211455::UHUGEINT
                """
            ).first)
        #expect(row[0] == .hugeint(.max))
        #expect(row[0].description == "170141183460469231731687303715884105727")
        #expect(row[1] == .hugeint(.min))
        #expect(row[1].description == "-170141183460469231731687303715884105728")
        #expect(row[2] == .hugeint(DuckDBHugeInt(-1)))
        #expect(row[3] == .hugeint(DuckDBHugeInt(upper: -1, lower: 0)))
        #expect(row[3].description == "-18446744073709551616")
        #expect(row[4] == .uhugeint(.max))
        #expect(row[4].description == "340282366920938463463374607431768211455")
    }

    @Test func hugeIntParsingRoundTrips() {
        for text in [
            "0", "-1", "12345678901234567890123", "-170141183460469231731687303715884105728",
            "170141183460469231731687303715884105727",
        ] {
            #expect(DuckDBHugeInt(text)?.description == text)
        }
        #expect(DuckDBHugeInt("170141183460469231731687303715884105728") == nil)
        #expect(DuckDBHugeInt("-170141183460469231731687303715884105729") == nil)
        #expect(DuckDBHugeInt("12a") == nil)
        #expect(DuckDBUHugeInt("340282366920938463463374607431768211456") == nil)
    }

    @Test func floatingPoint() throws {
        let row = try #require(try makeConnection().rows("SELECT 1.5::FLOAT, -0.1::DOUBLE, 'inf'::DOUBLE").first)
        #expect(row == [.float(1.5), .double(-0.1), .double(.infinity)])
    }

    @Test func shortAndLongStrings() throws {
        let connection = try makeConnection()
        // 12 bytes is the longest string DuckDB inlines; 13 is stored behind a pointer.
        let row = try #require(
            try connection.rows(
                """
                SELECT '', 'abc', 'twelve bytes', 'thirteen byte', 'a much longer string that lives on the heap', 'héllo wörld ✓'
                """
            ).first)
        #expect(
            row == [
                .varchar(""), .varchar("abc"), .varchar("twelve bytes"), .varchar("thirteen byte"),
                .varchar("a much longer string that lives on the heap"), .varchar("héllo wörld ✓"),
            ])
    }

    @Test func blobsWithZeroBytes() throws {
        let row = try #require(
            try makeConnection().rows(
                #"SELECT '\x00\x01\x00'::BLOB, '\x00ab\xFF\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'::BLOB, ''::BLOB"#
            ).first)
        #expect(row[0] == .blob(Data([0, 1, 0])))
        #expect(row[1] == .blob(Data([0, 0x61, 0x62, 0xFF] + Array(repeating: 0, count: 10))))
        #expect(row[2] == .blob(Data()))
        #expect(row[0].description == #"\x00\x01\x00"#)
    }

    @Test func uuid() throws {
        let text = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
        let low = "00000000-0000-0000-0000-000000000001"
        let row = try #require(try makeConnection().rows("SELECT '\(text)'::UUID, '\(low)'::UUID").first)
        #expect(row[0] == .uuid(try #require(UUID(uuidString: text))))
        #expect(row[0].description == text)
        #expect(row[1] == .uuid(try #require(UUID(uuidString: low))))
    }

    @Test func enumMembers() throws {
        let connection = try makeConnection()
        try connection.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
        let values = try connection.rows("SELECT unnest(['happy', NULL, 'sad']::mood[])").map(\.[0])
        #expect(values == [.enum("happy"), .null, .enum("sad")])
        let stream = try connection.query("SELECT 'ok'::mood AS m")
        #expect(stream.columns == [ResultColumn(name: "m", type: .enum(["sad", "ok", "happy"]))])
        try stream.drain()
    }

    @Test func nullsOfEveryKind() throws {
        let row = try #require(
            try makeConnection().rows("SELECT NULL, NULL::INTEGER, NULL::VARCHAR, NULL::INTEGER[], NULL::STRUCT(a INT)")
                .first)
        #expect(row == [.null, .null, .null, .null, .null])
    }

    @Test func columnNamesAndTypes() throws {
        let stream = try makeConnection().query(
            "SELECT 1::INTEGER AS a, 'x' AS b, [1.5]::DOUBLE[] AS c, {'k': 1::TINYINT} AS d, 1.25::DECIMAL(5,2) AS e")
        #expect(stream.columnNames == ["a", "b", "c", "d", "e"])
        #expect(
            stream.columns.map(\.type) == [
                .integer, .varchar, .list(.double), .struct([.init(name: "k", type: .tinyint)]),
                .decimal(width: 5, scale: 2),
            ])
        #expect(stream.columns[3].type.description == "STRUCT(k TINYINT)")
        try stream.drain()
    }
}
