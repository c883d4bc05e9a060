/// The protocol logic of one connection, with no I/O: it is fed what happened (the server sent a
/// message, the caller wants a query run, the socket closed) and answers with what to do next.
///
/// The I/O layer (``PostgresConnection``) sends the bytes it is told to send, reads when told to
/// read, and hands rows and COPY data to its caller. Every protocol decision lives here, so tests
/// drive the whole exchange — authentication, queries, COPY, errors — with byte arrays.
///
/// Supported: the startup exchange (trust, cleartext, MD5, SCRAM-SHA-256), then one simple-query
/// protocol statement at a time, either returning rows (``startQuery(_:)``) or streaming a
/// `COPY … TO STDOUT` (``startCopyOut(_:)``).
struct ConnectionStateMachine {
    struct Credentials: Sendable {
        var user: String
        var password: String?
        var database: String
        var applicationName: String = "tessera"
    }

    enum Action: Equatable {
        /// Write these bytes to the server, then keep reading.
        case send([UInt8])
        /// Nothing to do: read the next message.
        case read
        /// Startup finished: the connection is ready for queries.
        case connected
        /// A notice (or warning) from the server; the exchange goes on.
        case notice(PostgresServerError)
        case parameterStatus(name: String, value: String)
        case backendKeyData(processID: Int32, secretKey: Int32)
        /// The columns of the rows that follow.
        case rowDescription([PostgresColumn])
        case dataRow([String?])
        /// One CopyData message of a COPY OUT: pass it to the sink.
        case copyData(ArraySlice<UInt8>)
        /// The statement finished and the server is ready again; the tag is CommandComplete's.
        case queryComplete(commandTag: String?)
        /// The statement failed; the server is ready again, so the connection can still be used.
        case queryFailed(PostgresError)
        /// The connection cannot go on: close the socket and report the error.
        case fail(PostgresError)
    }

    private enum State {
        case initial
        case authenticating(Authentication)
        /// Authenticated; the server is reporting its parameters until ReadyForQuery.
        case startingUp
        case ready
        case query(Query)
        case closed

        var isStreamingCopy: Bool {
            guard case .query(let query) = self else { return false }
            return query.copying && query.failure == nil && query.kind == .copyOut
        }
    }

    private enum Authentication {
        case waitingForRequest
        case passwordSent
        case scram(SCRAMSHA256)
        case authenticated
    }

    enum QueryKind: Equatable {
        case rows
        case copyOut
    }

    private struct Query {
        var kind: QueryKind
        var copying = false
        var sawCopyOut = false
        var commandTag: String?
        /// The first error; the server still ends the exchange with ReadyForQuery, and only then
        /// is it reported, so the connection stays in step.
        var failure: PostgresError?
    }

    private var state: State = .initial {
        didSet { streamingCopy = state.isStreamingCopy }
    }
    /// True while CopyData messages go straight to the caller: the hot path, one check per row.
    private var streamingCopy = false
    private let credentials: Credentials
    private let scramNonce: String
    /// CopyData messages of the current COPY, for the error when it is cut short.
    private(set) var copyDataCount = 0

    /// `scramNonce` is injected so tests can replay a known SCRAM exchange.
    init(credentials: Credentials, scramNonce: String = SCRAMSHA256.randomNonce()) {
        self.credentials = credentials
        self.scramNonce = scramNonce
    }

    var isReady: Bool {
        if case .ready = state { return true }
        return false
    }

    var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    // MARK: Events from the caller

    /// Opens the exchange with the StartupMessage.
    mutating func start() -> Action {
        guard case .initial = state else { return .fail(.misuse("the connection was already started")) }
        state = .authenticating(.waitingForRequest)
        let parameters: [(String, String)] = [
            ("user", credentials.user),
            ("database", credentials.database),
            ("application_name", credentials.applicationName),
            // Text output must be UTF-8 and dates ISO whatever the server's defaults, so that
            // what we hand on (CSV for DuckDB) parses the same everywhere.
            ("client_encoding", "UTF8"),
            ("DateStyle", "ISO, MDY"),
        ]
        return .send(FrontendMessage.startup(parameters: parameters).encoded())
    }

    /// Sends a statement whose rows are wanted.
    mutating func startQuery(_ sql: String) -> Action {
        start(.rows, sql)
    }

    /// Sends a `COPY … TO STDOUT` statement whose data is wanted.
    mutating func startCopyOut(_ sql: String) -> Action {
        start(.copyOut, sql)
    }

    private mutating func start(_ kind: QueryKind, _ sql: String) -> Action {
        switch state {
        case .ready: break
        case .closed: return .fail(.misuse("the connection is closed"))
        default: return .fail(.misuse("the connection is busy or not yet connected"))
        }
        if sql.utf8.contains(0) { return .queryFailed(.misuse("the SQL text contains a NUL character")) }
        copyDataCount = 0
        state = .query(Query(kind: kind))
        return .send(FrontendMessage.query(sql).encoded())
    }

    /// The caller gives up on the connection (for example its sink failed in the middle of a COPY):
    /// returns the Terminate message to send if the server is in a state to read it.
    mutating func terminate() -> [UInt8]? {
        defer { state = .closed }
        switch state {
        case .initial, .closed: return nil
        default: return FrontendMessage.terminate.encoded()
        }
    }

    /// The server closed the socket (read returned 0 bytes).
    mutating func connectionClosed() -> Action {
        let previous = state
        state = .closed
        switch previous {
        case .initial, .closed:
            return .fail(PostgresError(.connectionClosed, "the connection is closed"))
        case .authenticating, .startingUp:
            return .fail(PostgresError(.connectionClosed, "the server closed the connection during startup"))
        case .ready:
            return .fail(PostgresError(.connectionClosed, "the server closed the connection"))
        case .query(let query):
            // A FATAL ErrorResponse (the server shutting down, pg_terminate_backend) comes just
            // before the close and says more than the close itself.
            if let failure = query.failure { return .fail(failure) }
            let reason =
                query.copying
                ? "the server closed the connection in the middle of a COPY, after \(copyDataCount) rows"
                : "the server closed the connection before the statement finished"
            return .fail(PostgresError(.connectionClosed, reason))
        }
    }

    // MARK: Messages from the server

    mutating func receive(_ message: BackendMessage) -> Action {
        if streamingCopy, case .copyData(let data) = message {
            copyDataCount &+= 1
            return .copyData(data)
        }
        // Messages the server may send at any time.
        switch message {
        case .noticeResponse(let notice): return .notice(notice)
        case .parameterStatus(let name, let value): return .parameterStatus(name: name, value: value)
        case .notificationResponse: return .read
        default: break
        }
        switch state {
        case .initial:
            return fail(.protocolViolation("the server spoke before the startup message"))
        case .authenticating(let authentication):
            return receiveDuringAuthentication(message, authentication)
        case .startingUp:
            return receiveDuringStartup(message)
        case .ready:
            if case .errorResponse(let error) = message { return fail(.fromServer(error)) }
            return fail(.protocolViolation("unexpected \(Self.name(of: message)) while idle"))
        case .query(var query):
            let action = receiveDuringQuery(message, &query)
            if case .query = state { state = .query(query) }
            return action
        case .closed:
            return .fail(.misuse("the connection is closed"))
        }
    }

    private mutating func fail(_ error: PostgresError) -> Action {
        state = .closed
        return .fail(error)
    }

    private mutating func receiveDuringAuthentication(_ message: BackendMessage, _ authentication: Authentication)
        -> Action
    {
        switch message {
        case .authentication(let request):
            return authenticate(request, authentication)
        case .errorResponse(let error):
            return fail(.fromServer(error))
        case .negotiateProtocolVersion:
            // The server supports a lower minor version than we asked for; 3.0 is all we use.
            return .read
        case .backendKeyData, .readyForQuery:
            if case .authenticated = authentication { return receiveDuringStartup(message) }
            return fail(.protocolViolation("\(Self.name(of: message)) before authentication finished"))
        default:
            return fail(.protocolViolation("unexpected \(Self.name(of: message)) during authentication"))
        }
    }

    private mutating func authenticate(_ request: AuthenticationRequest, _ authentication: Authentication) -> Action {
        switch (request, authentication) {
        case (.ok, .waitingForRequest), (.ok, .passwordSent), (.ok, .authenticated):
            state = .startingUp
            return .read
        case (.ok, .scram):
            return fail(
                PostgresError(.authenticationFailed, "the server ended SCRAM without proving it knows the password"))
        case (.cleartextPassword, .waitingForRequest):
            guard let password = credentials.password else { return fail(Self.passwordMissing) }
            state = .authenticating(.passwordSent)
            return .send(FrontendMessage.password(password).encoded())
        case (.md5Password(let salt), .waitingForRequest):
            guard let password = credentials.password else { return fail(Self.passwordMissing) }
            state = .authenticating(.passwordSent)
            let response = MD5Password.response(user: credentials.user, password: password, salt: salt)
            return .send(FrontendMessage.password(response).encoded())
        case (.sasl(let mechanisms), .waitingForRequest):
            guard mechanisms.contains(SCRAMSHA256.mechanism) else {
                return fail(
                    PostgresError(
                        .unsupportedAuthentication,
                        "the server offers SASL mechanisms \(mechanisms.joined(separator: ", ")); only SCRAM-SHA-256 is supported"
                    ))
            }
            guard let password = credentials.password else { return fail(Self.passwordMissing) }
            let scram = SCRAMSHA256(username: credentials.user, password: password, clientNonce: scramNonce)
            state = .authenticating(.scram(scram))
            return .send(
                FrontendMessage.saslInitialResponse(mechanism: SCRAMSHA256.mechanism, data: scram.clientFirstMessage)
                    .encoded())
        case (.saslContinue(let serverFirst), .scram(var scram)):
            guard scram.expectedServerSignature == nil else {
                return fail(.protocolViolation("a second SASLContinue"))
            }
            do {
                let final = try scram.clientFinalMessage(serverFirst: serverFirst)
                state = .authenticating(.scram(scram))
                return .send(FrontendMessage.saslResponse(final).encoded())
            } catch {
                return fail(error)
            }
        case (.saslFinal(let serverFinal), .scram(let scram)):
            do {
                try scram.verify(serverFinal: serverFinal)
                state = .authenticating(.authenticated)
                return .read
            } catch {
                return fail(error)
            }
        case (.unsupported(let code), _):
            return fail(
                PostgresError(
                    .unsupportedAuthentication,
                    "the server asks for \(Self.authenticationName(code)) authentication, which is not supported (use scram-sha-256, md5, password or trust in pg_hba.conf)"
                ))
        default:
            return fail(.protocolViolation("authentication request \(request) out of order"))
        }
    }

    private mutating func receiveDuringStartup(_ message: BackendMessage) -> Action {
        switch message {
        case .backendKeyData(let processID, let secretKey):
            return .backendKeyData(processID: processID, secretKey: secretKey)
        case .readyForQuery:
            state = .ready
            return .connected
        case .errorResponse(let error):
            return fail(.fromServer(error))
        default:
            return fail(.protocolViolation("unexpected \(Self.name(of: message)) during startup"))
        }
    }

    private mutating func receiveDuringQuery(_ message: BackendMessage, _ query: inout Query) -> Action {
        switch message {
        case .rowDescription, .dataRow: return receiveRow(message, &query)
        case .copyOutResponse, .copyData, .copyDone, .copyInResponse, .copyBothResponse:
            return receiveCopy(message, &query)
        case .commandComplete, .emptyQueryResponse, .errorResponse, .readyForQuery:
            return receiveEnd(message, &query)
        default:
            return fail(.protocolViolation("unexpected \(Self.name(of: message)) during a query"))
        }
    }

    /// A statement's rows: passed on unless the query already failed or expects a COPY.
    private mutating func receiveRow(_ message: BackendMessage, _ query: inout Query) -> Action {
        switch message {
        case .rowDescription(let columns):
            guard query.kind == .rows else {
                query.failure =
                    query.failure
                    ?? .misuse(
                        "copyOut needs a COPY … TO STDOUT statement, but this statement returns rows; use simpleQuery")
                return .read
            }
            return query.failure == nil ? .rowDescription(columns) : .read
        case .dataRow(let values):
            guard query.kind == .rows else { return .read }
            return query.failure == nil ? .dataRow(values) : .read
        default:
            return .read
        }
    }

    /// The messages of a COPY: only `COPY … TO STDOUT` is supported, in text or CSV.
    private mutating func receiveCopy(_ message: BackendMessage, _ query: inout Query) -> Action {
        switch message {
        case .copyOutResponse(let format):
            query.copying = true
            query.sawCopyOut = true
            if query.kind != .copyOut {
                query.failure = query.failure ?? .misuse("this statement is a COPY TO STDOUT; run it with copyOut")
            } else if format.isBinary {
                query.failure = query.failure ?? .misuse("binary COPY is not supported; use FORMAT csv or text")
            }
            return .read
        case .copyData:
            // Streaming COPYs never get here (see `receive`); this one's data is being discarded.
            guard query.copying else { return fail(.protocolViolation("CopyData outside a COPY")) }
            copyDataCount &+= 1
            return .read
        case .copyDone:
            guard query.copying else { return fail(.protocolViolation("CopyDone outside a COPY")) }
            query.copying = false
            return .read
        case .copyInResponse, .copyBothResponse:
            // The statement wants data from us (COPY FROM STDIN). Refuse; the server answers with
            // an ErrorResponse and ReadyForQuery.
            query.failure =
                query.failure
                ?? .misuse("this statement reads data from the client (COPY FROM STDIN), which is not supported")
            return .send(FrontendMessage.copyFail("tessera: COPY FROM STDIN is not supported").encoded())
        default:
            return .read
        }
    }

    /// The end of a statement (its tag, or its error) and of the query (ReadyForQuery).
    private mutating func receiveEnd(_ message: BackendMessage, _ query: inout Query) -> Action {
        switch message {
        case .commandComplete(let tag):
            if query.copying { return fail(.protocolViolation("CommandComplete before CopyDone")) }
            query.commandTag = tag
            return .read
        case .emptyQueryResponse:
            return .read
        case .errorResponse(let error):
            query.copying = false
            query.failure = query.failure ?? .fromServer(error)
            return .read
        case .readyForQuery:
            if query.copying { return fail(.protocolViolation("ReadyForQuery in the middle of a COPY")) }
            state = .ready
            if let failure = query.failure { return .queryFailed(failure) }
            if query.kind == .copyOut, !query.sawCopyOut {
                return .queryFailed(
                    .misuse("copyOut needs a COPY … TO STDOUT statement; this one produced no COPY data"))
            }
            return .queryComplete(commandTag: query.commandTag)
        default:
            return .read
        }
    }

    private static let passwordMissing = PostgresError(
        .authenticationFailed, "the server asks for a password, but the URL has none (postgres://user:password@host/db)"
    )

    static func authenticationName(_ code: Int32) -> String {
        switch code {
        case 2: "Kerberos V5"
        case 6: "SCM credential"
        case 7, 8: "GSSAPI"
        case 9: "SSPI"
        default: "an unknown method (\(code))"
        }
    }

    static func name(of message: BackendMessage) -> String {
        switch message {
        case .authentication: "Authentication"
        case .backendKeyData: "BackendKeyData"
        case .commandComplete: "CommandComplete"
        case .copyData: "CopyData"
        case .copyDone: "CopyDone"
        case .copyInResponse: "CopyInResponse"
        case .copyOutResponse: "CopyOutResponse"
        case .copyBothResponse: "CopyBothResponse"
        case .dataRow: "DataRow"
        case .emptyQueryResponse: "EmptyQueryResponse"
        case .errorResponse: "ErrorResponse"
        case .noticeResponse: "NoticeResponse"
        case .notificationResponse: "NotificationResponse"
        case .parameterStatus: "ParameterStatus"
        case .readyForQuery: "ReadyForQuery"
        case .rowDescription: "RowDescription"
        case .negotiateProtocolVersion: "NegotiateProtocolVersion"
        case .unexpected(let type): "message type '\(BackendMessageDecoder.printable(type))'"
        }
    }
}
