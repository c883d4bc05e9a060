import Foundation
import TesseraCore

/// The PostgreSQL protocol (version 3) as the endpoint speaks it, as a pure state machine:
/// messages and outcomes in, `EndpointAction`s out. No sockets, no DuckDB, no clock: the edge
/// (`EndpointChannelHandler`) does the I/O and the session (`EndpointSession`) the queries.
///
/// What it decides: the order of the startup (SSL, startup message, SCRAM, parameters, key
/// data), which messages are allowed when, the transaction status reported in ReadyForQuery,
/// and the extended protocol's error recovery — after an error every message up to the next
/// Sync is skipped.
public struct EndpointStateMachine: Sendable {
    enum State: Sendable {
        case awaitingStartup
        case awaitingSASLInitial(user: String, parameters: [String: String])
        case awaitingCredentials(user: String, parameters: [String: String], initial: [UInt8])
        case awaitingSASLFinal(user: String, parameters: [String: String], exchange: SCRAMServerExchange)
        case openingSession
        case ready
        /// A work item is running; `simple` says whether ReadyForQuery follows it.
        case working(simple: Bool, transactionChange: TransactionChange?)
        /// An extended-protocol message failed: skip everything until Sync.
        case skippingUntilSync
        case closed
    }

    /// What a statement does to the (emulated) transaction block.
    public enum TransactionChange: Equatable, Sendable { case begin, end }

    var state = State.awaitingStartup
    /// The statements of a simple Query message still to run, in order, after the running one.
    var queued: ArraySlice<String> = []
    public internal(set) var transaction = BackendReply.TransactionStatus.idle
    /// The prepared statements and portals that are COMMIT or ROLLBACK: in a failed block, the
    /// only ones that run.
    var blockEnders: (statements: Set<String>, portals: Set<String>) = ([], [])
    let serverNonce: @Sendable () -> String
    /// The parameters reported after sign-in (server_version …), the client's own added.
    let serverParameters: [(String, String)]

    public init(
        serverParameters: [(String, String)],
        serverNonce: @escaping @Sendable () -> String = SCRAMServerExchange.randomNonce
    ) {
        self.serverParameters = serverParameters
        self.serverNonce = serverNonce
    }

    public var isReady: Bool { if case .ready = state { true } else { false } }

    /// A message arrived.
    public mutating func received(_ request: FrontendRequest) -> [EndpointAction] {
        if case .terminate = request {
            state = .closed
            return [.closeConnection]
        }
        switch state {
        case .awaitingStartup: return startup(request)
        case .awaitingSASLInitial(let user, let parameters):
            guard case .authenticationResponse(let body) = request else {
                return fatal("expected a SASLInitialResponse")
            }
            state = .awaitingCredentials(user: user, parameters: parameters, initial: body)
            return [.lookUpCredentials(user: user)]
        case .awaitingSASLFinal(let user, let parameters, let exchange):
            guard case .authenticationResponse(let body) = request else { return fatal("expected a SASLResponse") }
            return finishSignIn(user: user, parameters: parameters, exchange: exchange, clientFinal: body)
        case .awaitingCredentials, .openingSession, .working:
            return fatal("a message arrived before the previous one was answered")
        case .ready: return ready(request)
        case .skippingUntilSync:
            guard case .sync = request else { return [] }
            state = .ready
            return [.send([.readyForQuery(transaction)]), .flush]
        case .closed: return []
        }
    }

    private mutating func startup(_ request: FrontendRequest) -> [EndpointAction] {
        switch request {
        case .sslRequest: return [.answerSSLRequest]
        case .gssEncryptionRequest: return [.refuseGSSEncryption]
        case .cancel(let processID, let secretKey):
            state = .closed
            return [.cancel(processID: processID, secretKey: secretKey), .closeConnection]
        case .startup(let version, let parameters):
            guard version >> 16 == 3 else {
                return fatal("protocol version \(version >> 16).\(version & 0xFFFF) is not supported; use 3.0")
            }
            guard let user = parameters["user"], !user.isEmpty else {
                return fatal("the startup message names no user", code: EndpointError.Code.invalidAuthorization)
            }
            state = .awaitingSASLInitial(user: user, parameters: parameters)
            return [.send([.authenticationSASL(mechanisms: [SCRAMServerExchange.mechanism])]), .flush]
        default:
            return fatal("expected a startup message")
        }
    }

    /// The user's credentials (a decoy for an unknown user) arrived: answer the client-first.
    public mutating func credentialsFound(_ credentials: SCRAMCredentials) -> [EndpointAction] {
        guard case .awaitingCredentials(let user, let parameters, let initial) = state else {
            return fatal("credentials arrived out of turn")
        }
        var exchange = SCRAMServerExchange(credentials: credentials, serverNonce: serverNonce())
        do {
            let serverFirst = try exchange.serverFirstMessage(initialResponse: initial)
            state = .awaitingSASLFinal(user: user, parameters: parameters, exchange: exchange)
            return [.send([.authenticationSASLContinue(serverFirst)]), .flush]
        } catch {
            return fail(error)
        }
    }

    private mutating func finishSignIn(
        user: String, parameters: [String: String], exchange: SCRAMServerExchange, clientFinal: [UInt8]
    ) -> [EndpointAction] {
        do {
            guard let (serverFinal, _) = try exchange.verify(clientFinal: clientFinal) else {
                state = .closed
                return [
                    .signInFailed(user: user), .send([.error(.authenticationFailed(user: user))]), .flush,
                    .closeConnection,
                ]
            }
            state = .openingSession
            return [
                .send([.authenticationSASLFinal(serverFinal), .authenticationOk]),
                .openSession(principal: exchange.credentials.principal, parameters: parameters),
            ]
        } catch {
            return fail(error)
        }
    }

    /// The session is open: report the parameters and the key for cancel requests.
    public mutating func sessionOpened(processID: Int32, secretKey: Int32, parameters: [String: String])
        -> [EndpointAction]
    {
        guard case .openingSession = state else { return fatal("a session opened out of turn") }
        state = .ready
        var replies = serverParameters.map { BackendReply.parameterStatus(name: $0.0, value: $0.1) }
        replies.append(.parameterStatus(name: "application_name", value: parameters["application_name"] ?? ""))
        replies.append(.parameterStatus(name: "session_authorization", value: parameters["user"] ?? ""))
        replies += [.backendKeyData(processID: processID, secretKey: secretKey), .readyForQuery(transaction)]
        return [.send(replies), .flush]
    }
}
