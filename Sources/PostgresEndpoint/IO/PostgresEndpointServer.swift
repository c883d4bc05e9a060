import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import TesseraCore

/// The PostgreSQL endpoint of `tessera serve`: a TCP listener on swift-nio, one
/// `EndpointConnection` per client. TLS when a certificate is configured (clients ask with an
/// SSLRequest); sign-in by SCRAM-SHA-256; every statement as the signed-in principal.
public final class PostgresEndpointServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var tlsCertificate: URL?
        public var tlsKey: URL?
        /// Sessions open at once; one more is refused with FATAL 53300.
        public var maxSessions: Int
        /// Seconds a session may sit idle (outside a transaction block) before it is closed with
        /// FATAL 57P05; 0 for never. A session's `SET idle_session_timeout` overrides it.
        public var idleTimeout: Double
        /// DuckDB threads of one session's queries. One, as a PostgreSQL backend runs a query in
        /// one process: sessions at once use the cores, and a stream to a client does not pay
        /// for hand-offs between threads (a fifth of the server's CPU of a big result).
        public var sessionThreads: Int

        public static let defaultMaxSessions = 100
        public static let defaultIdleTimeout: Double = 3600
        public static let defaultSessionThreads = 1

        public init(
            host: String = "127.0.0.1", port: Int = 5433, tlsCertificate: URL? = nil, tlsKey: URL? = nil,
            maxSessions: Int = defaultMaxSessions, idleTimeout: Double = defaultIdleTimeout,
            sessionThreads: Int = defaultSessionThreads
        ) {
            self.host = host
            self.port = port
            self.tlsCertificate = tlsCertificate
            self.tlsKey = tlsKey
            self.maxSessions = maxSessions
            self.idleTimeout = idleTimeout
            self.sessionThreads = sessionThreads
        }
    }

    /// Why the endpoint could not start, in words for the user.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public static let serverParameters: [(String, String)] = [
        ("server_version", "15.6"), ("server_encoding", "UTF8"), ("client_encoding", "UTF8"),
        ("DateStyle", "ISO, MDY"), ("IntervalStyle", "postgres"), ("TimeZone", "UTC"),
        ("integer_datetimes", "on"), ("standard_conforming_strings", "on"), ("is_superuser", "off"),
        ("default_transaction_read_only", "on"),
    ]

    let workspace: Workspace
    let configuration: Configuration
    let credentials: any SCRAMCredentialSource
    let throttle: SignInThrottle
    let registry = SessionRegistry()
    /// Connections past sign-in's first step, counted against `maxSessions`.
    private let sessionSlots = Mutex(0)
    /// Makes the decoy salts of unknown users: stable within a process, unknowable outside it.
    let decoyKey: [UInt8] = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
    let log: @Sendable (String, [(String, String)]) -> Void

    public init(
        workspace: Workspace, configuration: Configuration, credentials: (any SCRAMCredentialSource)? = nil,
        throttle: SignInThrottle = SignInThrottle(),
        log: @escaping @Sendable (String, [(String, String)]) -> Void = { _, _ in }
    ) {
        self.workspace = workspace
        self.configuration = configuration
        self.credentials = credentials ?? WorkspaceCredentials(workspace: workspace)
        self.throttle = throttle
        self.log = log
    }

    /// Listens until the task is cancelled; `onListening` gets the bound port (useful with 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let tls = try tlsContext()
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(ChannelOptions.backlog, value: 256)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    let connection = EndpointConnection(channel: channel, server: self, tls: tls)
                    return channel.pipeline.addHandler(EndpointChannelHandler(connection: connection))
                }
                .bind(host: configuration.host, port: configuration.port).get()
        } catch {
            throw StartError(
                description:
                    "the PostgreSQL endpoint cannot listen on \(configuration.host):\(configuration.port) (\(error)); is the port taken? Give another with --pg-port."
            )
        }
        await onListening(channel.localAddress?.port ?? configuration.port)
        try await withTaskCancellationHandler {
            try await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Takes a session slot; false when `maxSessions` are taken.
    func takeSessionSlot() -> Bool {
        sessionSlots.withLock { taken in
            guard taken < configuration.maxSessions else { return false }
            taken += 1
            return true
        }
    }

    func releaseSessionSlot() { sessionSlots.withLock { $0 -= 1 } }

    func tlsContext() throws -> NIOSSLContext? {
        guard let certificate = configuration.tlsCertificate, let key = configuration.tlsKey else { return nil }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate.path).map {
                NIOSSLCertificateSource.certificate($0)
            }
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key.path, format: .pem)))
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw StartError(
                description:
                    "the PostgreSQL endpoint cannot use --tls-cert \(certificate.path) and --tls-key \(key.path): \(error)"
            )
        }
    }
}
