import DuckDB
import Foundation
import Testing
import TesseraModel

@testable import TesseraQuality

@Suite struct MaskSQLTests {
    /// The key 00 01 … 1f; the expected values are HMAC-SHA256 from another implementation.
    static let key = MaskKey(bytes: Array(0..<32))

    static func connection(key: MaskKey = key) throws -> Connection {
        let connection = try Connection(Database())
        try MaskSQL.install(key, on: connection)
        return connection
    }

    @Test func hashIsHMACSHA256OfTheTextUnderTheKey() throws {
        let connection = try Self.connection()
        let masked = MaskSQL.masked("v", .hash)
        let rows = try connection.rows(
            "SELECT \(masked) FROM (VALUES ('person4@x.com', 1), ('Zoë 42', 2), (NULL, 3)) t(v, n) ORDER BY n")
        #expect(
            rows.map { $0[0].stringValue } == [
                "345b25bdf02749c7a911571e7bebb41d",
                "0f7ce27a43650a18ae18331c8aa09a62",
                nil,
            ])
        // Any type: the value's text is what is keyed.
        #expect(
            try connection.scalar("SELECT \(masked) FROM (VALUES (42)) t(v)")
                == .varchar("7df989924b2ebf8832c80802d1213a8a"))
        // Not the plain SHA-256 anyone can compute from a guess.
        #expect(
            try connection.scalar("SELECT \(masked) = sha256('person4@x.com') FROM (VALUES ('person4@x.com')) t(v)")
                == .boolean(false))
    }

    /// RFC 4231, test case 5: HMAC-SHA-256 truncated to 128 bits, a 20-byte key.
    @Test func theHashFollowsRFC2104() throws {
        let connection = try Self.connection(key: MaskKey(bytes: [UInt8](repeating: 0x0c, count: 20)))
        #expect(
            try connection.scalar("SELECT \(MaskSQL.masked("'Test With Truncation'", .hash))")
                == .varchar("a3b6167473100ee06e0c796c2955552b"))
    }

    /// DuckDB calls the function from several threads at once, a vector at a time: every value
    /// of a large table gets the pseudonym it gets alone.
    @Test func manyValuesOnManyThreadsGetTheirOwnPseudonym() throws {
        let connection = try Self.connection()
        try connection.execute("SET threads = 4")
        let masked = MaskSQL.masked("v", .hash)
        let row =
            try connection.rows(
                """
                SELECT count(*), count(DISTINCT h), sum(CASE WHEN v = 'person4@x.com' AND
                  h <> '345b25bdf02749c7a911571e7bebb41d' THEN 1 ELSE 0 END)
                FROM (SELECT v, \(masked) AS h FROM (SELECT CASE WHEN i % 1000 = 4 THEN 'person4@x.com'
                  ELSE 'person' || i || '@x.com' END AS v FROM range(300000) r(i)))
                """
            ).first ?? []
        #expect(row.map(\.int64Value) == [300_000, 299_701, 0])
    }

    @Test func anotherKeyGivesAnotherPseudonym() throws {
        let sql = "SELECT \(MaskSQL.masked("'person4@x.com'", .hash))"
        let other = try #require(MaskKey(hex: String(repeating: "ab", count: 32)))
        #expect(try Self.connection().scalar(sql) != (try Self.connection(key: other).scalar(sql)))
    }

    @Test func theKeyIsReadOnlyAsSixtyFourHexDigitsAndNeverPrinted() throws {
        let hex = String(repeating: "0123456789abcdef", count: 4)
        let key = try #require(MaskKey(hex: " \(hex.uppercased())\n"))
        #expect(key.fileText == hex + "\n")
        #expect(MaskKey(hex: String(hex.dropLast())) == nil)
        #expect(MaskKey(hex: String(hex.dropLast()) + "g") == nil)
        #expect(MaskKey.generate().bytes != MaskKey.generate().bytes)
        var dumped = ""
        dump(key, to: &dumped)
        for text in [key.description, "\(key)", String(reflecting: key), dumped] {
            #expect(!text.contains("0123") && !text.contains("bytes"), "\(text)")
        }
    }

    @Test func theSQLNamesTheFunctionNotTheKey() {
        let sql = MaskSQL.masked("\"email\"", .hash)
        #expect(sql == "tessera_mask_hash(CAST(\"email\" AS VARCHAR))")
        #expect(!sql.contains("0123"))
    }
}
