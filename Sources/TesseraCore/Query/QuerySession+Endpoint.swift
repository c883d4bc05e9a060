import DuckDB
import Foundation
import TesseraModel
import TesseraRuntime

/// What a PostgreSQL client's session asks of the products beyond one query: the schemas its
/// unqualified names resolve through (`SET search_path`), and the plan of a query (`EXPLAIN`).
extension QuerySession {
    /// Makes unqualified names resolve through `schemas`, in order (the first that has the name
    /// wins). Only schemas of relations the principal may read are kept, and only valid mesh names:
    /// a client's text never becomes DuckDB's setting unchecked. With none left, unqualified
    /// names resolve nowhere (`main` holds no product). Returns the schemas kept.
    @discardableResult
    public func useSchemas(_ schemas: [String]) throws(CoreError) -> [String] {
        let visible = Set(relations.map(\.schema))
        var kept: [String] = []
        for schema in schemas where visible.contains(schema) && Name.isValid(schema) && !kept.contains(schema) {
            kept.append(schema)
        }
        let value = kept.isEmpty ? "main" : kept.joined(separator: ",")
        do { try connection.execute("SET search_path = \(SQL.literal(value))") } catch {
            throw CoreError(.internalError, "cannot set the search path to \(value): \(error)")
        }
        return kept
    }

    /// A query's plan, as DuckDB would run it for the principal: the same guard and access check
    /// as `prepare` (a refusal is audited), then DuckDB's `EXPLAIN` in JSON, which the caller
    /// runs with the query's parameters and reduces to what the principal may see.
    public func prepareExplain(_ sql: String) async throws(CoreError) -> ExplainedQuery {
        do throws(CoreError) {
            let named = try workspace.queries.refuseEscapesAndUnreadable(sql, as: principal, analyzer: analyzer)
            try Runs.mapping { try ProductReader.requireQuery(sql, on: connection) }
            let body = Self.body(of: sql)
            do {
                let plan = try connection.prepare("EXPLAIN (FORMAT JSON) \(body)")
                let types = (try? connection.rows("DESCRIBE \(body)"))?.compactMap {
                    $0.count > 1 ? $0[1].stringValue : nil
                }
                return ExplainedQuery(plan: plan, products: named, columnTypes: types ?? [])
            } catch {
                throw CoreError(.usage, "the query failed: \(error)", hint: Queries.productHint)
            }
        } catch {
            await finished("EXPLAIN \(sql)", rows: nil, failure: error.message)
            throw error
        }
    }
}

extension QuerySession {
    /// Whether the session's views still read the current snapshots of what the principal may
    /// read (no publish since they were made). A front end that keeps a session across
    /// statements asks at each transaction's start and opens a new session when it is stale.
    public func isCurrent() async throws(CoreError) -> Bool {
        try await Self.snapshotKey(workspace: workspace, principal: principal) == snapshotKey
    }

    /// The current snapshot of each product the principal may read, in one catalog read. The
    /// served earlier majors change only with a publish, which changes the current one too.
    static func snapshotKey(workspace: Workspace, principal: Principal) async throws(CoreError) -> [String] {
        let policy = ReadPolicy(project: workspace.project)
        let current: [String: String]
        let catalog = try workspace.catalog()
        do { current = try await catalog.currentSnapshotIDs() } catch { throw CoreError(catalog: error) }
        return workspace.project.domains.flatMap(\.products).filter { policy.decide(principal, reads: $0).isReadable }
            .map { "\($0.qualifiedName) \(current[$0.qualifiedName] ?? "-")" }
    }
}

/// A query prepared for `EXPLAIN`: DuckDB's plan statement, the products the query names (nil
/// when not known, e.g. unqualified names), and its result's column types (DuckDB's names).
public struct ExplainedQuery {
    public var plan: PreparedStatement
    public var products: Set<String>?
    public var columnTypes: [String]
}
