import Foundation
import Synchronization
import Testing
import TesseraCore
import TesseraModel
import TesseraServer
import TesseraTesting

/// A two-domain mesh, run once so that its products are published, served by a real APIServer on
/// 127.0.0.1 and a free port, and called with curl. sales owns `orders` (its own: `readers: []`)
/// and `customers` (readable by every domain; `email` pii, `city` masked outside sales); marketing owns `campaigns`.
/// ana is an owner of sales, mia a member of marketing, root a mesh admin.
final class APITestMesh: Sendable {
    static let files: [String: String] = [
        "tessera.yaml": """
        mesh: acme
        governance: {require_description: false, require_classification: false, pii_requires_mask: false}
        admins: [root@acme.example]

        """,
        "domains/sales/domain.yaml": """
        owner: sales@acme.example
        description: Orders and customers of the web shop
        members:
          - {name: ana@acme.example, role: owner}
        services: [sales_reporting]

        """,
        "domains/sales/models/orders.sql":
            "select range as order_id, (range * 2.5)::DOUBLE as amount from range(30000)\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        description: Every order, one row each
        contract:
          primary_key: [order_id]
          columns:
            - {name: order_id, type: BIGINT, nullable: false}
            - {name: amount, type: DOUBLE}
        access:
          readers: []

        """,
        "domains/sales/models/customers.sql":
            "select 1 as customer_id, 'ann@example.com' as email, 'Berlin' as city union all select 2, 'bob@example.com', 'Paris'\n",
        "domains/sales/products/customers.yaml": """
        version: 1.0.0
        description: Customers who ordered
        contract:
          primary_key: [customer_id]
          columns:
            - {name: customer_id, type: INTEGER, nullable: false}
            - {name: email, type: VARCHAR, classification: pii}
            - {name: city, type: VARCHAR}
        access:
          masks: {city: redact}

        """,
        // Shown to sales only, though marketing may read the product it charts.
        "domains/sales/dashboards/cities.yaml": """
        title: Customers by city
        charts:
          - title: Customers per city
            sql: "select city, count(customer_id) as customers from sales.customers group by city"
            type: bar
            x: city
            y: customers

        """,
        "domains/marketing/domain.yaml": """
        owner: marketing@acme.example
        members:
          - {name: mia@acme.example, role: reader}

        """,
        "domains/marketing/models/campaigns.sql":
            "select c.customer_id, 'spring' as campaign from sales.customers c\n",
        "domains/marketing/products/campaigns.yaml": """
        version: 1.0.0
        description: Campaigns sent to customers
        contract:
          columns:
            - {name: customer_id, type: INTEGER}
            - {name: campaign, type: VARCHAR}

        """,
    ]

    let folder: TemporaryDirectory
    let workspace: Workspace

    init(files: [String: String] = APITestMesh.files) async throws {
        folder = try TemporaryDirectory(prefix: "tessera-api")
        for (path, text) in files { try folder.write(path, text) }
        workspace = try Workspace(root: folder.url, warn: { _ in })
        let run = try await workspace.runs.run(RunOptions())
        #expect(run.report.succeeded, "\(run.report.failed.map(\.outcome))")
    }

    /// A token for `principal`, valid for `expires` from `now`.
    func token(_ principal: String, expires: String? = nil, now: Date = Date()) async throws -> String {
        try await newToken(principal, expires: expires, now: now).text
    }

    func newToken(_ principal: String, expires: String? = nil, now: Date = Date()) async throws -> NewToken {
        let tokens = workspace.tokens
        return try await tokens.create(
            principal: tokens.principal(named: principal), expires: try expires.map { try TimeSpan(parsing: $0) },
            name: nil, now: now)
    }

    /// Starts a server, hands its base URL to `body`, and stops it after.
    func serving<T: Sendable>(
        _ configuration: APIServer.Configuration = .init(port: 0), throttle: SignInThrottle = SignInThrottle(),
        _ body: (String) async throws -> T
    ) async throws -> T {
        let server = APIServer(workspace: workspace, configuration: configuration, throttle: throttle)
        let bound = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in bound.continuation.yield(port) } }
        defer { task.cancel() }
        var ports = bound.stream.makeAsyncIterator()
        guard let port = await ports.next() else { throw FixtureError(message: "the server never listened") }
        return try await body("\(configuration.scheme)://127.0.0.1:\(port)")
    }
}

/// One HTTP exchange through curl: its status, headers and body.
struct CurlAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.utf8))
        guard let object = value as? [String: Any] else { throw FixtureError(message: "not a JSON object: \(body)") }
        return object
    }

    /// `error.code` of an error answer.
    var errorCode: String? {
        ((try? json())?["error"] as? [String: Any])?["code"] as? String
    }
}

enum Curl {
    static let executable = URL(fileURLWithPath: "/usr/bin/curl")

    /// Calls `url` with curl; `token` goes in `Authorization: Bearer`, `body` as JSON.
    static func call(
        _ url: String, token: String? = nil, authorization: String? = nil, method: String = "GET", body: String? = nil,
        extra: [String] = []
    ) async throws -> CurlAnswer {
        var arguments = ["-s", "-S", "-D", "-", "-X", method, "--max-time", "60"] + extra
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let authorization { arguments += ["-H", "Authorization: \(authorization)"] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let command = arguments + [url]
        let outcome = try await offThePool { try ProcessRunner.run(executable, command) }
        guard outcome.status == 0 else { throw FixtureError(message: "curl \(url) failed: \(outcome.stderr)") }
        return try parse(outcome.stdout)
    }

    /// Runs blocking work (waiting for a program) on a thread of its own: the server under test
    /// answers on Swift's shared threads, which a waiting test must not hold.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    static func parse(_ output: String) throws -> CurlAnswer {
        guard let split = output.range(of: "\r\n\r\n") else {
            throw FixtureError(message: "no HTTP head in: \(output)")
        }
        let head = output[..<split.lowerBound].split(separator: "\r\n")
        guard let statusLine = head.first, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw FixtureError(message: "no status in: \(output)")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return CurlAnswer(status: status, headers: headers, body: String(output[split.upperBound...]))
    }
}
