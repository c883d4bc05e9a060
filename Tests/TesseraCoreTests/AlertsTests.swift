import FlyingFox
import Foundation
import Testing
import TesseraCore
import TesseraModel
import TesseraTesting

/// Alerts through the core, as the service uses it: a run appends its events to the outbox, one
/// row per webhook that wants each; `deliverPending(now:)` sends what is due, with the time given
/// (no sleeping) so that retries can be followed attempt by attempt.
@Suite struct AlertsTests {
    static let secret = "T0SECRET/B0SECRET/xAlertsCoreQ3"
    /// Generous: the receiver shares this process with every suite running at once, and a timeout
    /// is not what these tests are about.
    static let patience: Duration = .seconds(60)

    static let base: [String: String] = [
        "domains/sales/domain.yaml": "owner: sales@acme.example\n",
        "domains/sales/sources/orders.yaml":
            "connector: {type: csv, path: domains/sales/data/*.csv}\nload: {mode: full}\n",
        "domains/sales/data/orders.csv": "order_id,amount\n1,10\n1,20\n2,-5\n",
        "domains/finance/domain.yaml": "owner: finance@acme.example\n",
    ]

    /// A mesh whose tessera.yaml posts to `server`: a slack webhook for every event and a json one
    /// for `on`.
    static func mesh(_ files: [String: String], server: FixtureServer, on: String = "[run_failed, publish_blocked]")
        throws -> (TemporaryDirectory, [String: String])
    {
        let dir = try TemporaryDirectory()
        for (path, text) in base.merging(files, uniquingKeysWith: { $1 }) { try dir.write(path, text) }
        try dir.write(
            "tessera.yaml",
            """
            mesh: acme
            governance: {require_description: false, require_classification: false}
            alerts:
              - {webhook: "${SLACK_HOOK}", format: slack}
              - {webhook: "${JSON_HOOK}", format: json, on: \(on)}

            """)
        let variables = ProcessInfo.processInfo.environment.merging([
            "SLACK_HOOK": server.url("/slack/\(secret)"), "JSON_HOOK": server.url("/json/\(secret)"),
        ]) { $1 }
        return (dir, variables)
    }

    static let failing = ["domains/sales/models/broken.sql": "select no_such_column from src.orders\n"]

    static let blocked = [
        "domains/sales/models/orders.sql": "select order_id, amount from src.orders\n",
        "domains/sales/products/orders.yaml": """
        version: 1.0.0
        contract:
          columns:
            - {name: order_id, type: BIGINT}
            - {name: amount, type: BIGINT}
        checks:
          - unique: order_id
          - range: {column: amount, min: 0, severity: warn}

        """,
    ]

    func bodies(_ server: FixtureServer, _ prefix: String) async throws -> [[String: Any]] {
        try await server.log.entries.filter { $0.path.hasPrefix(prefix) }.map {
            try #require(try JSONSerialization.jsonObject(with: $0.body) as? [String: Any])
        }
    }

    @Test func aFailedRunDeliversOneRunFailedToEachWebhook() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .ok) }
        defer { Task { await server.stop() } }
        let (dir, variables) = try Self.mesh(Self.failing, server: server)
        let workspace = try Workspace(root: dir.url, variables: variables, warn: { _ in })
        let run = try await workspace.runs.run(RunOptions())
        #expect(!run.report.succeeded)
        let pending = try await workspace.alerts.list()
        #expect(pending.map(\.state) == [.pending, .pending] && pending.allSatisfy { $0.event == "run_failed" })

        let sent = try await workspace.alerts.deliverPending(now: Date(), timeout: Self.patience)
        #expect(sent.delivered == 2 && sent.pending == 0 && sent.failed == 0)
        let slack = try await bodies(server, "/slack/")
        #expect(slack.count == 1)
        let text = try #require(slack.first?["text"] as? String)
        #expect(text.hasPrefix("[tessera] run failed in sales: sales.broken: sales.broken failed (build):"), "\(text)")
        #expect(text.contains("run \(run.report.runID)") && text.contains("environment dev"), "\(text)")
        let json = try #require(try await bodies(server, "/json/").first)
        #expect(json["event"] as? String == "run_failed")
        #expect(json["domain"] as? String == "sales" && json["node"] as? String == "sales.broken")
        #expect(json["runId"] as? String == run.report.runID)
        #expect((json["message"] as? String)?.contains("no_such_column") == true)
        #expect(try await workspace.alerts.list().map(\.state) == [.delivered, .delivered])
        #expect(try await workspace.alerts.deliverPending(now: Date().addingTimeInterval(3_600)).isEmpty)
    }

    @Test func aBlockedPublishIsPublishBlockedAndWarnChecksOnlyWhereWanted() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .noContent) }
        defer { Task { await server.stop() } }
        let (dir, variables) = try Self.mesh(Self.blocked, server: server)
        let workspace = try Workspace(root: dir.url, variables: variables, warn: { _ in })
        _ = try await workspace.runs.run(RunOptions())
        let sent = try await workspace.alerts.deliverPending(now: Date(), timeout: Self.patience)
        #expect(sent.delivered == 3, "slack: publish_blocked and warn_checks; json: publish_blocked")
        let json = try await bodies(server, "/json/")
        #expect(json.map { $0["event"] as? String } == ["publish_blocked"], "no run_failed for a blocked publish")
        #expect(json.first?["node"] as? String == "sales.orders")
        #expect((json.first?["message"] as? String)?.contains("check unique(order_id) failed") == true, "\(json)")
        let slack = try await bodies(server, "/slack/").compactMap { $0["text"] as? String }.sorted()
        #expect(slack.count == 2)
        #expect(slack.first?.hasPrefix("[tessera] publish blocked in sales: sales.orders: not published:") == true)
        #expect(slack.last?.hasPrefix("[tessera] warn checks in sales: sales.orders: 1 warn check failed:") == true)
    }

    @Test func driftOverItsThresholdIsADriftAlert() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .ok) }
        defer { Task { await server.stop() } }
        var files = Self.blocked
        files["domains/sales/products/orders.yaml"] = """
            version: 1.0.0
            contract:
              columns:
                - {name: order_id, type: BIGINT}
                - {name: amount, type: BIGINT}
            drift: {row_count_pct: 50}

            """
        let (dir, variables) = try Self.mesh(files, server: server, on: "[drift]")
        let workspace = try Workspace(root: dir.url, variables: variables, warn: { _ in })
        _ = try await workspace.runs.run(RunOptions())
        try dir.write("domains/sales/data/more.csv", "order_id,amount\n3,1\n4,1\n5,1\n6,1\n7,1\n8,1\n")
        let second = try await workspace.runs.run(RunOptions())
        #expect(second.report.succeeded, "drift at warn severity publishes")
        _ = try await workspace.alerts.deliverPending(now: Date(), timeout: Self.patience)
        let json = try await bodies(server, "/json/")
        #expect(json.map { $0["event"] as? String } == ["drift"], "the first run has nothing to compare with")
        #expect(json.first?["runId"] as? String == second.report.runID)
        #expect((json.first?["message"] as? String)?.hasPrefix("drift over its thresholds (warn): ") == true, "\(json)")
    }

    @Test func a500IsRetriedWithBackoffUntilA200() async throws {
        let server = try await FixtureServer.start { request in
            HTTPResponse(statusCode: request.hit == 1 ? .internalServerError : .ok)
        }
        defer { Task { await server.stop() } }
        let (dir, variables) = try Self.mesh(Self.failing, server: server, on: "[sla_missed]")
        let workspace = try Workspace(root: dir.url, variables: variables, warn: { _ in })
        _ = try await workspace.runs.run(RunOptions())
        let start = Date()
        let first = try await workspace.alerts.deliverPending(now: start, timeout: Self.patience)
        #expect(first.pending == 1 && first.delivered == 0)
        let waiting = try #require(try await workspace.alerts.list().first)
        #expect(waiting.attempts == 1 && waiting.lastError == "HTTP 500 from 127.0.0.1")
        let next = try #require(waiting.nextAttemptAt)
        #expect(abs(next.timeIntervalSince(start) - 10) < 0.01, "the first retry is 10 s later")
        #expect(
            try await workspace.alerts.deliverPending(now: start.addingTimeInterval(5), timeout: Self.patience).isEmpty,
            "not due yet")
        let second = try await workspace.alerts.deliverPending(
            now: start.addingTimeInterval(11), timeout: Self.patience)
        #expect(second.delivered == 1)
        let delivered = try #require(try await workspace.alerts.list().first)
        #expect(delivered.state == .delivered && delivered.attempts == 2 && delivered.lastError == nil)
        #expect(await server.log.count("/slack/\(Self.secret)") == 2)
    }

    @Test func a404FailsAtOnceAndIsNeverRetried() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .notFound) }
        defer { Task { await server.stop() } }
        let (dir, variables) = try Self.mesh(Self.failing, server: server, on: "[sla_missed]")
        let workspace = try Workspace(root: dir.url, variables: variables, warn: { _ in })
        _ = try await workspace.runs.run(RunOptions())
        let sent = try await workspace.alerts.deliverPending(now: Date(), timeout: Self.patience)
        #expect(sent.failed == 1)
        #expect(try await workspace.alerts.deliverPending(now: Date().addingTimeInterval(86_400)).isEmpty)
        #expect(await server.log.entries.count == 1)
        let failed = try #require(try await workspace.alerts.list().first)
        #expect(failed.state == .failed && failed.lastError == "HTTP 404 from 127.0.0.1" && failed.nextAttemptAt == nil)
    }

    @Test func theServiceRaisesAnSLAMissThatGoesWhereItIsWanted() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .ok) }
        defer { Task { await server.stop() } }
        let (dir, variables) = try Self.mesh([:], server: server, on: "[sla_missed]")
        let workspace = try Workspace(root: dir.url, variables: variables, warn: { _ in })
        let now = Date()
        try await workspace.alerts.raise(
            .slaMissed(
                node: NodeID(.source, "sales", "orders"), freshness: TimeSpan(seconds: 3_600), lastData: nil,
                environment: workspace.environment, time: now))
        #expect(try await workspace.alerts.deliverPending(now: now, timeout: Self.patience).delivered == 2)
        let json = try #require(try await bodies(server, "/json/").first)
        #expect(json["event"] as? String == "sla_missed" && json["node"] as? String == "sales.src.orders")
        #expect(json["message"] as? String == "sales.src.orders is past its freshness SLA of 1h: it never had data")
    }

    @Test func aWebhookWhoseVariableIsUnsetGetsNothingAndNoRow() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .ok) }
        defer { Task { await server.stop() } }
        let (dir, all) = try Self.mesh(Self.failing, server: server)
        var variables = all
        variables["JSON_HOOK"] = nil
        let workspace = try Workspace(root: dir.url, variables: variables, warn: { _ in })
        _ = try await workspace.runs.run(RunOptions())
        #expect(try await workspace.alerts.list().map(\.webhook) == ["tessera.yaml alerts[1]"])
    }
}
