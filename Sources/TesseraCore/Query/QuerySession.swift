import DuckDB
import Foundation
import TesseraCatalog
import TesseraModel
import TesseraRuntime
import TesseraSQL

/// One principal's connection to the products, kept open for many queries: what a front end
/// that holds a session (the PostgreSQL endpoint) uses instead of opening the products again for
/// every query. Every statement goes through the same guard, access check and audit as
/// `Queries`; the session adds only that results come back as DuckDB's typed chunks, which the
/// front end encodes itself.
///
/// Not safe to use from two threads at once, like the connection it holds: a front end runs a
/// session's statements one after another. `interrupt` is the exception, callable from anywhere.
public final class QuerySession: @unchecked Sendable {
    public let principal: Principal
    /// Every relation the principal may read, with its columns: what catalogs list.
    public let relations: [ReadableRelation]
    let workspace: Workspace
    let connection: Connection
    /// The lease on the snapshots its views read: it ends when the session goes (closed, or
    /// replaced by a fresh one after a publish), never while the session can still read them.
    let lease: SnapshotLease
    let analyzer: SQLAnalyzer
    /// The snapshots its views read, as they were just before they were made (see `isCurrent`).
    var snapshotKey: [String] = []

    init(
        workspace: Workspace, principal: Principal, connection: Connection, lease: SnapshotLease,
        analyzer: SQLAnalyzer
    ) throws {
        self.workspace = workspace
        self.principal = principal
        self.connection = connection
        self.lease = lease
        self.analyzer = analyzer
        self.relations = try ReadableRelation.all(on: connection, project: workspace.project)
    }

    /// Checks one query as `Queries` does (the guard, what the principal may read, one SELECT)
    /// and prepares it. A refusal is audited here; a statement that runs is audited by `finished`.
    public func prepare(_ sql: String) async throws(CoreError) -> PreparedStatement {
        do throws(CoreError) {
            try workspace.queries.refuseEscapesAndUnreadable(sql, as: principal, analyzer: analyzer)
            try Runs.mapping { try ProductReader.requireQuery(sql, on: connection) }
            do { return try connection.prepare(Self.body(of: sql)) } catch {
                throw CoreError(.usage, "the query failed: \(error)", hint: Queries.productHint)
            }
        } catch {
            await finished(sql, rows: nil, failure: error.message)
            throw error
        }
    }

    /// Runs a prepared query with its parameters; rows come as the caller reads the stream.
    public func start(_ statement: PreparedStatement, parameters: [DuckDBValue]) throws(CoreError) -> ResultStream {
        do { return try statement.query(parameters) } catch {
            throw CoreError(.usage, "the query failed: \(error)", hint: Queries.productHint)
        }
    }

    /// The audit entry of a statement, once it ended (well, with `rows`, or with `failure`).
    public func finished(_ sql: String, rows: Int?, failure: String?) async {
        await workspace.queries.audit(sql: sql, principal: principal, rows: rows, failure: failure)
    }

    /// Stops the statement running now (a client's cancel request): it fails with an interrupt.
    public func interrupt() { connection.interrupt() }

    static func body(of sql: String) -> String {
        sql.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
    }
}

/// A relation a principal may read: a product (or an earlier major of one, `<product>__v<N>`)
/// in its domain's schema, with its columns and their contract descriptions.
public struct ReadableRelation: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var name: String
        /// DuckDB's name of the type (`INTEGER`, `DECIMAL(18,2)`, `VARCHAR` …).
        public var type: String
        public var description: String?
    }

    public var schema: String
    public var name: String
    public var description: String?
    public var columns: [Column]

    static func all(on connection: Connection, project: Project) throws -> [ReadableRelation] {
        let rows = try connection.rows(
            """
            SELECT schema_name, table_name, column_name, data_type FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name <> 'main' AND NOT internal
            ORDER BY schema_name, table_name, column_index
            """)
        var relations: [ReadableRelation] = []
        for row in rows {
            guard case .varchar(let schema) = row[0], case .varchar(let name) = row[1],
                case .varchar(let column) = row[2], case .varchar(let type) = row[3]
            else { continue }
            let product = project.domain(named: schema).flatMap { domain in
                domain.product(named: name) ?? domain.product(named: Self.currentName(of: name))
            }
            if relations.last?.schema != schema || relations.last?.name != name {
                relations.append(
                    ReadableRelation(schema: schema, name: name, description: product?.description, columns: []))
            }
            let contract = product?.contract.columns.first { $0.name == column }
            relations[relations.count - 1].columns.append(
                Column(name: column, type: type, description: contract?.description))
        }
        return relations
    }

    private static func currentName(of name: String) -> String {
        guard let marker = name.range(of: Product.previousMajorSuffix, options: .backwards) else { return name }
        return String(name[..<marker.lowerBound])
    }
}

extension Queries {
    static let productHint = "products are named <domain>.<product>; `tessera catalog list` lists them"

    /// A session for many queries as `principal` (see `QuerySession`), its queries run on
    /// `threads` DuckDB threads (nil: one per core).
    public func session(as principal: Principal, threads: Int? = nil) async throws(CoreError) -> QuerySession {
        let analyzer = try QueryGuard.analyzer()
        let reader = ProductReader(
            project: workspace.project, layout: workspace.layout, maskKey: try workspace.maskKey())
        let catalog = try workspace.catalog()
        // Read before the views are made: a publish in between makes the session look stale
        // (and be opened again), never current when it is not.
        let key = try await QuerySession.snapshotKey(workspace: workspace, principal: principal)
        let (connection, _, lease) = try await Runs.mapping {
            try await reader.open(as: principal, catalog: catalog, threads: threads)
        }
        do {
            let session = try QuerySession(
                workspace: workspace, principal: principal, connection: connection, lease: lease, analyzer: analyzer)
            session.snapshotKey = key
            return session
        } catch {
            throw CoreError(.internalError, "cannot list the products \(principal) may read: \(error)")
        }
    }
}
