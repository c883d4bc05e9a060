import DuckDB
import Foundation
import TesseraCore

/// One signed-in client's statements and portals, run against the principal's products (through
/// the core's `QuerySession`: guard, policy, masks, audit) or against the catalog emulation.
/// Its methods run one after another on the connection's own thread (DuckDB blocks); only
/// `interrupt` comes from elsewhere.
final class EndpointSession: @unchecked Sendable {
    /// Where a statement runs.
    enum Route: Equatable {
        case products, catalog
        /// EXPLAIN of a query of the products: the plan, reduced to what the principal may see.
        case explain
        /// Answered without DuckDB: transaction control, SET, SHOW, empty, refused writes.
        case local
    }

    struct Statement {
        var sql: String
        var kind: StatementKind
        var route: Route
        var parameterTypes: [UInt32]
    }

    struct Portal {
        var statement: Statement
        var parameters: [DuckDBValue]
        var resultFormats: [ValueFormat]
        var stream: ResultStream?
        /// The chunk being sent, and its next row: an Execute's row limit can cut a chunk.
        var pending: EncodedChunk?
        var pendingRow = 0
        var rows = 0
    }

    /// Both opened again when a transaction starts after a publish (`refreshSnapshots`).
    private(set) var products: QuerySession
    private(set) var catalog: CatalogEmulation
    /// Guards the swap of `products` and `catalog` against `interrupt`, which comes from elsewhere.
    private let swapping = NSLock()
    /// Session settings from SET (and the startup message), read by SHOW.
    var settings: [String: String]
    var statements: [String: Statement] = [:]
    var portals: [String: Portal] = [:]
    /// EXPLAIN statements prepared and not yet started, by their text.
    var explained: [String: ExplainedQuery] = [:]

    init(products: QuerySession, catalog: CatalogEmulation, settings: [String: String]) {
        self.products = products
        self.catalog = catalog
        self.settings = settings
    }

    /// A client's cancel request: the running statement fails with 57014.
    func interrupt() {
        swapping.withLock {
            products.interrupt()
            catalog.connection.interrupt()
        }
    }

    func replace(products: QuerySession, catalog: CatalogEmulation) {
        swapping.withLock {
            self.products = products
            self.catalog = catalog
        }
    }

    /// Does one message's work, writing its replies to `output`.
    func perform(_ work: EndpointWork, output: some ReplyOutput) async throws(EndpointError)
        -> EndpointStateMachine.TransactionChange?
    {
        switch work {
        case .simpleQuery(let sql):
            return try await timed { () async throws(EndpointError) in try await simpleQuery(sql, output: output) }
        case .parse(let name, let sql, let types):
            statements[name] = statement(sql, parameterTypes: types)
            try send([.parseComplete], output)
        case .bind(let request):
            try bind(request)
            try send([.bindComplete], output)
        case .describe(.statement(let name)):
            try await describeStatement(name, output: output)
        case .describe(.portal(let name)):
            try await describePortal(name, output: output)
        case .execute(let name, let maxRows):
            return try await timed { () async throws(EndpointError) in
                try await execute(portal: name, maxRows: maxRows, output: output)
            }
        case .close(let target):
            switch target {
            case .statement(let name): statements[name] = nil
            case .portal(let name): portals[name] = nil
            }
            try send([.closeComplete], output)
        }
        return nil
    }

    private func simpleQuery(_ sql: String, output: some ReplyOutput) async throws(EndpointError)
        -> EndpointStateMachine.TransactionChange?
    {
        let statement = statement(sql, parameterTypes: [])
        portals[""] = Portal(statement: statement, parameters: [], resultFormats: [])
        try await describePortal("", output: output)
        return try await execute(portal: "", maxRows: 0, output: output)
    }

    func statement(_ sql: String, parameterTypes: [UInt32]) -> Statement {
        let kind = StatementKind(sql)
        let route: Route =
            switch kind {
            case .query, .other: CatalogQueryRewriter.readsCatalog(sql) ? .catalog : .products
            case .explain: .explain
            default: .local
            }
        return Statement(sql: sql, kind: kind, route: route, parameterTypes: parameterTypes)
    }

    private func bind(_ request: BindRequest) throws(EndpointError) {
        guard let statement = statements[request.statement] else {
            throw EndpointError(
                EndpointError.Code.invalidStatementName, "prepared statement \"\(request.statement)\" does not exist")
        }
        var values: [DuckDBValue] = []
        for (index, bytes) in request.parameters.enumerated() {
            let type = index < statement.parameterTypes.count ? statement.parameterTypes[index] : 0
            values.append(
                try ParameterDecoder.value(
                    bytes, format: BindRequest.format(request.parameterFormats, at: index), typeOID: type))
        }
        portals[request.portal] = Portal(
            statement: statement, parameters: values, resultFormats: request.resultFormats)
    }

    func send(_ replies: [BackendReply], _ output: some ReplyOutput) throws(EndpointError) {
        do { try output.send(replies) } catch { throw Self.clientGone }
    }

    static let clientGone = EndpointError(EndpointError.Code.queryCanceled, "the client went away")
}
