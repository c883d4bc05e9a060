import DuckDB
import Foundation
import Testing
import TesseraModel
@testable import TesseraQuality

/// How a snapshot stores each of DuckDB's types: written in the stored form, read back through
/// the readers' casts, every value must come back exactly, as the contract's type.
@Suite("Snapshot storage")
struct SnapshotStorageTests {
    /// Every DuckDB type a contract may name, with values at its edges.
    static let cases: [(type: String, values: [String])] = [
        ("BOOLEAN", ["true", "false"]),
        ("TINYINT", ["-128", "127"]), ("SMALLINT", ["-32768", "32767"]), ("INTEGER", ["-2147483648"]),
        ("BIGINT", ["-9223372036854775808", "9223372036854775807"]),
        (
            "HUGEINT",
            [
                "-99999999999999999999999999999999999999", "99999999999999999999999999999999999999",
                "12345678901234567890123",
            ]
        ),
        ("UTINYINT", ["255"]), ("USMALLINT", ["65535"]), ("UINTEGER", ["4294967295"]),
        ("UBIGINT", ["18446744073709551615"]),
        ("UHUGEINT", ["0", "99999999999999999999999999999999999999"]),
        ("FLOAT", ["1.5", "'nan'", "'-inf'"]), ("DOUBLE", ["0.1", "'inf'"]),
        ("DECIMAL(4,1)", ["-123.4"]), ("DECIMAL(38,10)", ["1234567890123456789012345678.0123456789"]),
        ("VARCHAR", ["'héllo'", "''"]), ("BLOB", ["'\\xAA\\x00'::BLOB"]),
        ("UUID", ["'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"]),
        ("DATE", ["'2024-01-02'", "'infinity'"]), ("TIME", ["'23:59:59.999999'"]),
        ("TIME_NS", ["'12:00:00.123456789'"]),
        ("TIME WITH TIME ZONE", ["'12:00:00.123456+05:30'", "'00:00:00-15:59:59'", "'24:00:00+15:59:59'"]),
        ("TIMESTAMP", ["'2024-01-02 03:04:05.123456'", "'-infinity'"]), ("TIMESTAMP_S", ["'2024-01-02 03:04:05'"]),
        ("TIMESTAMP_MS", ["'2024-01-02 03:04:05.123'"]), ("TIMESTAMP_NS", ["'2024-01-02 03:04:05.123456789'"]),
        ("TIMESTAMP WITH TIME ZONE", ["'2024-01-02 03:04:05.123456+00'"]),
        ("TIMESTAMPTZ_NS", ["'2024-01-02 03:04:05.123456789+00'"]),
        (
            "INTERVAL",
            [
                "INTERVAL '1 month 2 days 3 microseconds'", "INTERVAL '-5 years 3 hours'",
                "INTERVAL '1 month -3 days -00:00:00.000001'", "to_microseconds(9223372036854775807)",
            ]
        ),
        ("BIT", ["'0101011'"]), ("BIGNUM", ["'-123456789012345678901234567890123456789012345678901234567890'"]),
        ("ENUM('a', 'b')", ["'b'"]),
        ("INTEGER[]", ["[1, 2, NULL]"]), ("INTEGER[3]", ["[1, 2, 3]"]),
        ("HUGEINT[]", ["[99999999999999999999999999999999999999]"]),
        ("STRUCT(a INTEGER, b VARCHAR)", ["{'a': 1, 'b': 'x'}"]),
        (
            "STRUCT(h HUGEINT, \"t z\" TIME WITH TIME ZONE, HUGEINT INTEGER)",
            ["{'h': 5, 't z': '12:00:00+05:30', 'HUGEINT': 1}"]
        ),
        ("MAP(VARCHAR, INTEGER)", ["MAP {'k': 1}"]), ("MAP(HUGEINT, INTERVAL)", ["MAP {1: INTERVAL '3 microseconds'}"]),
        ("UNION(n INTEGER, s VARCHAR)", ["union_value(s := 'x')", "union_value(n := 5)"]),
        ("UNION(h HUGEINT, t TIME WITH TIME ZONE)", ["union_value(t := '12:00:00+05:30')"]),
        ("INTERVAL[2]", ["[INTERVAL '1 day', INTERVAL '-1 microsecond']"]),
        ("JSON", ["'{\"a\": [1, 2.5]}'"]), ("GEOMETRY", ["'POINT(1 2)'", "'LINESTRING(0 0, 1 1.5)'"]),
        ("TIMESTAMP_S[]", ["['2024-01-02 03:04:05']"]),
        ("STRUCT(e ENUM('x', 'y'), b BIT)[]", ["[{'e': 'y', 'b': '101'}]"]),
    ]

    @Test(arguments: cases.map(\.type))
    func aParquetRoundTripKeepsEveryValueAndTheType(type: String) throws {
        let values = try #require(Self.cases.first { $0.type == type }?.values)
        let connection = try Connection(Database())
        let normalized = try #require(try ContractProjection.normalize([type], connection: connection).first ?? nil)
        let storage = SnapshotStorage(type: normalized)
        #expect(storage.unsupported == nil)
        let source = values.map { "SELECT CAST(\($0) AS \(normalized)) AS x" }.joined(separator: " UNION ALL ")
        try connection.execute("CREATE TABLE source AS \(source)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tessera-storage-\(UUID().uuidString).parquet"
        ).path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let written = storage.castsOnWrite ? "CAST(x AS \(storage.stored)) AS x" : "x"
        try connection.execute("COPY (SELECT \(written) FROM source) TO '\(file)' (FORMAT parquet)")

        let read = SnapshotStorage.relation(files: "read_parquet('\(file)')", columns: [("x", normalized)])
        #expect(try connection.scalar("SELECT typeof(x) FROM \(read) LIMIT 1")?.stringValue == normalized)
        let lost = try connection.scalar(
            """
            SELECT count(*) FROM (SELECT x, row_number() OVER () AS n FROM source) AS a
            FULL JOIN (SELECT x, row_number() OVER () AS n FROM \(read)) AS b USING (n)
            WHERE a.x IS DISTINCT FROM b.x OR CAST(a.x AS VARCHAR) IS DISTINCT FROM CAST(b.x AS VARCHAR)
            """)
        #expect(lost?.int64Value == 0, "\(type): values changed in the round trip")

        // What the contract verifier expects the files to say is what they say.
        let expected = try SnapshotStorage.readBackTypes(of: [storage.stored], connection: connection)
        #expect(
            try connection.scalar("SELECT typeof(x) FROM read_parquet('\(file)') LIMIT 1")?.stringValue
                == expected.first)
    }

    @Test func storedFormsAndCastsOnlyWhereParquetNeedsThem() {
        #expect(SnapshotStorage(type: "HUGEINT").stored == "DECIMAL(38,0)")
        #expect(SnapshotStorage(type: "UHUGEINT").hasDigitLimit)
        #expect(SnapshotStorage(type: "TIME WITH TIME ZONE").stored == "VARCHAR")
        #expect(SnapshotStorage(type: "INTERVAL").stored == "VARCHAR")
        #expect(SnapshotStorage(type: "TIMESTAMP_MS").stored == "TIMESTAMP")
        #expect(SnapshotStorage(type: "INTEGER[3]").stored == "INTEGER[]")
        #expect(
            SnapshotStorage(type: "STRUCT(HUGEINT HUGEINT, \"a b\" TIMETZ[])").stored
                == "STRUCT(HUGEINT DECIMAL(38,0), \"a b\" VARCHAR[])")
        #expect(SnapshotStorage(type: "MAP(HUGEINT, ENUM('a, b', 'c'))").stored == "MAP(DECIMAL(38,0), VARCHAR)")
        for plain in [
            "BIGINT", "VARCHAR", "DOUBLE", "DECIMAL(12,2)", "DATE", "TIMESTAMP", "BOOLEAN", "TIMESTAMP WITH TIME ZONE",
            "STRUCT(a INTEGER, b VARCHAR[])", "MAP(VARCHAR, DOUBLE)", "int", "text",
        ] {
            let storage = SnapshotStorage(type: plain)
            #expect(!storage.castsOnWrite && !storage.castsBack, "\(plain) is written and read as it is")
        }
        #expect(
            SnapshotStorage.readList(columns: [("id", "BIGINT"), ("total", "HUGEINT")])
                == "* REPLACE (CAST(CAST(\"total\" AS DECIMAL(38,0)) AS HUGEINT) AS \"total\")")
        #expect(
            SnapshotStorage.relation(files: "read_parquet('f')", columns: [("id", "BIGINT")]) == "read_parquet('f')")
    }

    @Test func theWriterCastsOnlyTheColumnsParquetCannotHold() throws {
        let connection = try Connection(Database())
        try connection.execute(
            "CREATE TABLE input AS SELECT 1::BIGINT AS id, 2::INTEGER AS total, 3::HUGEINT AS big, 'x' AS name")
        let here = SourceLocation(file: "p.yaml")
        let contract = Contract(
            columns: [("id", "BIGINT"), ("total", "HUGEINT"), ("big", "HUGEINT"), ("name", "VARCHAR")].map {
                ContractColumn(name: $0.0, type: $0.1, location: here)
            }, location: here)
        let projection = try ContractProjection(
            input: ContractProjection.describe("input", connection: connection), contract: contract,
            connection: connection)
        #expect(projection.selectList == ["\"id\"", "CAST(\"total\" AS HUGEINT) AS \"total\"", "\"big\"", "\"name\""])
        #expect(
            projection.storedList == [
                "\"id\"", "CAST(\"total\" AS DECIMAL(38,0)) AS \"total\"",
                "CAST(\"big\" AS DECIMAL(38,0)) AS \"big\"", "\"name\"",
            ])
        #expect(projection.digitLimited.map(\.name) == ["total", "big"])
    }

    @Test func variantHasNoExactFormAndSaysWhatToDeclareInstead() throws {
        let storage = try #require(SnapshotStorage(type: "STRUCT(v VARIANT)").unsupported)
        #expect(storage.instead.contains("JSON"))
    }

    @Test func theVerifierExpectsTheStoredFormAndNamesItWhenTheFilesDiffer() throws {
        let connection = try Connection(Database())
        let here = SourceLocation(file: "p.yaml")
        let contract = Contract(
            columns: [ContractColumn(name: "total", type: "HUGEINT", location: here)], location: here)
        for (written, violation) in [
            ("CAST(1 AS DECIMAL(38,0))", nil),
            (
                "CAST(1 AS DOUBLE)",
                "total is written as DOUBLE; the contract says HUGEINT, which a snapshot stores as DECIMAL(38,0)"
            ),
        ] {
            try connection.execute("CREATE OR REPLACE TABLE t AS SELECT \(written) AS total")
            var scan = AggregateScan(relation: "t")
            var verifier = ContractVerifier(contract: contract)
            try verifier.contribute(to: &scan, on: connection)
            let report = try verifier.finish(scan: try scan.run(on: connection), connection: connection)
            #expect(report.violations.map(\.message) == (violation.map { [$0] } ?? []))
        }
    }
}
