import Foundation
import TesseraModel
import TesseraSQL
@testable import TesseraTransform

/// A mesh written to a temporary folder from a dictionary of files, loaded and analysed.
struct MeshFixture {
    let root: URL
    let mesh: MeshAnalysis

    static let governanceOff = """
        mesh: fixture
        governance: {require_owner: false, require_description: false, require_classification: false, pii_requires_mask: false}

        """

    /// `files` maps paths under the project root to their text; tessera.yaml defaults to an ungoverned mesh.
    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-transform-\(UUID().uuidString)")
        var all = files
        if all["tessera.yaml"] == nil { all["tessera.yaml"] = Self.governanceOff }
        for (path, text) in all {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let loaded = ProjectLoader(root: root, environment: [:]).load()
        guard let project = loaded.project else {
            throw FixtureError(message: loaded.diagnostics.map(\.description).joined(separator: "\n"))
        }
        mesh = MeshAnalysis(project: project, analyzer: try SQLAnalyzer())
    }

    struct FixtureError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    static func csvSource(_ path: String = "data/*.csv") -> String {
        "connector: {type: csv, path: \"\(path)\"}\n"
    }

    /// Three domains: sales (source → two models → product), marketing (a model reading
    /// sales.orders), finance (a model reading both, tagged gold).
    static func threeDomains() throws -> MeshFixture {
        try MeshFixture([
            "domains/sales/domain.yaml": "owner: s@x\n",
            "domains/sales/sources/orders.yaml": csvSource(),
            "domains/sales/models/orders_clean.sql": "select id, amount from src.orders where amount > 0",
            "domains/sales/models/orders.sql": "select * from orders_clean",
            "domains/sales/models/orders.yaml": "tags: [gold]\n",
            "domains/sales/products/orders.yaml": """
                contract:
                  columns:
                    - {name: id, type: BIGINT}
                    - {name: amount, type: DOUBLE}
                """,
            "domains/marketing/domain.yaml": "owner: m@x\n",
            "domains/marketing/models/spend.sql": "select id, amount * 2 as spend from sales.orders",
            "domains/finance/domain.yaml": "owner: f@x\n",
            "domains/finance/models/revenue.sql": "select sum(amount) as revenue from sales.orders",
            "domains/finance/models/revenue.yaml": "tags: [gold]\n",
        ])
    }
}

extension NodeID {
    static func model(_ domain: String, _ name: String) -> NodeID { NodeID(.model, domain, name) }
    static func source(_ domain: String, _ name: String) -> NodeID { NodeID(.source, domain, name) }
    static func product(_ domain: String, _ name: String) -> NodeID { NodeID(.product, domain, name) }
}
