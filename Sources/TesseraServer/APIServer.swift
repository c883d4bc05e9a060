import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import ServiceLifecycle
import Synchronization
import TesseraCore

/// The HTTP API of `tessera serve` (`/api/v1`, `/healthz`, `/readyz`, `/metrics`): thin handlers
/// that parse a request, call the core as the signed-in caller, and render JSON. Nothing here
/// decides who may read or do what — the core does, as it does for the command line.
public struct APIServer: Sendable {
    public struct Configuration: Sendable {
        /// The address to listen on; 127.0.0.1 unless the service should be reached from elsewhere.
        public var host: String
        /// 0 picks any free port; `run` reports the one bound.
        public var port: Int
        /// A PEM certificate (chain) and its private key: both, or neither for plain HTTP.
        public var tlsCertificate: URL?
        public var tlsKey: URL?
        /// How long the web UI's sessions live.
        public var webSessions: WebSessionSettings

        public init(
            host: String = "127.0.0.1", port: Int = 8080, tlsCertificate: URL? = nil, tlsKey: URL? = nil,
            webSessions: WebSessionSettings = WebSessionSettings()
        ) {
            self.host = host
            self.port = port
            self.tlsCertificate = tlsCertificate
            self.tlsKey = tlsKey
            self.webSessions = webSessions
        }

        public var scheme: String { tlsCertificate == nil ? "http" : "https" }
    }

    public let workspace: Workspace
    public let configuration: Configuration
    let throttle: SignInThrottle
    let metrics = APIMetrics()

    public init(workspace: Workspace, configuration: Configuration, throttle: SignInThrottle = SignInThrottle()) {
        self.workspace = workspace
        self.configuration = configuration
        self.throttle = throttle
    }

    /// Serves until the task is cancelled (or, inside a service group, shut down gracefully):
    /// requests in flight finish, new connections are refused. `onListening` gets the port
    /// actually bound once the server accepts connections. Throws `APIServerError` when the TLS
    /// files cannot be read or the address cannot be bound.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let tls = try tlsConfiguration()
        var logger = Logger(label: "tessera.api")
        // Hummingbird logs the connections a shutdown closes as errors; what fails the API is thrown.
        logger.logLevel = .critical
        let listening = ListeningFlag()
        let address = ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port))
        let started: @Sendable (Int?) async -> Void = { port in
            listening.set()
            await onListening(port ?? 0)
        }
        let application =
            if let tls {
                Application(
                    router: router(), server: try .tls(.http1(), tlsConfiguration: tls), configuration: address,
                    onServerRunning: { await started($0.localAddress?.port) }, logger: logger)
            } else {
                Application(
                    router: router(), server: .http1(), configuration: address,
                    onServerRunning: { await started($0.localAddress?.port) }, logger: logger)
            }
        do { try await application.run() } catch  where !listening.isSet {
            throw APIServerError(
                "cannot listen on \(configuration.host):\(configuration.port): \(error)",
                hint: "give another --port (0 picks a free one), or stop what listens there.")
        }
    }

    /// Runs the application until the calling task is cancelled or, inside a service group, shut
    /// down gracefully — either way through a graceful shutdown: the listener closes, requests in
    /// flight finish. (Cancelling the server's own tasks instead would drop connections NIO has
    /// accepted but not yet handed over, which NIO treats as a programming error.)
    static func serve(_ application: some ApplicationProtocol, logger: Logger) async throws {
        let group = ServiceGroup(
            services: [application], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let serving = Task { try await group.run() }
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await serving.value
            } onCancel: {
                Task { await group.triggerGracefulShutdown() }
            }
        } onGracefulShutdown: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// The TLS settings from the configured PEM files; nil for plain HTTP.
    func tlsConfiguration() throws -> TLSConfiguration? {
        switch (configuration.tlsCertificate, configuration.tlsKey) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            let chain: [NIOSSLCertificate]
            let privateKey: NIOSSLPrivateKey
            do {
                chain = try NIOSSLCertificate.fromPEMFile(certificate.path)
                privateKey = try NIOSSLPrivateKey(file: key.path, format: .pem)
            } catch {
                throw APIServerError(
                    "cannot read the TLS certificate \(certificate.path) or its key \(key.path): \(error)",
                    hint: "give PEM files (e.g. from `openssl req -x509 -newkey rsa:2048 -nodes …`).")
            }
            return TLSConfiguration.makeServerConfiguration(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        default:
            throw APIServerError(
                "a TLS certificate needs its key, and a key its certificate.",
                hint: "give both --tls-cert and --tls-key, or neither for plain HTTP.")
        }
    }
}

/// Whether the server got as far as listening: an error before that is a failure to start.
final class ListeningFlag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }

    var isSet: Bool { value.withLock { $0 } }
}

/// Why the server could not start, said so that the user can act on it.
public struct APIServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
