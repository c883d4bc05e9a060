import FlyingFox
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
    private let listener: FixtureListener

    private init(listener: FixtureListener, log: RequestLog) {
        self.listener = listener
        self.port = listener.port
        self.log = log
    }

    /// Starts a server that answers every request with `handler`. The sockets live on threads of
    /// their own and `handler` runs on `DedicatedExecutor.fixtures`, so the server answers even
    /// while every thread of Swift concurrency's shared pool is blocked by other tests.
    public static func start(_ handler: @escaping Handler) async throws -> FixtureServer {
        let log = RequestLog()
        let listener = try FixtureListener { wire in
            DedicatedExecutor.fixtures.runAndWait { await answer(wire, log: log, handler: handler) }
        }
        return FixtureServer(listener: listener, log: log)
    }

    public func stop() async {
        listener.stop()
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The URL of `pathAndQuery` (which starts with a slash) on this server.
    public func url(_ pathAndQuery: String) -> String { baseURL + pathAndQuery }

    /// Records the request, then asks the test's handler for the answer; a handler that throws
    /// answers 500 with the error in the body.
    private static func answer(
        _ wire: FixtureWireRequest, log: RequestLog, handler: Handler
    ) async -> FixtureWireResponse {
        let components = URLComponents(string: wire.target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let recorded = await log.record(
            method: wire.method, path: components?.percentEncodedPath ?? wire.target, query: query,
            headers: wire.headers, body: wire.body)
        do {
            let response = try await handler(recorded)
            return FixtureWireResponse(
                status: response.statusCode.code, phrase: response.statusCode.phrase,
                headers: response.headers.map { (name: $0.key.rawValue, value: $0.value) },
                body: try await response.bodyData)
        } catch {
            return FixtureWireResponse(
                status: 500, phrase: "Internal Server Error", headers: [], body: Data("\(error)".utf8))
        }
    }
}
