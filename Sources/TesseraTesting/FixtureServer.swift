import FlyingFox
import FlyingSocks
import Foundation

/// An HTTP server on 127.0.0.1 and a free port that answers with a test's handler and keeps
/// every request it gets. Each test starts its own, so what one test's requests count never leaks
/// into another's.
public final class FixtureServer: Sendable {
    /// What the server got, as the handler and `log` see it.
    public struct Request: Sendable {
        public let method: String
        public let path: String
        public let query: [String: String]
        /// By lower-cased name.
        public let headers: [String: String]
        public let body: Data
        /// How many requests for this path the server has had, this one included: for endpoints
        /// that fail the first few times.
        public let hit: Int
    }

    public typealias Handler = @Sendable (Request) async throws -> HTTPResponse

    public let port: UInt16
    public let log: RequestLog
    private let server: HTTPServer
    private let task: Task<Void, any Error>

    private init(server: HTTPServer, task: Task<Void, any Error>, port: UInt16, log: RequestLog) {
        self.server = server
        self.task = task
        self.port = port
        self.log = log
    }

    /// Starts a server that answers every request with `handler`.
    public static func start(_ handler: @escaping Handler) async throws -> FixtureServer {
        let log = RequestLog()
        let server = HTTPServer(
            address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled,
            handler: Responder(log: log, handler: handler))
        let task = Task { try await server.run() }
        // Generous: with every suite running at once on a loaded machine, start-up can take seconds.
        try await server.waitUntilListening(timeout: 60)
        guard case let .ip4(_, port)? = await server.listeningAddress else {
            task.cancel()
            throw FixtureError(message: "the fixture server is listening on no IPv4 port")
        }
        return FixtureServer(server: server, task: task, port: port, log: log)
    }

    public func stop() async {
        await server.stop()
        task.cancel()
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The URL of `pathAndQuery` (which starts with a slash) on this server.
    public func url(_ pathAndQuery: String) -> String { baseURL + pathAndQuery }

    /// Records each request, then asks the test's handler for the answer.
    private struct Responder: HTTPHandler {
        let log: RequestLog
        let handler: Handler

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            var query: [String: String] = [:]
            for item in request.query { query[item.name] = item.value }
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            let body = try await request.bodyData
            let recorded = await log.record(
                method: request.method.rawValue, path: request.path, query: query,
                headers: headers, body: body)
            return try await handler(recorded)
        }
    }
}
