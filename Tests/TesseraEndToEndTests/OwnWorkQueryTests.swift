import Foundation
import Testing

/// The owning domain can look inside its own work with `tessera query --as-domain`, as `dbt show`
/// does: its loaded sources, their rejected rows and its models. No other domain can.
@Suite struct OwnWorkQueryTests {
    func mesh() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(
            "tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write(
            "domains/sales/sources/orders.yaml",
            """
            connector: {type: csv, path: domains/sales/data/*.csv}
            schema:
              max_rejected: 1
              columns:
                - {name: id, type: BIGINT}
                - {name: amount, type: BIGINT}

            """)
        try dir.write("domains/sales/data/orders.csv", "id,amount\n1,10\n2,twenty\n3,30\n")
        try dir.write("domains/sales/models/big_orders.sql", "select id from src.orders where amount > 15\n")
        try dir.write("domains/marketing/domain.yaml", "owner: marketing@acme.example\n")
        return dir
    }

    @Test func theOwningDomainReadsItsSourcesRejectedRowsAndModels() async throws {
        let dir = try mesh()
        await #expect(try TesseraBinary.run(["run"], in: dir.url).status == 0)
        let asSales = { (sql: String) async throws in
            try await TesseraBinary.run(["query", sql, "--as-domain", "sales", "--format", "csv"], in: dir.url)
        }
        for (sql, expected) in [
            ("select count(*) as n from src.orders", "n\n2\n"),
            ("select count(*) as n from src.orders__rejected", "n\n1\n"),
            ("select id from big_orders", "id\n3\n"),
        ] {
            let outcome = try await asSales(sql)
            #expect(outcome.stdout == expected, "\(sql): \(outcome.stderr)")
        }

        for reader in [["--as-domain", "marketing"], []] {
            let other = try await TesseraBinary.run(["query", "select count(*) from src.orders"] + reader, in: dir.url)
            #expect(other.status == 2, "\(reader): \(other.stdout)")
            #expect(!other.stdout.contains("2"))
        }
    }
}
