import Foundation
import NIOCore
import NIOSSL
import Synchronization
import TesseraCore

/// One client connection: its state machine, its session once signed in, and the thread its
/// statements run on. Requests are handled strictly in order, one finished before the next
/// starts, as the protocol wants; replies go to the channel, and large ones wait until the
/// socket took them (back-pressure: a slow client slows the query, memory stays flat).
final class EndpointConnection: ReplyOutput, @unchecked Sendable {
    let channel: any Channel
    let server: PostgresEndpointServer
    let tls: NIOSSLContext?
    private(set) var machine: EndpointStateMachine
    private(set) var session: EndpointSession?
    /// The session again, for the event loop: a closed connection interrupts what it runs.
    private let running = Mutex<EndpointSession?>(nil)
    private var processID: Int32?
    private let requests: AsyncStream<FrontendRequest>
    private let continuation: AsyncStream<FrontendRequest>.Continuation
    private var user = ""
    /// Whether this connection counts against serve's `--pg-max-sessions`.
    private var holdsSessionSlot = false
    /// Requests handed over by the event loop, and requests performed: the idle timer is armed
    /// only while they are equal, when no request waits.
    let requestsReceived = Atomic<Int>(0)
    private(set) var requestsPerformed = 0
    /// The idle-session timer; only the event loop touches it.
    var idleTimer: Scheduled<Void>?
    /// Whether an extended-protocol batch (messages up to a Sync) has begun.
    private var inBatch = false

    /// Replies of at least this many bytes are written and waited for.
    static let waitAbove = 1 << 15
    /// The latest batch of rows handed to the channel and not yet taken by the socket. The next
    /// batch waits for it: one batch is encoded while the one before is being written, and no
    /// more than two are ever held (back-pressure).
    private var rowsInFlight: EventLoopFuture<Void>?

    init(channel: any Channel, server: PostgresEndpointServer, tls: NIOSSLContext?) {
        self.channel = channel
        self.server = server
        self.tls = tls
        machine = EndpointStateMachine(serverParameters: PostgresEndpointServer.serverParameters)
        (requests, continuation) = AsyncStream.makeStream(of: FrontendRequest.self)
    }

    /// The client's address, the throttle's key.
    var clientKey: String {
        channel.remoteAddress?.ipAddress ?? "unknown"
    }

    func start() {
        let executor = EndpointExecutor(label: "tessera.pg.connection")
        Task(executorPreference: executor) { await self.serve() }
    }

    /// On the event loop: a request arrived; the session is not idle any more.
    func received(_ request: FrontendRequest) {
        requestsReceived.add(1, ordering: .sequentiallyConsistent)
        idleTimer?.cancel()
        idleTimer = nil
        continuation.yield(request)
    }

    func malformed(_ error: any Error) {
        continuation.yield(.unsupported(type: 0))
        continuation.finish()
        _ = try? send([.error(.protocolViolation("a message could not be read: \(error)"))])
        channel.close(promise: nil)
    }

    func closed() {
        continuation.finish()
        running.withLock { $0 }?.interrupt()
    }

    private func serve() async {
        for await request in requests {
            if startsTransaction(request) { await refreshSnapshots() }
            guard await perform(machine.received(request)) else { break }
            requestsPerformed += 1
            armIdleTimer()
        }
        if let processID { server.registry.remove(processID) }
        if holdsSessionSlot { server.releaseSessionSlot() }
        session = nil
        running.withLock { $0 = nil }
        _ = try? await channel.close()
    }

    /// Performs actions in order; false once the connection is to close.
    private func perform(_ actions: [EndpointAction]) async -> Bool {
        var queue = actions[...]
        while let action = queue.popFirst() {
            switch action {
            case .send(let replies):
                do { try send(replies) } catch { return false }
            case .flush: try? flush()
            case .closeConnection:
                try? flush()
                return false
            case .answerSSLRequest: answerSSL()
            case .refuseGSSEncryption: try? write([UInt8(ascii: "N")]); try? flush()
            case .cancel(let processID, let secretKey):
                server.registry.cancel(processID: processID, secretKey: secretKey)
            case .signInFailed(let user):
                server.throttle.failed(clientKey)
                server.log("pg_sign_in_failed", [("user", user), ("client", clientKey)])
            case .lookUpCredentials(let user):
                queue = await lookUp(user) + queue
            case .openSession(let principal, let parameters):
                queue = await open(principal, parameters: parameters) + queue
            case .run(let work):
                queue = await run(work) + queue
            }
        }
        return true
    }

    private func answerSSL() {
        guard let tls else {
            try? write([UInt8(ascii: "N")])
            try? flush()
            return
        }
        let channel = self.channel
        try? channel.eventLoop.submit {
            channel.writeAndFlush(ByteBuffer(bytes: [UInt8(ascii: "S")]), promise: nil)
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
        }.wait()
    }

    private func lookUp(_ user: String) async -> [EndpointAction] {
        self.user = user
        if !holdsSessionSlot {
            guard server.takeSessionSlot() else {
                server.log("pg_too_many_sessions", [("user", user), ("client", clientKey)])
                return machine.fail(
                    EndpointError(
                        EndpointError.Code.tooManyConnections, "sorry, too many clients already",
                        hint:
                            "the endpoint allows \(server.configuration.maxSessions) sessions at once (tessera serve --pg-max-sessions); close idle ones or try again later",
                        severity: "FATAL"))
            }
            holdsSessionSlot = true
        }
        if let wait = server.throttle.refusal(for: clientKey) {
            return machine.fail(
                EndpointError(
                    EndpointError.Code.invalidAuthorization,
                    "too many failed sign-ins from this address; try again in \(Int(wait.rounded(.up))) seconds",
                    severity: "FATAL"))
        }
        let found = try? await server.credentials.credentials(user: user)
        let credentials =
            found
            ?? SCRAMServerExchange.decoy(user: user, key: server.decoyKey, principal: .person(user))
        return machine.credentialsFound(credentials)
    }

    private func open(_ principal: Principal, parameters: [String: String]) async -> [EndpointAction] {
        server.throttle.succeeded(clientKey)
        do {
            let products = try await server.workspace.queries.session(as: principal)
            let catalog = try CatalogEmulation(
                relations: products.relations, database: parameters["database"] ?? user, user: user)
            var settings = Dictionary(
                PostgresEndpointServer.serverParameters.map { ($0.0.lowercased(), $0.1) }, uniquingKeysWith: { $1 })
            for (name, value) in parameters { settings[name.lowercased()] = value }
            settings["transaction_isolation"] = "read committed"
            // A driver may ask for a search_path at connect (pgjdbc's currentSchema sends it).
            let searchPath =
                settings["search_path"] ?? settings["options"].flatMap(SearchPath.fromOptions) ?? SearchPath.defaultText
            settings["idle_session_timeout"] = settings["idle_session_timeout"] ?? idleTimeoutSetting
            settings["idle_in_transaction_session_timeout"] = settings["idle_in_transaction_session_timeout"] ?? "0"
            let session = EndpointSession(products: products, catalog: catalog, settings: settings)
            try session.setSearchPath(searchPath)
            self.session = session
            running.withLock { $0 = session }
            let (processID, secretKey) = server.registry.register(session)
            self.processID = processID
            server.log("pg_session", [("principal", principal.description), ("client", clientKey)])
            return machine.sessionOpened(processID: processID, secretKey: secretKey, parameters: parameters)
        } catch {
            return machine.workFailed(
                EndpointError(EndpointError.Code.internalError, "cannot open the session: \(error)", severity: "FATAL"))
        }
    }

    private func run(_ work: EndpointWork) async -> [EndpointAction] {
        guard let session else { return machine.workFailed(.protocolViolation("no session")) }
        do {
            let change = try await session.perform(work, output: self)
            return machine.workSucceeded(change)
        } catch {
            return machine.workFailed(error)
        }
    }

    /// Whether `request` starts an implicit transaction: a Query message, or the first message
    /// of an extended-protocol batch, outside a transaction block.
    private func startsTransaction(_ request: FrontendRequest) -> Bool {
        let idle = session != nil && machine.isReady && machine.transaction == .idle
        switch request {
        case .sync:
            inBatch = false
            return false
        case .query: return idle
        case .parse, .bind, .describe, .execute, .close:
            defer { inBatch = true }
            return idle && !inBatch
        default: return false
        }
    }

    /// A stale session (a publish since its views were made) is opened again; should that fail,
    /// the session goes on reading what it read, and the log says why.
    private func refreshSnapshots() async {
        guard let session else { return }
        let workspace = server.workspace
        let principal = session.products.principal
        do {
            try await session.refreshSnapshots { () async throws(CoreError) in
                try await workspace.queries.session(as: principal)
            }
        } catch {
            server.log("pg_refresh_failed", [("user", user), ("error", error.message)])
        }
    }

    func write(_ bytes: [UInt8]) throws {
        let buffer = channel.allocator.buffer(bytes: bytes)
        if bytes.count >= Self.waitAbove {
            try channel.writeAndFlush(buffer).wait()
        } else {
            channel.write(buffer, promise: nil)
        }
    }

    func write(rows bytes: UnsafeRawBufferPointer) throws {
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        if let previous = rowsInFlight {
            rowsInFlight = nil
            try previous.wait()
        }
        rowsInFlight = channel.writeAndFlush(buffer)
    }

    func flush() throws {
        channel.flush()
    }
}
