import DuckDB
import Foundation
import Testing
import TesseraModel
@testable import TesseraQuality

@Suite("Contract")
struct ContractTests {
    static let here = SourceLocation(file: "domains/sales/products/orders.yaml", line: 8, column: 7)

    static func contract(_ columns: [(String, String, Bool)], key: [String] = []) -> Contract {
        Contract(
            primaryKey: key,
            columns: columns.map { ContractColumn(name: $0.0, type: $0.1, nullable: $0.2, location: here) },
            location: here)
    }

    // MARK: Projection

    @Test func projectsExactlyTheContractColumnsWideningWhereAllowed() throws {
        let connection = try Connection(Database())
        try connection.execute(
            """
            CREATE TABLE input AS SELECT 1::INTEGER AS order_id, 2.5::DECIMAL(10,2) AS amount, 'x' AS note,
                DATE '2024-01-01' AS day, 'm' AS _tessera_loaded_at
            """)
        let input = try ContractProjection.describe("input", connection: connection)
        let projection = try ContractProjection(
            input: input,
            contract: Self.contract([
                ("day", "TIMESTAMP", true), ("order_id", "BIGINT", false), ("amount", "DECIMAL(12,2)", true),
            ]),
            connection: connection)
        #expect(projection.violations.isEmpty)
        #expect(
            projection.selectList == [
                "CAST(\"day\" AS TIMESTAMP) AS \"day\"", "CAST(\"order_id\" AS BIGINT) AS \"order_id\"",
                "CAST(\"amount\" AS DECIMAL(12,2)) AS \"amount\"",
            ])
        #expect(projection.notes == ["input column note (VARCHAR) is not in the contract and is not published"])
        let types = try connection.rows("DESCRIBE SELECT \(projection.sql) FROM input").map { $0[1].stringValue }
        #expect(types == ["TIMESTAMP", "BIGINT", "DECIMAL(12,2)"])
    }

    @Test func normalizesContractTypesThroughDuckDB() throws {
        let connection = try Connection(Database())
        try connection.execute("CREATE TABLE input AS SELECT 1::INTEGER AS id, 'a' AS name")
        let projection = try ContractProjection(
            input: ContractProjection.describe("input", connection: connection),
            contract: Self.contract([("id", "int", false), ("name", "string", true)]),
            connection: connection)
        #expect(projection.violations.isEmpty)
        #expect(projection.selectList == ["\"id\"", "\"name\""])
    }

    @Test func reportsMissingColumnsWithASuggestionAndIncompatibleTypes() throws {
        let connection = try Connection(Database())
        try connection.execute("CREATE TABLE input AS SELECT 1::BIGINT AS customer_id, 'a' AS status")
        let projection = try ContractProjection(
            input: ContractProjection.describe("input", connection: connection),
            contract: Self.contract([
                ("customr_id", "BIGINT", true), ("status", "INTEGER", true), ("x", "NOSUCHTYPE", true),
            ]),
            connection: connection)
        #expect(projection.selectList.isEmpty)
        #expect(projection.violations.map(\.kind) == [.missingColumn, .incompatibleType, .unknownType])
        #expect(projection.violations[0].message == "the input has no column customr_id (did you mean customer_id?)")
        #expect(projection.violations[1].message.contains("VARCHAR"))
        #expect(projection.violations[1].message.contains("INTEGER"))
    }

    @Test(arguments: [
        ("TINYINT", "SMALLINT", true), ("INTEGER", "BIGINT", true), ("BIGINT", "HUGEINT", true),
        ("BIGINT", "INTEGER", false), ("INTEGER", "UBIGINT", false), ("UINTEGER", "BIGINT", true),
        ("UINTEGER", "INTEGER", false), ("UTINYINT", "USMALLINT", true),
        ("FLOAT", "DOUBLE", true), ("DOUBLE", "FLOAT", false), ("INTEGER", "DOUBLE", true), ("BIGINT", "DOUBLE", false),
        ("INTEGER", "FLOAT", false),
        ("INTEGER", "DECIMAL(12,2)", true), ("INTEGER", "DECIMAL(11,2)", false), ("BIGINT", "DECIMAL(19,0)", true),
        ("BIGINT", "DECIMAL(18,0)", false), ("UBIGINT", "DECIMAL(20,0)", true),
        ("DECIMAL(10,2)", "DECIMAL(12,2)", true), ("DECIMAL(10,2)", "DECIMAL(12,4)", true),
        ("DECIMAL(10,2)", "DECIMAL(12,1)", false), ("DECIMAL(10,2)", "DECIMAL(10,3)", false),
        ("DECIMAL(10,2)", "DOUBLE", false),
        ("DATE", "TIMESTAMP", true), ("TIMESTAMP", "DATE", false), ("DATE", "TIMESTAMP_NS", false),
        ("INTEGER", "VARCHAR", false), ("VARCHAR", "INTEGER", false), ("VARCHAR", "VARCHAR", true),
        ("BOOLEAN", "INTEGER", false),
    ])
    func widening(from: String, to: String, allowed: Bool) {
        #expect(TypeWidening.allows(from: from, to: to) == allowed)
    }

    // MARK: Verifier

    static func verify(_ select: String, _ contract: Contract, checks: [Check] = []) throws -> (
        ContractReport, AggregateScan
    ) {
        let connection = try Connection(Database())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("part-0.parquet").path
        try connection.execute("COPY (\(select)) TO '\(file)' (FORMAT parquet)")
        var scan = AggregateScan(relation: "read_parquet('\(folder.path)/*.parquet')")
        var verifier = ContractVerifier(contract: contract)
        try verifier.contribute(to: &scan, on: connection)
        var plan = CheckPlan(checks: checks, context: CheckContext())
        plan.contribute(to: &scan, on: connection)
        let row = try scan.run(on: connection)
        _ = try plan.finish(scan: row, connection: connection)
        return (try verifier.finish(scan: row, connection: connection), scan)
    }

    static let orders = contract(
        [("order_id", "BIGINT", false), ("customer_id", "BIGINT", false), ("email", "VARCHAR", true)],
        key: ["order_id"])

    @Test func aConformingSnapshotPasses() throws {
        let (report, scan) = try Self.verify(
            "SELECT range AS order_id, range % 3 AS customer_id, NULL::VARCHAR AS email FROM range(100)", Self.orders,
            checks: [Check(kind: .notNull(columns: ["customer_id"]), location: Self.here)])
        #expect(report.passed, "\(report.violations)")
        // NULLs in order_id (also the key's NULL test), in customer_id (shared with the not_null
        // check), the integer key's min and max (its duplicates are counted with bitmaps after the
        // scan): four aggregates for four tests.
        #expect(scan.expressions.count == 4)
        #expect(!scan.expressions.contains { $0.contains("DISTINCT") })
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"passed\":true"))
    }

    @Test func reportsNullsInRequiredColumnsAndABrokenKey() throws {
        let (report, _) = try Self.verify(
            """
            SELECT * FROM (VALUES (1, 1, 'a'), (1, NULL, 'b'), (2, NULL, NULL), (NULL, 3, 'c'))
            AS v(order_id, customer_id, email)
            """,
            Self.contract(
                [("order_id", "INTEGER", false), ("customer_id", "INTEGER", false), ("email", "VARCHAR", true)],
                key: ["order_id"]))
        #expect(!report.passed)
        #expect(report.violations.map(\.kind) == [.nullInNonNullable, .nullInNonNullable, .nullKey, .duplicateKey])
        #expect(report.violations.map(\.failingRows) == [1, 2, 1, 1])
        #expect(report.violations[1].column == "customer_id")
    }

    @Test func everyKindOfPrimaryKeyCountsItsDuplicates() throws {
        // An integer key in a narrow range (bitmaps), one spanning 2^62 (counted in DuckDB), a text key.
        for (select, type) in [
            ("range % 900", "BIGINT"), ("(range % 900) * 4611686018427387", "BIGINT"),
            ("'k' || (range % 900)", "VARCHAR"),
        ] {
            // A column named like the bitmap query's block must not change its grouping.
            let (report, scan) = try Self.verify(
                "SELECT \(select) AS id, range % 7 AS block FROM range(1000)",
                Self.contract([("id", type, false), ("block", "BIGINT", false)], key: ["id"]))
            #expect(report.violations.map(\.kind) == [.duplicateKey], "\(select)")
            #expect(report.violations.first?.failingRows == 100, "\(select)")
            #expect(scan.expressions.contains { $0.contains("DISTINCT") } == (type == "VARCHAR"))
        }
    }

    @Test func reportsSchemaDifferences() throws {
        let (report, _) = try Self.verify(
            "SELECT 'x' AS email, 1::INTEGER AS order_id, 2 AS extra", Self.orders)
        let kinds = report.violations.map(\.kind)
        #expect(kinds.contains(.missingColumn))
        #expect(kinds.contains(.incompatibleType))
        #expect(kinds.contains(.unexpectedColumn))
        #expect(kinds.contains(.wrongOrder))
        #expect(
            report.violations.first { $0.kind == .incompatibleType }?.message
                == "order_id is written as INTEGER; the contract says BIGINT")
    }
}
