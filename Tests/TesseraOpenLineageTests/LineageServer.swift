import FlyingFox
import FlyingSocks
import Foundation

/// An OpenLineage endpoint on 127.0.0.1 and a free port, as Marquez would serve it: it keeps
/// what is POSTed to `/api/v1/lineage`, answers 500 on `/fail` and answers `/slow` after 3 s.
final class LineageServer: Sendable {
    let server: HTTPServer
    let task: Task<Void, any Error>
    let port: UInt16
    let received: Received

    actor Received {
        struct Request: Sendable {
            var path: String
            var headers: [String: String]
            var body: Data
        }
        private(set) var requests: [Request] = []
        func add(_ request: Request) { requests.append(request) }
    }

    struct Handler: HTTPHandler {
        let received: Received
        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            await received.add(.init(path: request.path, headers: headers, body: try await request.bodyData))
            switch request.path {
            case "/fail": return HTTPResponse(statusCode: .internalServerError)
            case "/slow":
                try await Task.sleep(for: .seconds(3))
                return HTTPResponse(statusCode: .created)
            default: return HTTPResponse(statusCode: .created)
            }
        }
    }

    private init(server: HTTPServer, task: Task<Void, any Error>, port: UInt16, received: Received) {
        self.server = server
        self.task = task
        self.port = port
        self.received = received
    }

    static func start() async throws -> LineageServer {
        let received = Received()
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled,
                                handler: Handler(received: received))
        let task = Task { try await server.run() }
        // Generous: with every suite running at once on a loaded machine, start-up can take seconds.
        try await server.waitUntilListening(timeout: 60)
        guard case let .ip4(_, port)? = await server.listeningAddress else {
            task.cancel()
            throw NoPort()
        }
        return LineageServer(server: server, task: task, port: port, received: received)
    }

    struct NoPort: Error {}

    func stop() async {
        await server.stop()
        task.cancel()
    }

    var url: String { "http://127.0.0.1:\(port)" }
}
