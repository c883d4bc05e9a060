import DuckDB
import Foundation
import Testing
import TesseraModel
@testable import TesseraQuality

/// The inspector as publishing uses it: the rows read where they were written from, the schema
/// from the written Parquet, a large snapshot's profile sampled.
@Suite struct SnapshotInspectorTests {
    static let at = SourceLocation(file: "domains/sales/products/orders.yaml", line: 1)

    static func product(checks: [CheckKind]) throws -> Product {
        var product = Product(
            name: "orders", domain: "sales", input: .model("orders"), version: try SemVer(parsing: "1.0.0"),
            contract: Contract(
                primaryKey: ["id"],
                columns: [
                    ContractColumn(name: "id", type: "BIGINT", nullable: false, location: at),
                    ContractColumn(name: "amount", type: "DOUBLE", location: at),
                ], location: at),
            location: .start(of: "domains/sales/products/orders.yaml"))
        product.checks = checks.map { Check(kind: $0, location: at) }
        return product
    }

    @Test func readsTheSourceRowsAndTheWrittenSchemaWithASampledProfile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inspector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let connection = try Connection(Database())
        try connection.execute(
            "CREATE TABLE orders AS SELECT i AS id, (i % 100)::DOUBLE AS amount FROM range(1, 20001) AS r(i)")
        try connection.execute("COPY (SELECT id, amount FROM orders) TO '\(folder.path)/data.parquet' (FORMAT parquet)")

        let product = try Self.product(checks: [
            .notNull(columns: ["id"]),
            .sql(name: "no_zero", query: "select * from @product where amount = 0"),
        ])
        var inspector = SnapshotInspector(
            product: product, folder: folder, now: Date(), previousRowCount: nil,
            relationships: [:], profile: true,
            rows: 2_000_000,  // as if large: the profile samples a tenth
            source: .init(selectList: "id, amount", table: "orders", hasRowID: true))
        let outcome = try inspector.inspect(on: connection)
        #expect(outcome.contract.violations.isEmpty)
        let zero = try #require(outcome.checks.first { $0.kind == "sql" })
        #expect(zero.failingRows == 200)
        #expect(zero.sampleColumns == ["id", "amount"], "@product is the rows as written: \(zero.sampleColumns)")
        let profile = try #require(outcome.profile)
        #expect(profile.rowCount == 20_000)
        #expect(profile[column: "amount"]?.max == .integer(99), "min and max stay exact")
        #expect(profile[column: "amount"]?.count == 20_000)
        #expect(profile[column: "amount"]?.quantiles != nil)

        // The schema is the written files': a Parquet missing a contract column is a violation,
        // whatever the source relation holds.
        try connection.execute("COPY (SELECT id FROM orders) TO '\(folder.path)/data.parquet' (FORMAT parquet)")
        inspector.profile = false
        let broken = try inspector.inspect(on: connection)
        #expect(broken.contract.violations.contains { $0.column == "amount" })
    }
}
