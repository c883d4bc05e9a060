import DuckDB
import Foundation
import TesseraCore

extension EndpointSession {
    func describeStatement(_ name: String, output: some ReplyOutput) async throws(EndpointError) {
        guard let statement = statements[name] else {
            throw EndpointError(
                EndpointError.Code.invalidStatementName, "prepared statement \"\(name)\" does not exist")
        }
        var portal = Portal(statement: statement, parameters: [], resultFormats: [])
        var types = statement.parameterTypes
        if statement.route != .local {
            let prepared = try await prepare(statement)
            let count = prepared.parameterCount
            types = (0..<count).map { $0 < types.count && types[$0] != 0 ? types[$0] : PostgresType.text.oid }
            portal.parameters = Array(repeating: .null, count: count)
            try await start(&portal, prepared: prepared)
        }
        try send([.parameterDescription(types)], output)
        try send([description(of: portal)], output)
    }

    func describePortal(_ name: String, output: some ReplyOutput) async throws(EndpointError) {
        guard var portal = portals[name] else {
            throw EndpointError(EndpointError.Code.invalidCursorName, "portal \"\(name)\" does not exist")
        }
        if portal.statement.route != .local, portal.stream == nil {
            try await start(&portal, prepared: try await prepare(portal.statement))
            portals[name] = portal
        }
        try send([description(of: portal)], output)
    }

    /// RowDescription of what the portal returns, or NoData.
    private func description(of portal: Portal) -> BackendReply {
        if case .show(let name) = portal.statement.kind {
            return .rowDescription([
                FieldDescription(name: name, typeOID: PostgresType.text.oid, typeSize: -1, format: .text)
            ])
        }
        guard let stream = portal.stream else { return .noData }
        return .rowDescription(
            stream.columns.enumerated().map { index, column in
                let type = PostgresType(column.type)
                return FieldDescription(
                    name: column.name, typeOID: type.oid, typeSize: type.size,
                    typeModifier: PostgresType.modifier(of: column.type),
                    format: BindRequest.format(portal.resultFormats, at: index))
            })
    }

    func execute(portal name: String, maxRows: Int, output: some ReplyOutput) async throws(EndpointError)
        -> EndpointStateMachine.TransactionChange?
    {
        guard var portal = portals[name] else {
            throw EndpointError(EndpointError.Code.invalidCursorName, "portal \"\(name)\" does not exist")
        }
        if portal.statement.route == .local { return try await local(portal.statement, output: output) }
        if portal.stream == nil { try await start(&portal, prepared: try await prepare(portal.statement)) }
        do {
            let done = try RowWriter(portal: portal, output: output).write(&portal, limit: maxRows)
            if done {
                try send([.commandComplete("SELECT \(portal.rows)")], output)
                portals[name] = nil
                if portal.statement.route.isAudited {
                    await products.finished(portal.statement.sql, rows: portal.rows, failure: nil)
                }
            } else {
                portals[name] = portal
                try send([.portalSuspended], output)
            }
        } catch {
            portals[name] = nil
            if portal.statement.route.isAudited {
                await products.finished(portal.statement.sql, rows: portal.rows, failure: error.message)
            }
            throw error
        }
        return nil
    }

    private func prepare(_ statement: Statement) async throws(EndpointError) -> PreparedStatement {
        switch statement.route {
        case .products:
            // PostgreSQL's TO_DATE and TO_TIMESTAMP, as BI tools' generated filters use them.
            let sql = FormattingFunctionRewriter.rewrite(statement.sql)
            do { return try await products.prepare(sql) } catch { throw ErrorMapping.error(error) }
        case .explain:
            return try await prepareExplain(statement.sql)
        default:
            do { return try catalog.prepare(statement.sql) } catch { throw ErrorMapping.error(error) }
        }
    }

    private func start(_ portal: inout Portal, prepared: PreparedStatement) async throws(EndpointError) {
        if portal.statement.route == .explain { return try await startExplain(&portal, prepared: prepared) }
        do {
            if portal.statement.route == .products {
                portal.stream = try products.start(prepared, parameters: portal.parameters)
            } else {
                portal.stream = try prepared.query(portal.parameters)
            }
        } catch let error as CoreError {
            if portal.statement.route == .products {
                await products.finished(portal.statement.sql, rows: nil, failure: error.message)
            }
            throw ErrorMapping.error(error)
        } catch {
            throw ErrorMapping.error(error)
        }
    }
}
