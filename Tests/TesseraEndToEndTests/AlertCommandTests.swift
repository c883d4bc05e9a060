import Foundation
import Testing

/// Alerts through the real binary: a failed `tessera run` delivers one `run_failed` to each
/// webhook before it exits, a blocked publish one `publish_blocked`; `tessera alerts` lists them
/// with their state; a webhook answering 404 is failed at once. The webhook's URL — its secret
/// path — appears in no output, run log or file of the state folder. The receiver runs in a
/// process of its own (`WebhookReceiver`), so a loaded test process cannot make it miss the
/// binary's short timeout.
@Suite struct AlertCommandTests {
    static let envSecret = "EnvHookZ8Secret"
    static let literalSecret = "LiteralHookK2Secret"

    func mesh(_ server: WebhookReceiver, in dir: TemporaryDirectory, model: String, product: String? = nil) throws {
        try dir.write(
            "tessera.yaml",
            """
            mesh: acme
            governance: {require_description: false, require_classification: false}
            alerts:
              - {webhook: "${TEAM_HOOK}", format: slack}
              - {webhook: "\(server.url("/json/\(Self.literalSecret)"))", on: [run_failed, publish_blocked]}

            """)
        try dir.write("domains/sales/domain.yaml", "owner: sales@acme.example\n")
        try dir.write(
            "domains/sales/sources/orders.yaml",
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n")
        try dir.write("domains/sales/data/orders.csv", "order_id,amount\n1,10\n1,20\n")
        try dir.write("domains/sales/models/orders.sql", model)
        if let product { try dir.write("domains/sales/products/orders.yaml", product) }
    }

    func environment(_ server: WebhookReceiver) -> [String: String] {
        ["TEAM_HOOK": server.url("/slack/\(Self.envSecret)")]
    }

    /// The binary on a thread of its own: the receiver runs on this process's cooperative threads,
    /// which a test waiting for the child must not hold.
    func tessera(_ arguments: [String], in directory: URL, environment: [String: String]) async throws
        -> TesseraBinary.Outcome
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try TesseraBinary.run(arguments, in: directory, environment: environment) })
            }
        }
    }

    func bodies(_ server: WebhookReceiver) throws -> [String: [[String: Any]]] {
        var found: [String: [[String: Any]]] = [:]
        for request in try server.requests() {
            #expect(request.contentType == "application/json")
            found[request.path.hasPrefix("/slack/") ? "slack" : "json", default: []].append(request.body)
        }
        return found
    }

    func assertNoSecret(in printed: String, _ dir: TemporaryDirectory) {
        for secret in [Self.envSecret, Self.literalSecret] {
            #expect(!printed.contains(secret), "printed: \(secret)\n\(printed)")
        }
        let state = dir.url.appendingPathComponent(".tessera")
        #expect(SecretLeakTests.filesHolding([Self.envSecret, Self.literalSecret], below: state) == [])
    }

    @Test func aFailedRunDeliversRunFailedAndAlertsListsIt() async throws {
        let dir = try TemporaryDirectory()
        let server = try WebhookReceiver(status: 200)
        try mesh(server, in: dir, model: "select no_such_column from src.orders\n")
        let run = try await tessera(["run"], in: dir.url, environment: environment(server))
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("alerts: 2 delivered"), "\(run.stdout)")
        let bodies = try bodies(server)
        let text = try #require(bodies["slack"]?.first?["text"] as? String)
        #expect(bodies["slack"]?.count == 1 && bodies["json"]?.count == 1, "\(bodies)")
        #expect(text.hasPrefix("[tessera] run failed in sales: sales.orders: sales.orders failed (build):"), "\(text)")
        let json = try #require(bodies["json"]?.first)
        #expect(json["event"] as? String == "run_failed" && json["node"] as? String == "sales.orders")
        let runID = try #require(json["runId"] as? String)
        #expect(text.contains("run \(runID)"))

        let listed = try await tessera(
            ["alerts", "--format", "json"], in: dir.url, environment: environment(server))
        #expect(listed.status == 0, "\(listed.stderr)")
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(alerts.map { $0["state"] as? String } == ["delivered", "delivered"])
        #expect(
            Set(alerts.compactMap { $0["webhook"] as? String }) == ["tessera.yaml alerts[1]", "tessera.yaml alerts[2]"])
        #expect(alerts.allSatisfy { $0["runId"] as? String == runID && $0["attempts"] as? Int == 1 })
        let table = try await tessera(["alerts"], in: dir.url, environment: environment(server))
        #expect(table.stdout.contains("run_failed") && table.stdout.contains("delivered"), "\(table.stdout)")
        assertNoSecret(in: run.stdout + run.stderr + listed.stdout + table.stdout + table.stderr, dir)
    }

    @Test func aBlockedPublishDeliversPublishBlockedNotRunFailed() async throws {
        let dir = try TemporaryDirectory()
        let server = try WebhookReceiver(status: 200)
        let product = """
            version: 1.0.0
            contract:
              columns:
                - {name: order_id, type: BIGINT}
                - {name: amount, type: BIGINT}
            checks:
              - unique: order_id

            """
        try mesh(server, in: dir, model: "select order_id, amount from src.orders\n", product: product)
        let run = try await tessera(["run", "--format", "json"], in: dir.url, environment: environment(server))
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let bodies = try bodies(server)
        #expect(bodies["json"]?.map { $0["event"] as? String } == ["publish_blocked"], "\(bodies)")
        let text = try #require(bodies["slack"]?.first?["text"] as? String)
        #expect(bodies["slack"]?.count == 1)
        #expect(text.hasPrefix("[tessera] publish blocked in sales: sales.orders: not published: "), "\(text)")
        assertNoSecret(in: run.stdout + run.stderr, dir)
    }

    @Test func aWebhookAnswering404IsFailedAtOnceNamingItsHostAlone() async throws {
        let dir = try TemporaryDirectory()
        let server = try WebhookReceiver(status: 404)
        try mesh(server, in: dir, model: "select no_such_column from src.orders\n")
        let run = try await tessera(["run"], in: dir.url, environment: environment(server))
        #expect(run.stdout.contains("alerts: 2 failed"), "\(run.stdout)")
        let table = try await tessera(["alerts"], in: dir.url, environment: environment(server))
        #expect(table.stdout.contains("failed") && table.stdout.contains("HTTP 404 from 127.0.0.1"), "\(table.stdout)")
        #expect(try server.requests().count == 2, "one attempt each, no retry")
        assertNoSecret(in: run.stdout + run.stderr + table.stdout, dir)
    }
}
