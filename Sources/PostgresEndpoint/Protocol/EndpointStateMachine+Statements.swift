extension EndpointStateMachine {
    /// A message of a signed-in session.
    mutating func ready(_ request: FrontendRequest) -> [EndpointAction] {
        if refusedInFailedBlock(request) {
            state = .skippingUntilSync
            return [.send([.error(Self.abortedTransaction)])]
        }
        switch request {
        case .query(let sql): return simpleQuery(sql)
        case .parse(let name, let sql, let types):
            return start(.parse(name: name, sql: sql, parameterTypes: types))
        case .bind(let bind): return start(.bind(bind))
        case .describe(let target): return start(.describe(target))
        case .execute(let portal, let maxRows): return start(.execute(portal: portal, maxRows: maxRows))
        case .close(let target): return start(.close(target))
        case .sync: return [.send([.readyForQuery(transaction)]), .flush]
        case .flush: return [.flush]
        case .unsupported(let type):
            state = .skippingUntilSync
            let name = (32..<127).contains(type) ? String(UnicodeScalar(type)) : "\(type)"
            return [
                .send([
                    .error(
                        EndpointError(
                            EndpointError.Code.featureNotSupported,
                            "message type '\(name)' is not supported: this endpoint only reads (no COPY, no function calls)"
                        ))
                ])
            ]
        default:
            return fatal("this message is not allowed after sign-in")
        }
    }

    /// A Query message may hold several statements: they run in order, each with its own
    /// results, and one ReadyForQuery ends them all; the first error skips the rest.
    private mutating func simpleQuery(_ sql: String) -> [EndpointAction] {
        let statements = StatementSplitter.statements(sql)
        guard !statements.isEmpty else { return [.send([.emptyQueryResponse, .readyForQuery(transaction)]), .flush] }
        queued = statements[...]
        return nextStatement(after: [])
    }

    /// Answers the queued statements that need no session (transaction control, those refused
    /// in a failed block) and starts the first one that does; ReadyForQuery once none is left.
    private mutating func nextStatement(after replies: [BackendReply]) -> [EndpointAction] {
        var replies = replies
        while let sql = queued.popFirst() {
            let kind = StatementKind(sql)
            if transaction == .failed, kind != .commit, kind != .rollback {
                queued = []
                replies.append(.error(Self.abortedTransaction))
                break
            }
            switch kind {
            case .begin, .commit, .rollback:
                let (tag, change) = kind.transactionEffect(failed: transaction == .failed)
                apply(change)
                replies.append(.commandComplete(tag))
            default:
                state = .working(simple: true, transactionChange: nil)
                return (replies.isEmpty ? [] : [.send(replies)]) + [.run(.simpleQuery(sql))]
            }
        }
        state = .ready
        return [.send(replies + [.readyForQuery(transaction)]), .flush]
    }

    /// In a failed block only its end is accepted, as in PostgreSQL: a Parse, Bind or Execute of
    /// anything but COMMIT or ROLLBACK gets 25P02. Which prepared statements and portals end a
    /// block is noted as they come.
    private mutating func refusedInFailedBlock(_ request: FrontendRequest) -> Bool {
        switch request {
        case .parse(let name, let sql, _):
            let kind = StatementKind(sql)
            let ends = kind == .commit || kind == .rollback
            if ends { blockEnders.statements.insert(name) } else { blockEnders.statements.remove(name) }
            return transaction == .failed && !ends
        case .bind(let bind):
            let ends = blockEnders.statements.contains(bind.statement)
            if ends { blockEnders.portals.insert(bind.portal) } else { blockEnders.portals.remove(bind.portal) }
            return transaction == .failed && !ends
        case .execute(let portal, _):
            return transaction == .failed && !blockEnders.portals.contains(portal)
        default:
            return false
        }
    }

    private mutating func start(_ work: EndpointWork) -> [EndpointAction] {
        state = .working(simple: false, transactionChange: nil)
        return [.run(work)]
    }

    /// The running work ended well (its replies already sent); `change` when it was BEGIN,
    /// COMMIT or ROLLBACK.
    public mutating func workSucceeded(_ change: TransactionChange? = nil) -> [EndpointAction] {
        guard case .working(let simple, _) = state else { return [] }
        apply(change)
        state = .ready
        return simple ? nextStatement(after: []) : []
    }

    /// The running work failed: the error, then ReadyForQuery (simple query) or skipping until
    /// Sync (extended query). A session that could not open ends the connection.
    public mutating func workFailed(_ error: EndpointError) -> [EndpointAction] {
        switch state {
        case .openingSession:
            state = .closed
            return [.send([.error(error)]), .flush, .closeConnection]
        case .working(let simple, _):
            if transaction == .inTransaction { transaction = .failed }
            if simple {
                state = .ready
                queued = []
                return [.send([.error(error), .readyForQuery(transaction)]), .flush]
            }
            state = .skippingUntilSync
            return [.send([.error(error)])]
        default:
            return []
        }
    }

    private mutating func apply(_ change: TransactionChange?) {
        switch change {
        case .begin: transaction = .inTransaction
        case .end: transaction = .idle
        case nil: break
        }
    }

    static let abortedTransaction = EndpointError(
        EndpointError.Code.inFailedTransaction,
        "current transaction is aborted, commands ignored until end of transaction block",
        hint: "send ROLLBACK")

    mutating func fatal(_ message: String, code: String = EndpointError.Code.protocolViolation) -> [EndpointAction] {
        fail(EndpointError(code, message, severity: "FATAL"))
    }

    mutating func fail(_ error: EndpointError) -> [EndpointAction] {
        state = .closed
        return [.send([.error(error)]), .flush, .closeConnection]
    }
}
