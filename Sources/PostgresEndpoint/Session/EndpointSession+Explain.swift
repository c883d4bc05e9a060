import DuckDB
import Foundation
import TesseraCore

extension EndpointSession.Route {
    /// Whether a statement of this route goes to the audit log: what reads the products does.
    var isAudited: Bool { self == .products || self == .explain }
}

extension EndpointSession {
    /// EXPLAIN of a query: the query goes through the guard and the access check as if it ran
    /// (a refusal is the same refusal), and DuckDB's plan of it is prepared.
    func prepareExplain(_ sql: String) async throws(EndpointError) -> PreparedStatement {
        guard let explain = ExplainStatement(sql) else {
            throw EndpointError(EndpointError.Code.syntaxError, "syntax error at or near \"EXPLAIN\"")
        }
        if let refusal = explain.refusal {
            await products.finished(sql, rows: nil, failure: refusal.message)
            throw refusal
        }
        guard StatementKind(explain.statement) == .query, !CatalogQueryRewriter.readsCatalog(explain.statement) else {
            let refusal = EndpointError(
                EndpointError.Code.featureNotSupported, "EXPLAIN is supported for queries of the products only",
                hint: "EXPLAIN SELECT … FROM <domain>.<product>")
            await products.finished(sql, rows: nil, failure: refusal.message)
            throw refusal
        }
        do {
            let query = try await products.prepareExplain(FormattingFunctionRewriter.rewrite(explain.statement))
            explained[sql] = query
            return query.plan
        } catch {
            throw ErrorMapping.error(error)
        }
    }

    /// Runs the plan statement with the portal's parameters and turns its JSON into the lines of
    /// one text column, `QUERY PLAN`, which the portal then streams as any result.
    func startExplain(_ portal: inout Portal, prepared: PreparedStatement) async throws(EndpointError) {
        let query = explained.removeValue(forKey: portal.statement.sql)
        do {
            var json = ""
            for row in try prepared.query(portal.parameters).rows() where row.count > 1 {
                json += row[1].stringValue ?? ""
            }
            let lines = ExplainPlan.lines(
                json: json, columnTypes: query?.columnTypes ?? [], products: query?.products)
            portal.stream = try catalog.planRows(lines)
        } catch {
            let failure = ErrorMapping.error(error)
            await products.finished(portal.statement.sql, rows: nil, failure: failure.message)
            throw failure
        }
    }
}
