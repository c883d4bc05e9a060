import DuckDB
import Foundation
import TesseraCatalog
import TesseraModel
import TesseraRuntime
import TesseraSQL

/// Read-only SQL over the current snapshots of published products, as a principal. Every query is
/// audited — refused and failed ones too — whichever front end sent it.
public struct Queries: Sendable {
    let workspace: Workspace

    /// A result small enough to show: at most `limit` rows, every value as text.
    public struct Table: Sendable {
        public var columns: [String]
        public var rows: [[String?]]
        /// Whether the query had more rows than `limit`.
        public var truncated: Bool
    }

    /// CSV with a header; a JSON array of objects; JSON lines (one object per line, for streams
    /// a client reads as they come).
    public enum Format: Sendable { case csv, json, jsonLines }

    /// At most `limit` rows, for a terminal or a page.
    public func table(_ sql: String, as principal: Principal, limit: Int) async throws(CoreError) -> Table {
        try await audited(sql, as: principal, rows: \.rows.count) { connection, body in
            // The body on lines of its own: a trailing `-- comment` cannot swallow what follows.
            let result = try connection.query(
                "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (\n\(body)\n) LIMIT \(limit + 1)")
            var rows: [[String?]] = []
            while let row = try result.nextRow() {
                rows.append(row.map { value in if case .varchar(let text) = value { text } else { nil } })
            }
            return Table(columns: result.columnNames, rows: Array(rows.prefix(limit)), truncated: rows.count > limit)
        }
    }

    /// Every row, written to `sink` as it is produced; returns the number of rows. Rows the query
    /// does not order (no ORDER BY) come in whatever order DuckDB produces them, as SQL allows:
    /// that keeps memory flat however large the result.
    public func stream(
        _ sql: String, as principal: Principal, format: Format, to sink: @escaping @Sendable (Data) throws -> Void
    )
        async throws(CoreError) -> Int
    {
        try await audited(sql, as: principal, rows: { $0 }, anyOrder: true) { connection, body in
            try ResultWriter(format: format, sink: sink).write(body, on: connection)
        }
    }

    /// Opens the principal's view of the products, refuses anything but one query, runs `work`,
    /// and appends the `query` audit entry whatever happened.
    func audited<T>(
        _ sql: String, as principal: Principal, rows: (T) -> Int, anyOrder: Bool = false,
        _ work: (Connection, String) throws -> T
    ) async throws(CoreError) -> T {
        do {
            let result = try await execute(sql, as: principal, anyOrder: anyOrder, work)
            await audit(sql: sql, principal: principal, rows: rows(result), failure: nil)
            return result
        } catch {
            await audit(sql: sql, principal: principal, rows: nil, failure: error.message)
            throw error
        }
    }

    private func execute<T>(
        _ sql: String, as principal: Principal, anyOrder: Bool, _ work: (Connection, String) throws -> T
    ) async throws(CoreError) -> T {
        let analyzer = try QueryGuard.analyzer()
        let named = try refuseEscapesAndUnreadable(sql, as: principal, analyzer: analyzer)
        let (connection, lease) = try await view(as: principal, anyOrder: anyOrder, only: named)
        // The lease ends once the result is written, not before: `work` reads the files to the end.
        defer { withExtendedLifetime(lease) {} }
        return try run(sql, on: connection, work)
    }

    /// The principal's view of the products: views of those in `only` when that is known, since
    /// opening every product the principal may read cost a query of a big mesh far more than the
    /// query itself; a domain also sees its own models. The caller keeps the lease on the
    /// snapshots read for exactly as long as it uses the connection.
    func view(as principal: Principal, anyOrder: Bool, only named: Set<String>?) async throws(CoreError)
        -> (Connection, SnapshotLease)
    {
        let reader = ProductReader(
            project: workspace.project, layout: workspace.layout, maskKey: try workspace.maskKey())
        let catalog = try workspace.catalog()
        let (connection, _, lease) = try await Runs.mapping {
            try await reader.open(as: principal, catalog: catalog, anyOrder: anyOrder, only: named)
        }
        if case .domain(let name) = principal, let domain = workspace.project.domain(named: name),
            let problem = OwnWork.expose(domain, warehouse: workspace.layout.warehouseFile(name), on: connection)
        {
            workspace.warn(problem)
        }
        return (connection, lease)
    }

    /// Runs one already checked query on a view: refuses anything but one query, and reports a
    /// mistake in the user's own SQL.
    func run<T>(_ sql: String, on connection: Connection, _ work: (Connection, String) throws -> T)
        throws(CoreError) -> T
    {
        try Runs.mapping { try ProductReader.requireQuery(sql, on: connection) }
        let body = QuerySession.body(of: sql)
        do {
            return try work(connection, body)
        } catch let error as DuckDBError {
            // A mistake is reported in the user's own SQL, not inside the statement that renders
            // its result: binding the SQL alone says the same thing about the user's text.
            let mistake = Self.bindingError(body, on: connection) ?? error
            throw CoreError(
                .usage, "the query failed: \(mistake)",
                hint: Self.productHint)
        } catch {
            throw CoreError(.internalError, "cannot write the query's result: \(error)")
        }
    }

    /// The checks before anything runs: the guard against escapes, and what the principal may
    /// read. Returns the products the query names, when only products are named.
    @discardableResult
    func refuseEscapesAndUnreadable(_ sql: String, as principal: Principal, analyzer: SQLAnalyzer)
        throws(CoreError) -> Set<String>?
    {
        try QueryGuard.refuseEscapes(sql, analyzer: analyzer)
        if case .domain(let domain) = principal, workspace.project.domain(named: domain) == nil {
            throw CoreError(
                .usage, "--as-domain \(domain): the mesh has no such domain.",
                hint: "use one of: \(workspace.project.domains.map(\.name).joined(separator: ", ")).")
        }
        return try QueryAccess(project: workspace.project).refuseUnreadable(sql, as: principal, analyzer: analyzer)
    }

    /// DuckDB's error for `sql` on its own, when binding it fails.
    private static func bindingError(_ sql: String, on connection: Connection) -> DuckDBError? {
        do {
            _ = try connection.prepare(sql)
            return nil
        } catch {
            return error as? DuckDBError
        }
    }

    /// A catalog that cannot be written does not undo a query that already answered: the problem
    /// is said on stderr instead.
    func audit(sql: String, principal: Principal, rows: Int?, failure: String?) async {
        struct Detail: Encodable {
            var sql: String
            var principal: String
            var as_domain: String?
            var rows: Int?
            var error: String?
        }
        var domain: String? { if case .domain(let name) = principal { name } else { nil } }
        let draft = AuditDraft(
            action: .query, target: workspace.project.mesh.name, outcome: failure == nil ? "succeeded" : "failed",
            detail: Detail(sql: sql, principal: principal.description, as_domain: domain, rows: rows, error: failure))
        do { _ = try await workspace.catalog().appendAudit(draft) } catch {
            workspace.warn("the query was not recorded in the audit log: \(error)")
        }
    }
}
