import Testing
import TesseraModel
import TesseraSQL
@testable import TesseraTransform

/// `<domain>.<product>__v<N>`: a previous major, read through the product's node.
@Suite struct VersionedProductTests {
    static func mesh(
        version: String = "2.1.0", retired: String = "", sql: String = "select id, amount from sales.orders__v1"
    ) throws -> MeshFixture {
        try MeshFixture([
            "domains/sales/sources/orders.yaml": MeshFixture.csvSource(),
            "domains/sales/models/orders.sql": "select id, amount from src.orders",
            "domains/sales/products/orders.yaml": """
            version: \(version)
            \(retired)
            contract:
              columns:
                - {name: id, type: BIGINT}
                - {name: amount, type: DOUBLE}
            """,
            "domains/finance/models/revenue.sql": sql,
        ])
    }

    @Test func theDAGDependsOnTheProduct() throws {
        let mesh = try Self.mesh().mesh
        #expect(mesh.diagnostics.isEmpty, "\(mesh.diagnostics)")
        #expect(mesh.info(.model("finance", "revenue"))?.reads == [.product("sales", "orders")])
        #expect(mesh.graph.downstream(of: .product("sales", "orders")) == [.model("finance", "revenue")])
        let columns = mesh.info(.model("finance", "revenue"))?.analysis.outputColumns.map(\.description)
        #expect(columns == ["id: sales.orders__v1.id (identity)", "amount: sales.orders__v1.amount (identity)"])
    }

    @Test func theCurrentOrAFutureMajorIsNotAPreviousVersion() throws {
        let mesh = try Self.mesh(sql: "select id from sales.orders__v2").mesh
        #expect(
            mesh.diagnostics.map(\.description) == [
                "domains/finance/models/revenue.sql:1:16: error: sales.orders__v2 is not a previous version: sales.orders is at 2.1.0\n  hint: read the current version as sales.orders"
            ])
    }

    @Test func aRetiredMajorIsReported() throws {
        let mesh = try Self.mesh(version: "3.0.0", retired: "retired_versions: [1]").mesh
        #expect(
            mesh.diagnostics.map(\.message) == [
                "sales.orders__v1 is retired (retired_versions in domains/sales/products/orders.yaml)"
            ])
    }

    @Test func anUnknownProductGetsASuggestionWithTheSuffix() throws {
        let mesh = try Self.mesh(sql: "select id from sales.ordes__v1").mesh
        #expect(
            mesh.diagnostics.map(\.description) == [
                "domains/finance/models/revenue.sql:1:16: error: unknown table 'sales.ordes__v1'\n  hint: did you mean 'sales.orders__v1'?"
            ])
    }
}
