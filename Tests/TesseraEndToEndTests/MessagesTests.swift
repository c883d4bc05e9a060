import Foundation
import Testing

/// What commands print reads as people write: "1 row", not "1 rows".
@Suite struct MessagesTests {
    @Test func oneRowIsOneRowEverywhereARunPrintsIt() throws {
        let dir = try TemporaryDirectory()
        try dir.write("tessera.yaml", "mesh: acme\ngovernance: {require_description: false, require_classification: false}\n")
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write("domains/sales/sources/orders.yaml", "connector: {type: csv, path: domains/sales/data/*.csv}\n")
        try dir.write("domains/sales/data/orders.csv", "id,amount\n1,10\n")
        try dir.write("domains/sales/models/orders.sql", "select id, amount from src.orders\n")
        try dir.write("domains/sales/products/orders.yaml", """
            version: 1.0.0
            contract:
              columns:
                - {name: id, type: BIGINT}
                - {name: amount, type: BIGINT}

            """)
        let run = try TesseraBinary.run(["run", "--no-color"], in: dir.url)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("1 row"), "\(run.stdout)")
        let log = try String(contentsOf: try #require(FileManager.default.enumerator(at: dir.url.appendingPathComponent(".tessera/dev/runs"),
                                                                                    includingPropertiesForKeys: nil)?.allObjects.first as? URL),
                             encoding: .utf8)
        let check = try TesseraBinary.run(["check", "--no-color"], in: dir.url)
        let runs = try TesseraBinary.run(["runs", "show", "2", "--no-color"], in: dir.url)
        for output in [run.stdout, log, check.stdout, runs.stdout] {
            #expect(!output.contains("1 rows"), "\(output)")
        }
    }
}
