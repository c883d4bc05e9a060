import DuckDB
import Foundation
import TesseraCatalog
import TesseraIngest
import TesseraModel
import TesseraTransform

/// Reads what earlier runs left, as the planner sees it (``NodeState``): the load ledger and the
/// model builds from each domain's warehouse, the current snapshots from the catalog.
struct StateReader {
    var project: Project
    var layout: StateLayout

    /// From warehouses a run already holds open.
    func states(warehouses: [String: Database], catalog: (any CatalogStore)?) async throws -> [NodeID: NodeState] {
        var states: [NodeID: NodeState] = [:]
        for domain in project.domains {
            guard let database = warehouses[domain.name] else { continue }
            let connection = try database.connect()
            states.merge(try Self.warehouseStates(domain: domain.name, connection: connection)) { _, new in new }
        }
        if let catalog {
            for domain in project.domains {
                for product in domain.products {
                    guard let current = try await catalog.currentSnapshot(product: product.qualifiedName) else {
                        continue
                    }
                    states[NodeID(.product, domain.name, product.name)] = NodeState(
                        version: NodeState.microseconds(current.createdAt),
                        fingerprint: current.fingerprint, upstreamVersion: current.upstreamVersion
                    )
                }
            }
        }
        return states
    }

    /// For `plan`: opens each existing warehouse read-only (a mesh never run has no state), and
    /// the catalog only when it exists.
    func states(catalog: (any CatalogStore)?) async throws -> [NodeID: NodeState] {
        try await statesAndPreviews(of: [], catalog: catalog).states
    }

    /// The states, and what the next load of each of `sources` would find (``LoadPreview``),
    /// read from the same read-only warehouses.
    func statesAndPreviews(of sources: [Source], catalog: (any CatalogStore)?) async throws
        -> (states: [NodeID: NodeState], previews: [NodeID: LoadPreview])
    {
        var databases: [String: Database] = [:]
        for domain in project.domains {
            let file = layout.warehouseFile(domain.name)
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            databases[domain.name] = try Database(path: file.path, options: ["access_mode": "READ_ONLY"])
        }
        let states = try await states(warehouses: databases, catalog: catalog)
        var previews: [NodeID: LoadPreview] = [:]
        for source in sources {
            let connection = try databases[source.domain].map { try $0.connect() }
            previews[NodeID(.source, source.domain, source.name)] = LoadPreview.of(
                source, projectRoot: project.root, connection: connection)
        }
        return (states, previews)
    }

    /// Sources: the last load that committed data. Models: the last build.
    static func warehouseStates(domain: String, connection: Connection) throws -> [NodeID: NodeState] {
        var states: [NodeID: NodeState] = [:]
        let hasLedger = try connection.scalar(
            """
            SELECT count(*) FROM duckdb_tables() WHERE schema_name = '_tessera' AND table_name = 'loads'
            """)
        if case .bigint(let count)? = hasLedger, count > 0 {
            for row in try connection.rows(
                """
                SELECT source, epoch_us(max(finished_at)) FROM _tessera.loads WHERE status = 'committed' GROUP BY source
                """)
            {
                guard case .varchar(let source) = row[0], case .bigint(let version) = row[1] else { continue }
                states[NodeID(.source, domain, source)] = NodeState(version: version)
            }
        }
        if let builds = try? ModelStateStore(connection: connection).all() {
            for (model, state) in builds {
                states[NodeID(.model, domain, model)] = NodeState(
                    version: NodeState.microseconds(state.builtAt), fingerprint: state.fingerprint,
                    upstreamVersion: state.upstreamVersion, builtUntil: state.builtUntil, kind: state.kind
                )
                states[NodeID(.model, domain, model)]?.model = state
            }
        }
        return states
    }
}
