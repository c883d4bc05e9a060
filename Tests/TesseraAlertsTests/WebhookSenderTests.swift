import FlyingFox
import Foundation
import Testing
import TesseraAlerts
import TesseraModel
import TesseraTesting

/// A webhook on a local receiver: the body arrives as declared; the answer decides the outcome;
/// what is said about a failure names the host, never the URL's secret path.
@Suite struct WebhookSenderTests {
    static let secret = "T00/B00/XsecretPathQ9"

    func webhook(_ server: FixtureServer, format: AlertRule.Format) -> Webhook {
        let url = server.url("/hooks/\(Self.secret)")
        let rule = AlertRule(
            webhook: ConfigString(template: "${HOOK}", value: url, variables: ["HOOK"]), format: format,
            location: SourceLocation(file: "tessera.yaml", line: 4, column: 5))
        return Webhook(place: "tessera.yaml alerts[1]", rule: rule, domain: nil)
    }

    /// Generous: a timeout is not what these tests are about, and a loaded machine (every suite at
    /// once) can keep the local receiver from answering for seconds.
    let sender = WebhookSender(timeout: .seconds(60))

    @Test func aSlackWebhookGetsItsTextAndA200Delivers() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .ok) }
        defer { Task { await server.stop() } }
        let outcome = await sender.send(
            WebhookBodyTests.event, to: webhook(server, format: .slack), attempt: 1, now: Date())
        #expect(outcome == .delivered)
        let requests = await server.log.entries
        #expect(requests.count == 1)
        #expect(requests.first?.method == "POST")
        #expect(requests.first?.path == "/hooks/\(Self.secret)")
        #expect(requests.first?.headers["content-type"] == "application/json")
        let body = try JSONSerialization.jsonObject(with: requests.first?.body ?? Data()) as? [String: String]
        #expect(body?["text"]?.contains("sales.orders") == true)
    }

    @Test func a500IsRetriedAndA404FailsNamingTheHostAlone() async throws {
        let server = try await FixtureServer.start { request in
            HTTPResponse(statusCode: request.hit == 1 ? .internalServerError : .notFound)
        }
        defer { Task { await server.stop() } }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let hook = webhook(server, format: .json)
        let first = await sender.send(WebhookBodyTests.event, to: hook, attempt: 1, now: now)
        #expect(first == .retry(at: now.addingTimeInterval(10), error: "HTTP 500 from 127.0.0.1"))
        let second = await sender.send(WebhookBodyTests.event, to: hook, attempt: 2, now: now)
        #expect(second == .failed(error: "HTTP 404 from 127.0.0.1"))
    }

    @Test func aClosedPortIsAConnectionFailureToRetry() async throws {
        let server = try await FixtureServer.start { _ in HTTPResponse(statusCode: .ok) }
        let hook = webhook(server, format: .json)
        await server.stop()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let outcome = await sender.send(
            WebhookBodyTests.event, to: hook, attempt: 1, now: now)
        guard case .retry(let at, let error) = outcome else {
            Issue.record("a refused connection is retried: \(outcome)")
            return
        }
        #expect(at == now.addingTimeInterval(10))
        #expect(error.hasSuffix("(127.0.0.1)") && !error.contains(Self.secret), "\(error)")
    }
}
